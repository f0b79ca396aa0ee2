"""Values real exports write that mean "nothing" or "a space": a dash alone, Outlook's empty
date, an ISO date-time in a date column, no-break spaces. Each file is built the way its
product writes it (sources in tests/mappings/real_exports.py): Outlook desktop in
Windows-1252, every field quoted, CRLF; Outlook.com in UTF-8."""

from __future__ import annotations

from pathlib import Path

from bulkio.core.issues import Severity
from bulkio.usecases.check import CheckResult, check_file
from tests.mappings.real_exports import OUTLOOK_COM, outlook_desktop, write_csv

OUTLOOK_DESKTOP = (
    "Title", "First Name", "Last Name", "Company", "Job Title", "Business Phone",
    "Mobile Phone", "E-mail Address", "Birthday", "Business Country/Region",
)  # fmt: skip


def _contacts(result: CheckResult) -> dict[str, dict[str, object]]:
    return {c.fields["last_name"]: c.fields for c in result.validation.contacts}


def _links(result: CheckResult) -> set[tuple[str, str, str | None]]:
    names = {c.key: c.fields["last_name"] for c in result.validation.contacts}
    companies = {c.key: c.fields["company_name"] for c in result.validation.companies}
    return {
        (names[link.contact_key], companies[link.company_key], link.position)
        for link in result.validation.links
    }


def test_a_dash_alone_is_empty_and_outlooks_empty_dates_are_no_error(tmp_path: Path) -> None:
    """Outlook desktop writes "0/0/00" for no birthday (OX App Suite's outlook2016.en_EN
    reads it so); typists write "-", "–" or "—" for "none"; a date column filled by another
    program holds "1980-04-23 00:00:00" or "1980-04-23T00:00:00"."""
    rows = [
        {"First Name": "Anna", "Last Name": "Müller", "Company": "Muster GmbH",
         "Job Title": "-", "Business Phone": "–", "Mobile Phone": "—",
         "E-mail Address": "anna@muster.de", "Birthday": "1980-04-23 00:00:00"},
        {"First Name": "Tom", "Last Name": "Becker", "Company": "-", "Job Title": "Sales",
         "E-mail Address": "tom@becker.de", "Birthday": "0/0/00"},
        {"First Name": "Eva", "Last Name": "Lang", "Company": "Muster GmbH",
         "E-mail Address": "eva@muster.de", "Birthday": "1975-03-01T00:00:00"},
        {"First Name": "Jan", "Last Name": "Roth", "E-mail Address": "jan@roth.de",
         "Birthday": "00/00/0000"},
    ]  # fmt: skip
    path = outlook_desktop(tmp_path / "contacts.csv", OUTLOOK_DESKTOP, rows)
    result = check_file(path, keep_records=True)
    assert result.mapping.name == "outlook"
    assert result.ok, result.issues
    assert [i for i in result.problems if i.severity is Severity.ERROR] == []
    contacts = _contacts(result)
    assert contacts["Müller"]["birthday"] == "1980-04-23"
    assert contacts["Lang"]["birthday"] == "1975-03-01"
    assert contacts["Becker"]["birthday"] is None and contacts["Roth"]["birthday"] is None
    assert contacts["Müller"]["telephone"] is None and contacts["Müller"]["mobile"] is None
    assert contacts["Müller"]["position"] is None
    # "-" is no company: Tom has none, and no company is named "-"
    assert [c.fields["company_name"] for c in result.validation.companies] == ["Muster GmbH"]
    assert _links(result) == {("Müller", "Muster GmbH", None), ("Lang", "Muster GmbH", None)}


def test_german_outlooks_empty_date_is_empty(tmp_path: Path) -> None:
    """German Outlook writes "0.0.00" or "00.00.0000" for no date (same export, German
    labels, code page 1252: OX App Suite outlook2016.de_DE)."""
    header = ("Vorname", "Nachname", "Firma", "E-Mail-Adresse", "Geburtstag")
    rows = [
        {"Vorname": "Jörg", "Nachname": "Weiß", "Firma": "Weiß KG",
         "E-Mail-Adresse": "j@weiss.de", "Geburtstag": "00.00.0000"},
        {"Vorname": "Anna", "Nachname": "Groß", "Firma": "Weiß KG",
         "E-Mail-Adresse": "a@weiss.de", "Geburtstag": "23.04.1980"},
    ]  # fmt: skip
    result = check_file(outlook_desktop(tmp_path / "kontakte.csv", header, rows), keep_records=True)
    assert result.mapping.name == "outlook-de"
    assert result.ok, result.issues
    contacts = _contacts(result)
    assert contacts["Weiß"]["birthday"] is None
    assert contacts["Groß"]["birthday"] == "1980-04-23"


def test_no_break_spaces_are_spaces(tmp_path: Path) -> None:
    """Outlook.com writes UTF-8 (FranckAudebrand/ldif2csv); values pasted from web pages and
    word processors hold no-break spaces (U+00A0), French number formatting the narrow one
    (U+202F) and the figure space (U+2007). They trim and split like spaces: one company,
    not two, and no name ending in an invisible space."""
    rows = [
        {"First Name": "Anna\u00a0", "Last Name": "\u202fMüller", "Company": "Muster\u00a0GmbH",
         "Job Title": "CEO\u2007", "E-mail Address": "anna@muster.de"},
        {"First Name": "Tom", "Last Name": "Becker", "Company": "Muster GmbH",
         "Job Title": "Sales", "E-mail Address": "tom@muster.de",
         "Mobile Phone": "0171\u00a0234\u00a05678"},
    ]  # fmt: skip
    path = write_csv(tmp_path / "OutlookContacts.csv", OUTLOOK_COM, rows)
    result = check_file(path, keep_records=True)
    assert result.mapping.name == "outlook"
    assert result.ok, result.issues
    contacts = _contacts(result)
    assert contacts["Müller"]["first_name"] == "Anna"
    assert contacts["Becker"]["mobile"] == "+491712345678"
    assert _links(result) == {("Müller", "Muster GmbH", "CEO"), ("Becker", "Muster GmbH", "Sales")}


def test_a_full_name_split_at_a_no_break_space(tmp_path: Path) -> None:
    """A home-made list (Excel's "CSV UTF-8", with BOM) whose "Name" column a mapping splits
    (as ``bulkio mapping suggest`` drafts it): "Hans\u00a0Müller" is Hans / Müller."""
    path = tmp_path / "kunden.csv"
    path.write_bytes(
        "\ufeffName;E-Mail\r\nHans\u00a0Müller;hans@mueller.de\r\n"
        "Dr.\u202fAnna\u2007Weiß;anna@weiss.de\r\n".encode()
    )
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(
        "version: 1\ninput:\n  flat: {sheet: 0}\ncontact:\n  key: {match: email}\n"
        "  fields:\n    first_name: {column: Name, split_name: first}\n"
        "    last_name: {column: Name, split_name: last}\n"
        "    title: {column: Name, split_name: title}\n    email: {column: E-Mail}\n",
        encoding="utf-8",
    )
    result = check_file(path, mapping=mapping, keep_records=True)
    assert result.ok, result.issues
    names = {
        (c.fields["title"], c.fields["first_name"], c.fields["last_name"])
        for c in result.validation.contacts
    }
    assert names == {(None, "Hans", "Müller"), ("Dr.", "Anna", "Weiß")}
