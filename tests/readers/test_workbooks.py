"""Workbooks as customers send them: XLSX, XLSM, XLS and ODS, every cell as the text it shows."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN, Severity
from tests.readers.conftest import OpenTable, SheetNames


def xlsx(path: Path, rows: list[list[object]], title: str = "Kontakte") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_cells_become_the_text_a_person_sees(tmp_path: Path, open_table: OpenTable) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["PLZ", "Telefon", "Nr", "Groß", "Anteil", "Aktiv", "Geboren", "Termin", "Serie"])
    sheet.append(
        [
            "01067",
            "+49 30 1234",
            1067.0,
            12345678901234567890,
            1.25,
            True,
            dt.date(1980, 2, 29),
            dt.datetime(2024, 3, 5, 14, 30),
            45000,
        ]
    )
    sheet.append([None, None, 3, 10**15, 0.5, False, None, dt.datetime(2024, 3, 6), 45001])
    sheet["I2"].number_format = "DD.MM.YYYY"  # a date serial shown as a date
    sheet["I3"].number_format = "0"  # the same kind of number, shown as a number
    path = tmp_path / "kunden.xlsx"
    book.save(path)

    data = open_table(path).read_all().to_dicts()
    assert data[0] == {
        "PLZ": "01067",
        "Telefon": "+49 30 1234",
        "Nr": "1067",
        "Groß": "12345678901234570000",  # as stored: 1.234567890123457e19
        "Anteil": "1.25",
        "Aktiv": "TRUE",
        "Geboren": "1980-02-29",
        "Termin": "2024-03-05T14:30:00",
        "Serie": "2023-03-15",
        ROW_COLUMN: 2,
    }
    assert data[1]["Groß"] == "1000000000000000"
    assert data[1]["Aktiv"] == "FALSE"
    assert data[1]["Termin"] == "2024-03-06"
    assert data[1]["Serie"] == "45001"
    assert data[1]["PLZ"] is None


def patch_sheet_xml(path: Path, pattern: str, replacement: str) -> None:
    """Edit the first sheet's XML the way Excel would have saved it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    sheet_xml, count = re.subn(pattern, replacement, sheet_xml)
    assert count == 1
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_formulas_give_their_cached_value(tmp_path: Path, open_table: OpenTable) -> None:
    path = xlsx(tmp_path / "f.xlsx", [["Netto", "Brutto"], [100, "=A2*1.19"]])
    # openpyxl writes no cached value; put in the one Excel would have saved.
    patch_sheet_xml(path, r"(<f>A2\*1\.19</f>)(?:<v\s*/>|<v></v>)", r"\1<v>119</v>")
    assert open_table(path).read_all().to_dicts() == [
        {"Netto": "100", "Brutto": "119", ROW_COLUMN: 2}
    ]


def test_floats_are_written_shortest_round_trip(tmp_path: Path, open_table: OpenTable) -> None:
    path = xlsx(tmp_path / "float.xlsx", [["Wert", "Klein"], [0.5, 0.25]])
    # Excel stores 0.1 + 0.2 with all 17 digits; openpyxl would round it.
    patch_sheet_xml(path, r"<v>0\.5</v>", "<v>0.30000000000000004</v>")
    patch_sheet_xml(path, r"<v>0\.25</v>", "<v>1E-7</v>")
    assert open_table(path).read_all().to_dicts() == [
        {"Wert": "0.30000000000000004", "Klein": "0.0000001", ROW_COLUMN: 2}
    ]


def test_xlsm_is_read_like_xlsx(tmp_path: Path, open_table: OpenTable) -> None:
    path = xlsx(tmp_path / "makro.xlsm", [["Name", "PLZ"], ["Anna", "01067"]])
    assert open_table(path).read_all().to_dicts() == [
        {"Name": "Anna", "PLZ": "01067", ROW_COLUMN: 2}
    ]


def test_sheet_by_name_or_index_and_a_missing_sheet_lists_the_sheets(
    tmp_path: Path, open_table: OpenTable, sheet_names: SheetNames
) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Info"
    first.append(["Bitte nicht ändern"])
    data = book.create_sheet("Kontakte")
    data.append(["Name"])
    data.append(["Anna"])
    path = tmp_path / "zwei.xlsx"
    book.save(path)

    assert sheet_names(path) == ["Info", "Kontakte"]
    by_name = open_table(path, sheet="Kontakte")
    assert by_name.sheet == "Kontakte"
    assert by_name.read_all()["Name"].to_list() == ["Anna"]
    assert open_table(path, sheet=1).columns == ["Name"]
    with pytest.raises(InputFileError, match=r"no sheet 'Adressen'.*'Info', 'Kontakte'"):
        open_table(path, sheet="Adressen")
    with pytest.raises(InputFileError, match="no sheet number 5"):
        open_table(path, sheet=5)


def test_header_in_row_3_is_detected_and_row_numbers_match_the_sheet(
    tmp_path: Path, open_table: OpenTable
) -> None:
    rows: list[list[object]] = [
        ["Kundenliste, Stand März 2024"],
        [],
        ["Name", "PLZ", "Umsatz"],
        ["Anna", "01067", 1200.5],
        [],
        ["Ben", "80331", 99],
    ]
    path = xlsx(tmp_path / "liste.xlsx", rows)
    table = open_table(path)
    assert table.header_row == 3
    assert table.columns == ["Name", "PLZ", "Umsatz"]
    assert table.read_all().to_dicts() == [
        {"Name": "Anna", "PLZ": "01067", "Umsatz": "1200.5", ROW_COLUMN: 4},
        {"Name": "Ben", "PLZ": "80331", "Umsatz": "99", ROW_COLUMN: 6},
    ]
    assert open_table(path, header_row=3).columns == table.columns


def test_table_starting_lower_right_keeps_sheet_row_numbers_and_letters(
    tmp_path: Path, open_table: OpenTable
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["C4"] = "Name"
    sheet["E4"] = "Ort"
    sheet["C5"] = "Anna"
    sheet["D5"] = "x"
    sheet["E5"] = "Bonn"
    path = tmp_path / "versetzt.xlsx"
    book.save(path)
    table = open_table(path)
    assert table.header_row == 4
    assert table.columns == ["Name", "Column D", "Ort"]
    assert table.read_all().to_dicts() == [
        {"Name": "Anna", "Column D": "x", "Ort": "Bonn", ROW_COLUMN: 5}
    ]


def test_merged_header_cells_keep_the_value_first_and_name_the_rest(
    tmp_path: Path, open_table: OpenTable
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Adresse", None, "PLZ"])
    sheet.append(["Anna", "Hauptstr. 1", "Berlin", "10115"])
    sheet.merge_cells("B1:C1")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    table = open_table(path)
    assert table.columns == ["Name", "Adresse", "Column C", "PLZ"]
    notes = [n for n in table.notes if "merged" in n.message]
    assert len(notes) == 1
    assert "B1:C1" in notes[0].message
    assert notes[0].severity is Severity.WARNING
    assert table.read_all()["Column C"].to_list() == ["Berlin"]


def test_blank_duplicate_headers_and_empty_trailing_rows_and_columns(
    tmp_path: Path, open_table: OpenTable
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["E-Mail", None, " E-Mail ", "Name"])
    sheet.append(["a@x.de", "1", "b@x.de", "Anna"])
    sheet.append([None, None, None, None])
    sheet["H30"].number_format = "0.00"  # a formatted but empty cell far away
    path = tmp_path / "dups.xlsx"
    book.save(path)
    table = open_table(path)
    assert table.columns == ["E-Mail", "Column B", "E-Mail (2)", "Name"]
    assert len(table.notes) == 2
    frame = table.read_all()
    assert frame.height == 1
    assert frame.to_dicts()[0]["E-Mail (2)"] == "b@x.de"


def test_header_only_sheet_gives_zero_rows_and_a_note(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = xlsx(tmp_path / "vorlage.xlsx", [["Name", "PLZ", "Ort"]])
    table = open_table(path)
    assert table.read_all().height == 0
    assert table.read_all().columns == ["Name", "PLZ", "Ort", ROW_COLUMN]
    assert any("no data rows" in n.message for n in table.notes)


def test_empty_sheet_is_an_error_that_names_the_other_sheets(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = xlsx(tmp_path / "leer.xlsx", [], title="Tabelle1")
    with pytest.raises(InputFileError, match=r"sheet 'Tabelle1' in 'leer\.xlsx' is empty"):
        open_table(path)


def test_damaged_workbook_is_a_clear_error(tmp_path: Path, open_table: OpenTable) -> None:
    good = xlsx(tmp_path / "good.xlsx", [["Name"], ["Anna"]])
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(good.read_bytes()[:300])
    with pytest.raises(InputFileError, match="damaged"):
        open_table(broken)


def test_xls_from_old_excel(tmp_path: Path, open_table: OpenTable, sheet_names: SheetNames) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Adressen")
    dates = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for col, name in enumerate(["Name", "PLZ", "Nr", "Seit", "Aktiv"]):
        sheet.write(0, col, name)
    sheet.write(1, 0, "Jürgen")
    sheet.write(1, 1, "01067")
    sheet.write(1, 2, 1067.0)
    sheet.write(1, 3, dt.date(2019, 7, 1), dates)
    sheet.write(1, 4, True)
    sheet.write(3, 0, "Ben")
    path = tmp_path / "alt.xls"
    book.save(str(path))
    assert sheet_names(path) == ["Adressen"]
    assert open_table(path).read_all().to_dicts() == [
        {
            "Name": "Jürgen",
            "PLZ": "01067",
            "Nr": "1067",
            "Seit": "2019-07-01",
            "Aktiv": "TRUE",
            ROW_COLUMN: 2,
        },
        {"Name": "Ben", "PLZ": None, "Nr": None, "Seit": None, "Aktiv": None, ROW_COLUMN: 4},
    ]


def _ods_cell(kind: str, text: str, **attrs: str) -> TableCell:
    cell = TableCell(valuetype=kind, **attrs)
    cell.addElement(P(text=text))
    return cell


def test_ods_from_libreoffice(
    tmp_path: Path, open_table: OpenTable, sheet_names: SheetNames
) -> None:
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Kunden")
    header = TableRow()
    for name in ["Name", "PLZ", "Betrag", "Datum"]:
        header.addElement(_ods_cell("string", name))
    table.addElement(header)
    row = TableRow()
    row.addElement(_ods_cell("string", "Zoë"))
    row.addElement(_ods_cell("string", "01067"))
    row.addElement(_ods_cell("float", "42", value="42"))
    row.addElement(_ods_cell("date", "05.03.2024", datevalue="2024-03-05"))
    table.addElement(row)
    doc.spreadsheet.addElement(table)
    path = tmp_path / "kunden.ods"
    doc.save(str(path))
    assert sheet_names(path) == ["Kunden"]
    assert open_table(path).read_all().to_dicts() == [
        {"Name": "Zoë", "PLZ": "01067", "Betrag": "42", "Datum": "2024-03-05", ROW_COLUMN: 2}
    ]


def test_batches_of_a_workbook(tmp_path: Path, open_table: OpenTable) -> None:
    rows: list[list[object]] = [["Nr"]]
    rows += [[i] for i in range(1, 26)]
    path = xlsx(tmp_path / "viele.xlsx", rows)
    frames = list(open_table(path).batches(rows=10))
    assert [f.height for f in frames] == [10, 10, 5]
    assert frames[-1].to_dicts()[-1] == {"Nr": "25", ROW_COLUMN: 26}
