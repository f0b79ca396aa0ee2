"""Phones and postcodes read in the row's own country: a mixed DACH + UK address book.

The address book is written the way a small business keeps one in Excel: a German header,
one row per contact with the company repeated, a "Land" column typed by hand in German
and English ("Schweiz", "UK", "Österreich", empty), phone numbers typed nationally as
people write them at home, and some cells Excel turned into numbers (a phone typed
without its "+", a postcode that lost its leading zero).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bulkio.core.issues import Severity
from bulkio.usecases.check import CheckResult, check_file

MAPPING = """
version: 1
defaults: {phone_region: DE}
company:
  key: {match: name}
  fields:
    company_name: Firma
    address_invoice_zip: PLZ
    address_invoice_town: Ort
    address_invoice_country: Land
    phone: Zentrale
contact:
  key: {match: email}
  fields:
    first_name: Vorname
    last_name: Nachname
    email: E-Mail
    telephone: Telefon
    mobile: Mobil
"""

HEADER = ["Firma", "PLZ", "Ort", "Land", "Zentrale", "Vorname", "Nachname", "E-Mail", "Telefon"]
HEADER += ["Mobil"]

# (row values..., what each phone must become)
BOOK: list[list[Any]] = [
    ["Muster GmbH", "01067", "Dresden", "Deutschland", "0351 1234500",
     "Anna", "Müller", "anna@muster.de", "0351 1234567", "0171 1234567"],
    ["Alpen Treuhand AG", "8001", "Zürich", "Schweiz", "044 123 45 00",
     "Urs", "Keller", "urs@alpen.ch", "044 123 45 60", "079 123 45 67"],
    ["Donau Consulting GmbH", "1010", "Wien", "Österreich", "01 234 56 00",
     "Eva", "Huber", "eva@donau.at", "01 234 56 78", "0664 123 4567"],
    ["Thames Ltd", "SW1A 1AA", "London", "UK", "020 7946 0000",
     "John", "Smith", "john@thames.co.uk", "020 7946 0959", "07911 123456"],
    ["Glasgow Works Ltd", "G1 1AA", "Glasgow", "United Kingdom", "0141 496 0000",
     "Fiona", "Reid", "fiona@glasgow.co.uk", "0141 496 0123", None],
    ["Fischer IT", "80331", "München", None, "089 1234500",
     "Jonas", "Fischer", "jonas@fischer-it.de", "+41 44 987 65 43", None],
]  # fmt: skip
PHONES = {
    "anna@muster.de": ("+493511234500", "+493511234567", "+491711234567"),
    "urs@alpen.ch": ("+41441234500", "+41441234560", "+41791234567"),
    "eva@donau.at": ("+4312345600", "+4312345678", "+436641234567"),
    "john@thames.co.uk": ("+442079460000", "+442079460959", "+447911123456"),
    "fiona@glasgow.co.uk": ("+441414960000", "+441414960123", None),
    "jonas@fischer-it.de": ("+49891234500", "+41449876543", None),
}


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Adressen"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _check(tmp_path: Path, rows: list[list[Any]]) -> CheckResult:
    mapping = tmp_path / "adressen.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    book = _workbook(tmp_path / "Adressbuch.xlsx", rows)
    return check_file(book, mapping=mapping, keep_records=True)


def test_every_phone_of_a_mixed_dach_and_uk_book_is_in_its_own_country(tmp_path: Path) -> None:
    result = _check(tmp_path, BOOK)
    assert [str(i) for i in result.issues] == []
    contacts = {c.fields["email"]: c for c in result.validation.contacts}
    companies = {c.rows[0]: c for c in result.validation.companies}
    for contact in contacts.values():
        company = companies[contact.rows[0]]
        found = (company.fields["phone"], contact.fields["telephone"], contact.fields["mobile"])
        assert found == PHONES[contact.fields["email"]], contact.fields["email"]


def test_a_row_without_its_own_country_uses_the_other_records(tmp_path: Path) -> None:
    """Separate address fields: the contact's phones follow the company's country when the
    contact's own address names none."""
    rows = [["Alpen Treuhand AG", "8001", "Zürich", "CH", "044 123 45 00",
             "Urs", "Keller", "urs@alpen.ch", "044 123 45 60", None]]  # fmt: skip
    result = _check(tmp_path, rows)
    (contact,) = result.validation.contacts
    assert contact.fields["telephone"] == "+41441234560"


def test_a_number_of_another_country_than_the_rows_is_read_by_the_default_and_said(
    tmp_path: Path,
) -> None:
    """A German number typed nationally on a Swiss row is no Swiss number: it is read as a
    German one (phone_region), and the warning names both countries."""
    rows = [["Alpen Treuhand AG", "8001", "Zürich", "Schweiz", "0351 1234500",
             "Urs", "Keller", "urs@alpen.ch", None, None]]  # fmt: skip
    result = _check(tmp_path, rows)
    (company,) = result.validation.companies
    assert company.fields["phone"] == "+493511234500"
    (warning,) = result.issues
    assert warning.severity is Severity.WARNING
    assert (warning.row, warning.column) == (2, "Zentrale")
    assert "Switzerland (CH, the row's country)" in warning.message
    assert "Germany (DE, the mapping's phone_region)" in warning.message
    assert result.ok


def test_numbers_excel_stored_as_numbers_are_named(tmp_path: Path) -> None:
    """A phone typed without "+" and a postcode that lost its zero, as Excel keeps them when
    the column is not text; a phone shown as 4.93E+10 has lost its digits."""
    rows = [
        ["Muster GmbH", 1067, "Dresden", "Deutschland", 4935112345,
         "Anna", "Müller", "anna@muster.de", "4.93E+10", None],
    ]  # fmt: skip
    result = _check(tmp_path, rows)
    by_column = {i.column: i for i in result.issues}
    zip_issue = by_column["PLZ"]
    assert zip_issue.severity is Severity.WARNING
    assert "did you mean 01067?" in zip_issue.message
    assert "Excel drops leading zeros: format the column as text" in zip_issue.message
    phone = by_column["Zentrale"]
    assert phone.severity is Severity.WARNING
    assert "stored as a number" in phone.message and "+4935112345" in phone.message
    shortened = by_column["Telefon"]
    assert shortened.severity is Severity.ERROR
    assert "digits are lost" in shortened.message
    assert not result.ok


def test_a_postcode_stored_with_a_decimal_point_is_named(tmp_path: Path) -> None:
    rows = [["Muster GmbH", "1067.0", "Dresden", "DE", None,
             "Anna", "Müller", "anna@muster.de", None, None]]  # fmt: skip
    result = _check(tmp_path, rows)
    (issue,) = result.issues
    assert issue.column == "PLZ" and "did you mean 01067?" in issue.message


def test_postcodes_of_each_country_pass_and_a_wrong_one_shows_the_countrys_form(
    tmp_path: Path,
) -> None:
    rows = [
        *BOOK,
        ["Amsterdam BV", "1234 AB", "Amsterdam", "Niederlande", None,
         "Joost", "Bakker", "joost@ams.nl", None, None],
        ["Kopenhagen ApS", "12345", "København", "DK", None,
         "Mette", "Jensen", "mette@kbh.dk", None, None],
    ]  # fmt: skip
    result = _check(tmp_path, rows)
    (issue,) = result.issues
    assert (issue.row, issue.column) == (9, "PLZ")
    assert issue.message.startswith("'12345' is not a postcode in Denmark")
    assert "looks like 8660" in issue.message


# the same book with "Land" typed in the languages of a Swiss, Belgian or Dutch office
# (names as pycountry's ISO 3166-1 catalogues spell them, and the short forms people type)
COUNTRY_NAMES = {
    "german and short forms": ["Deutschland", "Schweiz", "Österreich", "UK", "England"],
    "german and french": ["Allemagne", "Suisse", "Österreich", "Vereinigtes Königreich",
                          "Royaume-Uni"],
    "italian, dutch, spanish": ["Germania", "Svizzera", "Oostenrijk", "Reino Unido",
                                "Verenigd Koninkrijk"],
    "without accents": ["Deutschland", "Schweiz", "Osterreich", "Grossbritannien",
                        "Royaume Uni"],
}  # fmt: skip


@pytest.mark.parametrize("names", COUNTRY_NAMES.values(), ids=COUNTRY_NAMES.keys())
def test_country_names_in_our_users_languages_give_each_phone_its_country(
    tmp_path: Path, names: list[str]
) -> None:
    rows = [[*row[:3], names[j], *row[4:]] for j, row in enumerate(BOOK[:5])]
    result = _check(tmp_path, rows)
    assert [str(issue) for issue in result.issues] == []
    contacts = {c.fields["email"]: c for c in result.validation.contacts}
    companies = {c.rows[0]: c for c in result.validation.companies}
    assert len(contacts) == 5
    for email, contact in contacts.items():
        company = companies[contact.rows[0]]
        found = (company.fields["phone"], contact.fields["telephone"], contact.fields["mobile"])
        assert found == PHONES[email], email


def test_a_country_no_language_knows_is_an_error_so_its_phones_are_not_guessed(
    tmp_path: Path,
) -> None:
    """Swiss German typed as spoken ("Schwiiz") is no country name: the row is refused
    rather than its Zürich number read as a German one."""
    rows = [["Alpen Treuhand AG", "8001", "Zürich", "Schwiiz", "044 123 45 00",
             "Urs", "Keller", "urs@alpen.ch", None, None]]  # fmt: skip
    result = _check(tmp_path, rows)
    country = [i for i in result.issues if i.column == "Land"]
    assert len(country) == 1 and country[0].severity is Severity.ERROR
    assert result.validation.companies == [] and not result.ok
