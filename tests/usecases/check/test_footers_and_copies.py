"""Rows that are not new data: total lines a list ends with, and exact copies of rows.

The list is written as a German office keeps one: an XLSX with the contacts, a blank row,
then "Summe: 5 Kontakte" (a formula's text beside its count) and a line with only a count;
one contact pasted twice. The import's results say what became of each of those rows.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bulkio import Target, import_file
from bulkio.core.issues import Severity
from bulkio.core.outcome import Outcome
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
link:
  position: Funktion
"""
HEADER = ["Kundennr.", "Firma", "Name", "E-Mail", "Funktion"]
ROWS: list[list[object]] = [
    ["K-1", "Muster GmbH", "Müller", "mueller@muster.de", "Geschäftsführer"],  # row 2
    ["K-1", "Muster GmbH", "Weiß", "weiss@muster.de", "Einkauf"],  # row 3
    ["K-2", "Total Energies Service GmbH", "Roth", "roth@total.de", "Technik"],  # row 4
    ["K-2", "Total Energies Service GmbH", "Müller", "mueller@muster.de", "Beirat"],  # row 5
    ["K-1", "Muster GmbH", "Weiß", "weiss@muster.de", "Einkauf"],  # row 6: copy of row 3
    [None, None, None, None, None],  # row 7
    ["Summe: 5 Kontakte", None, None, None, None],  # row 8
    ["Gesamt", 5, None, None, None],  # row 9
    [None, None, None, 5, None],  # row 10: a count alone
]


def _book(tmp_path: Path) -> tuple[Path, Path]:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kontakte"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "kontakte.xlsx"
    book.save(path)
    mapping = tmp_path / "kontakte.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return path, mapping


def test_total_lines_are_skipped_and_a_copy_is_read_once_each_with_a_warning(
    tmp_path: Path,
) -> None:
    path, mapping = _book(tmp_path)
    result = check_file(path, mapping=mapping, keep_records=True)
    assert result.ok and result.validation.errors == []
    warnings = {i.row: i.message for i in result.validation.issues}
    assert set(warnings) == {6, 8, 9, 10}
    assert all(i.severity is Severity.WARNING for i in result.validation.issues)
    assert "a duplicate of row 3" in warnings[6]
    assert warnings[8] == (
        "'Summe: 5 Kontakte' looks like a total line, not data, so the row is skipped"
    )
    assert "'Gesamt 5' looks like a total line" in warnings[9]
    assert "'5' looks like a total line" in warnings[10]
    names = sorted(c.fields["company_name"] for c in result.validation.companies)
    assert names == ["Muster GmbH", "Total Energies Service GmbH"]  # "Total" in a name is data
    assert result.validation.rows_read == 5  # the data rows, the copy among them
    assert result.validation.copies == {("Kontakte", 6): 3}


@pytest.mark.timeout(120)
def test_the_import_says_duplicate_of_row_n_and_linked(tmp_path: Path) -> None:
    path, mapping = _book(tmp_path)
    result = import_file(
        path,
        mapping=str(mapping),
        target=Target(sandbox=tmp_path / "sandbox.sqlite"),
        report=tmp_path / "results.xlsx",
    )
    assert result.ok, result.stopped
    sheet = openpyxl.load_workbook(tmp_path / "results.xlsx")["Kontakte"]
    header = [c.value for c in sheet[1]]
    outcome, problem = header.index("Outcome"), header.index("Problem")
    contact_id = header.index("Kanbert contact id")
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[2][outcome] == Outcome.CREATED
    # Müller was created on row 2 and Total Energies on row 4: row 5 only links them
    assert rows[5][outcome] == Outcome.LINKED
    assert (rows[6][outcome], rows[6][problem]) == (Outcome.DUPLICATE, "duplicate of row 3")
    assert rows[6][contact_id] == rows[3][contact_id] is not None
    assert result.outcomes == {Outcome.CREATED: 3, Outcome.LINKED: 1, Outcome.DUPLICATE: 1}
