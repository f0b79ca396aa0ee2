"""Exact copies of earlier rows: the same text in every cell as a row before it, across the
batches of one sheet. A copy is read once; the copy is a warning naming the first row."""

from __future__ import annotations

import polars as pl

from bulkio.core.issues import ROW_COLUMN

_SEEN = {"h1": pl.UInt64, "h2": pl.UInt64, "first": pl.Int64}


class RowCopies:
    """The rows seen so far, by two independent hashes of their cells (a collision of both
    is as unlikely as one in 2^128)."""

    def __init__(self) -> None:
        self._seen: dict[str | None, pl.DataFrame] = {}  # sheet -> hashes and first rows
        self.found: dict[tuple[str | None, int], int] = {}  # (sheet, row) -> first row

    def take(self, frame: pl.DataFrame, sheet: str | None) -> pl.DataFrame:
        """The rows of ``frame`` that copy no earlier row; the copies go to ``found``."""
        cells = [c for c in frame.columns if c != ROW_COLUMN]
        if not cells or frame.height == 0:
            return frame
        seen = self._seen.get(sheet, pl.DataFrame(schema=_SEEN))
        rows = frame.select(cells)  # hashed row-wise (several times cheaper than a struct)
        keyed = pl.DataFrame(
            [rows.hash_rows(11).alias("h1"), rows.hash_rows(29).alias("h2"), frame[ROW_COLUMN]]
        ).with_columns(pl.col(ROW_COLUMN).first().over("h1", "h2").alias("batch_first"))
        # only the few earlier rows whose first hash a row of this batch has can be copied:
        # joining those is cheaper than joining every row seen (a million by the end)
        earlier = seen.filter(pl.col("h1").is_in(keyed["h1"].implode()))
        judged = keyed.join(earlier, on=["h1", "h2"], how="left", maintain_order="left")
        judged = judged.with_columns(pl.coalesce("first", "batch_first").alias("first"))
        copies = judged.filter(pl.col("first") != pl.col(ROW_COLUMN))
        for row_number, first in copies.select(ROW_COLUMN, "first").iter_rows():
            self.found[(sheet, row_number)] = first
        fresh = judged.filter(pl.col("first") == pl.col(ROW_COLUMN))
        self._seen[sheet] = pl.concat(
            [seen, fresh.select("h1", "h2", pl.col(ROW_COLUMN).alias("first"))]
        )
        if copies.height == 0:
            return frame
        return frame.filter(~pl.col(ROW_COLUMN).is_in(copies[ROW_COLUMN].implode()))
