"""Home-made lists as small businesses keep them, built the way their programs write them.

- ``kundenliste``: a German Excel workbook, a title above the header, a "Kunden" sheet (one row
  per contact, the company repeated, whole names with salutation and title, "Weiß, Anna",
  two-digit and four-digit years, streets with house numbers, a total and a date stamp below)
  and an unrelated "Lieferanten" sheet (suppliers: companies only, other names and numbers).
  Cells are text cells, as a list typed by hand with the PLZ column formatted as text, but for
  one PLZ typed into a General cell, which Excel stores as the number 1099 (for 01099).
- ``uk_contacts``: "contacts.csv" as Excel's "CSV UTF-8 (Comma delimited)" saves it (BOM,
  CRLF, quotes only where a cell holds a comma): full names with Mr/Mrs/Dr, "12 Main St",
  UK postcodes and numbers, dates of birth dd/mm/yyyy, a total line.
- ``swiss_list``: a Swiss address list in Excel, German headers, "Route de Genève 12" and
  "Bahnhofstrasse 5" (no ß in Switzerland), four-digit PLZ, national numbers, .ch addresses,
  no country column, a count line below.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Expected:
    """What a list must become in Kanbert: contacts by "first last", companies by name,
    links as (contact, company, position)."""

    contacts: dict[str, dict[str, Any]]
    companies: dict[str, dict[str, Any]]
    links: set[tuple[str, str, str]] = field(default_factory=set)


def _text_sheet(ws: Worksheet, rows: Sequence[Sequence[str]]) -> None:
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows():
        for cell in line:
            cell.number_format = "@"


KUNDEN_HEADER = ["Kundennr.", "Firma", "Ansprechpartner", "Straße", "PLZ", "Ort", "Telefon",
                 "E-Mail", "Geburtstag", "Bemerkung"]  # fmt: skip
KUNDEN = [
    ["1001", "Bäckerei Schönfeld GmbH", "Herr Dr. Hans Müller", "Hauptstr. 5a", "01067",
     "Dresden", "0351 1234567", "h.mueller@schoenfeld.de", "23.8.72", "Stammkunde"],
    ["1001", "Bäckerei Schönfeld GmbH", "Weiß, Anna", "Hauptstr. 5a", "01067", "Dresden",
     "0351 1234568", "a.weiss@schoenfeld.de", "31.12.1980", ""],
    ["1002", "Autohaus Krause KG", "Frau Petra Krause", "Leipziger Straße 112", "04109",
     "Leipzig", "0341 998877", "p.krause@krause-auto.de", "3.4.58", ""],
    ["1003", "Schreinerei Holz & Form", "Herr Jürgen Öztürk", "Am Markt 3", "80331",
     "München", "089 445566", "j.oeztuerk@holzform.de", "", "Rechnung per Post"],
    ["1004", "Friseur Haarmonie", "Frau Prof. Dr. Eva Lang", "Königsbrücker Str. 12-14",
     "01099", "Dresden", "0351 7788990", "eva@haarmonie.de", "14.2.1965", ""],
]  # fmt: skip
LIEFERANTEN = [
    ["Lieferantennr.", "Firma", "Straße", "PLZ", "Ort", "Telefon", "E-Mail", "IBAN"],
    ["L-01", "Elektro Wagner GmbH", "Industriestr. 7", "01159", "Dresden", "0351 400500",
     "info@elektro-wagner.de", "DE89370400440532013000"],
    ["L-02", "Papier Schulze OHG", "Bahnhofstr. 2", "04103", "Leipzig", "0341 600700",
     "bestellung@papier-schulze.de", ""],
    ["L-03", "Mehlmühle Sachsen AG", "Mühlenweg 1", "01445", "Radebeul", "0351 800900",
     "vertrieb@mehlmuehle.de", ""],
]  # fmt: skip


def kundenliste(folder: Path) -> Path:
    wb = Workbook()
    kunden = wb.active
    assert kunden is not None
    kunden.title = "Kunden"
    _text_sheet(
        kunden,
        [
            ["Kundenliste Elektro Meier, Stand März 2024"],
            [],
            KUNDEN_HEADER,
            *[list(row) for row in KUNDEN],
            [],
            ["Summe: 5 Kontakte"],
            ["Stand: 01.03.2024"],
        ],
    )
    shortened = kunden.cell(row=8, column=KUNDEN_HEADER.index("PLZ") + 1)
    assert shortened.value == "01099"
    shortened.value, shortened.number_format = 1099, "General"
    _text_sheet(wb.create_sheet("Lieferanten"), [list(r) for r in LIEFERANTEN])
    path = folder / "Kundenliste.xlsx"
    wb.save(path)
    return path


KUNDEN_EXPECTED = Expected(
    contacts={
        "Hans Müller": {"gender": "male", "title": "Dr.", "birthday": "1972-08-23",
                        "email": "h.mueller@schoenfeld.de", "telephone": "+493511234567"},
        "Anna Weiß": {"gender": None, "title": None, "birthday": "1980-12-31",
                      "telephone": "+493511234568"},
        "Petra Krause": {"gender": "female", "birthday": "1958-04-03",
                         "telephone": "+49341998877"},
        "Jürgen Öztürk": {"gender": "male", "birthday": None, "telephone": "+4989445566"},
        "Eva Lang": {"gender": "female", "title": "Prof. Dr.", "birthday": "1965-02-14"},
    },
    companies={
        "Bäckerei Schönfeld GmbH": {"external_id": "1001", "address_invoice_street": "Hauptstr.",
                                    "address_invoice_house": "5a",
                                    "address_invoice_zip": "01067",
                                    "address_invoice_town": "Dresden"},
        "Autohaus Krause KG": {"external_id": "1002",
                               "address_invoice_street": "Leipziger Straße",
                               "address_invoice_house": "112"},
        "Schreinerei Holz & Form": {"external_id": "1003", "address_invoice_house": "3"},
        "Friseur Haarmonie": {"external_id": "1004", "address_invoice_zip": "01099",
                              "address_invoice_street": "Königsbrücker Str.",
                              "address_invoice_house": "12-14"},
    },
    links={
        ("Hans Müller", "Bäckerei Schönfeld GmbH", ""),
        ("Anna Weiß", "Bäckerei Schönfeld GmbH", ""),
        ("Petra Krause", "Autohaus Krause KG", ""),
        ("Jürgen Öztürk", "Schreinerei Holz & Form", ""),
        ("Eva Lang", "Friseur Haarmonie", ""),
    },
)  # fmt: skip


UK_ROWS = [
    ["Customer ID", "Full name", "Company", "Job title", "Address", "Town", "Postcode",
     "Phone", "Email", "Date of birth"],
    ["C001", "Mr John Smith", "Acme Widgets Ltd", "Director", "12 Main St", "Leeds", "LS1 4AP",
     "0113 496 0000", "john.smith@acme.co.uk", "23/08/1972"],
    ["C002", "Jones, Sarah", "Acme Widgets Ltd", "Buyer", "12 Main St", "Leeds", "LS1 4AP",
     "0113 496 0001", "sarah.jones@acme.co.uk", "05/11/1985"],
    ["C003", "Dr Emily Brown", "Brown & Sons", "Owner", "Unit 2, 7 High Street", "York",
     "YO1 7HH", "01904 123456", "emily@brownandsons.co.uk", "12/03/1969"],
    ["C004", "Ms Priya Patel", "Patel Pharmacy", "Pharmacist", "221B Baker Street", "London",
     "NW1 6XE", "020 7946 0958", "priya@patelpharmacy.co.uk", ""],
    ["Total: 4 contacts", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def uk_contacts(folder: Path) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(UK_ROWS)
    path = folder / "contacts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


UK_EXPECTED = Expected(
    contacts={
        "John Smith": {"gender": "male", "external_id": "C001", "birthday": "1972-08-23",
                       "telephone": "+441134960000"},
        "Sarah Jones": {"gender": None, "external_id": "C002", "birthday": "1985-11-05"},
        "Emily Brown": {"gender": None, "title": "Dr", "birthday": "1969-03-12",
                        "telephone": "+441904123456"},
        "Priya Patel": {"gender": "female", "telephone": "+442079460958", "birthday": None},
    },
    companies={
        "Acme Widgets Ltd": {"address_invoice_street": "Main St", "address_invoice_house": "12",
                             "address_invoice_zip": "LS1 4AP", "address_invoice_town": "Leeds"},
        "Brown & Sons": {"address_invoice_zip": "YO1 7HH",
                         "address_invoice_street": "Unit 2, 7 High Street",
                         "address_invoice_house": None},
        "Patel Pharmacy": {"address_invoice_street": "Baker Street",
                           "address_invoice_house": "221B"},
    },
    links={
        ("John Smith", "Acme Widgets Ltd", "Director"),
        ("Sarah Jones", "Acme Widgets Ltd", "Buyer"),
        ("Emily Brown", "Brown & Sons", "Owner"),
        ("Priya Patel", "Patel Pharmacy", "Pharmacist"),
    },
)  # fmt: skip


SWISS_ROWS = [
    ["Nr.", "Firma", "Kontakt", "Adresse", "PLZ", "Ort", "Telefon", "Natel", "E-Mail"],
    ["1", "Boulangerie Dupont SA", "Monsieur Jean Dupont", "Route de Genève 12", "1003",
     "Lausanne", "021 123 45 67", "079 123 45 67", "jean@boulangerie-dupont.ch"],
    ["2", "Meier Treuhand AG", "Herr Peter Meier", "Bahnhofstrasse 5", "8001", "Zürich",
     "044 123 45 60", "076 555 12 34", "p.meier@meier-treuhand.ch"],
    ["3", "Garage Rossi GmbH", "Frau Laura Rossi", "Via Cantonale 8a", "6900", "Lugano",
     "091 922 33 44", "", "laura@garage-rossi.ch"],
    ["4", "Café Zentral", "Frau Dr. Ursula Keller", "Rue du Marché 3", "1204", "Genève",
     "022 310 20 30", "", "u.keller@cafe-zentral.ch"],
    ["Anzahl Adressen: 4"],
]  # fmt: skip


def swiss_list(folder: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Adressen"
    _text_sheet(ws, [list(r) for r in SWISS_ROWS])
    path = folder / "Adressliste.xlsx"
    wb.save(path)
    return path


SWISS_EXPECTED = Expected(
    contacts={
        "Jean Dupont": {"gender": "male", "telephone": "+41211234567",
                        "mobile": "+41791234567"},
        "Peter Meier": {"gender": "male", "telephone": "+41441234560"},
        "Laura Rossi": {"gender": "female", "telephone": "+41919223344"},
        "Ursula Keller": {"gender": "female", "title": "Dr.", "telephone": "+41223102030"},
    },
    companies={
        "Boulangerie Dupont SA": {"address_invoice_street": "Route de Genève",
                                  "address_invoice_house": "12",
                                  "address_invoice_zip": "1003"},
        "Meier Treuhand AG": {"address_invoice_street": "Bahnhofstrasse",
                              "address_invoice_house": "5"},
        "Garage Rossi GmbH": {"address_invoice_house": "8a"},
        "Café Zentral": {"address_invoice_street": "Rue du Marché",
                         "address_invoice_house": "3", "address_invoice_town": "Genève"},
    },
    links={
        ("Jean Dupont", "Boulangerie Dupont SA", ""),
        ("Peter Meier", "Meier Treuhand AG", ""),
        ("Laura Rossi", "Garage Rossi GmbH", ""),
        ("Ursula Keller", "Café Zentral", ""),
    },
)  # fmt: skip
