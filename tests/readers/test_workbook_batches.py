"""Workbook rows in batches: every batch has the same text, whatever mix of cell types it holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl

from bulkio.core.issues import ROW_COLUMN
from tests.readers.conftest import OpenTable


def save(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_column_mixing_text_numbers_dates_and_booleans_keeps_each_cells_text(
    tmp_path: Path,
    open_table: OpenTable,
) -> None:
    path = save(
        tmp_path / "gemischt.xlsx",
        [
            ["Name", "PLZ"],
            ["Anna", "01067"],
            ["Ben", 80331],
            ["Cem", 1067.0],
            ["Dora", True],
            ["Emil", dt.date(2024, 3, 5)],
            ["Fritz", 2.5],
        ],
    )
    plz = open_table(path).read_all()["PLZ"].to_list()
    assert plz == ["01067", "80331", "1067", "TRUE", "2024-03-05", "2.5"]


def test_a_batch_of_text_only_next_to_a_batch_with_numbers(
    tmp_path: Path, open_table: OpenTable
) -> None:
    rows: list[list[object]] = [["Kunde", "Nr"]]
    rows += [[f"K{i}", f"{i:04d}"] for i in range(1, 5)]  # first batch: only text
    rows += [["K5", 5], ["K6", 6.0], ["K7", None]]  # second batch: numbers and a blank
    path = save(tmp_path / "teile.xlsx", rows)
    frames = list(open_table(path).batches(rows=4))
    assert [f.height for f in frames] == [4, 3]
    assert all(f.schema == frames[0].schema for f in frames)
    assert frames[0]["Nr"].to_list() == ["0001", "0002", "0003", "0004"]
    assert frames[1].to_dicts() == [
        {"Kunde": "K5", "Nr": "5", ROW_COLUMN: 6},
        {"Kunde": "K6", "Nr": "6", ROW_COLUMN: 7},
        {"Kunde": "K7", "Nr": None, ROW_COLUMN: 8},
    ]


def test_empty_rows_across_batch_borders_keep_the_sheets_row_numbers(
    tmp_path: Path, open_table: OpenTable
) -> None:
    rows: list[list[object]] = [["Name", "Ort"]]
    for i in range(1, 13):
        rows.append([f"N{i}", "Köln"] if i % 4 else [None, None])
    path = save(tmp_path / "luecken.xlsx", rows)
    table = open_table(path)
    numbers = [n for f in table.batches(rows=5) for n in f[ROW_COLUMN].to_list()]
    expected = [i + 1 for i in range(1, 13) if i % 4]
    assert numbers == expected
    all_at_once = table.read_all()
    assert all_at_once[ROW_COLUMN].to_list() == expected
    assert all_at_once.schema == pl.Schema(
        {"Name": pl.String(), "Ort": pl.String(), ROW_COLUMN: pl.Int64()}
    )


def test_empty_text_cells_read_as_blank(tmp_path: Path, open_table: OpenTable) -> None:
    path = save(tmp_path / "leer.xlsx", [["Name", "Notiz"], ["Anna", ""], ["", "nur Notiz"]])
    assert open_table(path).read_all().to_dicts() == [
        {"Name": "Anna", "Notiz": None, ROW_COLUMN: 2},
        {"Name": None, "Notiz": "nur Notiz", ROW_COLUMN: 3},
    ]
