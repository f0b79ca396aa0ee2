"""Workbooks (XLSX, XLSM, XLSB, XLS, ODS) through calamine: every cell as the text it shows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl
import python_calamine as calamine

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.layout import META_SHEET
from bulkio.readers.cell_text import CellValue, column_text, format_cell
from bulkio.readers.header import (
    SAMPLE_ROWS,
    HeaderCell,
    column_letter,
    detect_header_row,
    looks_like_text,
    name_columns,
)
from bulkio.readers.limits import check_workbook, native_reading
from bulkio.readers.ods_merges import MergedRange, ods_merges
from bulkio.readers.source import Source, SourceKind, stream_digest
from bulkio.readers.table import SourceTable, empty_frame
from bulkio.readers.text_sheet import TextGrid, read_text_sheet


class WorkbookSource(Source):
    """A workbook, opened once with calamine; each sheet is parsed on first use and kept."""

    kind = SourceKind.WORKBOOK

    def __init__(self, path: Path, stream: BinaryIO) -> None:
        super().__init__(path)
        self._stream = stream
        self._book, self._plain_text = _open_workbook(path, stream)
        self._grids: dict[str, Any] = {}
        self._ods_merges: dict[str, list[MergedRange]] | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self._book.sheet_names)

    @property
    def hidden_sheets(self) -> frozenset[str]:
        with native_reading(self.path):
            return frozenset(
                meta.name
                for meta in self._book.sheets_metadata
                if meta.visible != calamine.SheetVisibleEnum.Visible
            )

    @property
    def layout_rows(self) -> list[list[str]]:
        if META_SHEET not in self.sheet_names:
            return []
        grid = self._grid(META_SHEET)
        return [[format_cell(v) or "" for v in row] for row in grid.iter_rows()]

    def table(
        self,
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> SourceTable:
        del encoding, delimiter  # CSV settings: a workbook has its cells
        path = self.path
        names = self.sheet_names
        name = _pick_sheet(path, names, sheet)
        grid = self._grid(name)
        if grid.start is None or grid.height == 0:
            raise InputFileError(
                f"sheet '{name}' in '{path.name}' is empty",
                hint=f"Choose the sheet that holds the data; the workbook has: {', '.join(names)}.",
            )
        first_col = grid.start[1]
        first_row = _row_base(grid)
        last_row = grid.end[0] + 1
        width = grid.width
        index = _header_index(path, name, grid, first_row, last_row, header_row)
        header_values = _row_at(grid, index)
        merged = _merged_ranges(grid) or self._merges_of_ods(name)
        cells = [
            HeaderCell(
                format_cell(header_values[j]) if j < len(header_values) else None,
                first_col + j,
                _covering_merge(merged, first_row + index, first_col + j),
                _merged_from_above(grid, merged, first_row, first_row + index, first_col + j),
            )
            for j in range(width)
        ]
        header_number = first_row + index + 1
        columns, notes = name_columns(cells, header_number, name)
        if not any(any(v != "" for v in row) for row in islice(grid.iter_rows(), index + 1, None)):
            notes.append(
                RowIssue(
                    "the sheet has a header row but no data rows",
                    row=header_number,
                    sheet=name,
                    severity=Severity.WARNING,
                )
            )

        data_start = first_row + index + 1  # the sheet index of the first data row
        fills = _vertical_merges(merged, data_start, first_col, width)
        if fills:
            notes.append(_filled_note(fills, name))

        def source(rows: int) -> Iterator[pl.DataFrame]:
            if isinstance(grid, TextGrid):
                yield from grid.batches(index + 1, first_row + index + 2, columns, rows)
                return
            with native_reading(path):
                yield from _stream(grid, index + 1, first_row, width, columns, rows, fills)

        return SourceTable(
            path=path,
            sheet=name,
            header_row=header_number,
            columns=columns,
            notes=notes,
            _source=source,
        )

    def digest(self) -> str:
        return stream_digest(self._stream)

    def close(self) -> None:
        self._grids.clear()
        self._book.close()
        self._stream.close()

    def _merges_of_ods(self, name: str) -> list[MergedRange]:
        """The sheet's merged cells as ODS marks them (calamine reports none for ODS),
        read once for all sheets; none for other workbooks."""
        if self._ods_merges is None:
            self._stream.seek(0)
            is_zip = self._stream.read(4) == b"PK\x03\x04"
            self._ods_merges = ods_merges(self.path, self._stream) if is_zip else {}
        return self._ods_merges.get(name, [])

    def _grid(self, name: str) -> Any:
        """The sheet as calamine parsed it (or, plain text, as text columns), parsed on
        first use."""
        if name not in self._grids and self._plain_text:
            self._stream.seek(0)
            text = read_text_sheet(self._stream.read(), name)
            if text is not None:
                self._grids[name] = text
        if name not in self._grids:
            with native_reading(self.path):
                try:
                    self._grids[name] = self._book.get_sheet_by_name(name)
                except calamine.CalamineError as exc:
                    raise _unreadable(self.path, exc) from None
        return self._grids[name]


def _open_workbook(path: Path, stream: BinaryIO) -> tuple[Any, bool]:
    """The workbook opened by calamine, once its limits are checked (see ``limits``), and
    whether its sheets are plain text (see ``check_workbook``)."""
    plain_text = check_workbook(path, stream)
    stream.seek(0)
    with native_reading(path):
        try:
            return calamine.CalamineWorkbook.from_filelike(stream), plain_text
        except calamine.PasswordError:
            raise _password_protected(path) from None
        except calamine.CalamineError as exc:
            raise _unreadable(path, exc) from None


def _password_protected(path: Path) -> InputFileError:
    return InputFileError(
        f"'{path.name}' is password-protected, so it cannot be read",
        hint="Open it in Excel, remove the password (File > Info > Protect Workbook) and save it.",
    )


def _unreadable(path: Path, exc: Exception) -> InputFileError:
    if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return _password_protected(path)
    return InputFileError(
        f"'{path.name}' is damaged or not a workbook ({exc})",
        hint="Open it in Excel or LibreOffice and save it again as .xlsx.",
    )


def _pick_sheet(path: Path, names: list[str], sheet: str | int | None) -> str:
    listing = ", ".join(f"'{n}'" for n in names)
    if not names:
        raise InputFileError(f"'{path.name}' has no sheets", hint="Choose another file.")
    if sheet is None:
        return names[0]
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise InputFileError(
            f"'{path.name}' has no sheet number {sheet} (counting from 0); "
            f"it has {len(names)} sheet(s): {listing}",
            hint="Choose one of these sheets by name or by number.",
        )
    if sheet in names:
        return sheet
    folded = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise InputFileError(
        f"no sheet '{sheet}' in '{path.name}'; the workbook has: {listing}",
        hint="Choose one of these sheets by name or by number.",
    )


def _row_base(grid: Any) -> int:
    """The 0-based sheet row of the first row ``iter_rows`` yields. Depending on the version
    and format, calamine yields rows from the first used row or from row 1; the first used row
    always holds a value, so an empty first row means the rows start at the top."""
    first_used: int = grid.start[0]
    if first_used == 0:
        return 0
    top: list[CellValue] = next(iter(grid.iter_rows()), [])
    return first_used if any(v != "" for v in top) else 0


def _header_index(
    path: Path, name: str, grid: Any, first_row: int, last: int, header_row: int | None
) -> int:
    if header_row is not None:
        index = header_row - 1 - first_row
        if header_row < 1 or header_row > last:
            raise InputFileError(
                f"header row {header_row} is beyond the data: sheet '{name}' in "
                f"'{path.name}' ends at row {last}",
                hint="Give the number of the row that holds the column names, as the "
                "spreadsheet shows it, or leave it out to detect it.",
            )
        if index < 0 or all(format_cell(v) is None for v in _row_at(grid, index)):
            raise InputFileError(
                f"row {header_row} of sheet '{name}' is empty, so it cannot be the header row",
                hint="Give the number of the row that holds the column names.",
            )
        return index
    sample = list(islice(grid.iter_rows(), SAMPLE_ROWS))
    texts = [[format_cell(v) for v in row] for row in sample]
    text_cells = [
        sum(1 for v in row if isinstance(v, str) and v.strip() and looks_like_text(v))
        for row in sample
    ]
    return detect_header_row(texts, text_cells)


def _row_at(grid: Any, index: int) -> list[CellValue]:
    return list(next(islice(grid.iter_rows(), index, None), []))


def _merged_ranges(grid: Any) -> list[MergedRange]:
    try:
        merged = grid.merged_cell_ranges
    except (AttributeError, calamine.CalamineError):
        return []
    return list(merged or [])


def _covering_merge(merged: Sequence[MergedRange], row: int, col: int) -> str | None:
    """ "C3:E3" when the cell at (row, col) is inside a merge but not its first cell."""
    for (r0, c0), (r1, c1) in merged:
        if r0 <= row <= r1 and c0 <= col <= c1 and (row, col) != (r0, c0):
            return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
    return None


def _merged_from_above(
    grid: Any, merged: Sequence[MergedRange], first_row: int, row: int, col: int
) -> str | None:
    """The text of a merge that starts above the header row in this column and reaches down
    into it (a "Firma" cell merged over a two-row header), else None."""
    for (r0, c0), (r1, _c1) in merged:
        if c0 == col and r0 < row <= r1 and r0 >= first_row:
            values = _row_at(grid, r0 - first_row)
            offset = col - grid.start[1]
            return format_cell(values[offset]) if offset < len(values) else None
    return None


def _vertical_merges(
    merged: Sequence[MergedRange], data_start: int, first_col: int, width: int
) -> list[MergedRange]:
    """The merges among the data rows that span rows (a "Firma" cell merged over the rows of
    its contacts), in sheet order."""
    return sorted(
        ((r0, c0), (r1, c1))
        for (r0, c0), (r1, c1) in merged
        if r1 > r0 and r0 >= data_start and first_col <= c0 < first_col + width
    )


def _filled_note(fills: Sequence[MergedRange], sheet: str) -> RowIssue:
    shown = ", ".join(
        f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        for (r0, c0), (r1, c1) in fills[:5]
    )
    more = f" and {len(fills) - 5} more" if len(fills) > 5 else ""
    return RowIssue(
        f"{len(fills)} merged cell(s) span several rows ({shown}{more}); each of their rows "
        "takes the merged value",
        sheet=sheet,
        severity=Severity.WARNING,
    )


def _fill_down(
    chunk: list[list[CellValue]],
    first_index: int,
    first_col: int,
    fills: Sequence[MergedRange],
    tops: dict[tuple[int, int], CellValue],
) -> None:
    """Give each cell under a vertical merge the merge's value. ``tops`` keeps the value of
    each merge's first cell, which may have come in an earlier chunk."""
    last = first_index + len(chunk) - 1
    for (r0, c0), (r1, _) in fills:
        if r0 > last:
            break
        if r1 < first_index:
            continue
        j = c0 - first_col
        for i in range(max(r0, first_index), min(r1, last) + 1):
            row = chunk[i - first_index]
            if i == r0:
                tops[(r0, c0)] = row[j] if j < len(row) else ""
            elif j < len(row):
                row[j] = tops.get((r0, c0), "")


def _stream(
    grid: Any,
    skip: int,
    first_row: int,
    width: int,
    columns: list[str],
    rows: int,
    fills: Sequence[MergedRange] = (),
) -> Iterator[pl.DataFrame]:
    source = islice(grid.iter_rows(), skip, None)
    number = first_row + skip + 1  # the sheet row number of the next row
    tops: dict[tuple[int, int], CellValue] = {}
    first_col = grid.start[1]
    while chunk := list(islice(source, rows)):
        if fills:
            chunk = [(row + [""] * width)[:width] for row in chunk]
            _fill_down(chunk, number - 1, first_col, fills, tops)
        frame = _frame(chunk, number, width, columns)
        number += len(chunk)
        if frame.height:
            yield frame


def _frame(
    chunk: list[list[CellValue]], first_number: int, width: int, columns: list[str]
) -> pl.DataFrame:
    """The chunk's rows as String columns plus ROW_COLUMN; empty text becomes null and
    rows without any value are dropped."""
    if not columns:
        return empty_frame(columns)
    if any(len(row) != width for row in chunk):
        chunk = [(row + [""] * width)[:width] for row in chunk]
    if {value.__class__ for row in chunk for value in row} == {str}:
        # The common case, every cell text: polars builds the columns from the rows at once.
        frame = pl.DataFrame(chunk, schema=dict.fromkeys(columns, pl.String), orient="row")
    else:
        frame = pl.DataFrame(
            [
                pl.Series(name, column_text(values), pl.String)
                for name, values in zip(columns, zip(*chunk, strict=True), strict=True)
            ]
        )
    numbers = pl.int_range(first_number, first_number + len(chunk), dtype=pl.Int64, eager=True)
    frame = frame.with_columns(numbers.alias(ROW_COLUMN))
    return frame.with_columns(pl.when(pl.col(columns) != "").then(pl.col(columns))).filter(
        pl.any_horizontal(pl.col(columns).is_not_null())
    )
