"""Loading mapping files: what a user sees when the YAML is right or wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulkio.core.entities import Role
from bulkio.core.errors import MappingError
from bulkio.core.mapping import check_columns, parse_mapping

EXAMPLE = Path(__file__).resolve().parents[2] / "mappings" / "example.yaml"


def _error(text: str) -> str:
    with pytest.raises(MappingError) as caught:
        parse_mapping(text, source="kunde.yaml")
    return str(caught.value)


def test_the_annotated_example_loads() -> None:
    mapping = parse_mapping(EXAMPLE.read_text(encoding="utf-8"), source="example.yaml")
    assert mapping.origin == "Outlook"
    assert set(mapping.inputs) == {"flat"}
    assert mapping.inputs[Role.FLAT].header_row == 1
    assert mapping.csv.delimiter == ";"
    flat_csv = mapping.inputs[Role.FLAT].csv
    assert flat_csv is not None and flat_csv.encoding == "cp1252"
    assert mapping.company.fields["address_invoice_zip"].column == "PLZ"
    assert mapping.contact.fields["gender"].map == {"Herr": "male", "Frau": "female"}


def test_shorthand_column_and_defaults() -> None:
    mapping = parse_mapping("contact:\n  fields:\n    email: E-Mail\n")
    assert mapping.contact.fields["email"].column == "E-Mail"
    assert mapping.inputs[Role.FLAT].sheet == 0
    assert mapping.defaults.phone_region == "DE"


def test_unknown_key_names_line_and_closest_key() -> None:
    message = _error("version: 1\ncontact:\n  fields:\n    email: {colum: E-Mail}\n")
    assert "kunde.yaml" in message
    assert "line 4" in message
    assert "unknown key 'colum'" in message
    assert "did you mean 'column'?" in message


def test_unknown_top_level_key() -> None:
    message = _error("version: 1\ncompnay:\n  fields: {}\n")
    assert "line 2" in message and "did you mean 'company'?" in message


def test_unknown_field_name_suggests_the_closest_field() -> None:
    message = _error("contact:\n  fields:\n    first_nme: Vorname\n    last_name: Nachname\n")
    assert "line 3" in message
    assert "'first_nme' is not a contact field" in message
    assert "did you mean 'first_name'?" in message


def test_wrong_value_type_names_the_line() -> None:
    message = _error("input:\n  flat: {sheet: 0, header_row: erste}\n")
    assert "line 2" in message and "header_row" in message


def test_wrong_choice_lists_the_allowed_values() -> None:
    message = _error("contact:\n  fields:\n    first_name: {column: Name, split_name: vorname}\n")
    assert "line 3" in message and "'first'" in message


def test_a_field_needs_exactly_one_source() -> None:
    message = _error("contact:\n  fields:\n    email: {column: A, constant: x@y.de}\n")
    assert "exactly one of 'column', 'columns' or 'constant'" in message


def test_custom_fields_take_any_alias_and_a_type() -> None:
    mapping = parse_mapping(
        "company:\n  fields:\n    custom_fields.key_account: {column: KA, type: boolean}\n"
    )
    assert mapping.company.fields["custom_fields.key_account"].type == "boolean"
    message = _error("company:\n  fields:\n    company_name: {column: F, type: integer}\n")
    assert "'type' is only for custom_fields" in message


def test_flat_and_separate_sheets_do_not_mix() -> None:
    message = _error("input:\n  flat: {sheet: 0}\n  contacts: {sheet: Kontakte}\n")
    assert "either 'flat'" in message


def test_links_sheet_needs_contact_and_company_columns() -> None:
    message = _error(
        "input:\n  contacts: {sheet: K}\n  links: {sheet: Z}\nlink:\n  position: Position\n"
    )
    assert "links sheet needs" in message


def test_broken_yaml_is_a_mapping_error_with_a_line() -> None:
    message = _error("contact:\n  fields:\n    email: [E-Mail\n")
    assert "not valid YAML" in message and "line" in message


def test_empty_file() -> None:
    assert "empty" in _error("")


def test_check_columns_lists_the_sheet_and_the_likely_column() -> None:
    mapping = parse_mapping(
        "input:\n  contacts: {sheet: Kontakte}\ncontact:\n  fields:\n"
        "    last_name: Name\n    address_zip: PLZ\n    address_town: Ort\n"
    )
    check_columns(mapping, Role.CONTACTS, ["Name", "PLZ", "Ort"], sheet="Kontakte")
    with pytest.raises(MappingError) as caught:
        check_columns(mapping, Role.CONTACTS, ["Name", "Plz", "Ort"], sheet="Kontakte")
    assert (
        "column 'PLZ' not found in sheet 'Kontakte'; the sheet has: Name, Plz, Ort "
        "(did you mean 'Plz'?)" in str(caught.value)
    )


def test_phone_region_must_be_a_country_code_and_a_name_gets_its_code() -> None:
    message = _error("defaults:\n  phone_region: Germany\n")
    assert "line 2, column 3" in message
    assert "did you mean DE?" in message
    message = _error("contact:\n  fields:\n    telephone: {column: Tel, region: Österreich}\n")
    assert "line 3" in message and "did you mean AT?" in message
    assert "two-letter ISO code" in _error("defaults: {phone_region: Narnia}\n")
    lower = parse_mapping("defaults: {phone_region: ch}\n")
    assert lower.defaults.phone_region == "CH"


def test_skip_rows_under_input_counts_for_every_sheet_and_a_role_may_have_its_own() -> None:
    mapping = parse_mapping('input:\n  skip_rows: "^Summe"\n')
    assert mapping.inputs[Role.FLAT].skip_rows == "^Summe"
    separate = parse_mapping(
        'input:\n  skip_rows: "^Summe"\n  companies: {sheet: 0}\n'
        '  contacts: {sheet: 1, skip_rows: "^Total"}\n'
    )
    assert separate.inputs[Role.COMPANIES].skip_rows == "^Summe"
    assert separate.inputs[Role.CONTACTS].skip_rows == "^Total"


def test_a_misplaced_key_says_where_it_belongs() -> None:
    assert _error("phone_region: DE\n").endswith(
        "line 1, column 1: 'phone_region' does not belong here; it belongs under 'defaults:'"
    )
    message = _error("input:\n  header_row: 3\n")
    assert "line 2, column 3: 'header_row' does not belong here" in message
    assert "'input: <role>:' (a role is flat, companies, contacts or links)" in message
    assert "it belongs under 'input:' or 'input: <role>:'" in _error("defaults: {skip_rows: x}\n")
    assert "belongs under 'company: key:'" in _error("company:\n  match: name\n")
    # a key valid nowhere still gets the closest valid one
    assert "did you mean 'column'?" in _error("contact:\n  fields:\n    email: {colum: E}\n")
