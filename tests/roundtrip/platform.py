"""Sandbox A for the round trip: a few hundred companies and contacts filling every writable
field, stored straight into the sandbox file (references by id, as Kanbert holds them)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from bulkio.sandbox.countries import country_id
from tests.conftest import seed

COMPANIES = 240
CONTACTS = 320
STAMP = "2024-03-01T10:00:00.000000Z"
# Values a spreadsheet program would take for a formula: each must come back as it is.
FORMULA_STARTS = ("=SUMME(A1:A3)", "+49 Plus", "-5 Rabatt", "@home", "'quoted")

_SEED = json.loads(resources.files("bulkio.data").joinpath("seed.json").read_text("utf-8"))


def _ids(name: str) -> list[str]:
    return [str(item["id"]) for item in _SEED[name]]


USERS = _ids("users")
CLIENTS = _ids("clients")
INDUSTRIES = _ids("business_fields")
SIZES = _ids("company_sizes")
REVENUES = _ids("company_revenues")
TAGS = _ids("tags")
COUNTRIES = ("DE", "AT", "CH", "FR")


def _company(i: int) -> dict[str, Any]:
    special = FORMULA_STARTS[i // 10 % len(FORMULA_STARTS)] if i % 10 == 3 else None
    delivery = i % 3 == 0
    return {
        "id": f"00000000-0000-4000-8000-{i:012d}",
        # every 25th company has no external ID: contacts name it by its name
        "external_id": None if i % 25 == 7 else f"K-{i:04d}",
        "external_origin": "Altsystem",
        "company_name": f"{special} {i}" if special else f"Müller & Söhne {i} GmbH",
        "vendor_identifier": f"L-{i:05d}",
        "locale": "de" if i % 2 else "en",
        "tax_uid": "DE136695976" if i % 4 == 0 else None,
        "taxation_enabled": i % 5 == 0,
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
        "email": f"rechnung{i}@firma.de",
        "email_general": f"info{i}@firma.de",
        "phone": "+493511234500",
        "fax": "+493511234599" if i % 2 else None,
        "homepage": f"https://www.firma{i}.de",
        "invoices_by_post": i % 2 == 0,
        "invoices_by_email": i % 2 == 1,
        "business_field_id": INDUSTRIES[i % len(INDUSTRIES)],
        "company_size_id": SIZES[i % len(SIZES)],
        "company_revenue_id": REVENUES[i % len(REVENUES)],
        "tag_ids": [TAGS[i % len(TAGS)], TAGS[(i + 2) % len(TAGS)]] if i % 4 else [],
        "person_attention_to": "Frau Weiß",
        "address_invoice_title": "Buchhaltung",
        "address_invoice_street": "Königsbrücker Straße",
        "address_invoice_house": f"{i}a",
        "address_invoice_street2": "c/o Jürgen Öztürk",
        "address_invoice_zip": "01067",
        "address_invoice_town": "Dresden",
        "address_invoice_state": "Sachsen",
        "address_invoice_country_id": country_id(COUNTRIES[i % len(COUNTRIES)]),
        "address_invoice_is_delivery": not delivery,
        "delivery_person_attention_to": "Herr Groß" if delivery else None,
        "address_delivery_title": "Lager" if delivery else None,
        "address_delivery_street": "Äußere Str." if delivery else None,
        "address_delivery_house": "7" if delivery else None,
        "address_delivery_street2": None,
        "address_delivery_zip": "08056" if delivery else None,
        "address_delivery_town": "Zwickau" if delivery else None,
        "address_delivery_state": "Sachsen" if delivery else None,
        "address_delivery_country_id": country_id("DE") if delivery else None,
        "client_id": CLIENTS[i % len(CLIENTS)],
        "custom_fields": {
            "customer_number": f"{i:06d}",  # leading zeros stay
            "key_account": i % 3 == 0,
            "employees": i * 7,
            "customer_since": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
            "segment": "ABC"[i % 3],
        },
        "created_at": STAMP,
        "updated_at": STAMP,
        "deleted_at": None,
    }


def _contact(i: int) -> dict[str, Any]:
    special = FORMULA_STARTS[i // 10 % len(FORMULA_STARTS)] if i % 10 == 4 else None
    return {
        "id": f"00000000-0000-4000-9000-{i:012d}",
        # every 30th contact has no external ID: the Links sheet names it by its e-mail
        "external_id": None if i % 30 == 11 else f"C-{i:04d}",
        "external_origin": "Altsystem",
        "gender": ("female", "male", "diverse")[i % 3],
        "title": "Dr." if i % 4 == 0 else None,
        "first_name": special or ("Jörg", "Ülla", "Zoë", "Anna")[i % 4],
        "last_name": f"Weiß-Öztürk {i}",
        "title_suffix": "MBA" if i % 6 == 0 else None,
        "position": "-5 Rabatt" if i % 9 == 0 else "Einkäuferin",
        "locale": "de",
        "birthday": f"19{60 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "email": f"person{i}@firma.de",
        "email_private": f"privat{i}@example.org" if i % 2 else None,
        "telephone": "+493511234567",
        "telephone_private": "+493517654321" if i % 3 else None,
        "mobile": "+491711234567",
        "mobile_private": None,
        "fax": "+493511234568" if i % 5 == 0 else None,
        "address_street": "Hauptstraße",
        "address_house": "12a",
        "address_street2": "Hinterhaus",
        "address_zip": "01067",
        "address_town": "Dresden",
        "address_state": "Sachsen",
        "address_country_id": country_id(COUNTRIES[i % len(COUNTRIES)]),
        "owner_id": USERS[i % 3],
        "client_id": CLIENTS[i % len(CLIENTS)] if i % 2 else None,
        "custom_fields": {
            "newsletter": i % 2 == 0,
            "preferred_channel": ("email", "phone", "post")[i % 3],
            "department": "=Vertrieb" if i % 13 == 0 else "Vertrieb Süd",
            "first_contact": f"2023-{1 + i % 12:02d}-15",
        },
        "created_at": STAMP,
        "updated_at": STAMP,
        "deleted_at": None,
    }


def _links(
    companies: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> list[tuple[str, str, str]]:
    """Every contact works at one company; every 5th at two, every 7th at three, each with
    its own position (some of them formula-like)."""
    links: list[tuple[str, str, str]] = []
    for i, contact in enumerate(contacts):
        count = 3 if i % 7 == 0 else 2 if i % 5 == 0 else 1
        for n in range(count):
            company = companies[(i * 3 + n * 17) % len(companies)]
            position = ("Geschäftsführerin", "Beirat", "=Aufsicht")[n] if count > 1 else "Einkauf"
            links.append((contact["id"], company["id"], position))
    return links


def seed_platform(db: Path) -> dict[str, int]:
    """Fill sandbox file ``db``; returns the counts of companies, contacts and links."""
    companies = [_company(i) for i in range(1, COMPANIES + 1)]
    contacts = [_contact(i) for i in range(1, CONTACTS + 1)]
    links = _links(companies, contacts)
    seed(db, companies, contacts, links)
    return {"companies": len(companies), "contacts": len(contacts), "links": len(links)}
