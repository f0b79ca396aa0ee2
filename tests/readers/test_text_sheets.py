"""A sheet of plain text is read straight into text columns (fastexcel); what a user gets
from it is exactly what the cell-by-cell reader gives, and a sheet that is not all text
after all is read cell by cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from bulkio.core.issues import ROW_COLUMN
from bulkio.readers import excel_reader, open_source
from bulkio.readers.limits import check_workbook
from bulkio.readers.text_sheet import read_text_sheet

TRICKY = [
    ["Name", "Notiz", "Formel", "Leer", "Name"],
    ["Anna ", "  zwei  Leerzeichen", "=SUM(A1)", "", "x"],
    ["Müller & Söhne <GmbH>", "Zeile 1\nZeile 2", "a_x000D_b", "", ""],
    [],
    ["", "", "", "", "nur hinten"],
    ["01067", "\u00a0", "'=1+1", "TRUE", "2024-01-31"],
]


def _tricky(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Kontakte")
    for r, row in enumerate(TRICKY):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)
    sheet.write_formula(6, 0, '="ver"&"bunden"', None, "verbunden")  # a formula's text
    book.close()
    return path


def _read(path: Path) -> dict[str, Any]:
    with open_source(path) as source:
        table = source.table()
        return {
            "header": table.header_row,
            "columns": table.columns,
            "rows": table.read_all().to_dicts(),
            "in batches of 2": [
                row for batch in table.batches(2) if batch.height <= 2 for row in batch.to_dicts()
            ],
            "notes": [note.message for note in table.notes],
        }


def test_a_plain_text_sheet_reads_as_the_cell_by_cell_reader_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _tricky(tmp_path / "text.xlsx")
    used: list[bool] = []

    def spy(workbook: bytes, sheet: str) -> Any:
        grid = read_text_sheet(workbook, sheet)
        used.append(grid is not None)
        return grid

    monkeypatch.setattr(excel_reader, "read_text_sheet", spy)
    fast = _read(path)
    assert used == [True]
    monkeypatch.setattr(excel_reader, "read_text_sheet", lambda workbook, sheet: None)
    assert _read(path) == fast
    assert fast["in batches of 2"] == fast["rows"]
    assert fast["rows"][0]["Formel"] == "=SUM(A1)"
    assert fast["rows"][-1]["Name"] == "verbunden"


def test_row_numbers_skip_empty_rows_like_the_sheet(tmp_path: Path) -> None:
    rows = _read(_tricky(tmp_path / "text.xlsx"))["rows"]
    assert [row[ROW_COLUMN] for row in rows] == [2, 3, 5, 6, 7]


def test_a_number_below_the_first_rows_sends_the_sheet_cell_by_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "PLZ"])
    for i in range(1500):  # beyond the rows fastexcel would look at to guess types
        sheet.append([f"N{i}", f"{i:05d}"])
    sheet.append(["Zahl", 1067])
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    assert read_text_sheet(path.read_bytes(), "Sheet") is None
    with open_source(path) as source:
        assert source.table().read_all()["PLZ"].to_list()[-1] == "1067"


def _flag(path: Path) -> bool:
    with path.open("rb") as stream:
        return check_workbook(path, stream)


def test_only_text_sheets_from_a1_without_merges_take_the_text_path(tmp_path: Path) -> None:
    assert _flag(_tricky(tmp_path / "text.xlsx"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Umsatz"])
    sheet.append(["Anna", 12.5])
    book.save(tmp_path / "numbers.xlsx")
    assert not _flag(tmp_path / "numbers.xlsx")
    sheet.delete_rows(2)
    sheet.append(["Anna", "12,5"])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    assert not _flag(tmp_path / "merged.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["B2"] = "Name"
    sheet["B3"] = "Anna"
    book.save(tmp_path / "b2.xlsx")
    assert not _flag(tmp_path / "b2.xlsx")
