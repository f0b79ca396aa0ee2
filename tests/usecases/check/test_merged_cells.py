"""A "Firma" cell merged over the rows of its contacts, as people lay out a company list in
Excel or LibreOffice: each row takes the merged value, in XLSX, XLS and ODS.

ODS files are written with odfpy as LibreOffice Calc writes a merge: the first cell carries
``table:number-rows-spanned``/``number-columns-spanned`` and the cells it covers are
``table:covered-table-cell`` (OpenDocument 1.2, part 1, 9.1.4 and 9.1.5); empty rows are one
row element with ``table:number-rows-repeated``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from bulkio.core.issues import Severity
from bulkio.usecases.check import check_file

MAPPING = """
version: 1
company:
  key: {match: name}
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
HEADER = ["Firma", "Name", "E-Mail", "Funktion"]
PEOPLE = [
    ("Müller", "mueller@muster.de", "Geschäftsführer"),
    ("Weiß", "weiss@muster.de", "Einkauf"),
    ("Keller", "keller@alpen.ch", "Partner"),
]


def _xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["Muster GmbH", *PEOPLE[0]])
    sheet.append([None, *PEOPLE[1]])
    sheet.append(["Alpen AG", *PEOPLE[2]])
    sheet.merge_cells("A2:A3")
    book.save(path)
    return path


def _xls(path: Path) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Kontakte")
    for j, name in enumerate(HEADER):
        sheet.write(0, j, name)
    sheet.write_merge(1, 2, 0, 0, "Muster GmbH")
    sheet.write(3, 0, "Alpen AG")
    for i, person in enumerate(PEOPLE, start=1):
        for j, value in enumerate(person, start=1):
            sheet.write(i, j, value)
    book.save(str(path))
    return path


def _ods_text(text: str, **attrs: str) -> TableCell:
    cell = TableCell(valuetype="string", **attrs)
    cell.addElement(P(text=text))
    return cell


def _ods_row(*cells: TableCell | CoveredTableCell, **attrs: str) -> TableRow:
    row = TableRow(**attrs)
    for cell in cells:
        row.addElement(cell)
    return row


def _ods_rows(
    table: Table, people: list[tuple[str, str, str]], firms: list[tuple[str, int]]
) -> None:
    """One row per person; each firm's cell merged over its ``count`` people's rows."""
    i = 0
    for firm, count in firms:
        for k in range(count):
            first = (
                _ods_text(firm, numberrowsspanned=str(count), numbercolumnsspanned="1")
                if k == 0
                else CoveredTableCell()
            )
            table.addElement(_ods_row(first, *(_ods_text(v) for v in people[i])))
            i += 1


def _ods(path: Path) -> Path:
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Kontakte")
    table.addElement(_ods_row(*(_ods_text(h) for h in HEADER)))
    _ods_rows(table, PEOPLE, [("Muster GmbH", 2), ("Alpen AG", 1)])
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


@pytest.mark.parametrize("make", [_xlsx, _xls, _ods], ids=["xlsx", "xls", "ods"])
def test_a_company_cell_merged_over_two_rows_names_the_company_on_both(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    book = make(tmp_path / f"kontakte.{make.__name__.strip('_')}")
    mapping = tmp_path / "kontakte.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    result = check_file(book, mapping=mapping, keep_records=True)
    assert result.validation.errors == []
    (note,) = result.notes
    assert note.severity is Severity.WARNING and "A2:A3" in note.message
    links = {(link.contact_key.value, link.company_key.value, link.position)
             for link in result.validation.links}  # fmt: skip
    assert links == {
        ("mueller@muster.de", "muster gmbh", "Geschäftsführer"),
        ("weiss@muster.de", "muster gmbh", "Einkauf"),
        ("keller@alpen.ch", "alpen ag", "Partner"),
    }


def test_a_company_name_written_once_for_its_id_names_every_row(tmp_path: Path) -> None:
    """A CSV with the customer number on every row and the name only on the first, as a
    list copied out of a merged-cell sheet comes: the empty cells take the name."""
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(
        MAPPING.replace("  key: {match: name}", "  key: {external_id: Kundennr.}"),
        encoding="utf-8",
    )
    data = tmp_path / "kunden.csv"
    data.write_text(
        "Kundennr.;Firma;Name;E-Mail;Funktion\n"
        "K-1;;Weiß;weiss@muster.de;Einkauf\n"
        "K-1;Muster GmbH;Müller;mueller@muster.de;Geschäftsführer\n"
        "K-2;;Keller;keller@alpen.ch;Partner\n",
        encoding="utf-8",
    )
    result = check_file(data, mapping=mapping, keep_records=True)
    (error,) = result.validation.errors
    assert (error.row, error.column) == (4, "Firma")
    assert "no row with its id 'K-2' names it" in error.message
    (company,) = result.validation.companies
    assert company.fields["company_name"] == "Muster GmbH" and company.rows == [2, 3]
    assert len(result.validation.links) == 2


def test_ods_merges_below_a_title_and_empty_rows_fill_their_own_rows(tmp_path: Path) -> None:
    """A LibreOffice list with a title, two empty rows (one repeated row element) and the
    header in row 4; "Muster GmbH" merged over three rows, "Alpen AG" over one."""
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Kontakte")
    table.addElement(_ods_row(_ods_text("Kontaktliste Dezember")))
    table.addElement(_ods_row(TableCell(numbercolumnsrepeated="4"), numberrowsrepeated="2"))
    table.addElement(_ods_row(*(_ods_text(h) for h in HEADER)))
    people = [*PEOPLE[:2], ("Roth", "roth@muster.de", "Vertrieb"), PEOPLE[2]]
    _ods_rows(table, people, [("Muster GmbH", 3), ("Alpen AG", 1)])
    doc.spreadsheet.addElement(table)
    book = tmp_path / "kontakte.ods"
    doc.save(str(book))
    mapping = tmp_path / "kontakte.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    result = check_file(book, mapping=mapping, keep_records=True)
    assert result.validation.errors == []
    assert [s.header_row for s in result.sheets] == [4]
    assert any("A5:A7" in note.message for note in result.notes)
    companies = {c.fields["company_name"]: c.rows for c in result.validation.companies}
    assert companies == {"Muster GmbH": [5, 6, 7], "Alpen AG": [8]}


def test_a_header_cell_merged_over_a_two_row_header_names_its_column(tmp_path: Path) -> None:
    """A list laid out with a two-row header, as people group columns in Excel: "Firma"
    merged over both header rows, "Ansprechpartner" over the name columns. The column under
    the vertical merge is "Firma", so the draft maps it and the companies land."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Firma", "Ansprechpartner", None, "Kontakt"])
    sheet.append([None, "Name", "E-Mail", "Funktion"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet.append(["Muster GmbH", *PEOPLE[0]])
    sheet.append(["Alpen AG", *PEOPLE[2]])
    path = tmp_path / "liste.xlsx"
    book.save(path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        MAPPING.replace("version: 1\n", "version: 1\ninput:\n  flat: {header_row: 2}\n")
    )

    result = check_file(path, mapping=mapping, keep_records=True)

    assert result.validation.errors == []
    assert sorted(c.fields["company_name"] for c in result.validation.companies) == [
        "Alpen AG",
        "Muster GmbH",
    ]
    assert not [i for i in result.validation.issues if "merged" in i.message]
