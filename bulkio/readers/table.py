"""SourceTable: a spreadsheet's rows as text, each with the row number the spreadsheet shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bulkio.core.issues import ROW_COLUMN, RowIssue
from bulkio.readers.control_characters import remove_control_characters
from bulkio.readers.read_ahead import read_ahead

# Produces the data rows in batches of at most the given size, already shaped: one pl.String
# column per header name plus ROW_COLUMN (pl.Int64), fully empty rows dropped.
BatchSource = Callable[[int], Iterator[pl.DataFrame]]

DEFAULT_BATCH_ROWS = 100_000


@dataclass
class SourceTable:
    """One sheet (or CSV file) as a table of text.

    ``columns`` are the header names as the user sees them (cleaned), in file order; every
    DataFrame from :meth:`batches` has exactly those String columns plus ``ROW_COLUMN``.
    ``notes`` are warnings about the file itself; a few (rows of a CSV file wider than its
    header) are only found while reading and are appended as the batches are read.
    """

    path: Path
    sheet: str | None
    header_row: int
    columns: list[str]
    notes: list[RowIssue] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    _source: BatchSource | None = field(default=None, repr=False, compare=False)

    def batches(self, rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pl.DataFrame]:
        """The data rows, at most ``rows`` per DataFrame, in file order. The next batch is
        read in a background thread while the caller works on this one (see ``read_ahead``);
        close the iterator, or read it to the end, before closing the source."""
        if rows < 1:
            raise ValueError("rows must be at least 1")
        if self._source is None:
            return
        yield from read_ahead(self._cleaned(self._source(rows)))

    def _cleaned(self, batches: Iterator[pl.DataFrame]) -> Iterator[pl.DataFrame]:
        for batch in batches:
            yield remove_control_characters(batch, self.notes, self.sheet)

    def read_all(self) -> pl.DataFrame:
        """All data rows in one DataFrame (zero rows for a header-only file)."""
        frames = list(self.batches())
        if not frames:
            return empty_frame(self.columns)
        return pl.concat(frames, how="vertical", rechunk=True)


def empty_frame(columns: list[str]) -> pl.DataFrame:
    """A frame with the table's shape and no rows."""
    schema: dict[str, pl.DataType] = {name: pl.String() for name in columns}
    schema[ROW_COLUMN] = pl.Int64()
    return pl.DataFrame(schema=schema)
