from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastexcel
import openpyxl

from bulkio.core.layout import Sheet, build_layout
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
    assert Sheet.CONTACTS in _layout().sheets
