"""A platform that already holds data, the "oops" file that changes it, and a look at
every record (fields, custom fields, links and positions, archived state) to compare."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import httpx

from tests.usecases.importer.files import every_record

HEADER = [
    "Firmennr",
    "Firma",
    "Ort",
    "Tags",
    "Kundennr",
    "Segment",
    "Key Account",
    "Kontaktnr",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Abteilung",
    "Newsletter",
    "Position",
]

MAPPING = """\
version: 1
origin: Test
input:
  flat: {sheet: 0}
company:
  key: {external_id: Firmennr, match: name}
  fields:
    company_name: Firma
    address_invoice_town: Ort
    tags: {column: Tags, split: ","}
    custom_fields.customer_number: Kundennr
    custom_fields.segment: Segment
    custom_fields.key_account: {column: Key Account, type: boolean}
contact:
  key: {external_id: Kontaktnr, match: email}
  fields:
    first_name: Vorname
    last_name: Nachname
    email: E-Mail
    custom_fields.department: Abteilung
    custom_fields.newsletter: {column: Newsletter, type: boolean}
link:
  position: Position
"""


def _row(company: tuple[str, ...], contact: tuple[str, ...], position: str) -> list[str]:
    return [*company, *contact, position]


K1 = ("K-1", "Alpha GmbH", "Dresden", "VIP", "C-100", "A", "ja")
K2 = ("K-2", "Beta AG", "Leipzig", "Lead", "C-200", "B", "nein")
K3 = ("K-3", "Gamma KG", "Berlin", "", "C-300", "", "nein")
K4 = ("K-4", "Delta GmbH", "Hamburg", "Partner", "C-400", "C", "ja")

P1 = ("P-1", "Anna", "Arnold", "anna@alpha.de", "Einkauf", "ja")
P2 = ("P-2", "Bernd", "Bauer", "bernd@alpha.de", "Vertrieb", "nein")
P3 = ("P-3", "Clara", "Conrad", "clara@beta.de", "Technik", "ja")
P4 = ("P-4", "Dieter", "Dorn", "dieter@beta.de", "", "nein")
P5 = ("P-5", "Eva", "Engel", "eva@gamma.de", "Leitung", "ja")
P6 = ("P-6", "Frank", "Fuchs", "frank@gamma.de", "Einkauf", "nein")
P7 = ("P-7", "Gina", "Graf", "gina@delta.de", "", "ja")
P8 = ("P-8", "Hans", "Huber", "hans@delta.de", "Lager", "nein")
K9 = ("K-9", "Neu GmbH", "Jena", "Lead", "C-900", "A", "nein")  # new in the oops file
P10 = ("P-10", "Ida", "Iske", "ida@alpha.de", "Einkauf", "ja")  # new
P11 = ("P-11", "Jan", "Jung", "jan@neu.de", "", "nein")  # new

BEFORE_ROWS = [
    _row(K1, P1, "Einkaufsleitung"),
    _row(K1, P2, "Vertrieb"),
    _row(K2, P3, "CTO"),
    _row(K2, P4, ""),
    _row(K3, P5, "Geschäftsführung"),
    _row(K3, P6, "Assistenz"),
    _row(K4, P7, "Inhaberin"),
    _row(K4, P8, "Lager"),
]

# The file someone should not have imported: it changes existing records (fields, custom
# fields, tags), moves positions, links existing contacts to existing and new companies,
# restores archived records and creates new ones.
K1_CHANGED = ("K-1", "Alpha GmbH", "Pirna", "VIP, Partner", "C-100", "B", "ja")
OOPS_ROWS = [
    _row(K1_CHANGED, P1, "Einkauf"),
    _row(K1_CHANGED, ("P-2", "Bernd", "Baumann", "bernd@alpha.de", "Marketing", "ja"), "Vertrieb"),
    _row(K2, P3, "CEO"),
    _row(K2, P5, "Beirat"),  # an existing contact, newly linked to an existing company
    _row(("K-4", "Delta GmbH", "Kiel", "Partner", "C-401", "C", "ja"), P8, "Lager"),
    _row(K9, P4, "Berater"),  # an existing contact linked to a new company
    _row(K1_CHANGED, P10, "Einkauf"),  # a new contact at an existing company
    _row(K9, P11, "Inhaber"),
]

IGNORED = {"updated_at", "deleted_at", "companies", "contacts"}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_mapping(path: Path) -> Path:
    path.write_text(MAPPING, encoding="utf-8")
    return path


def api(base_url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def snapshot(base_url: str, token: str) -> dict[str, dict[str, Any]]:
    """Every contact and company (archived ones included) by id: each field, custom fields,
    archived or not, and for a contact its links (company id -> position)."""
    records: dict[str, dict[str, Any]] = {}
    with api(base_url, token) as http:
        for resource, include in (("contacts", "companies"), ("companies", None)):
            for raw in every_record(http, resource, include):
                record = {k: v for k, v in raw.items() if k not in IGNORED}
                record["archived"] = raw.get("deleted_at") is not None
                if include:
                    record["links"] = {
                        c["id"]: (c.get("contact_company") or {}).get("position") or ""
                        for c in raw.get(include) or []
                    }
                records[raw["id"]] = record
    return records


def differences(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[str]:
    """Record by record, what differs between two snapshots; a record that is new in
    ``after`` must be archived."""
    found: list[str] = []
    for record_id, was in before.items():
        now = after.get(record_id)
        if now is None:
            found.append(f"{record_id} ({was.get('external_id')}) is gone")
            continue
        for name in sorted(set(was) | set(now)):
            if was.get(name) != now.get(name):
                found.append(
                    f"{was.get('external_id')}: {name} was {was.get(name)!r}, is {now.get(name)!r}"
                )
    for record_id, now in after.items():
        if record_id not in before and not now["archived"]:
            found.append(f"{now.get('external_id')} is new and live")
    return found


def by_external_id(records: dict[str, dict[str, Any]], external_id: str) -> dict[str, Any]:
    return next(r for r in records.values() if r.get("external_id") == external_id)


def archive(base_url: str, token: str, resource: str, record_id: str) -> None:
    with api(base_url, token) as http:
        http.delete(f"/{resource}/{record_id}").raise_for_status()


def patch(base_url: str, token: str, resource: str, record_id: str, body: dict[str, Any]) -> None:
    with api(base_url, token) as http:
        http.patch(f"/{resource}/{record_id}", json=body).raise_for_status()


def many_rows(companies: int, per_company: int) -> tuple[list[list[str]], list[list[str]]]:
    """A bigger platform and an "oops" file for it: (rows before, rows of the oops file).

    The oops file changes every other company's town and segment, every third contact's last
    name and department, every fourth position, adds two contacts to every company and two
    new companies with contacts, and names the records ``archive_first`` archives."""
    before: list[list[str]] = []
    oops: list[list[str]] = []
    for c in range(companies):
        company = (f"K-{c}", f"Firma {c}", "Dresden", "VIP", f"C-{c}", "A", "ja")
        changed = (f"K-{c}", f"Firma {c}", "Pirna", "VIP", f"C-{c}", "B", "ja")
        oops_company = changed if c % 2 else company
        for n in range(per_company):
            p = c * per_company + n
            contact = (f"P-{p}", f"Vor{p}", f"Nach{p}", f"p{p}@firma{c}.de", "Einkauf", "nein")
            before.append(_row(company, contact, f"Rolle {n}"))
            if p % 3 == 0:
                contact = (f"P-{p}", f"Vor{p}", f"Neu{p}", f"p{p}@firma{c}.de", "Technik", "ja")
            oops.append(_row(oops_company, contact, "Chef" if p % 4 == 0 else f"Rolle {n}"))
        for extra in range(2):
            new = (
                f"N-{c}-{extra}",
                f"Neu{c}",
                f"Person{extra}",
                f"n{c}.{extra}@firma{c}.de",
                "",
                "ja",
            )
            oops.append(_row(oops_company, new, "Neu"))
    for c in range(companies, companies + 2):
        company = (f"K-{c}", f"Neue Firma {c}", "Jena", "Lead", f"C-{c}", "C", "nein")
        for extra in range(3):
            new = (
                f"N-{c}-{extra}",
                f"Neu{c}",
                f"Person{extra}",
                f"n{c}.{extra}@neu.de",
                "",
                "nein",
            )
            oops.append(_row(company, new, "Gründer"))
    return before, oops


ARCHIVED_FIRST = (("companies", "K-1"), ("contacts", "P-2"), ("contacts", "P-5"))
"""Records of ``many_rows``' platform that are archived before the oops import restores them."""
