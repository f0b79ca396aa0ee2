"""A template a customer filled by hand checks and imports with no mapping, in English and in
German."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bulkio import Target, import_file
from bulkio.core.entities import Role
from bulkio.sandbox import running
from bulkio.usecases.check import check_file
from bulkio.usecases.template import make_template
from tests.usecases.importer.files import read_platform

SHEET_TITLES = {
    "en": {Role.COMPANIES: "Companies", Role.CONTACTS: "Contacts", Role.LINKS: "Links"},
    "de": {Role.COMPANIES: "Firmen", Role.CONTACTS: "Kontakte", Role.LINKS: "Verknüpfungen"},
}


def fill(path: Path, lang: str, sheet: Role, rows: list[dict[str, Any]]) -> None:
    """Type values under the headers, the way a person does: by the header they read."""
    book = openpyxl.load_workbook(path)
    title = SHEET_TITLES[lang][sheet]
    ws = book[title]
    # the hidden _bulkio sheet says which field each header is, for machines like this test
    where = {
        key: letter
        for name, letter, _, key, *_ in book["_bulkio"].iter_rows(min_row=3, values_only=True)
        if name == title
    }
    for offset, values in enumerate(rows):
        for key, value in values.items():
            ws[f"{where[key]}{2 + offset}"] = value
    book.save(path)


def fill_sample(path: Path, lang: str, yes: str) -> None:
    """Two companies, two contacts (Anna at two companies), custom fields, as a person types."""
    make_template(path, lang=lang)
    fill(
        path,
        lang,
        Role.COMPANIES,
        [
            {
                "company.external_id": "K-1",
                "company.company_name": "Müller & Söhne GmbH",
                "company.address_invoice_zip": "01067",
                "company.address_invoice_town": "Dresden",
                "company.address_invoice_country": "Deutschland",
                "company.invoices_by_email": yes,
                "company.tags": "VIP, Partner",
                "company.custom_fields.employees": 42,
                "company.custom_fields.customer_number": "000123",
            },
            {
                "company.external_id": "K-2",
                "company.company_name": "Alpen AG",
                "company.address_invoice_country": "CH",
            },
        ],
    )
    fill(
        path,
        lang,
        Role.CONTACTS,
        [
            {
                "contact.external_id": "P-1",
                "contact.first_name": "Anna",
                "contact.last_name": "Weiß",
                "contact.email": "anna@mueller.de",
                "contact.birthday": dt.date(1980, 4, 23),
                "contact.custom_fields.newsletter": yes,
                "link.company": "K-1",
                "link.position": "Einkauf",
            },
            {
                "contact.external_id": "P-2",
                "contact.last_name": "Käser",
                "contact.email": "urs@alpen.ch",
                "link.company": "Alpen AG",
            },
        ],
    )
    fill(
        path,
        lang,
        Role.LINKS,
        [
            {"link.contact": "P-1", "link.company": "K-2", "link.position": "Beirat"},
        ],
    )


@pytest.mark.parametrize(("lang", "yes"), [("en", "yes"), ("de", "ja")])
def test_filled_template_checks_clean_without_a_mapping(
    tmp_path: Path, lang: str, yes: str
) -> None:
    path = tmp_path / f"filled-{lang}.xlsx"
    fill_sample(path, lang, yes)

    result = check_file(path, keep_records=True)

    assert result.mapping.name.startswith("bulkio-template"), result.mapping.reason
    assert [str(i) for i in result.issues if i.severity == "error"] == []
    assert result.ok
    v = result.validation
    assert (v.company_count, v.contact_count, v.link_count) == (2, 2, 3)
    companies = {c.key.value: c for c in v.companies}
    muster = companies["K-1"].fields
    assert muster["address_invoice_zip"] == "01067"
    assert muster["address_invoice_country"] == "DE"
    assert muster["invoices_by_email"] is True
    anna = next(c for c in v.contacts if c.key.value == "P-1")
    assert anna.fields["birthday"] == "1980-04-23"
    positions = {
        (link.contact_key.value, link.company_key.value): link.position for link in v.links
    }
    assert positions[("P-1", "K-1")] == "Einkauf"
    assert positions[("P-1", "K-2")] == "Beirat"
    assert anna.custom_fields["newsletter"] is True
    assert companies["K-1"].custom_fields["employees"] == 42


@pytest.mark.parametrize(("lang", "yes"), [("en", "yes"), ("de", "ja")])
def test_filled_template_imports_without_a_mapping(tmp_path: Path, lang: str, yes: str) -> None:
    path = tmp_path / f"filled-{lang}.xlsx"
    fill_sample(path, lang, yes)

    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        result = import_file(path, target=target, report=tmp_path / "results.xlsx")
        platform = read_platform(box.base_url, box.token)

    assert result.ok, (result.summary(), [str(i) for i in result.issues])
    assert result.mapping.startswith("bulkio-template")
    companies = {c["external_id"]: c for c in platform.companies}
    assert set(companies) == {"K-1", "K-2"}
    muller = companies["K-1"]
    assert muller["company_name"] == "Müller & Söhne GmbH"
    assert muller["address_invoice_zip"] == "01067"
    assert muller["address_invoice_country"]["code"] == "DE"
    assert muller["invoices_by_email"] is True
    assert sorted(t["title"] for t in muller["tags"]) == ["Partner", "VIP"]
    assert muller["custom_fields"]["employees"] == 42
    assert muller["custom_fields"]["customer_number"] == "000123"
    assert companies["K-2"]["address_invoice_country"]["code"] == "CH"
    contacts = {c["external_id"]: c for c in platform.contacts}
    anna = contacts["P-1"]
    assert (anna["first_name"], anna["last_name"], anna["email"]) == (
        "Anna",
        "Weiß",
        "anna@mueller.de",
    )
    assert anna["birthday"] == "1980-04-23"
    assert anna["custom_fields"]["newsletter"] is True
    assert sorted(platform.links()) == [
        ("P-1", "K-1", "Einkauf"),
        ("P-1", "K-2", "Beirat"),
        ("P-2", "K-2", ""),
    ]
