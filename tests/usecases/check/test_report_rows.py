"""The check report's problem rows: kept while checking, or read again when they must be.

A file read in batches of four rows: rows with a broken e-mail in several batches, a cell
with a control character (the reader's warning), and a formula-like value on a problem row.
The report shows the same rows, cells and notes whichever way its rows came; the file is read
a second time only when the kept rows cannot serve: past the budget, or when a problem is
found once the whole file is read (a company named by no row).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest

from bulkio.readers import SourceTable
from bulkio.usecases import check, report_rows
from bulkio.usecases.check import check_file

MAPPING = """
version: 1
company:
  key: {external_id: Kundennr.}
  fields:
    company_name: Firma
contact:
  key: {match: email}
  fields:
    last_name: Name
    email: E-Mail
"""
HEADER = ["Kundennr.", "Firma", "Name", "E-Mail"]


def _rows(count: int) -> list[list[str]]:
    """Good rows, from row 2 of the file on."""
    return [[f"K-{n}", f"Firma {n}", f"Name {n}", f"p{n}@firma.de"] for n in range(2, count + 2)]


def _file(tmp_path: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    path = tmp_path / "kunden.csv"
    path.write_text("\n".join(";".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return path, mapping


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Batches of four rows; the list has, for each time the file's rows are read, how many
    batches were read."""
    monkeypatch.setattr(check, "BATCH_ROWS", 4)
    counted: list[int] = []
    batches = SourceTable.batches

    def counting(self: SourceTable, rows: int = 4) -> Iterator[pl.DataFrame]:
        counted.append(0)
        for batch in batches(self, rows):
            counted[-1] += 1
            yield batch

    monkeypatch.setattr(SourceTable, "batches", counting)
    return counted


def _problem_rows() -> list[list[str]]:
    rows = _rows(20)
    rows[1][3] = "p3(at)firma.de"  # row 3, first batch
    rows[6][3] = "p8(at)firma.de"  # row 8, second batch
    rows[6][2] = "=1+1"  # a formula's text stays text
    rows[9][2] = "Name\x0b11"  # row 11: a control character (the reader's warning)
    rows[11][3] = "p13 firma.de"  # row 13, the third batch's second problem row
    rows[13][3] = "p15@"  # row 15, fourth batch
    return rows


def _data_rows(report: Path) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(report)
    sheet = book.worksheets[2]
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def _content(report: Path) -> list[tuple[Any, ...]]:
    """Every cell of every sheet: value, type, note and fill."""
    book = openpyxl.load_workbook(report)
    return [
        (
            sheet.title,
            cell.coordinate,
            cell.value,
            cell.data_type,
            cell.comment.text if cell.comment else None,
            cell.fill.fgColor.rgb if cell.fill.fill_type else None,
        )
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]


def test_the_report_shows_the_rows_kept_while_checking_without_reading_the_file_again(
    tmp_path: Path, reads: list[int]
) -> None:
    path, mapping = _file(tmp_path, _problem_rows())
    result = check_file(path, mapping=mapping, report=tmp_path / "report.xlsx")
    assert result.validation.rows_invalid == 4
    assert reads == [5]  # the check's read only (rows 2 to 21)
    rows = _data_rows(tmp_path / "report.xlsx")
    assert [r[1:] for r in rows[1:]] == [
        ("K-3", "Firma 3", "Name 3", "p3(at)firma.de"),
        ("K-8", "Firma 8", "=1+1", "p8(at)firma.de"),
        ("K-11", "Firma 11", "Name11", "p11@firma.de"),
        ("K-13", "Firma 13", "Name 13", "p13 firma.de"),
        ("K-15", "Firma 15", "Name 15", "p15@"),
    ]
    cell = openpyxl.load_workbook(tmp_path / "report.xlsx").worksheets[2]["D3"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


@pytest.mark.parametrize("budget", ["KEEP_ROWS", "KEEP_BYTES"])
def test_past_the_budget_the_report_reads_the_file_again_and_is_the_same(
    tmp_path: Path, reads: list[int], monkeypatch: pytest.MonkeyPatch, budget: str
) -> None:
    path, mapping = _file(tmp_path, _problem_rows())
    check_file(path, mapping=mapping, report=tmp_path / "kept.xlsx")
    assert reads == [5]
    monkeypatch.setattr(report_rows, budget, 2 if budget == "KEEP_ROWS" else 100)
    check_file(path, mapping=mapping, report=tmp_path / "read.xlsx")
    assert reads == [5, 5, 5]  # this check's read, and the report's
    assert len(_data_rows(tmp_path / "read.xlsx")) == 6
    assert _content(tmp_path / "read.xlsx") == _content(tmp_path / "kept.xlsx")


def test_a_problem_found_at_the_end_brings_its_row_by_reading_the_file_as_far_as_it(
    tmp_path: Path, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _problem_rows()
    rows[7][1] = ""  # row 9: a company id no row names, known once every row is read
    path, mapping = _file(tmp_path, rows)
    result = check_file(path, mapping=mapping, report=tmp_path / "report.xlsx")
    assert any("the company has no name" in i.message for i in result.validation.issues)
    assert reads == [5, 2]  # read again as far as row 9, in the second batch
    shown = [r[1] for r in _data_rows(tmp_path / "report.xlsx")[1:]]
    assert shown == ["K-3", "K-8", "K-9", "K-11", "K-13", "K-15"]  # 11 on: the kept rows
    monkeypatch.setattr(report_rows, "KEEP_ROWS", 0)  # nothing kept: every row read again
    check_file(path, mapping=mapping, report=tmp_path / "read.xlsx")
    assert _content(tmp_path / "read.xlsx") == _content(tmp_path / "report.xlsx")


def test_a_note_on_the_header_row_needs_no_second_read(tmp_path: Path, reads: list[int]) -> None:
    rows = [[*row, "", ""] for row in _problem_rows()]
    path, mapping = _file(tmp_path, rows)
    text = path.read_text(encoding="utf-8").replace("E-Mail\n", "E-Mail;Notiz;Notiz\n", 1)
    path.write_text(text, encoding="utf-8")
    result = check_file(path, mapping=mapping, report=tmp_path / "report.xlsx")
    assert [n.row for n in result.notes if "appears more than once" in n.message] == [1]
    assert reads == [5]
    shown = [r[1] for r in _data_rows(tmp_path / "report.xlsx")[1:]]
    assert shown == ["K-3", "K-8", "K-11", "K-13", "K-15"]


def test_a_workbook_of_several_sheets_shows_each_sheets_own_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = Path(__file__).resolve().parents[3] / "samples" / "bulkio-template" / "template-en.xlsx"
    kept = check_file(book, report=tmp_path / "kept.xlsx")
    assert len({i.sheet for i in kept.problems if i.row is not None}) == 2
    monkeypatch.setattr(report_rows, "KEEP_ROWS", 0)
    check_file(book, report=tmp_path / "read.xlsx")
    assert _content(tmp_path / "read.xlsx") == _content(tmp_path / "kept.xlsx")
