"""Writes the sample customer files in samples/ (run: python samples/make_customer_samples.py).

Each file is what customers really send, with a few defects on purpose so that
`bulkio check` has something to say; samples/README.md lists them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

# Kundennr, Firma, Straße, PLZ, Ort, Land, Telefon Zentrale, Webseite, Branche, Kategorien
FIRMEN = [
    (
        "K-1001",
        "Müller & Söhne GmbH",
        "Hauptstraße 12a",
        "01067",
        "Dresden",
        "Deutschland",
        "0351 4711-0",
        "www.mueller-soehne.de",
        "Manufacturing",
        "Customer, VIP",
    ),
    (
        "K-1002",
        "Bäckerei Schönfeld",
        "Am Markt 3-5",
        "04109",
        "Leipzig",
        "Deutschland",
        "(0341) 12 34 56",
        "baeckerei-schoenfeld.de",
        "Retail",
        "Customer",
    ),
    (
        "K-1003",
        "Alpen Consulting AG",
        "Bahnhofstr. 7",
        "8001",
        "Zürich",
        "Schweiz",
        "+41 44 123 45 67",
        "https://alpen-consulting.ch",
        "Consulting",
        "Partner",
    ),
    (
        "K-1004",
        "Wiener Werkstätten OG",
        "Mariahilfer Straße 88",
        "1070",
        "Wien",
        "Österreich",
        "+43 1 5234567",
        "",
        "Crafts and trades",
        "",
    ),
    (
        "K-1005",
        "Nordlicht Logistik GmbH & Co. KG",
        "Speicherstadt 1",
        "20457",
        "Hamburg",
        "DE",
        "040/3344556",
        "www.nordlicht-logistik.de",
        "Logistics",
        "Lead",
    ),
]

# Kundennr (Firma), Kontakt-ID, Anrede, Titel, Vorname, Nachname, Position, E-Mail, Telefon,
# Mobil, Geburtstag, Newsletter
KONTAKTE = [
    (
        "K-1001",
        "P-1",
        "Herr",
        "Dr.",
        "Hans",
        "Müller",
        "Geschäftsführer",
        "hans.mueller@mueller-soehne.de",
        "0351 4711-10",
        "0171 2345678",
        "12.03.1961",
        "ja",
    ),
    (
        "K-1001",
        "P-2",
        "Frau",
        "",
        "Anna",
        "Weiß",
        "Einkauf",
        "a.weiss@mueller-soehne.de",
        "0351 4711-22",
        "",
        "01.07.1985",
        "nein",
    ),
    (
        "K-1002",
        "P-3",
        "Frau",
        "",
        "Jürgen",
        "Schönfeld",
        "Inhaberin",
        "info@baeckerei-schoenfeld.de",
        "(0341) 12 34 56",
        "0160/9988776",
        "29.02.1972",
        "ja",
    ),
    (
        "K-1002",
        "P-4",
        "Herr",
        "",
        "Ömer",
        "Yılmaz",
        "Filialleitung",
        "oemer.yilmaz(at)baeckerei-schoenfeld.de",
        "",
        "0157 12345678",
        "31.04.1990",
        "x",
    ),
    (
        "K-1003",
        "P-5",
        "Herr",
        "Prof. Dr.",
        "Urs",
        "Käser",
        "Partner",
        "urs.kaeser@alpen-consulting.ch",
        "+41 44 123 45 60",
        "+41 79 123 45 67",
        "",
        "ja",
    ),
    (
        "K-1004",
        "P-6",
        "Frau",
        "Mag.",
        "Sophie",
        "Gruber",
        "Prokuristin",
        "s.gruber@wienerwerk.at",
        "+43 1 5234567-12",
        "",
        "05.11.1979",
        "nein",
    ),
    (
        "K-1005",
        "P-7",
        "Herr",
        "",
        "Lars",
        "Petersen",
        "Disposition",
        "l.petersen@nordlicht-logistik.de",
        "040/3344556-7",
        "0172 5556667",
        "17.08.1988",
        "ja",
    ),
    (
        "K-1005",
        "P-8",
        "Divers",
        "",
        "Kim",
        "Schulz",
        "IT",
        "k.schulz@nordlicht-logistik.de",
        "040/3344556-9",
        "",
        "",
        "nein",
    ),
    (
        "K-1006",
        "P-9",
        "Frau",
        "",
        "Petra",
        "Lange",
        "Assistenz",
        "p.lange@example.de",
        "",
        "",
        "",
        "ja",
    ),
    (
        "K-1001",
        "P-1",
        "Herr",
        "Dr.",
        "Hans",
        "Müller",
        "Geschäftsführer",
        "hans.mueller@mueller-soehne.de",
        "0351 4711-10",
        "0171 2345678",
        "12.03.1961",
        "ja",
    ),
]

KUNDEN_HEADER = [
    "Kundennr.",
    "Firma",
    "Straße",
    "PLZ",
    "Ort",
    "Land",
    "Telefon Zentrale",
    "Webseite",
    "Branche",
    "Kategorien",
    "Kontakt-ID",
    "Anrede",
    "Titel",
    "Vorname",
    "Nachname",
    "Position",
    "E-Mail",
    "Telefon",
    "Mobil",
    "Geburtstag",
    "Newsletter",
]


def kunden_rows() -> list[list[str]]:
    firmen = {f[0]: f for f in FIRMEN}
    rows = []
    for kontakt in KONTAKTE:
        firma = firmen.get(kontakt[0])
        if firma is None:  # the defect: a company number the file does not describe
            firma = (kontakt[0], "", "", "", "", "", "", "", "", "")
        rows.append([*firma, *kontakt[1:]])
    return rows


def write_kunden_csv() -> Path:
    """A German CRM export: ';'-separated, Windows-1252, dd.mm.yyyy dates, one row per contact."""
    path = HERE / "kunden_de.csv"
    lines = [";".join(KUNDEN_HEADER)]
    for row in kunden_rows():
        if "Yılmaz" in row:  # 'ı' is not in Windows-1252; the export wrote 'i'
            row = [c.replace("ı", "i") for c in row]
        lines.append(";".join(f'"{c}"' if ";" in c else c for c in row))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def write_contacts_xlsx() -> Path:
    """An English home-made list: a title above the header, real Excel dates, full names."""
    path = HERE / "contacts_en.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(["Customer contacts, exported 2026-11-20"])
    sheet.append([])
    sheet.append(
        [
            "Company",
            "Company No",
            "Website",
            "Full Name",
            "Job Title",
            "Email",
            "Phone",
            "Street Address",
            "Zip",
            "City",
            "Country",
            "Birthday",
            "Customer since",
        ]
    )
    rows = [
        (
            "Acme Widgets Ltd",
            "C-1",
            "acme.example.co.uk",
            "Jane Smith",
            "CEO",
            "jane.smith@acme.example.co.uk",
            "+44 20 7946 0958",
            "12 Baker Street",
            "NW1 6XE",
            "London",
            "United Kingdom",
            dt.date(1975, 5, 17),
            41640,
        ),
        (
            "Acme Widgets Ltd",
            "C-1",
            "acme.example.co.uk",
            "Smith, John",
            "CTO",
            "john.smith@acme.example.co.uk",
            "+44 20 7946 0959",
            "12 Baker Street",
            "NW1 6XE",
            "London",
            "United Kingdom",
            dt.date(1978, 9, 2),
            41640,
        ),
        (
            "Globex GmbH",
            "C-2",
            "www.globex.example.de",
            "Dr. Maria Schneider",
            "Head of Sales",
            "maria.schneider@globex.example.de",
            "030 1234567",
            "Friedrichstraße 100",
            "10117",
            "Berlin",
            "Germany",
            dt.date(1980, 1, 30),
            43466,
        ),
        (
            "Globex GmbH",
            "C-2",
            "www.globex.example.de",
            "Tom O'Brien",
            "Engineer",
            "tom.obrien@globex",
            "030 1234568",
            "Friedrichstraße 100",
            "10117",
            "Berlin",
            "Germany",
            None,
            43466,
        ),
        (
            "Initech Inc.",
            "C-3",
            "https://initech.example.com",
            "Peter Gibbons",
            "Developer",
            "peter@initech.example.com",
            "+1 512 555 0100",
            "4120 Freidrich Lane",
            "78744",
            "Austin",
            "USA",
            dt.date(1970, 2, 19),
            44927,
        ),
        (
            "Initech Inc.",
            "C-3",
            "https://initech.example.com",
            "=Bill Lumbergh",
            "VP",
            "bill@initech.example.com",
            "+1 512 555 0101",
            "4120 Freidrich Lane",
            "78744",
            "Austin",
            "Atlantis",
            None,
            44927,
        ),
    ]
    for row in rows:
        sheet.append(list(row))
        sheet.cell(sheet.max_row, 13).number_format = "dd.mm.yyyy"  # a serial shown as a date
        if row[3].startswith("="):  # a name that starts with '=' stays a name
            sheet.cell(sheet.max_row, 4).data_type = "s"
    for cell in sheet["L"][3:]:
        cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


if __name__ == "__main__":
    for written in (write_kunden_csv(), write_contacts_xlsx()):
        print(f"wrote {written.relative_to(HERE.parent)}")
