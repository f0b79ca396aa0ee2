"""Flat contact files and their mapping, built in tmp_path, and a look at the platform."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

HEADER = [
    "Firmennr",
    "Firma",
    "Ort",
    "Land",
    "Branche",
    "Tags",
    "Kontaktnr",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Position",
]
TOWNS = ["Dresden", "Leipzig", "Berlin", "Hamburg", "München"]
FIELDS = ["IT services", "Software", "Consulting", "Retail"]

MAPPING = """\
version: 1
origin: Test
input:
  flat: {sheet: 0}
company:
  key:
    external_id: Firmennr
    match: name
  fields:
    company_name: Firma
    address_invoice_town: Ort
    address_invoice_country: Land
    business_field: Branche
    tags: {column: Tags, split: ","}
contact:
  key:
    external_id: Kontaktnr
    match: email
  fields:
    first_name: Vorname
    last_name: Nachname
    email: E-Mail
link:
  position: Position
"""


def flat_rows(contacts: int, per_company: int = 5) -> list[list[str]]:
    """``contacts`` rows, ``per_company`` contacts per company (so contacts/per_company
    companies), every company and contact with an external id."""
    rows = []
    for n in range(contacts):
        c = n // per_company
        rows.append(
            [
                f"K-{c:05d}",
                f"Firma {c} GmbH",
                TOWNS[c % len(TOWNS)],
                "DE",
                FIELDS[c % len(FIELDS)],
                "VIP, Partner" if c % 3 == 0 else "Lead",
                f"P-{n:05d}",
                f"Vorname{n}",
                f"Nachname{n}",
                f"person{n}@firma{c}.de",
                f"Rolle {n % 7}",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_mapping(path: Path) -> Path:
    path.write_text(MAPPING, encoding="utf-8")
    return path


@dataclass
class Platform:
    """What the sandbox holds, read over HTTP (archived records included)."""

    contacts: list[dict[str, Any]]
    companies: list[dict[str, Any]]

    def links(self) -> list[tuple[str, str, str]]:
        """(contact external id, company external id, position) for every link."""
        found = []
        for contact in self.contacts:
            for company in contact.get("companies") or []:
                position = (company.get("contact_company") or {}).get("position") or ""
                found.append((contact["external_id"], company["external_id"], position))
        return found


def every_record(http: httpx.Client, resource: str, include: str | None) -> list[dict[str, Any]]:
    """Every record of ``resource``, archived ones too, page by page."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"page[size]": "100", "archived": "with"}
        if include:
            params["include"] = include
        if cursor:
            params["page[cursor]"] = cursor
        page = http.get(f"/{resource}", params=params).json()
        out.extend(page["data"])
        cursor = page["meta"]["next_cursor"]
        if not cursor:
            return out


def read_platform(base_url: str, token: str) -> Platform:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
        return Platform(
            every_record(http, "contacts", "companies"), every_record(http, "companies", None)
        )


# The embedded sandbox's read-write token (bulkio/data/seed.json); /_sandbox/* requires it.
SANDBOX_AUTH = {"Authorization": "Bearer sandbox-token"}


# The import's check that the token may write: an empty PATCH of an id no record has, which
# changes nothing (see bulkio.kanbert.wire.write_scope_probe).
SCOPE_CHECK = ("PATCH", "/api/v1/contacts/{id}", 404)


def write_counts(root_url: str) -> dict[str, int]:
    """Writes the sandbox answered since its stats were last reset, by 'METHOD route'; the
    import's scope check, which changes nothing, is left out."""
    stats = httpx.get(root_url + "/_sandbox/stats", headers=SANDBOX_AUTH).json()
    counts: dict[str, int] = {}
    for item in stats["requests"]:
        if (item["method"], item["route"], item["status"]) == SCOPE_CHECK:
            continue
        if item["method"] != "GET":
            key = f"{item['method']} {item['route']}"
            counts[key] = counts.get(key, 0) + item["count"]
    return counts


def reset_stats(root_url: str) -> None:
    httpx.delete(root_url + "/_sandbox/stats", headers=SANDBOX_AUTH)
