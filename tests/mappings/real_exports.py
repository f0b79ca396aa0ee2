"""Files built the way the real products write them, each with what Kanbert must hold after
an import with no mapping. For every preset: one file with only a subset of its columns (what
users delete, what an export of selected properties writes) and one with another version's or
language's labels. Each case names where its layout comes from.

How the products write their files (and so how these are written):
- Outlook desktop: Windows-1252 without an encoding mark, every field quoted, CRLF (Exchange
  2013's importer reads code page 1252 for the Western languages, PiratesRE/exchange_diff
  OutlookCsvLanguageSelect.cs; OX App Suite's importer: encoding=cp1252).
- Outlook.com / new Outlook: a web export in UTF-8, its 61 columns (FranckAudebrand/ldif2csv).
- Google Contacts: UTF-8, fields quoted only where needed (timelinize/timelinize reads it as
  UTF-8); the BOM is written both ways here, the reader must not care.
- HubSpot: UTF-8 CSV (or XLSX), the selected properties' labels.
- Salesforce: Data Loader and Data Export write UTF-8 when asked to (both offer it), reports
  end with footer lines ("Confidential Information - Do Not Distribute").
- LinkedIn Connections.csv: UTF-8 with note lines above the header in current exports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulkio.core.known_exports import (
    GOOGLE_HEADERS,
    GOOGLE_LEGACY_HEADERS,
    OUTLOOK_DE_HEADERS,
    OUTLOOK_EN_HEADERS,
    OUTLOOK_ES_HEADERS,
    OUTLOOK_FR_HEADERS,
    OUTLOOK_IT_HEADERS,
    OUTLOOK_NL_HEADERS,
)

Row = dict[str, str]


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Row],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    quote_all: bool = False,
    preamble: str = "",
    footer: str = "",
) -> Path:
    """A CSV as a product writes it. A header written twice ("Titre") is keyed "Titre (2)"
    in the rows the second time."""
    buffer = io.StringIO()
    buffer.write(preamble)
    if quote_all:
        writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    else:
        writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    keys = [
        f"{h} ({header[:i].count(h) + 1})" if h in header[:i] else h for i, h in enumerate(header)
    ]
    for row in rows:
        unknown = set(row) - set(keys)
        assert not unknown, f"row names columns the header lacks: {unknown}"
        writer.writerow([row.get(k, "") for k in keys])
    buffer.write(footer)
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    path.write_bytes(text.encode(encoding))
    return path


def outlook_desktop(path: Path, header: Sequence[str], rows: Sequence[Row]) -> Path:
    return write_csv(path, header, rows, encoding="cp1252", quote_all=True)


@dataclass(frozen=True)
class Expected:
    """What Kanbert holds after the import: contacts and companies by a name, fields as the
    API answers them (a country as its code), links as (contact, company, position)."""

    contacts: dict[str, dict[str, Any]]  # "First Last" -> fields
    companies: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> fields
    links: set[tuple[str, str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class Case:
    name: str
    preset: str
    source: str  # where the layout comes from
    write: Callable[[Path], Path]
    expected: Expected
    missing: tuple[str, ...] = ()  # columns the note must name
    before: Callable[[Path], Path] | None = None  # a companies export imported first


# -- Outlook ---------------------------------------------------------------------------------

# Outlook.com / new Outlook: its 61 columns (FranckAudebrand/ldif2csv, ldif2csv.sh)
OUTLOOK_COM = (
    "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "Given Yomi",
    "Surname Yomi", "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Home Phone",
    "Home Phone 2", "Business Phone", "Business Phone 2", "Mobile Phone", "Car Phone",
    "Other Phone", "Primary Phone", "Pager", "Business Fax", "Home Fax", "Other Fax",
    "Company Main Phone", "Callback", "Radio Phone", "Telex", "TTY/TDD Phone", "IMAddress",
    "Job Title", "Department", "Company", "Office Location", "Manager's Name",
    "Assistant's Name", "Assistant's Phone", "Company Yomi", "Business Street", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street",
    "Other City", "Other State", "Other Postal Code", "Other Country/Region",
    "Personal Web Page", "Spouse", "Schools", "Hobby", "Location", "Web Page", "Birthday",
    "Anniversary", "Notes",
)  # fmt: skip

# Outlook 2003 and Google's "Outlook CSV": the country without "/Region" (OX App Suite,
# outlook2003.en_EN.properties; michalbe/csv2vcard README)
OUTLOOK_2003 = tuple(h.replace("Country/Region", "Country") for h in OUTLOOK_EN_HEADERS)

ANNA_EN: Row = {
    "First Name": "Anna", "Last Name": "Müller", "Company": "Muster GmbH",
    "Job Title": "Managing Director", "Business Street": "Hauptstraße 12a",
    "Business City": "Dresden", "Business Postal Code": "01067",
    "Business Country/Region": "Germany", "Business Phone": "0351 1234567",
    "E-mail Address": "anna.mueller@muster.de", "Birthday": "4/23/1980",
}  # fmt: skip
TOM_EN: Row = {
    "First Name": "Tom", "Last Name": "Becker", "Company": "Muster GmbH", "Job Title": "Sales",
    "E-mail Address": "tom.becker@muster.de", "Mobile Phone": "0171 2345678",
    "Birthday": "0/0/00",
}  # fmt: skip
OUTLOOK_EN_EXPECTED = Expected(
    contacts={
        "Anna Müller": {"email": "anna.mueller@muster.de", "position": "Managing Director",
                        "telephone": "+493511234567", "birthday": "1980-04-23"},
        "Tom Becker": {"email": "tom.becker@muster.de", "position": "Sales",
                       "mobile": "+491712345678", "birthday": None},
    },
    companies={"Muster GmbH": {"address_invoice_street": "Hauptstraße",
                               "address_invoice_house": "12a", "address_invoice_zip": "01067",
                               "address_invoice_town": "Dresden",
                               "address_invoice_country": "DE"}},
    links={("Anna Müller", "Muster GmbH", "Managing Director"),
           ("Tom Becker", "Muster GmbH", "Sales")},
)  # fmt: skip


def _country_2003(row: Row) -> Row:
    return {k.replace("Country/Region", "Country"): v for k, v in row.items()}


def _subset(row: Row, columns: Sequence[str]) -> Row:
    return {k: v for k, v in row.items() if k in columns}


OUTLOOK_CASES = [
    Case(
        "outlook.com export", "outlook",
        "Outlook.com / new Outlook: 61 columns, no Gender, no Street 2 (ldif2csv)",
        lambda p: write_csv(p / "OutlookContacts.csv", OUTLOOK_COM,
                            [_subset(ANNA_EN, OUTLOOK_COM), _subset(TOM_EN, OUTLOOK_COM)]),
        OUTLOOK_EN_EXPECTED, missing=("Gender", "Business Street 2"),
    ),
    Case(
        "outlook 2003 labels", "outlook",
        "Outlook 2003 / Google's Outlook CSV: 'Business Country' (OX outlook2003.en_EN)",
        lambda p: outlook_desktop(p / "contacts.csv", OUTLOOK_2003,
                                  [_country_2003(ANNA_EN), _country_2003(TOM_EN)]),
        OUTLOOK_EN_EXPECTED,
    ),
]  # fmt: skip

ANNA_DE: Row = {
    "Anrede": "Frau", "Vorname": "Anna", "Nachname": "Müller", "Firma": "Muster GmbH",
    "Position": "Geschäftsführerin", "Straße geschäftlich": "Hauptstraße 12a",
    "Ort geschäftlich": "Dresden", "Postleitzahl geschäftlich": "01067",
    "Land/Region geschäftlich": "Deutschland", "Telefon geschäftlich": "0351 1234567",
    "E-Mail-Adresse": "anna.mueller@muster.de", "Geburtstag": "23.4.1980",
    "Geschlecht": "Weiblich",
}  # fmt: skip
JOERG_DE: Row = {
    "Vorname": "Jörg", "Nachname": "Weiß", "Firma": "Weiß & Söhne KG", "Position": "Einkauf",
    "E-Mail-Adresse": "j.weiss@weiss-soehne.de", "Geburtstag": "0.0.00",
    "Geschlecht": "Männlich",
}  # fmt: skip
OUTLOOK_DE_EXPECTED = Expected(
    contacts={
        "Anna Müller": {"email": "anna.mueller@muster.de", "position": "Geschäftsführerin",
                        "telephone": "+493511234567", "birthday": "1980-04-23",
                        "gender": "female"},
        "Jörg Weiß": {"email": "j.weiss@weiss-soehne.de", "position": "Einkauf",
                      "gender": "male", "birthday": None},
    },
    companies={
        "Muster GmbH": {"address_invoice_street": "Hauptstraße", "address_invoice_house": "12a",
                        "address_invoice_zip": "01067", "address_invoice_country": "DE"},
        "Weiß & Söhne KG": {"address_invoice_town": None},
    },
    links={("Anna Müller", "Muster GmbH", "Geschäftsführerin"),
           ("Jörg Weiß", "Weiß & Söhne KG", "Einkauf")},
)  # fmt: skip
DE_TRIMMED = (
    "Anrede", "Vorname", "Nachname", "Firma", "Position", "Straße geschäftlich",
    "Ort geschäftlich", "Postleitzahl geschäftlich", "Land/Region geschäftlich",
    "Telefon geschäftlich", "E-Mail-Adresse", "Geburtstag", "Geschlecht",
)  # fmt: skip
# Exchange 2013's German map spells three unmapped columns otherwise
DE_EXCHANGE = tuple(
    {"Internet Frei/Gebucht": "Internet-Frei/Gebucht",
     "Name des/r Vorgesetzten": "Name des/der Vorgesetzten",
     "Organisationsnr.": "Organisations-Nr."}.get(h, h)
    for h in OUTLOOK_DE_HEADERS
)  # fmt: skip

OUTLOOK_DE_CASES = [
    Case(
        "outlook-de trimmed", "outlook-de", "German Outlook export with the columns a user kept",
        lambda p: outlook_desktop(p / "Kontakte.csv", DE_TRIMMED, [ANNA_DE, JOERG_DE]),
        OUTLOOK_DE_EXPECTED, missing=("E-Mail 2: Adresse", "Mobiltelefon"),
    ),
    Case(
        "outlook-de exchange labels", "outlook-de",
        "German labels as Exchange 2013 reads them ('Internet-Frei/Gebucht', "
        "'Organisations-Nr.')",
        lambda p: outlook_desktop(p / "Kontakte.csv", DE_EXCHANGE, [ANNA_DE, JOERG_DE]),
        OUTLOOK_DE_EXPECTED,
    ),
]  # fmt: skip


def _language_cases(
    preset: str, header: Sequence[str], kept: Sequence[str], rows: list[Row], expected: Expected,
    missing: tuple[str, ...], file: str,
) -> list[Case]:  # fmt: skip
    """A language's full export (Exchange 2013's list of its columns) and a trimmed one."""
    return [
        Case(
            f"{preset} trimmed",
            preset,
            f"{preset}: the columns a user kept",
            lambda p: outlook_desktop(p / file, kept, rows),
            expected,
            missing=missing,
        ),
        Case(
            f"{preset} all columns",
            preset,
            f"{preset}: every column Exchange 2013's importer knows for the language",
            lambda p: outlook_desktop(p / file, header, rows),
            expected,
        ),
    ]


FR_ROWS: list[Row] = [
    {"Titre": "M.", "Prénom": "Jean", "Nom": "Dupont", "Société": "Atelier Dupont SARL",
     "Titre (2)": "Gérant", "Rue (bureau)": "12 rue de la Paix", "Ville (bureau)": "Paris",
     "Code postal (bureau)": "75002", "Pays/Région (bureau)": "France",
     "Téléphone (bureau)": "01 42 60 00 00", "Adresse de messagerie": "jean@dupont.fr",
     "Anniversaire": "23/04/1980"},
    {"Prénom": "Luc", "Nom": "Bernard", "Société": "Bernard & Fils", "Titre (2)": "Associé",
     "Pays/Région (bureau)": "Belgique", "Adresse de messagerie": "luc@bernard.be",
     "Anniversaire": "0/0/00"},
]  # fmt: skip
FR_EXPECTED = Expected(
    contacts={"Jean Dupont": {"email": "jean@dupont.fr", "position": "Gérant", "title": None,
                              "telephone": "+33142600000", "birthday": "1980-04-23"},
              "Luc Bernard": {"email": "luc@bernard.be", "position": "Associé"}},
    companies={"Atelier Dupont SARL": {"address_invoice_street": "rue de la Paix",
                                       "address_invoice_house": "12",
                                       "address_invoice_country": "FR"},
               "Bernard & Fils": {"address_invoice_country": "BE"}},
    links={("Jean Dupont", "Atelier Dupont SARL", "Gérant"),
           ("Luc Bernard", "Bernard & Fils", "Associé")},
)  # fmt: skip
FR_KEPT = ("Titre", "Prénom", "Nom", "Société", "Titre", "Rue (bureau)", "Ville (bureau)",
           "Code postal (bureau)", "Pays/Région (bureau)", "Téléphone (bureau)",
           "Adresse de messagerie", "Anniversaire")  # fmt: skip

NL_ROWS: list[Row] = [
    {"Voornaam": "Sanne", "Achternaam": "de Vries", "Bedrijf": "Bakkerij de Vries B.V.",
     "Functie": "Eigenaar", "Werkadres, straat": "Dorpsstraat 5", "Werkplaats": "Utrecht",
     "Werkadres, postcode": "3511 AB", "Werkland": "Nederland",
     "Telefoon op werk": "030 123 4567", "E-mailadres": "sanne@bakkerijdevries.nl",
     "Verjaardag": "23-4-1980"},
]  # fmt: skip
NL_EXPECTED = Expected(
    contacts={"Sanne de Vries": {"email": "sanne@bakkerijdevries.nl", "position": "Eigenaar",
                                 "telephone": "+31301234567", "birthday": "1980-04-23"}},
    companies={"Bakkerij de Vries B.V.": {"address_invoice_town": "Utrecht",
                                          "address_invoice_zip": "3511 AB",
                                          "address_invoice_country": "NL"}},
    links={("Sanne de Vries", "Bakkerij de Vries B.V.", "Eigenaar")},
)  # fmt: skip
# Outlook 2003's Dutch names for the town and the country (OX App Suite's nl_NL map)
NL_2003 = (
    "Voornaam",
    "Achternaam",
    "Bedrijf",
    "Functie",
    "Werkadres, straat",
    "Werkplaats",
    "Werkadres, postcode",
    "Werkland",
    "Telefoon op werk",
    "E-mailadres",
    "Verjaardag",
)
NL_2007_ROWS = [
    {{"Werkplaats": "Werkadres, plaats", "Werkland": "Land/regio (werk)"}.get(k, k): v
     for k, v in row.items()} for row in NL_ROWS
]  # fmt: skip

IT_ROWS: list[Row] = [
    {"Nome": "Giulia", "Cognome": "Rossi", "Società": "Rossi S.r.l.",
     "Posizione": "Amministratrice", "Via (uff.)": "Via Roma 10", "Città (uff.)": "Bolzano",
     "CAP (uff.)": "39100", "Paese (uff.)": "Italia", "Ufficio": "0471 123456",
     "Indirizzo posta elettronica": "giulia.rossi@rossi-srl.it", "Compleanno": "23/04/1980"},
]  # fmt: skip
IT_EXPECTED = Expected(
    contacts={"Giulia Rossi": {"email": "giulia.rossi@rossi-srl.it",
                               "position": "Amministratrice", "telephone": "+390471123456",
                               "birthday": "1980-04-23"}},
    companies={"Rossi S.r.l.": {"address_invoice_street": "Via Roma",
                                "address_invoice_house": "10", "address_invoice_country": "IT"}},
    links={("Giulia Rossi", "Rossi S.r.l.", "Amministratrice")},
)  # fmt: skip
IT_KEPT = (
    "Nome",
    "Cognome",
    "Società",
    "Posizione",
    "Via (uff.)",
    "Città (uff.)",
    "CAP (uff.)",
    "Paese (uff.)",
    "Ufficio",
    "Indirizzo posta elettronica",
    "Compleanno",
)

ES_ROWS: list[Row] = [
    {"Nombre": "Lucía", "Apellidos": "García López", "Organización": "García Consultores S.L.",
     "Puesto": "Directora", "Calle del trabajo": "Calle Mayor 7", "Ciudad de trabajo": "Madrid",
     "Código postal del trabajo": "28013", "País o región del trabajo": "España",
     "Teléfono del trabajo": "910 123 456", "E-mail Address": "lucia@garcia-consultores.es",
     "Birthday": "23/04/1980"},
]  # fmt: skip
ES_EXPECTED = Expected(
    contacts={"Lucía García López": {"email": "lucia@garcia-consultores.es",
                                     "position": "Directora", "telephone": "+34910123456",
                                     "birthday": "1980-04-23"}},
    companies={"García Consultores S.L.": {"address_invoice_street": "Calle Mayor",
                                           "address_invoice_house": "7",
                                           "address_invoice_country": "ES"}},
    links={("Lucía García López", "García Consultores S.L.", "Directora")},
)  # fmt: skip
ES_KEPT = tuple(ES_ROWS[0])

OUTLOOK_LANGUAGE_CASES = [
    *_language_cases("outlook-fr", OUTLOOK_FR_HEADERS, FR_KEPT, FR_ROWS, FR_EXPECTED,
                     ("Tél. mobile",), "Contacts.csv"),
    Case("outlook-nl 2003 labels", "outlook-nl",
         "Dutch Outlook 2003: 'Werkplaats', 'Werkland' (OX App Suite's nl_NL map)",
         lambda p: outlook_desktop(p / "Contactpersonen.csv", NL_2003, NL_ROWS), NL_EXPECTED,
         missing=("Mobiele telefoon",)),
    Case("outlook-nl all columns", "outlook-nl",
         "Dutch Outlook 2007 and later: every column Exchange 2013's importer knows",
         lambda p: outlook_desktop(p / "Contactpersonen.csv", OUTLOOK_NL_HEADERS, NL_2007_ROWS),
         NL_EXPECTED),
    *_language_cases("outlook-it", OUTLOOK_IT_HEADERS, IT_KEPT, IT_ROWS, IT_EXPECTED,
                     ("Cellulare",), "Contatti.csv"),
    *_language_cases("outlook-es", OUTLOOK_ES_HEADERS, ES_KEPT, ES_ROWS, ES_EXPECTED,
                     ("Mobile Phone",), "Contactos.csv"),
]  # fmt: skip


# -- Google ----------------------------------------------------------------------------------

GOOGLE_FEW = (
    "First Name",
    "Last Name",
    "Organization Name",
    "Organization Title",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
)
GOOGLE_MORE = (
    *GOOGLE_HEADERS,
    "E-mail 3 - Label",
    "E-mail 3 - Value",
    "Phone 3 - Label",
    "Phone 3 - Value",
    "Relation 1 - Label",
    "Relation 1 - Value",
    "Event 1 - Label",
    "Event 1 - Value",
    "Custom Field 1 - Label",
    "Custom Field 1 - Value",
)
GOOGLE_ROWS: list[Row] = [
    {"First Name": "Anna", "Last Name": "Müller",
     "Organization Name": "Muster GmbH ::: Fischer IT",
     "Organization Title": "Geschäftsführerin ::: Beirätin", "E-mail 1 - Label": "* Work",
     "E-mail 1 - Value": "anna.mueller@muster.de", "Phone 1 - Label": "Mobile",
     "Phone 1 - Value": "+49 171 1234567"},
    {"First Name": "Max", "Last Name": "Fischer", "Organization Name": "Fischer IT",
     "Organization Title": "Inhaber", "E-mail 1 - Label": "Work",
     "E-mail 1 - Value": "max@fischer-it.de"},
]  # fmt: skip
GOOGLE_EXPECTED = Expected(
    contacts={"Anna Müller": {"email": "anna.mueller@muster.de", "mobile": "+491711234567",
                              "position": "Geschäftsführerin"},
              "Max Fischer": {"email": "max@fischer-it.de", "position": "Inhaber"}},
    companies={"Muster GmbH": {}, "Fischer IT": {}},
    links={("Anna Müller", "Muster GmbH", "Geschäftsführerin"),
           ("Anna Müller", "Fischer IT", "Beirätin"), ("Max Fischer", "Fischer IT", "Inhaber")},
)  # fmt: skip

GOOGLE_LEGACY_ORGS = (
    *GOOGLE_LEGACY_HEADERS,
    "Organization 2 - Type",
    "Organization 2 - Name",
    "Organization 2 - Title",
)
GOOGLE_LEGACY_FEW = (
    "Name",
    "Given Name",
    "Family Name",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Organization 1 - Name",
    "Organization 1 - Title",
)
GOOGLE_LEGACY_ROWS: list[Row] = [
    {"Name": "Anna Müller", "Given Name": "Anna", "Family Name": "Müller",
     "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "anna.mueller@muster.de",
     "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+49 171 1234567",
     "Organization 1 - Name": "Muster GmbH ::: Fischer IT",
     "Organization 1 - Title": "Geschäftsführerin ::: Beirätin"},
    {"Name": "Max Fischer", "Given Name": "Max", "Family Name": "Fischer",
     "E-mail 1 - Type": "Work", "E-mail 1 - Value": "max@fischer-it.de",
     "Organization 1 - Name": "Fischer IT", "Organization 1 - Title": "Inhaber"},
]  # fmt: skip
# the second organisation in numbered columns instead of " ::: "
GOOGLE_LEGACY_NUMBERED_ROWS = [
    {**GOOGLE_LEGACY_ROWS[0], "Organization 1 - Name": "Muster GmbH",
     "Organization 1 - Title": "Geschäftsführerin", "Organization 2 - Name": "Fischer IT",
     "Organization 2 - Title": "Beirätin"},
    GOOGLE_LEGACY_ROWS[1],
]  # fmt: skip

GOOGLE_CASES = [
    Case("google few columns", "google",
         "Google CSV of contacts with one e-mail and phone: numbered columns only as far as "
         "needed (timelinize formats.go)",
         lambda p: write_csv(p / "contacts.csv", GOOGLE_FEW, GOOGLE_ROWS), GOOGLE_EXPECTED,
         missing=("Name Prefix", "Birthday")),
    Case("google more numbered columns", "google",
         "Google CSV with the numbered columns a bigger address book has (E-mail 3, Relation 1, "
         "Event 1, Custom Field 1), with a BOM",
         lambda p: write_csv(p / "contacts.csv", GOOGLE_MORE, GOOGLE_ROWS, bom=True),
         GOOGLE_EXPECTED),
    Case("google-legacy few columns", "google-legacy", "legacy Google CSV, the columns kept",
         lambda p: write_csv(p / "contacts.csv", GOOGLE_LEGACY_FEW, GOOGLE_LEGACY_ROWS),
         GOOGLE_EXPECTED, missing=("Name Prefix", "Birthday")),
    Case("google-legacy numbered organisations", "google-legacy",
         "legacy Google CSV with 'Organization 2 - Name' for the second organisation",
         lambda p: write_csv(p / "contacts.csv", GOOGLE_LEGACY_ORGS, GOOGLE_LEGACY_NUMBERED_ROWS),
         GOOGLE_EXPECTED),
]  # fmt: skip


# -- HubSpot ---------------------------------------------------------------------------------


def hubspot_companies(path: Path) -> Path:
    """Companies with the properties selected in the export, one custom (Kundennummer)."""
    return write_csv(
        path / "companies.csv",
        ("Record ID", "Company name", "City", "Country/Region", "Kundennummer"),
        [{"Record ID": "5120001", "Company name": "Muster GmbH", "City": "Dresden",
          "Country/Region": "Germany", "Kundennummer": "K-1"},
         {"Record ID": "5120002", "Company name": "Fischer IT", "City": "Leipzig",
          "Country/Region": "Germany"}],
    )  # fmt: skip


def hubspot_companies_internal(path: Path) -> Path:
    """The same companies from the API: internal property names (developers.hubspot.com)."""
    return write_csv(
        path / "companies.csv",
        ("hs_object_id", "name", "domain", "city", "zip", "country"),
        [{"hs_object_id": "5120001", "name": "Muster GmbH", "domain": "muster.de",
          "city": "Dresden", "zip": "01067", "country": "Germany"},
         {"hs_object_id": "5120002", "name": "Fischer IT", "city": "Leipzig",
          "country": "Germany"}],
    )  # fmt: skip


HUBSPOT_COMPANIES_EXPECTED = Expected(
    contacts={},
    companies={"Muster GmbH": {"external_id": "5120001", "address_invoice_town": "Dresden",
                               "address_invoice_country": "DE"},
               "Fischer IT": {"external_id": "5120002", "address_invoice_town": "Leipzig"}},
)  # fmt: skip
HUBSPOT_CONTACT_ROWS: list[Row] = [
    {"Record ID": "901", "First Name": "Anna", "Last Name": "Müller",
     "Email": "anna.mueller@muster.de", "Job Title": "Geschäftsführerin",
     "Associated Company IDs": "5120001", "Lifecycle Stage": "customer"},
    {"Record ID": "902", "First Name": "Max", "Last Name": "Fischer",
     "Email": "max@fischer-it.de", "Job Title": "Inhaber", "Associated Company IDs": "5120002"},
]  # fmt: skip
HUBSPOT_CONTACTS_EXPECTED = Expected(
    contacts={"Anna Müller": {"external_id": "901", "position": "Geschäftsführerin"},
              "Max Fischer": {"external_id": "902", "position": "Inhaber"}},
    links={("Anna Müller", "Muster GmbH", "Geschäftsführerin"),
           ("Max Fischer", "Fischer IT", "Inhaber")},
)  # fmt: skip
HUBSPOT_OLD = {
    "Record ID": "Contact ID",
    "First Name": "firstname",
    "Last Name": "lastname",
    "Email": "email",
    "Job Title": "jobtitle",
    "Associated Company IDs": "Associated Company ID",
}

HUBSPOT_BY_NAME_ROWS: list[Row] = [
    {"Record ID": "901", "First Name": "Anna", "Last Name": "Müller",
     "Email": "anna.mueller@muster.de", "Phone Number": "+49 351 1234567",
     "Contact owner": "Eva Berger", "Company Name": "Muster GmbH",
     "Job Title": "Geschäftsführerin", "Lifecycle Stage": "Customer",
     "Create Date": "2024-03-05 14:02"},
    {"Record ID": "903", "First Name": "Lena", "Last Name": "Graf", "Email": "lena@graf.at",
     "Phone Number": "+43 1 5123456", "Company Name": "Graf  Consulting",
     "Job Title": "Partnerin", "Lifecycle Stage": "Lead", "Create Date": "2024-03-06 09:00"},
]  # fmt: skip
HUBSPOT_BY_NAME_EXPECTED = Expected(
    contacts={"Anna Müller": {"external_id": "901", "position": "Geschäftsführerin"},
              "Lena Graf": {"external_id": "903", "position": "Partnerin"}},
    links={("Anna Müller", "Muster GmbH", "Geschäftsführerin"),
           ("Lena Graf", "Graf Consulting", "Partnerin")},
)  # fmt: skip

HUBSPOT_CASES = [
    Case("hubspot-companies selected properties", "hubspot-companies",
         "companies export of the view's columns plus a custom property",
         hubspot_companies, HUBSPOT_COMPANIES_EXPECTED, missing=("Website URL", "Phone Number")),
    Case("hubspot-companies internal names", "hubspot-companies",
         "companies written from the API with internal names (hs_object_id, name, zip)",
         hubspot_companies_internal, HUBSPOT_COMPANIES_EXPECTED,
         missing=("Website URL", "Phone Number")),
    Case("hubspot-contacts selected properties", "hubspot-contacts",
         "contacts export of selected properties with associations",
         lambda p: write_csv(p / "contacts.csv",
                             ("Record ID", "First Name", "Last Name", "Email", "Job Title",
                              "Associated Company IDs", "Lifecycle Stage"),
                             HUBSPOT_CONTACT_ROWS),
         HUBSPOT_CONTACTS_EXPECTED, missing=("Phone Number", "Date of birth"),
         before=hubspot_companies),
    Case("hubspot-contacts older labels", "hubspot-contacts",
         "an older export ('Contact ID', 'Associated Company ID') with internal names",
         lambda p: write_csv(p / "contacts.csv", tuple(HUBSPOT_OLD.values()),
                             [{HUBSPOT_OLD[k]: v for k, v in r.items() if k in HUBSPOT_OLD}
                              for r in HUBSPOT_CONTACT_ROWS]),
         HUBSPOT_CONTACTS_EXPECTED, missing=("Phone Number", "Date of birth"),
         before=hubspot_companies),
    # The export of a contacts view as HubSpot sets it up (Name, Email, Phone Number, Contact
    # owner, Company Name, Lifecycle Stage, Create Date) plus Job Title: no ids of companies,
    # so companies by name; HubSpot writes dates as "2024-03-05 14:02" and quotes every field.
    Case("hubspot-contacts default view without company ids", "hubspot-contacts-by-name",
         "contacts export of the default view: companies only by 'Company Name'",
         lambda p: write_csv(p / "hubspot-crm-exports-all-contacts-2024-03-05.csv",
                             ("Record ID", "First Name", "Last Name", "Email", "Phone Number",
                              "Contact owner", "Company Name", "Job Title", "Lifecycle Stage",
                              "Create Date"),
                             HUBSPOT_BY_NAME_ROWS, quote_all=True),
         HUBSPOT_BY_NAME_EXPECTED, missing=("Mobile Phone Number", "Country/Region")),
    # An older export with the primary company's name ("Associated Company") and the record
    # id as "Contact ID"; the first company exists in Kanbert already (from hubspot-companies).
    Case("hubspot-contacts older labels without company ids", "hubspot-contacts-by-name",
         "an older export ('Contact ID', 'Associated Company') naming companies by name",
         lambda p: write_csv(p / "contacts.csv",
                             ("Contact ID", "firstname", "lastname", "email", "jobtitle",
                              "Associated Company"),
                             [{"Contact ID": r["Record ID"], "firstname": r["First Name"],
                               "lastname": r["Last Name"], "email": r["Email"],
                               "jobtitle": r["Job Title"],
                               "Associated Company": r["Company Name"]}
                              for r in HUBSPOT_BY_NAME_ROWS]),
         HUBSPOT_BY_NAME_EXPECTED, missing=("Phone Number",), before=hubspot_companies),
]  # fmt: skip


# -- Salesforce ------------------------------------------------------------------------------


def salesforce_accounts(path: Path, *, camel: bool = False) -> Path:
    """Account.csv: Data Loader's capitals, or the Data Export's API names as written."""
    header: tuple[str, ...] = ("Id", "Name", "BillingCity", "BillingCountry", "Phone")
    rows = [{"Id": "0015g00000AbCdEAAA", "Name": "Muster GmbH", "BillingCity": "Dresden",
             "BillingCountry": "Germany", "Phone": "+49 351 1234500"},
            {"Id": "0015g00000AbCdFAAB", "Name": "Gruber Holzbau GmbH", "BillingCity": "Wien",
             "BillingCountry": "Austria"}]  # fmt: skip
    if not camel:
        header = tuple(h.upper() for h in header)
        rows = [{k.upper(): v for k, v in r.items()} for r in rows]
    return write_csv(path / "Account.csv", header, rows)


SALESFORCE_ACCOUNTS_EXPECTED = Expected(
    contacts={},
    companies={"Muster GmbH": {"external_id": "0015g00000AbCdEAAA", "phone": "+493511234500",
                               "address_invoice_country": "DE"},
               "Gruber Holzbau GmbH": {"external_id": "0015g00000AbCdFAAB",
                                       "address_invoice_town": "Wien",
                                       "address_invoice_country": "AT"}},
)  # fmt: skip


def salesforce_contacts(path: Path, *, camel: bool = False) -> Path:
    header: tuple[str, ...] = (
        "Id", "AccountId", "FirstName", "LastName", "Title", "Email", "MailingCity",
    )  # fmt: skip
    rows = [{"Id": "0035g00000XyZaAAAQ", "AccountId": "0015g00000AbCdEAAA", "FirstName": "Anna",
             "LastName": "Müller", "Title": "CEO", "Email": "anna.mueller@muster.de",
             "MailingCity": "Dresden"},
            {"Id": "0035g00000XyZbAAAQ", "AccountId": "0015g00000AbCdFAAB",
             "FirstName": "Lukas", "LastName": "Gruber", "Title": "Prokurist",
             "Email": "lukas@gruber-holz.at"}]  # fmt: skip
    if not camel:
        header = tuple(h.upper() for h in header)
        rows = [{k.upper(): v for k, v in r.items()} for r in rows]
    return write_csv(path / "Contact.csv", header, rows)


SALESFORCE_CONTACTS_EXPECTED = Expected(
    contacts={"Anna Müller": {"external_id": "0035g00000XyZaAAAQ", "position": "CEO",
                              "address_town": "Dresden"},
              "Lukas Gruber": {"external_id": "0035g00000XyZbAAAQ", "position": "Prokurist"}},
    links={("Anna Müller", "Muster GmbH", "CEO"),
           ("Lukas Gruber", "Gruber Holzbau GmbH", "Prokurist")},
)  # fmt: skip

REPORT_FOOTER = (
    "\r\n"
    '"Confidential Information - Do Not Distribute"\r\n'
    '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n'
)
REPORT_ROWS: list[Row] = [
    {"Contact ID": "0035g00000XyZaAAAQ", "First Name": "Anna", "Last Name": "Müller",
     "Title": "CEO", "Account Name": "Muster GmbH", "Email": "anna.mueller@muster.de",
     "Birthdate": "4/23/1980"},
    {"Contact ID": "0035g00000XyZbAAAQ", "First Name": "Lukas", "Last Name": "Gruber",
     "Title": "Prokurist", "Account Name": "Gruber Holzbau GmbH",
     "Email": "lukas@gruber-holz.at"},
]  # fmt: skip
REPORT_EXPECTED = Expected(
    contacts={"Anna Müller": {"external_id": "0035g00000XyZaAAAQ", "position": "CEO",
                              "birthday": "1980-04-23"},
              "Lukas Gruber": {"external_id": "0035g00000XyZbAAAQ", "position": "Prokurist"}},
    companies={"Muster GmbH": {}, "Gruber Holzbau GmbH": {}},
    links={("Anna Müller", "Muster GmbH", "CEO"),
           ("Lukas Gruber", "Gruber Holzbau GmbH", "Prokurist")},
)  # fmt: skip
REPORT_GERMAN = [{**r, "Birthdate": "23.04.1980"} if r.get("Birthdate") else r
                 for r in REPORT_ROWS]  # fmt: skip

SALESFORCE_CASES = [
    Case("salesforce-accounts data loader", "salesforce-accounts",
         "Data Loader export of selected Account fields, API names in capitals",
         salesforce_accounts, SALESFORCE_ACCOUNTS_EXPECTED, missing=("FAX", "WEBSITE")),
    Case("salesforce-accounts data export", "salesforce-accounts",
         "the weekly Data Export's Account.csv: API names as written (Id, BillingCity)",
         lambda p: salesforce_accounts(p, camel=True), SALESFORCE_ACCOUNTS_EXPECTED,
         missing=("FAX", "WEBSITE")),
    Case("salesforce-contacts data loader", "salesforce-contacts",
         "Data Loader export of selected Contact fields, API names in capitals",
         salesforce_contacts, SALESFORCE_CONTACTS_EXPECTED, missing=("PHONE", "BIRTHDATE"),
         before=salesforce_accounts),
    Case("salesforce-contacts data export", "salesforce-contacts",
         "the weekly Data Export's Contact.csv: API names as written (AccountId, FirstName)",
         lambda p: salesforce_contacts(p, camel=True), SALESFORCE_CONTACTS_EXPECTED,
         missing=("PHONE", "BIRTHDATE"), before=lambda p: salesforce_accounts(p, camel=True)),
    Case("salesforce report few columns", "salesforce-contacts-report",
         "a contacts report showing six columns, its footer lines below the data",
         lambda p: write_csv(p / "report.csv", ("Contact ID", "First Name", "Last Name", "Title",
                                                "Account Name", "Email", "Birthdate"),
                             REPORT_ROWS, footer=REPORT_FOOTER),
         REPORT_EXPECTED, missing=("Mailing Street", "Phone")),
    Case("salesforce report german dates", "salesforce-contacts-report",
         "the same report exported by a user with German locale (23.04.1980), more columns",
         lambda p: write_csv(p / "report.csv", ("Contact ID", "Salutation", "First Name",
                                                "Last Name", "Title", "Account Name",
                                                "Mailing City", "Email", "Birthdate",
                                                "Contact Owner"),
                             REPORT_GERMAN, footer=REPORT_FOOTER),
         REPORT_EXPECTED, missing=("Phone", "Mailing Street")),
]  # fmt: skip


# -- LinkedIn --------------------------------------------------------------------------------

LINKEDIN_NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\r\n'
    "\r\n"
)
LINKEDIN_ROWS: list[Row] = [
    {"First Name": "Anna", "Last Name": "Müller",
     "URL": "https://www.linkedin.com/in/anna-mueller-123", "Email Address": "",
     "Company": "Muster GmbH", "Position": "Geschäftsführerin", "Connected On": "23 Apr 2021"},
    {"First Name": "Max", "Last Name": "Fischer", "URL": "https://www.linkedin.com/in/maxfischer",
     "Email Address": "max@fischer-it.de", "Company": "Fischer IT", "Position": "Inhaber",
     "Connected On": "02 Jan 2023"},
]  # fmt: skip
LINKEDIN_EXPECTED = Expected(
    contacts={"Anna Müller": {"email": None, "position": "Geschäftsführerin"},
              "Max Fischer": {"email": "max@fischer-it.de", "position": "Inhaber"}},
    companies={"Muster GmbH": {}, "Fischer IT": {}},
    links={("Anna Müller", "Muster GmbH", "Geschäftsführerin"),
           ("Max Fischer", "Fischer IT", "Inhaber")},
)  # fmt: skip
LINKEDIN_OLD = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")

LINKEDIN_CASES = [
    Case("linkedin without e-mail column", "linkedin",
         "Connections.csv with its notes, the e-mail column deleted by the user",
         lambda p: write_csv(p / "Connections.csv",
                             ("First Name", "Last Name", "URL", "Company", "Position",
                              "Connected On"),
                             [{k: v for k, v in r.items() if k != "Email Address"}
                              for r in LINKEDIN_ROWS], preamble=LINKEDIN_NOTES),
         Expected({**LINKEDIN_EXPECTED.contacts,
                   "Max Fischer": {"email": None, "position": "Inhaber"}},
                  LINKEDIN_EXPECTED.companies, LINKEDIN_EXPECTED.links),
         missing=("Email Address",)),
    Case("linkedin before profile urls", "linkedin",
         "an older Connections.csv: no URL column, no notes above the header",
         lambda p: write_csv(p / "Connections.csv", LINKEDIN_OLD,
                             [{k: v for k, v in r.items() if k != "URL"}
                              for r in LINKEDIN_ROWS]),
         LINKEDIN_EXPECTED, missing=("URL",)),
]  # fmt: skip

CASES = [
    *OUTLOOK_CASES, *OUTLOOK_DE_CASES, *OUTLOOK_LANGUAGE_CASES, *GOOGLE_CASES, *HUBSPOT_CASES,
    *SALESFORCE_CASES, *LINKEDIN_CASES,
]  # fmt: skip
