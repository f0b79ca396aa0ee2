from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import fastexcel
import openpyxl
import pytest

from bulkio.usecases.template import make_template
from tests.writers.libreoffice import ALL_SHEETS_CSV


def _header_cells(ws: object) -> dict[str, object]:
    return {c.value: c for c in ws[1]}  # type: ignore[index]


def test_template_sheets_headers_notes_and_frozen_panes(tmp_path: Path) -> None:
    out = tmp_path / "customer.xlsx"
    result = make_template(out)
    assert result.sheets == {"Companies": 45, "Contacts": 32, "Links": 3}
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Instructions", "Companies", "Contacts", "Links", "_lists", "_bulkio"]
    assert wb["_lists"].sheet_state == "hidden"
    assert wb["_bulkio"].sheet_state == "hidden"
    assert "required" in " ".join(str(c.value) for c in wb["Instructions"]["A"])

    companies = wb["Companies"]
    assert companies.freeze_panes == "A2"
    headers = _header_cells(companies)
    name = headers["Company name *"]
    assert name.font.bold and name.font.color.rgb.endswith("C00000")  # type: ignore[attr-defined]
    zip_cell = headers["Invoice address: ZIP"]
    assert zip_cell.font.bold and zip_cell.comment is not None  # type: ignore[attr-defined]
    assert "Example: 01067" in zip_cell.comment.text  # type: ignore[attr-defined]
    assert "company.address_invoice_zip" in zip_cell.comment.text  # type: ignore[attr-defined]
    assert "Segment" in headers  # a custom field of the seed

    contacts = _header_cells(wb["Contacts"])
    assert "Last name *" in contacts and "E-mail *" in contacts
    assert "Company (external ID or name)" in contacts and "Position at company" in contacts
    assert list(_header_cells(wb["Links"])) == [
        "Contact (external ID or e-mail) *",
        "Company (external ID or name) *",
        "Position at company",
    ]

    meta = list(wb["_bulkio"].iter_rows(values_only=True))
    assert meta[0][:2] == ("bulkio-layout", "1")
    assert ("Companies", "C", "Company name *", "company.company_name") in [r[:4] for r in meta]


def _column_of(ws: object, header: str) -> str:
    for cell in ws[1]:  # type: ignore[index]
        if cell.value == header:
            return str(cell.column_letter)
    raise AssertionError(f"no column {header!r}")


def test_text_and_date_formats(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    make_template(out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Contacts"]
    for header in ("ZIP", "Phone", "Mobile", "External ID"):
        assert ws.column_dimensions[_column_of(ws, header)].number_format == "@", header
    assert ws.column_dimensions[_column_of(ws, "Birthday")].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions[_column_of(ws, "Last name *")].width >= 12


def _validations(ws: object) -> dict[str, object]:
    """Column letter -> its data validation."""
    found = {}
    for dv in ws.data_validations.dataValidation:  # type: ignore[attr-defined]
        for rng in dv.sqref.ranges:
            found[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    return found


def _list_values(wb: openpyxl.Workbook, formula: str) -> list[str]:
    sheet, rng = formula.split("!")
    assert sheet == "'_lists'"
    return [c.value for row in wb["_lists"][rng.replace("$", "")] for c in row]


def test_dropdowns_reference_the_hidden_lists(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    make_template(out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Companies"]
    dvs = _validations(ws)

    def values(header: str) -> list[str]:
        dv = dvs[_column_of(ws, header)]
        assert dv.type == "list"  # type: ignore[attr-defined]
        assert str(dv.sqref).endswith("1048576")  # type: ignore[attr-defined]
        return _list_values(wb, dv.formula1)  # type: ignore[attr-defined]

    countries = values("Invoice address: Country")
    assert "Germany" in countries and "Austria" in countries and len(countries) > 200
    assert values("Company size") == [
        "1", "2-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"
    ]  # fmt: skip
    assert "IT services" in values("Industry")
    assert values("Reverse charge") == ["yes", "no"]
    assert values("Segment") == ["A", "B", "C"]
    assert "VIP" in values("Tags")
    assert dvs[_column_of(ws, "Tags")].showErrorMessage is False  # type: ignore[attr-defined]
    assert dvs[_column_of(ws, "Company size")].showErrorMessage is True  # type: ignore[attr-defined]
    assert _column_of(ws, "Company name *") not in dvs
    contacts = wb["Contacts"]
    gender = _validations(contacts)[_column_of(contacts, "Gender")]
    assert _list_values(wb, gender.formula1) == ["male", "female", "diverse"]  # type: ignore[attr-defined]


def test_german_template(tmp_path: Path) -> None:
    out = tmp_path / "kunde.xlsx"
    make_template(out, lang="de", entities="contacts")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Anleitung", "Kontakte", "Verknüpfungen", "_lists", "_bulkio"]
    ws = wb["Kontakte"]
    headers = _header_cells(ws)
    assert (
        "Nachname *" in headers and "PLZ" in headers and "Firma (externe ID oder Name)" in headers
    )
    assert "Beispiel: 01067" in headers["PLZ"].comment.text  # type: ignore[attr-defined]
    assert ws.column_dimensions[_column_of(ws, "Geburtstag")].number_format == "DD.MM.YYYY"
    land = _validations(ws)[_column_of(ws, "Land")]
    assert "Deutschland" in _list_values(wb, land.formula1)  # type: ignore[attr-defined]
    newsletter = _validations(ws)[_column_of(ws, "Newsletter")]
    assert _list_values(wb, newsletter.formula1) == ["ja", "nein"]  # type: ignore[attr-defined]


def test_fastexcel_reads_the_template(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    make_template(out)
    reader = fastexcel.read_excel(out)
    assert reader.sheet_names[:4] == ["Instructions", "Companies", "Contacts", "Links"]
    columns = reader.load_sheet_by_name("Contacts").to_polars().columns
    assert columns[:6] == ["External ID", "External origin", "Gender", "Title", "First name",
                           "Last name *"]  # fmt: skip


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_template(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    make_template(out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Contacts"]
    ws.cell(row=2, column=1).value = "C-1"
    ws.cell(row=2, column=6).value = "Müller"
    wb.active = wb.sheetnames.index("Contacts")
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", ALL_SHEETS_CSV, "--outdir", str(tmp_path / "csv"), str(filled)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((tmp_path / "csv" / "filled-Contacts.csv").open(encoding="utf-8")))
    assert rows[0][:6] == ["External ID", "External origin", "Gender", "Title", "First name",
                           "Last name *"]  # fmt: skip
    assert rows[1][0] == "C-1" and rows[1][5] == "Müller"
    lists = (tmp_path / "csv" / "filled-_lists.csv").read_text(encoding="utf-8")
    assert "Germany" in lists and "11-50" in lists


def _notes(ws: object) -> dict[str, str]:
    return {str(c.value): c.comment.text for c in ws[1] if c.comment}  # type: ignore[index]


def test_german_template_is_german_throughout(tmp_path: Path) -> None:
    out = tmp_path / "vorlage.xlsx"
    make_template(out, lang="de")
    wb = openpyxl.load_workbook(out)
    contacts, companies = wb["Kontakte"], wb["Firmen"]
    notes = {**_notes(companies), **_notes(contacts)}
    assert "Beispiel: weiblich" in notes["Geschlecht"]
    assert "männlich, weiblich oder divers" in notes["Geschlecht"]
    assert "Beispiel: Vertriebsleiterin" in notes["Funktion"]
    assert "Beispiel: 23.04.1980" in notes["Geburtstag"]
    assert "Beispiel: nein" in notes["Reverse Charge"]
    assert "Beispiel: ja" in notes["Newsletter"]  # a yes/no custom field
    assert "Beispiel: 31.01.2024" in notes["Customer since"]  # a date custom field
    english = ("yes", "no", "female", "male", "diverse", "Head of Sales", "Managing Director")
    examples = [line for note in notes.values() for line in note.splitlines()]
    assert not [e for e in examples if e.startswith("Beispiel: ") and e[10:] in english]
    assert not [e for e in examples if e.startswith("Beispiel: 19") or "-01-" in e]
    gender = _validations(contacts)[_column_of(contacts, "Geschlecht")]
    assert _list_values(wb, gender.formula1) == ["männlich", "weiblich", "divers"]  # type: ignore[attr-defined]
    assert gender.showErrorMessage is True  # type: ignore[attr-defined]
    birthday = contacts.column_dimensions[_column_of(contacts, "Geburtstag")]
    assert birthday.number_format == "DD.MM.YYYY"  # German Excel shows TT.MM.JJJJ
    instructions = " ".join(str(c.value) for c in wb["Anleitung"]["A"] if c.value)
    assert "TT.MM.JJJJ" in instructions and "Kanbert" in instructions


def test_instructions_speak_only_of_the_sheets_the_template_has(tmp_path: Path) -> None:
    texts = {}
    for entities in ("contacts", "companies"):
        out = tmp_path / f"{entities}.xlsx"
        make_template(out, entities=entities)
        texts[entities] = " ".join(
            str(c.value) for c in openpyxl.load_workbook(out)["Instructions"]["A"] if c.value
        )
    assert "'Companies'" not in texts["contacts"] and "'Links'" in texts["contacts"]
    assert "company Kanbert already has" in texts["contacts"]
    assert "'Contacts'" not in texts["companies"] and "'Links'" not in texts["companies"]
    assert "the last name" not in texts["companies"]


def test_the_template_opens_on_its_instructions_and_prints_landscape_fitted_to_width(
    tmp_path: Path,
) -> None:
    out = tmp_path / "t.xlsx"
    make_template(out)
    wb = openpyxl.load_workbook(out)
    assert wb.active is not None and wb.active.title == "Instructions"
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.paperSize) == ("landscape", 1, 9)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    for name in ("Companies", "Contacts", "Links"):
        assert wb[name].print_title_rows == "$1:$1"
        assert wb[name].row_dimensions[1].height >= 30  # wrapped headers: two lines
    intro = wb["Instructions"]
    assert intro.column_dimensions["A"].width >= 90
    heights = [intro.row_dimensions[c.row].height for c in intro["A"] if c.value]
    assert all(h is not None and h >= 15 for h in heights)  # LibreOffice does not fit them
