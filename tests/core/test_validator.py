"""The Validator over batches shaped like the readers' output: what records and issues come out."""

from __future__ import annotations

from typing import Any

import polars as pl

from bulkio.core.entities import Role
from bulkio.core.issues import ROW_COLUMN, Severity
from bulkio.core.mapping import parse_mapping
from bulkio.core.validation import RecordKey, ValidationResult, Validator

FLAT = """
version: 1
origin: Outlook
defaults: {phone_region: DE, date_formats: ["%d.%m.%Y"]}
company:
  key: {external_id: Kundennr., match: name}
  fields:
    company_name: {column: Firma, clean: [collapse_spaces]}
    address_invoice_street: {column: Straße, split_street: street}
    address_invoice_house: {column: Straße, split_street: house}
    address_invoice_zip: PLZ
    address_invoice_country: Land
    tags: {column: Kategorien, split: ","}
    custom_fields.key_account: {column: Key Account, type: boolean}
contact:
  key: {external_id: Kontakt-ID, match: email}
  fields:
    gender: {column: Anrede, map: {Herr: male, Frau: female}, default: null}
    first_name: {column: Name, split_name: first}
    last_name: {column: Name, split_name: last}
    email: E-Mail
    telephone: Telefon
    birthday: Geburtstag
    owner: {constant: sandra.box@example.com}
    custom_fields.visits: {column: Besuche, type: integer}
link:
  position: Position
"""

HEADERS = [
    "Kundennr.", "Firma", "Straße", "PLZ", "Land", "Kategorien", "Key Account",
    "Kontakt-ID", "Anrede", "Name", "E-Mail", "Telefon", "Geburtstag", "Besuche", "Position",
]  # fmt: skip


def _frame(rows: list[dict[str, str | None]], *, first_row: int = 2) -> pl.DataFrame:
    """A batch as the readers deliver it: text columns plus the row number."""
    base: dict[str, Any] = {h: None for h in HEADERS}
    data = [{**base, **r} for r in rows]
    frame = pl.DataFrame(data, schema=dict.fromkeys(HEADERS, pl.String))
    numbers = pl.Series(ROW_COLUMN, range(first_row, first_row + len(rows)), dtype=pl.Int64)
    return frame.with_columns(numbers)


def _anna(**over: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "Kundennr.": "K-1",
        "Firma": "Muster  GmbH",
        "Straße": "Hauptstr. 12a",
        "PLZ": "01067",
        "Land": "Deutschland",
        "Kategorien": "VIP, Partner",
        "Key Account": "ja",
        "Kontakt-ID": "C-1",
        "Anrede": "Frau",
        "Name": "Dr. Anna Müller",
        "E-Mail": "Anna@Muster.DE",
        "Telefon": "0351 1234567",
        "Geburtstag": "23.04.1980",
        "Besuche": "3",
        "Position": "Geschäftsführerin",
    }
    row.update(over)
    return row


def _run(rows: list[dict[str, str | None]], mapping: str = FLAT, **kw: Any) -> ValidationResult:
    validator = Validator(parse_mapping(mapping), **kw)
    validator.add(Role.FLAT, _frame(rows), sheet="Tabelle1")
    return validator.finish()


def _messages(result: ValidationResult) -> list[str]:
    return [str(i) for i in result.issues]


def test_a_good_flat_row_becomes_company_contact_and_link() -> None:
    result = _run([_anna()])
    assert result.issues == []
    assert (result.rows_read, result.rows_valid, result.rows_invalid) == (1, 1, 0)
    (company,) = result.companies
    assert company.key == RecordKey("external_id", "K-1")
    assert company.fields["company_name"] == "Muster GmbH"
    assert company.fields["address_invoice_zip"] == "01067"  # leading zero kept
    assert company.fields["address_invoice_street"] == "Hauptstr."
    assert company.fields["address_invoice_house"] == "12a"
    assert company.fields["address_invoice_country"] == "DE"
    assert company.fields["tags"] == ["VIP", "Partner"]
    assert company.fields["external_origin"] == "Outlook"
    assert company.custom_fields == {"key_account": True}
    (contact,) = result.contacts
    assert contact.fields["gender"] == "female"
    assert contact.fields["first_name"] == "Anna"
    assert contact.fields["last_name"] == "Müller"
    assert contact.fields["email"] == "Anna@muster.de"
    assert contact.fields["telephone"] == "+493511234567"
    assert contact.fields["birthday"] == "1980-04-23"
    assert contact.fields["owner"] == "sandra.box@example.com"
    assert contact.custom_fields == {"visits": 3}
    (link,) = result.links
    assert (link.contact_key, link.company_key) == (contact.key, company.key)
    assert link.position == "Geschäftsführerin"


def test_herr_frau_map_and_unknown_salutation_is_a_warning() -> None:
    result = _run(
        [
            _anna(),
            _anna(**{"Kontakt-ID": "C-2", "Anrede": "Herr", "E-Mail": "max@muster.de"}),
            _anna(**{"Kontakt-ID": "C-3", "Anrede": "Dr.", "E-Mail": "eva@muster.de"}),
        ]
    )
    assert [c.fields["gender"] for c in result.contacts] == ["female", "male", None]
    (issue,) = result.issues
    assert issue.severity == Severity.WARNING and issue.row == 4 and issue.column == "Anrede"
    assert result.rows_invalid == 0 and result.warnings == 1


def test_bad_cells_are_row_issues_naming_row_column_and_fix() -> None:
    result = _run(
        [_anna(**{"E-Mail": "anna(at)x.de", "Telefon": "12ab", "Geburtstag": "04/23/1980"})]
    )
    assert result.contacts == [] and result.rows_invalid == 1
    by_column = {i.column: i for i in result.issues}
    assert by_column["E-Mail"].row == 2 and by_column["E-Mail"].value == "anna(at)x.de"
    assert "is not an e-mail address" in by_column["E-Mail"].message
    assert "not a phone number" in by_column["Telefon"].message
    assert "DD.MM.YYYY" in by_column["Geburtstag"].message
    assert str(by_column["E-Mail"]).startswith("sheet 'Tabelle1', row 2, column 'E-Mail': ")


def test_identical_company_repeats_are_merged_silently() -> None:
    result = _run(
        [
            _anna(),
            _anna(**{"Kontakt-ID": "C-2", "Name": "Max Weber", "E-Mail": "max@muster.de"}),
            _anna(
                **{"Kontakt-ID": "C-3", "Name": "Eva Roth", "E-Mail": "eva@muster.de", "PLZ": None}
            ),
        ]
    )
    assert result.issues == []
    (company,) = result.companies
    assert company.rows == [2, 3, 4]
    assert len(result.contacts) == 3 and len(result.links) == 3


def test_disagreeing_company_rows_name_both_rows_and_the_field() -> None:
    result = _run(
        [
            _anna(),
            _anna(
                **{"Kontakt-ID": "C-2", "Name": "Max Weber", "E-Mail": "max@m.de", "PLZ": "01069"}
            ),
        ]
    )
    (issue,) = result.issues
    assert issue.row == 3 and issue.column == "PLZ" and issue.field == "company.address_invoice_zip"
    assert "row 2" in issue.message and "'01067'" in issue.message and "'01069'" in issue.message
    assert [c.key.value for c in result.contacts] == ["C-1"]
    assert result.rows_invalid == 1


def test_companies_without_id_match_by_normalised_name() -> None:
    result = _run(
        [
            _anna(**{"Kundennr.": None, "Firma": "Muster GmbH"}),
            _anna(
                **{
                    "Kundennr.": None,
                    "Firma": "muster  gmbh",
                    "Kontakt-ID": "C-2",
                    "E-Mail": "max@m.de",
                    "Name": "Max Weber",
                }
            ),
        ]
    )
    (company,) = result.companies
    assert company.key == RecordKey("name", "muster gmbh")
    assert company.fields["company_name"] == "Muster GmbH"


def test_duplicate_contact_keys_across_batches() -> None:
    validator = Validator(parse_mapping(FLAT))
    validator.add(Role.FLAT, _frame([_anna()]), sheet="Tabelle1")
    other = _anna(**{"Name": "Anna Schmidt", "Kundennr.": "K-2", "Firma": "Andere AG"})
    validator.add(Role.FLAT, _frame([other], first_row=3), sheet="Tabelle1")
    result = validator.finish()
    (issue,) = result.issues
    assert issue.row == 3 and "contact C-1 is also on row 2" in issue.message
    assert len(result.contacts) == 1


def test_the_same_person_with_two_companies_in_a_flat_file_is_two_links() -> None:
    second = _anna(**{"Kundennr.": "K-2", "Firma": "Andere AG", "Position": "Beirat"})
    result = _run([_anna(), second])
    assert result.issues == []
    assert len(result.contacts) == 1 and list(result.contacts[0].rows) == [2, 3]
    assert sorted(link.company_key.value for link in result.links) == ["K-1", "K-2"]


def test_contact_without_name_or_email_and_company_without_name() -> None:
    result = _run([_anna(**{"Name": None, "E-Mail": None, "Firma": None})])
    messages = " | ".join(_messages(result))
    assert "the contact has neither a name nor an e-mail" in messages
    assert "'Name', 'E-Mail'" in messages
    assert "the company has no name; fill in column 'Firma'" in messages
    assert result.rows_invalid == 1


def test_a_contact_without_company_is_fine_in_a_flat_file() -> None:
    result = _run(
        [
            _anna(
                **{
                    "Kundennr.": None,
                    "Firma": None,
                    "Straße": None,
                    "PLZ": None,
                    "Land": None,
                    "Kategorien": None,
                    "Key Account": None,
                }
            )
        ]
    )
    assert result.issues == [] and result.companies == [] and result.links == []
    assert len(result.contacts) == 1


def test_keep_records_false_keeps_counts_and_issues_only() -> None:
    rows = [_anna(), _anna(**{"Kontakt-ID": "C-2", "E-Mail": "bad"})]
    result = _run(rows, keep_records=False)
    assert result.companies == [] and result.contacts == [] and result.links == []
    assert (result.rows_read, result.rows_valid, result.rows_invalid) == (2, 1, 1)


def test_too_long_text_is_refused_by_the_write_body() -> None:
    result = _run([_anna(Firma="X" * 300)])
    (issue,) = result.issues
    assert issue.column == "Firma" and "at most 255 characters" in issue.message


SEPARATE = """
version: 1
input:
  companies: {sheet: Firmen}
  contacts: {sheet: Kontakte}
  links: {sheet: Zuordnungen}
company:
  key: {external_id: Nr}
  fields: {company_name: Firma}
contact:
  key: {external_id: ID}
  fields:
    first_name: Vorname
    last_name: Nachname
    email: {columns: [User, Domain], join: "@"}
link:
  contact: ID
  company: Firmennr
  position: {column: Rolle, clean: [trim, title]}
"""


def _sheet(data: dict[str, list[str | None]], first_row: int = 2) -> pl.DataFrame:
    frame = pl.DataFrame(data, schema=dict.fromkeys(data, pl.String))
    height = frame.height
    return frame.with_columns(pl.Series(ROW_COLUMN, range(first_row, first_row + height)))


def test_links_sheet_links_contacts_to_several_companies() -> None:
    validator = Validator(parse_mapping(SEPARATE))
    validator.add(
        Role.COMPANIES, _sheet({"Nr": ["K-1", "K-2"], "Firma": ["A GmbH", "B AG"]}), sheet="Firmen"
    )
    validator.add(
        Role.CONTACTS,
        _sheet(
            {
                "ID": ["C-1"],
                "Vorname": ["Anna"],
                "Nachname": ["Müller"],
                "User": ["anna"],
                "Domain": ["A.de"],
            }
        ),
        sheet="Kontakte",
    )
    validator.add(
        Role.LINKS,
        _sheet(
            {
                "ID": ["C-1", "C-1", "C-1", "C-9"],
                "Firmennr": ["K-1", "K-2", "K-7", "K-1"],
                "Rolle": [" einkauf ", "beirat", "x", "y"],
            }
        ),
        sheet="Zuordnungen",
    )
    result = validator.finish()
    assert result.contacts[0].fields["email"] == "anna@a.de"
    assert [(link.company_key.value, link.position) for link in result.links] == [
        ("K-1", "Einkauf"),
        ("K-2", "Beirat"),
    ]
    messages = {i.row: str(i) for i in result.issues}
    assert "company 'K-7' is not in the file" in messages[4]
    assert "column 'Firmennr'" in messages[4] and "sheet 'Zuordnungen'" in messages[4]
    assert "contact 'C-9' is not in the file" in messages[5]
    assert result.rows_by_role == {"companies": 2, "contacts": 1, "links": 4}
    assert result.invalid_by_role == {"links": 2}


def test_duplicate_company_on_a_companies_sheet() -> None:
    validator = Validator(parse_mapping(SEPARATE))
    validator.add(
        Role.COMPANIES,
        _sheet({"Nr": ["K-1", "K-1"], "Firma": ["A GmbH", "A GmbH"]}),
        sheet="Firmen",
    )
    result = validator.finish()
    (issue,) = result.issues
    assert issue.row == 3 and "also on row 2" in issue.message


def test_missing_column_is_a_mapping_error_before_any_row() -> None:
    import pytest

    from bulkio.core.errors import MappingError

    validator = Validator(parse_mapping(SEPARATE))
    with pytest.raises(MappingError, match="column 'Firma' not found in sheet 'Firmen'"):
        validator.add(Role.COMPANIES, _sheet({"Nr": ["K-1"], "firma": ["A"]}), sheet="Firmen")


def test_excel_serial_dates_and_custom_date_fields() -> None:
    mapping = """
defaults: {excel_serial: true}
contact:
  fields:
    last_name: Name
    birthday: Geburtstag
    custom_fields.since: {column: Seit, type: date, formats: ["%m/%d/%Y"]}
"""
    frame = _sheet({"Name": ["Müller"], "Geburtstag": ["29221"], "Seit": ["02/01/2023"]})
    validator = Validator(parse_mapping(mapping))
    validator.add(Role.FLAT, frame)
    result = validator.finish()
    assert result.issues == []
    assert result.contacts[0].fields["birthday"] == "1980-01-01"
    assert result.contacts[0].custom_fields == {"since": "2023-02-01"}


def test_a_value_starting_with_equals_stays_text() -> None:
    result = _run([_anna(Firma="=HYPERLINK(1)")])
    assert result.companies[0].fields["company_name"] == "=HYPERLINK(1)"


def test_the_same_link_twice_with_different_positions() -> None:
    validator = Validator(parse_mapping(SEPARATE), keep_records=False)
    validator.add(Role.COMPANIES, _sheet({"Nr": ["K-1"], "Firma": ["A GmbH"]}), sheet="Firmen")
    contacts: dict[str, list[str | None]] = {
        "ID": ["C-1"],
        "Vorname": ["Anna"],
        "Nachname": ["Müller"],
        "User": ["a"],
        "Domain": ["a.de"],
    }
    validator.add(Role.CONTACTS, _sheet(contacts), sheet="Kontakte")
    links: dict[str, list[str | None]] = {
        "ID": ["C-1", "C-1", "C-1"],
        "Firmennr": ["K-1", "K-1", "K-1"],
        "Rolle": ["Einkauf", "Einkauf", "Vertrieb"],
    }
    validator.add(Role.LINKS, _sheet(links), sheet="Zuordnungen")
    result = validator.finish()
    (issue,) = result.errors
    assert issue.row == 4 and "also linked on row 2 with position 'Einkauf'" in issue.message
    (copy,) = [i for i in result.issues if i.severity == Severity.WARNING]
    assert copy.row == 3 and "a duplicate of row 2" in copy.message


def test_the_annotated_example_mapping_works_on_a_sheet_like_it() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "mappings" / "example.yaml").read_text("utf-8")
    row: dict[str, str | None] = {
        "Kundennr.": "10017",
        "Firma": "Muster   GmbH",
        "Straße": "Am Markt 3-5",
        "PLZ": "1010",
        "Ort": "Wien",
        "Land": "Österreich",
        "Zentrale": "(01) 12345-0",
        "Webseite": "www.muster.de",
        "USt-IdNr.": "ATU13585627",
        "IBAN": "DE89 3704 0044 0532 0130 00",
        "Rechnung per Mail": "ja",
        "Branche": "IT services",
        "Kategorien": "VIP, Partner",
        "Key Account": "x",
        "Kontakt-ID": "C-1",
        "Anrede": "Frau",
        "Name": "Dr. Anna Maria von Müller",
        "E-Mail": "Anna@Muster.de",
        "Telefon": "0049 351 1234567",
        "Mobil": "+49 (0)171 1234567",
        "Geburtstag": "1.2.81",
        "Str": "Lindenweg",
        "Nr": "7",
        "Position": "Einkauf",
    }
    frame = pl.DataFrame([row], schema=dict.fromkeys(row, pl.String)).with_columns(
        pl.Series(ROW_COLUMN, [2])
    )
    validator = Validator(parse_mapping(text, source="example.yaml"))
    validator.add(Role.FLAT, frame, sheet="Tabelle1")
    result = validator.finish()
    assert result.issues == []
    company, contact = result.companies[0], result.contacts[0]
    assert company.fields["company_name"] == "Muster GmbH"
    assert (company.fields["address_invoice_street"], company.fields["address_invoice_house"]) == (
        "Am Markt",
        "3-5",
    )
    assert company.fields["address_invoice_country"] == "AT"
    assert company.fields["phone"] == "+431123450"  # read in the row's country, Austria
    assert company.custom_fields == {"customer_number": "10017", "key_account": True}
    assert (contact.fields["title"], contact.fields["first_name"], contact.fields["last_name"]) == (
        "Dr.",
        "Anna Maria",
        "von Müller",
    )
    assert contact.fields["birthday"] == "1981-02-01"
    assert contact.fields["address_street"] == "Lindenweg 7"
    assert contact.fields["mobile"] == "+491711234567"
    assert result.links[0].position == "Einkauf"
