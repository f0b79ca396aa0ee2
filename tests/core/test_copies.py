"""Exact copies of earlier rows are found across the batches of a sheet, each naming the
first row it copies; rows that differ in any cell are no copies."""

from __future__ import annotations

import polars as pl

from bulkio.core.issues import ROW_COLUMN
from bulkio.core.validation.copies import RowCopies


def _batch(first_row: int, names: list[str | None]) -> pl.DataFrame:
    rows = list(range(first_row, first_row + len(names)))
    return pl.DataFrame({ROW_COLUMN: rows, "Name": names, "Ort": ["Dresden"] * len(names)})


def test_copies_of_rows_of_earlier_batches_name_the_first_row() -> None:
    copies = RowCopies()
    kept = [
        copies.take(_batch(2, ["Anna", "Max", None]), "Kontakte")[ROW_COLUMN].to_list(),
        copies.take(_batch(5, ["Eva", "Anna", "anna"]), "Kontakte")[ROW_COLUMN].to_list(),
        copies.take(_batch(8, [None, "Eva", "Max", "Max"]), "Kontakte")[ROW_COLUMN].to_list(),
    ]
    assert kept == [[2, 3, 4], [5, 7], []]
    assert copies.found == {
        ("Kontakte", 6): 2,
        ("Kontakte", 8): 4,
        ("Kontakte", 9): 5,
        ("Kontakte", 10): 3,
        ("Kontakte", 11): 3,
    }


def test_each_sheet_has_its_own_rows() -> None:
    copies = RowCopies()
    copies.take(_batch(2, ["Anna"]), "Kontakte")
    assert copies.take(_batch(2, ["Anna"]), "Firmen").height == 1
    assert copies.found == {}
