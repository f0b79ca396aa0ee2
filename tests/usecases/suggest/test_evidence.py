"""`mapping suggest` decides keys, the phone region and positions by what the values show."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from bulkio.core.suggest.drafting import draft_mapping
from bulkio.core.suggest.region import choose_region
from bulkio.usecases.suggest import suggest_mapping

ROOT = Path(__file__).resolve().parents[3]


def _columns(rows: list[list[str]]) -> tuple[list[str], dict[str, list[str | None]]]:
    headers, *data = rows
    return headers, {h: [r[i] or None for r in data] for i, h in enumerate(headers)}


def _yaml(text: str) -> dict[str, object]:
    loaded = YAML(typ="safe").load(text)
    assert isinstance(loaded, dict)
    return loaded


def test_kunden_de_keys_company_by_kundennr_and_contact_by_kontakt_id() -> None:
    draft = suggest_mapping(ROOT / "samples" / "kunden_de.csv").draft
    assert draft.target_of("Kundennr.") == "company.external_id"
    assert draft.target_of("Kontakt-ID") == "contact.external_id"
    data = _yaml(draft.text)
    assert data["company"]["key"]["external_id"] == {"column": "Kundennr."}  # type: ignore[index]
    assert data["contact"]["key"]["external_id"] == {"column": "Kontakt-ID"}  # type: ignore[index]
    assert data["link"] == {"position": {"column": "Position"}}
    assert data["defaults"]["phone_region"] == "DE"  # type: ignore[index]


def test_the_key_follows_the_values_not_the_column_order() -> None:
    headers, samples = _columns(
        [
            ["Record ID", "Company", "Customer No", "Last Name", "Email"],
            ["17", "Acme Ltd", "C-1", "Smith", "s@acme.com"],
            ["18", "Acme Ltd", "C-1", "Jones", "j@acme.com"],
            ["19", "Bolt Inc", "C-2", "Brown", "b@bolt.com"],
        ]
    )
    draft = draft_mapping(headers, samples)
    assert draft.target_of("Customer No") == "company.external_id"
    assert draft.target_of("Record ID") == "contact.external_id"


def test_an_id_that_does_not_follow_the_company_is_not_the_company_key() -> None:
    headers, samples = _columns(
        [
            ["Nr.", "Firma", "Nachname"],
            ["1", "A GmbH", "Roth"],
            ["2", "A GmbH", "Klein"],
            ["3", "B KG", "Wolf"],
        ]
    )
    draft = draft_mapping(headers, samples)
    assert draft.target_of("Nr.") == "contact.external_id"
    assert "external_id" not in _yaml(draft.text)["company"]["key"]  # type: ignore[index]


def test_german_numbers_with_one_swiss_number_are_read_as_german() -> None:
    headers, samples = _columns(
        [
            ["Nachname", "Telefon"],
            ["Roth", "0351 123456"],
            ["Klein", "0341 998877"],
            ["Wolf", "040 3344556"],
            ["Huber", "+41 44 123 45 67"],
        ]
    )
    assert "phone_region: DE" in draft_mapping(headers, samples).text


def test_region_comes_from_the_country_column_first() -> None:
    phones = ["01 9140000", "0664 123456"]
    assert choose_region(phones, ["Österreich", "AT", "Austria", "Deutschland"], [], []).region == (
        "AT"
    )


def test_region_from_the_most_frequent_country_when_none_has_a_majority() -> None:
    # a DACH + UK list whose Excel-damaged postcodes (1067 for 01067) look Austrian
    phones = ["0351 4711-10", "0351 4711-22", "01 5123456", "044 123 45 60", "020 7946 0959"]
    countries = ["Deutschland", "Deutschland", "Österreich", "Schweiz", "UK"]
    zips = ["1067", "1067", "1140", "8001", "SW1A 1AA"]
    choice = choose_region(phones, countries, zips, ["Telefon", "PLZ", "Land"])
    assert (choice.region, choice.sure) == ("DE", False)
    assert "2 of 5" in choice.reason
    tie = choose_region(phones[:2], ["Schweiz", "Deutschland"], [], ["Telefon"])
    assert tie.region == "DE" and "country" not in tie.reason  # a tie decides nothing


def test_region_from_international_numbers_only_when_most_are() -> None:
    most = ["+43 1 9140000", "+43 664 123456", "0664 1"]
    assert choose_region(most, [], [], ["Phone"]).region == "AT"
    few = ["+43 1 9140000", "0664 123456", "0664 1"]
    assert choose_region(few, [], [], ["Telefon", "Vorname"]).region == "DE"


def test_region_from_header_language_and_zip_codes() -> None:
    assert choose_region(["0351 1"], [], ["01067"], ["Phone", "Zip"]).region == "DE"
    assert choose_region(["(212) 555-0100"], [], ["10001"], ["Phone", "Zip"]).region == "US"
    assert choose_region(["020 7946 0000"], [], ["SW1A 1AA"], ["Phone", "Postcode"]).region == (
        "GB"
    )


def test_position_beside_a_company_is_the_link_and_job_title_the_contacts_own() -> None:
    headers, samples = _columns(
        [
            ["Firma", "Nachname", "Funktion", "Berufsbezeichnung"],
            ["A GmbH", "Roth", "Einkauf", "Ingenieurin"],
        ]
    )
    draft = draft_mapping(headers, samples)
    assert draft.target_of("Funktion") == "link.position"
    assert draft.target_of("Berufsbezeichnung") == "contact.position"


def test_a_lone_job_title_beside_a_company_is_the_link_with_the_alternative_named() -> None:
    headers, samples = _columns(
        [["Company", "Last Name", "Job Title"], ["Acme Ltd", "Smith", "Buyer"]]
    )
    draft = draft_mapping(headers, samples)
    assert draft.target_of("Job Title") == "link.position"
    link_line = next(line for line in draft.text.splitlines() if "Job Title" in line)
    assert "contact: fields as position" in link_line


def test_without_a_company_a_position_is_the_contacts_own() -> None:
    headers, samples = _columns([["Nachname", "Position"], ["Roth", "Einkauf"]])
    assert draft_mapping(headers, samples).target_of("Position") == "contact.position"
