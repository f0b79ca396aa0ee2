"""A sheet of plain text read straight into text columns: fastexcel (calamine in Rust) hands
the cells to polars as Arrow strings, without a Python object per cell.

Only for a sheet the limits scan found plain text from A1 with no merged cells (see
``QuickExtent.plain_text``); fastexcel then reads it with strict types over all rows, so a
cell that is not text after all (a number, a date, a boolean) sends the sheet back to the
cell-by-cell reader instead of being turned into text in fastexcel's own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import polars as pl

from bulkio.core.issues import ROW_COLUMN

_TEXT_TYPES = (pl.String, pl.Null)


class TextGrid:
    """A sheet as text columns, from A1, with the part of calamine's sheet interface the
    workbook reader uses (``start``, ``end``, ``width``, ``height``, ``iter_rows``,
    ``merged_cell_ranges``) and batches of data rows built by polars."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.merged_cell_ranges: list[Any] = []
        self.start = (0, 0)
        self.end = (frame.height - 1, frame.width - 1)
        self.width = frame.width
        self.height = frame.height

    def iter_rows(self) -> Iterator[list[str]]:
        """Each row's cells, "" for an empty one, as calamine gives them."""
        for row in self.frame.iter_rows():
            yield ["" if value is None else value for value in row]

    def batches(
        self, skip: int, first_number: int, columns: list[str], rows: int
    ) -> Iterator[pl.DataFrame]:
        """The rows after the first ``skip`` as ``columns`` plus ROW_COLUMN (the first of
        them numbered ``first_number``), empty text as null, rows without a value dropped,
        at most ``rows`` per batch."""
        if not columns:
            return
        data = self.frame.slice(skip)
        data.columns = columns
        numbers = pl.int_range(first_number, first_number + data.height, eager=True)
        data = (
            data.with_columns(pl.when(pl.col(columns) != "").then(pl.col(columns)))
            .with_columns(numbers.cast(pl.Int64).alias(ROW_COLUMN))
            .filter(pl.any_horizontal(pl.col(columns).is_not_null()))
        )
        for offset in range(0, data.height, rows):
            yield data.slice(offset, rows)


def read_text_sheet(workbook: bytes, sheet: str) -> TextGrid | None:
    """The sheet of the XLSX workbook ``workbook`` as text columns; None when a cell is not
    text, A1 is empty, the sheet is empty or fastexcel cannot read it (the cell-by-cell
    reader then reads it and says what is wrong)."""
    import fastexcel  # here: a CSV file never needs it

    try:
        loaded = fastexcel.read_excel(workbook).load_sheet(
            sheet, header_row=None, dtype_coercion="strict", schema_sample_rows=None
        )
        frame = loaded.to_polars()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a type error, or a Rust panic: the other reader decides
        return None
    if frame.height == 0 or frame.width == 0:
        return None
    if any(dtype not in _TEXT_TYPES for dtype in frame.dtypes):
        return None
    frame = frame.cast(pl.String)
    if frame.item(0, 0) in (None, ""):
        return None  # A1 is empty after all: the rows may not start at A1
    return TextGrid(frame)
