from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastexcel
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from bulkio.core.entities import Role
from bulkio.core.layout import META_SHEET, build_layout, header_lines, meta_rows
from bulkio.usecases.template import offline_lookups
from bulkio.writers.export_csv import (
    MANIFEST_NAME,
    guard_csv_value,
    is_bulkio_csv_export,
    unguard_csv_value,
    write_export_csv,
)
from bulkio.writers.export_jsonl import write_jsonl
from bulkio.writers.export_xlsx import write_export_xlsx
from bulkio.writers.printing import line_height
from tests.writers.records import company, contact, linked

FORMULA_LIKE = [
    "=1+1", "+49 351 1", "-5", "@SUM(A1)", '=HYPERLINK("http://x")', "'quoted", "#N/A", "0123"
]  # fmt: skip


def _layout() -> Any:
    return build_layout(offline_lookups().custom_fields, export=True)


def _rows_by_header(ws: Any) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_xlsx_export_in_the_standard_layout(tmp_path: Path) -> None:
    acme = company(1)
    other = company(2, external_id=None, company_name="Ohne ID AG")
    anna = contact(1, companies=[linked(acme, "CEO"), linked(other, "Advisor")])
    out = tmp_path / "backup.xlsx"
    counts = write_export_xlsx(out, layout=_layout(), companies=[acme, other], contacts=[anna])
    assert (counts.companies, counts.contacts, counts.links) == (2, 1, 2)  # pairs

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Companies", "Contacts", "Links", "_bulkio"]
    co = _rows_by_header(wb["Companies"])[0]
    assert co["Company name *"] == "Muster 1 GmbH"
    assert co["Invoice address: ZIP"] == "01067"
    assert co["Invoice address: Country"] == "DE"
    assert co["Industry"] == "IT services" and co["Company size"] == "11-50"
    assert co["Tags"] == "VIP, Partner"
    assert co["Reverse charge"] == "no" and co["Invoices by e-mail"] == "yes"
    assert co["Client"] == "Muster Beratung GmbH"
    assert co["Customer number"] == "000123" and co["Key account"] == "yes"
    assert co["Employees"] == "42"
    assert co["Kanbert ID"] == "co-000001" and co["Created at"] == "2024-01-02T03:04:05Z"
    assert co["Archived at"] is None

    ct = _rows_by_header(wb["Contacts"])[0]
    assert ct["Company (external ID or name)"] == "K-1" and ct["Position at company"] == "CEO"
    assert ct["Owner (user e-mail)"] == "sandra.box@example.com"
    assert ct["Mobile"] == "0171 1234567" and ct["Newsletter"] == "no"
    links = _rows_by_header(wb["Links"])
    assert links == [
        {
            "Contact (external ID or e-mail) *": "C-1",
            "Company (external ID or name) *": "Ohne ID AG",
            "Position at company": "Advisor",
        }
    ]


def test_formula_like_values_stay_text_exactly(tmp_path: Path) -> None:
    records = [company(i, company_name=v) for i, v in enumerate(FORMULA_LIKE)]
    out = tmp_path / "x.xlsx"
    write_export_xlsx(out, layout=_layout(), companies=records)
    names = [r["Company name *"] for r in _rows_by_header(openpyxl.load_workbook(out)["Companies"])]
    assert names == FORMULA_LIKE
    read = fastexcel.read_excel(out).load_sheet_by_name("Companies", dtypes="string").to_polars()
    assert read["Company name *"].to_list() == FORMULA_LIKE
    with zipfile.ZipFile(out) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere


NOT_FORMULAS = ["+493511234500", "+12025550123", "-5", "+0.25", "-1,5", "42"]


def test_csv_guard_round_trip() -> None:
    values = [*FORMULA_LIKE, *NOT_FORMULAS, "\tx", "\rx", "'", "''", "plain", "", "a=b", "'=x"]
    for value in values:
        guarded = guard_csv_value(value)
        if value not in NOT_FORMULAS:
            assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert unguard_csv_value(guarded) == value
    assert guard_csv_value("=1+1") == "'=1+1"
    assert guard_csv_value("Müller") == "Müller"


def test_csv_guard_leaves_phone_numbers_and_plain_numbers_alone() -> None:
    for value in NOT_FORMULAS:
        assert guard_csv_value(value) == value
    for value in ["+49 351 1", "+49351-1", "-5 Rabatt", "+1+1", "-A1", "+٤٩١٢٣", "-"]:
        assert guard_csv_value(value) == "'" + value
    assert guard_csv_value("'+493511234500") == "''+493511234500"


def test_csv_export_folder_and_zip(tmp_path: Path) -> None:
    acme = company(1, company_name="=cmd|' /C calc'!A0")
    anna = contact(1, companies=[linked(acme, "CEO"), linked(company(2), "-Advisor")])
    folder = tmp_path / "export"
    counts = write_export_csv(folder, layout=_layout(), companies=[acme], contacts=[anna])
    assert (counts.companies, counts.contacts, counts.links) == (1, 1, 2)  # pairs
    assert is_bulkio_csv_export(folder)
    assert json.loads((folder / MANIFEST_NAME).read_text())["counts"]["links"] == 2
    raw = (folder / "companies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows umlauts
    rows = list(csv.DictReader((folder / "companies.csv").open(encoding="utf-8-sig")))
    assert rows[0]["Company name *"] == "'=cmd|' /C calc'!A0"
    assert unguard_csv_value(rows[0]["Company name *"]) == "=cmd|' /C calc'!A0"
    assert rows[0]["Phone"] == "'+49 351 1234500"
    assert rows[0]["Invoice address: ZIP"] == "01067"
    links = list(csv.DictReader((folder / "links.csv").open(encoding="utf-8-sig")))
    assert unguard_csv_value(links[0]["Position at company"]) == "-Advisor"

    zipped = tmp_path / "export.zip"
    write_export_csv(zipped, layout=_layout(), companies=[acme], contacts=[anna])
    with zipfile.ZipFile(zipped) as zf:
        assert sorted(zf.namelist()) == sorted(
            ["companies.csv", "contacts.csv", "links.csv", MANIFEST_NAME]
        )
    assert not is_bulkio_csv_export(tmp_path)


def test_jsonl_one_record_per_line(tmp_path: Path) -> None:
    records = [contact(1, companies=[linked(company(1), "CEO")]), contact(2)]
    out = tmp_path / "contacts.jsonl"
    assert write_jsonl(out, records) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records
    assert "Müller" in lines[0]


def _many_contacts(n: int) -> Iterator[dict[str, Any]]:
    acme, other = company(1), company(2)
    for i in range(n):
        yield contact(i, companies=[linked(acme, "CEO"), linked(other, "Advisor")])


def test_streaming_export_of_20000_records(tmp_path: Path) -> None:
    out = tmp_path / "big.xlsx"
    counts = write_export_xlsx(out, layout=_layout(), contacts=_many_contacts(20_000))
    assert (counts.contacts, counts.links) == (20_000, 40_000)
    reader = fastexcel.read_excel(out)
    contacts = reader.load_sheet_by_name("Contacts", dtypes="string").to_polars()
    assert contacts.height == 20_000
    assert contacts["External ID"][-1] == "C-19999"
    assert reader.load_sheet_by_name("Links").to_polars().height == 20_000
    assert Role.CONTACTS in _layout().sheets


TEXTS = ["=1+1", "+49 30 1", "01067", "TRUE", "1e5", "-5", "@SUM(A1)", "#N/A", "1.50", "_x0041_"]


def test_every_cell_of_an_export_is_a_text_cell(tmp_path: Path) -> None:
    companies = [company(i, company_name=v, phone=v, address_invoice_zip=v)
                 for i, v in enumerate(TEXTS)]  # fmt: skip
    contacts = [contact(i, first_name=v, companies=[linked(companies[0], "CEO"),
                                                    linked(companies[1], v)])
                for i, v in enumerate(TEXTS)]  # fmt: skip
    out = tmp_path / "x.xlsx"
    write_export_xlsx(out, layout=_layout(), companies=companies, contacts=contacts)

    wb = openpyxl.load_workbook(out)
    for ws in wb:
        cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
        assert cells and {c.data_type for c in cells} == {"s"}, ws.title
    assert [r["Phone"] for r in _rows_by_header(wb["Companies"])][:-1] == TEXTS[:-1]
    assert [r["Position at company"] for r in _rows_by_header(wb["Links"])][:-1] == TEXTS[:-1]
    book = CalamineWorkbook.from_path(out)
    for name in book.sheet_names:
        assert {type(v) for row in book.get_sheet_by_name(name).to_python() for v in row} == {str}
    companies_read = book.get_sheet_by_name("Companies").to_python()
    header = companies_read[0]
    phones = [row[header.index("Phone")] for row in companies_read[1:]]
    assert phones == TEXTS  # Excel's own escaping of "_x0041_" reads back as typed
    with zipfile.ZipFile(out) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all("<f>" not in zf.read(n).decode() for n in sheets)


def test_export_headers_are_bold_frozen_and_carry_the_templates_notes(tmp_path: Path) -> None:
    layout = _layout()
    out = tmp_path / "x.xlsx"
    write_export_xlsx(out, layout=layout, contacts=[contact(1)], lang="de")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Firmen", "Kontakte", "Verknüpfungen", META_SHEET]
    assert [ws.sheet_state for ws in wb] == ["visible", "visible", "visible", "hidden"]
    ws = wb["Kontakte"]
    columns = layout.columns(Role.CONTACTS)
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == [c.header("de") for c in columns]
    assert all(c.font.b for c in ws[1])
    for cell, col in zip(ws[1], columns, strict=True):
        assert cell.comment is not None and col.note("de") in cell.comment.text
    assert ws.column_dimensions["A"].width >= columns[0].width
    lines = header_lines(columns, "de")  # LibreOffice fits no row height itself
    assert ws.row_dimensions[1].height == pytest.approx(line_height(lines), abs=1)
    assert wb["Firmen"].max_row == 1  # no companies: the header alone, so it re-imports
    meta = [[v or "" for v in row] for row in wb[META_SHEET].iter_rows(values_only=True)]
    expected = meta_rows(layout, "de")
    assert [row[: len(e)] for row, e in zip(meta, expected, strict=True)] == expected


def test_characters_a_workbook_cannot_hold_are_dropped(tmp_path: Path) -> None:
    names = ["a\x0bb", "c\x00d\x1fe", "lone \ud800surrogate", "not a char \uffff", "tab\tkept"]
    out = tmp_path / "x.xlsx"
    counts = write_export_xlsx(
        out, layout=_layout(), companies=[company(i, company_name=n) for i, n in enumerate(names)]
    )
    assert counts.companies == len(names)
    read = [r["Company name *"] for r in _rows_by_header(openpyxl.load_workbook(out)["Companies"])]
    assert read == ["ab", "cde", "lone surrogate", "not a char ", "tab\tkept"]


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    def failing() -> Iterator[dict[str, Any]]:
        yield contact(1)
        raise RuntimeError("the platform went away")

    out = tmp_path / "x.xlsx"
    with pytest.raises(RuntimeError):
        write_export_xlsx(out, layout=_layout(), contacts=failing())
    assert not out.exists()


KILLED_WRITER = """
import sys, itertools
from pathlib import Path
from bulkio.core.layout import build_layout
from bulkio.usecases.template import offline_lookups
from bulkio.writers.export_xlsx import write_export_xlsx
from bulkio.writers.printing import line_height
from tests.writers.records import contact

def contacts():
    for i in itertools.count():
        if i == 2000:
            print("writing", flush=True)
        yield contact(i)

layout = build_layout(offline_lookups().custom_fields, export=True)
write_export_xlsx(Path(sys.argv[1]), layout=layout, contacts=contacts())
"""


def test_a_killed_export_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(out)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        child.kill()
    assert child.returncode == -signal.SIGKILL
    assert list(tmp_path.iterdir()) == []
