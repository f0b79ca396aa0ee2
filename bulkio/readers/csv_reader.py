"""CSV and other delimited text files: any common encoding, sniffed delimiter, streamed reading."""

from __future__ import annotations

import codecs
import csv
import shutil
import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import polars as pl

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.readers.delimiter import sniff_delimiter
from bulkio.readers.header import (
    SAMPLE_ROWS,
    HeaderCell,
    detect_header_row,
    looks_like_text,
    name_columns,
)
from bulkio.readers.table import SourceTable
from bulkio.readers.text_encoding import (
    SAMPLE_BYTES,
    DetectedEncoding,
    detect_encoding,
    named_encoding,
    transcode_to_utf8,
    undecodable,
)

WIDTH_SAMPLE_RECORDS = 1000
MAX_COLUMNS = 16_384  # a workbook's limit: reports and results show every column
MAX_MIXED_LINES_SHOWN = 10
SPARE_COLUMNS = 8  # room for rows wider than the sample, so they are noticed, not lost
MAX_WIDE_ROW_NOTES = 20
_EXTRA = "__extra__"
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_DELIMITER_ALIASES = {name: char for char, name in _DELIMITER_NAMES.items()} | {"\\t": "\t"}


def open_csv(
    path: Path,
    *,
    header_row: int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> SourceTable:
    """Open a delimited text file; see :func:`bulkio.readers.open_table`."""
    with path.open("rb") as stream:
        head = stream.read(SAMPLE_BYTES)
    if not head.lstrip(codecs.BOM_UTF8).strip(b" \t\r\n\x00\xff\xfe"):
        raise InputFileError(
            f"the file is empty: {path}",
            hint="Export the sheet again, or choose the file that holds the data.",
        )
    detected = named_encoding(encoding) if encoding else detect_encoding(path, head)
    notes: list[RowIssue] = []
    if detected.guessed:
        notes.append(
            RowIssue(
                f"the file has no encoding mark and is not UTF-8; it was read as "
                f"{detected.label}. If letters such as ä, ö, ü or € look wrong, "
                "save the file as 'CSV UTF-8' or name its encoding",
                severity=Severity.WARNING,
            )
        )
    if detected.mixed_lines:
        notes.append(_mixed_note(detected.mixed_lines))
    sample = _decode_sample(path, head, detected)
    line_end = "\r" if "\r" in sample and "\n" not in sample else "\n"  # Excel for Mac: CR
    if delimiter is None:
        delimiter = sniff_delimiter(sample)
    delimiter = _DELIMITER_ALIASES.get(delimiter.lower(), delimiter)
    if len(delimiter) != 1 or not delimiter.isascii():
        raise InputFileError(
            f"the delimiter must be one plain (ASCII) character, not '{delimiter}'",
            hint="Use one of , ; | or a tab.",
        )

    records, exhausted = _first_records(path, detected, delimiter, header_row)
    width = max((len(r) for r in records), default=0)
    index = _header_index(records, header_row, path)
    header = records[index]
    data = records[index + 1 :]
    kept = _kept_columns(header, data, width)
    if len(kept) > MAX_COLUMNS:
        raise InputFileError(
            f"'{path.name}' has {len(kept):,} columns; bulkio reads at most {MAX_COLUMNS:,} "
            "(as many as a workbook holds, so reports can show every column)",
            hint="Delete the columns you do not need, or split the file, and try again.",
        )
    cells = [HeaderCell(header[i] if i < len(header) else None, i) for i in kept]
    columns, name_notes = name_columns(cells, index + 1, None)
    notes.extend(name_notes)
    if exhausted and not any(any(cell.strip() for cell in r) for r in data):
        notes.append(
            RowIssue(
                "the file has a header row but no data rows",
                row=index + 1,
                severity=Severity.WARNING,
            )
        )

    def source(rows: int) -> Iterator[pl.DataFrame]:
        return _stream(
            path, detected, delimiter, line_end, width, index + 1, kept, columns, rows, notes
        )

    return SourceTable(
        path=path,
        sheet=None,
        header_row=index + 1,
        columns=columns,
        notes=notes,
        encoding=detected.label,
        delimiter=delimiter,
        _source=source,
    )


def delimiter_name(delimiter: str) -> str:
    """ "semicolon" for ";", as said in messages."""
    return _DELIMITER_NAMES.get(delimiter, f"'{delimiter}'")


def _decode_sample(path: Path, head: bytes, detected: DetectedEncoding) -> str:
    decoder = codecs.getincrementaldecoder(detected.codec)(errors=detected.errors)
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:
        raise undecodable(path, detected, exc) from None


def _first_records(
    path: Path, detected: DetectedEncoding, delimiter: str, header_row: int | None
) -> tuple[list[list[str]], bool]:
    """The first records as the csv module reads them, and whether that was the whole file."""
    wanted = max(WIDTH_SAMPLE_RECORDS, (header_row or 0) + SAMPLE_ROWS)
    records: list[list[str]] = []
    with path.open(encoding=detected.codec, newline="", errors=detected.errors) as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            records.extend(islice(reader, wanted + 1))
        except UnicodeDecodeError as exc:
            raise undecodable(path, detected, exc) from None
        except csv.Error as exc:
            raise _csv_error(path, len(records) + 1, exc) from None
    exhausted = len(records) <= wanted
    return records[:wanted], exhausted


def _csv_error(path: Path, row: int, exc: csv.Error) -> InputFileError:
    if "field limit" in str(exc):
        return InputFileError(
            f"cannot read '{path.name}' as CSV: a value in row {row} runs on for more than "
            f"{csv.field_size_limit():,} characters",
            hint=f'Usually a quote (") in row {row} is never closed: check that row in a text '
            "editor, or export the file from the spreadsheet again.",
        )
    return InputFileError(
        f"cannot read '{path.name}' as CSV: row {row}: {exc}",
        hint="Check the file in a text editor, or export it from the spreadsheet again.",
    )


def _mixed_note(lines: tuple[int, ...]) -> RowIssue:
    shown = ", ".join(str(n) for n in lines[:MAX_MIXED_LINES_SHOWN])
    more = (
        f" and {len(lines) - MAX_MIXED_LINES_SHOWN} more"
        if len(lines) > MAX_MIXED_LINES_SHOWN
        else ""
    )
    return RowIssue(
        f"the file is UTF-8 but line(s) {shown}{more} are not; their letters were read as "
        "Windows-1252. Check the names on those lines, and save the file as 'CSV UTF-8' "
        "to be sure",
        severity=Severity.WARNING,
    )


def _header_index(records: list[list[str]], header_row: int | None, path: Path) -> int:
    if header_row is not None:
        if header_row < 1 or header_row > len(records):
            raise InputFileError(
                f"header row {header_row} is beyond the data: '{path.name}' has "
                f"{len(records)} row(s)",
                hint="Give the number of the row that holds the column names, as the "
                "spreadsheet shows it, or leave it out to detect it.",
            )
        if not any(cell.strip() for cell in records[header_row - 1]):
            raise InputFileError(
                f"row {header_row} of '{path.name}' is empty, so it cannot be the header row",
                hint="Give the number of the row that holds the column names.",
            )
        return header_row - 1
    sample = [[cell.strip() or None for cell in r] for r in records[:SAMPLE_ROWS]]
    text_cells = [sum(1 for c in r if c is not None and looks_like_text(c)) for r in sample]
    return detect_header_row(sample, text_cells)


def _kept_columns(header: list[str], data: list[list[str]], width: int) -> list[int]:
    """All columns up to the last one with a header or with data in the sample."""
    last = -1
    for i in range(width):
        named = i < len(header) and header[i].strip()
        filled = any(i < len(r) and r[i].strip() for r in data)
        if named or filled:
            last = i
    return list(range(last + 1))


def _wide_row_note(row: int, delimiter: str) -> RowIssue:
    return RowIssue(
        f"this row has more cells than the header row has columns; the extra cells were left "
        f"out. A {delimiter_name(delimiter)} inside a value needs quotes around the value",
        row=row,
        severity=Severity.WARNING,
    )


def _stream(
    path: Path,
    detected: DetectedEncoding,
    delimiter: str,
    line_end: str,
    width: int,
    header_row: int,
    kept: list[int],
    columns: list[str],
    rows: int,
    notes: list[RowIssue],
) -> Iterator[pl.DataFrame]:
    workdir: Path | None = None
    try:
        source = path
        if not detected.is_utf8:
            workdir = Path(tempfile.mkdtemp(prefix="bulkio-read-"))
            source = transcode_to_utf8(path, detected, workdir)
        raw = [f"c{i}" for i in range(width + SPARE_COLUMNS)]
        extra = raw[len(kept) :]
        lazy = pl.scan_csv(
            source,
            has_header=False,
            separator=delimiter,
            eol_char=line_end,
            schema=dict.fromkeys(raw, pl.String),
            missing_columns="insert",
            row_index_name=ROW_COLUMN,
            row_index_offset=1,
            empty_string_is_null=True,
            truncate_ragged_lines=False,
        )
        picked = [pl.col(raw[i]).alias(name) for i, name in zip(kept, columns, strict=True)]
        lazy = (
            lazy.filter(pl.col(ROW_COLUMN) > header_row)
            .with_columns(pl.when(pl.col(raw) != "").then(pl.col(raw)))  # "" -> null
            .filter(pl.any_horizontal(pl.col(raw).is_not_null()) if raw else pl.lit(False))
            .select(
                *picked,
                pl.col(ROW_COLUMN).cast(pl.Int64),
                pl.any_horizontal(pl.col(extra).is_not_null()).alias(_EXTRA),
            )
        )
        wide_rows = 0
        try:
            for batch in lazy.collect_batches(chunk_size=rows):
                for start in range(0, batch.height, rows):
                    part = batch.slice(start, rows)
                    if not part.height:
                        continue
                    for number in part.filter(pl.col(_EXTRA))[ROW_COLUMN].to_list():
                        wide_rows += 1
                        if wide_rows <= MAX_WIDE_ROW_NOTES:
                            notes.append(_wide_row_note(number, delimiter))
                    yield part.drop(_EXTRA)
        except pl.exceptions.PolarsError as exc:
            raise InputFileError(
                f"cannot read '{path.name}' as CSV with {delimiter_name(delimiter)} "
                f"as the delimiter: {str(exc).splitlines()[0]}",
                hint="Check the file in a text editor, or name the delimiter and encoding.",
            ) from None
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
