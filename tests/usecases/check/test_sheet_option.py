"""``--sheet`` on check and import: the sheet to read by name or number (1 = the first),
instead of the mapping's; an unknown sheet lists the sheets."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import running

ROOT = Path(__file__).resolve().parents[3]
MAPPING = str(ROOT / "mappings" / "quickstart.yaml")


def _rows(path: Path, delimiter: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _workbook(path: Path, data: list[list[str]]) -> Path:
    """A workbook whose data is on its second sheet, after a sheet of notes."""
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Hinweise"
    notes.append(["Exportiert aus dem CRM am 01.03.2026"])
    sheet = book.create_sheet("Kunden")
    for row in data:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return _workbook(tmp_path / "crm.xlsx", _rows(ROOT / "samples" / "quickstart.csv", ";"))


@pytest.mark.parametrize("sheet", ["Kunden", "kunden", "2"])
def test_check_reads_the_sheet_named_or_numbered(book: Path, sheet: str) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(book), "-m", MAPPING, "--sheet", sheet, "--no-report"]
    )

    assert result.exit_code == 0, result.output
    assert "  sheet 'Kunden' as flat: header in row 1" in result.output
    assert "All rows are valid." in result.output


def test_without_sheet_the_mapping_s_first_sheet_is_read(book: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(book), "-m", MAPPING, "--no-report"])

    assert result.exit_code == 2
    assert "are not in sheet 'Hinweise'" in result.output
    assert "another sheet with --sheet" in result.output


def test_a_sheet_that_is_not_there_lists_the_sheets(book: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(book), "-m", MAPPING, "--sheet", "3"])

    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: no sheet '3' in 'crm.xlsx'; its sheets: 1 Hinweise, 2 Kunden",
        "Pass --sheet with one of these names or numbers.",
    ]


def test_recognition_looks_at_the_sheet_chosen(tmp_path: Path) -> None:
    linkedin = _rows(ROOT / "samples" / "linkedin" / "Connections.csv", ",")
    book = _workbook(tmp_path / "netzwerk.xlsx", linkedin)

    result = CliRunner().invoke(cli, ["check", str(book), "--sheet", "Kunden", "--no-report"])

    assert "with linkedin (recognised as LinkedIn Connections.csv" in result.output
    assert "  sheet 'Kunden' as flat:" in result.output


def test_a_mapping_of_several_sheets_refuses_sheet(tmp_path: Path, book: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(book), "-m", "bulkio-template", "--sheet", "Kunden"]
    )

    assert result.exit_code == 2
    assert "bulkio-template reads several sheets (companies, contacts, links)" in result.output


def test_import_takes_the_sheet_too(tmp_path: Path, book: Path) -> None:
    with running(tmp_path / "s.sqlite") as box:
        result = CliRunner().invoke(
            cli,
            ["import", str(book), "-m", MAPPING, "--sheet", "2", "--api-url", box.base_url,
             "--report", str(tmp_path / "r.xlsx")],
            env={"KANBERT_API_TOKEN": box.token},
        )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Every row landed." in result.output


def test_mapping_suggest_counts_sheets_from_1_like_check(book: Path) -> None:
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(book), "--sheet", "2"])

    assert result.exit_code == 0, result.output
    assert '  flat: {sheet: "Kunden"}' in result.output.splitlines()
