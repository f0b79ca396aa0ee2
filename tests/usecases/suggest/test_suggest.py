"""`bulkio mapping suggest`: header synonyms and typos, a look at the values, and a draft that
proposes what the presets map for their own samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from ruamel.yaml import YAML

from bulkio.cli.main import cli
from bulkio.core.suggest.dates import date_formats
from bulkio.core.suggest.matching import match_header
from bulkio.core.suggest.region import choose_region
from bulkio.core.suggest.sniffing import look_at
from bulkio.usecases.mappings import read_shape
from bulkio.usecases.suggest import suggest_mapping

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples"
PRESETS = ROOT / "bulkio" / "mappings"

PRESET_SAMPLES = {
    "outlook": "outlook/contacts.csv",
    "outlook-de": "outlook-de/Kontakte.csv",
    "google": "google/contacts.csv",
    "google-legacy": "google-legacy/contacts.csv",
    "hubspot-contacts": "hubspot/contacts.csv",
    "hubspot-companies": "hubspot/companies.xlsx",
    "salesforce-contacts": "salesforce/Contact.csv",
    "salesforce-accounts": "salesforce/Account.csv",
    "salesforce-contacts-report": "salesforce/contacts-report.csv",
    "linkedin": "linkedin/Connections.csv",
}


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("PLZ", "any.address_zip"),
        ("Postleitzahl", "any.address_zip"),
        ("Zip Code", "any.address_zip"),
        ("Firma", "company.company_name"),
        ("Company", "company.company_name"),
        ("Organisation", "company.company_name"),
        ("Postleitzal", "any.address_zip"),  # typo
        ("E-Mial", "any.email"),  # typo
        ("Tel.-Nr.", "any.phone"),  # abbreviation
        ("Telefon dienstl.", "any.phone"),  # abbreviation
        ("Geb.-Datum", "contact.birthday"),
        ("Strasse", "any.address_street"),  # without ß
    ],
)
def test_headers_are_matched_in_german_and_english(header: str, target: str) -> None:
    found = match_header(header)
    assert found is not None and found.target == target


def test_a_header_without_a_home_is_not_matched() -> None:
    assert match_header("Bemerkung") is None
    assert match_header("Lieblingsfarbe") is None


def test_values_show_date_format_phone_region_and_kind() -> None:
    assert date_formats(["23.04.1980", "01.12.1975"]).formats == ("%d.%m.%Y",)  # type: ignore[union-attr]
    assert date_formats(["4/23/1980", "12/1/1969"]).formats == ("%m/%d/%Y",)  # type: ignore[union-attr]
    assert choose_region(["+43 1 9140000", "+43 664 123456", "0664 1"], [], [], []).region == "AT"
    assert look_at(["a@b.de", "c@d.com", None]).kind == "email"
    assert look_at(["Hauptstr. 5", "Am Markt 12a"]).house_share == 1.0


def _sme_list(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kunden"
    ws.append(["Kd.-Nr.", "Anrede", "Name", "Firma", "Straße", "PLZ", "Ort", "Land", "Telefon",
               "Handy", "E-Mail", "Geb.", "Bemerkung"])  # fmt: skip
    ws.append(["1001", "Herr", "Dr. Hans Meier", "Meier GmbH", "Hauptstr. 5", "01067",
               "Dresden", "Deutschland", "0351 123456", "0171 2345678", "h.meier@meier.de",
               "23.04.1980", "netter Kunde"])  # fmt: skip
    ws.append(["1002", "Frau", "Anna Schulz", "Schulz KG", "Am Markt 12a", "04109", "Leipzig",
               "Deutschland", "+49 341 998877", "", "anna@schulz.de", "01.12.1975",
               ""])  # fmt: skip
    for row in ws.iter_rows():
        for cell in row:
            cell.number_format = "@"
    wb.save(path)


def test_german_sme_list_finds_names_company_address_phones_email_birthday(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kunden.xlsx"
    _sme_list(path)
    draft = suggest_mapping(path).draft
    chosen = {(c.column, c.target) for c in draft.choices}
    assert {
        ("Name", "contact.first_name"),
        ("Name", "contact.last_name"),
        ("Name", "contact.title"),
        ("Firma", "company.company_name"),
        ("Straße", "company.address_invoice_street"),
        ("Straße", "company.address_invoice_house"),
        ("PLZ", "company.address_invoice_zip"),
        ("Ort", "company.address_invoice_town"),
        ("Land", "company.address_invoice_country"),
        ("Telefon", "contact.telephone"),
        ("Handy", "contact.mobile"),
        ("E-Mail", "contact.email"),
        ("Geb.", "contact.birthday"),
        ("Anrede", "contact.gender"),
        ("Kd.-Nr.", "company.external_id"),  # a customer number: every company once, so
    } <= chosen  # the values cannot tell and the header's words decide, marked CHECK
    assert not next(c for c in draft.choices if c.column == "Kd.-Nr.").confident
    assert '"%d.%m.%Y"' in draft.text  # the birthday's format, from the values
    assert '"Frau": "female"' in draft.text
    assert draft.unmapped == ("Bemerkung",)
    assert "Bemerkung" in draft.text.split("Not mapped")[1]


def _preset_pairs(name: str) -> set[tuple[str, str]]:
    data = YAML(typ="safe").load((PRESETS / f"{name}.yaml").read_text(encoding="utf-8"))
    pairs: set[tuple[str, str]] = set()
    for entity in ("company", "contact"):
        section = data.get(entity) or {}
        ext = (section.get("key") or {}).get("external_id")
        if ext:
            pairs |= {(name, f"{entity}.external_id") for name in _names(ext["column"])}
        for field, spec in (section.get("fields") or {}).items():
            column = spec if isinstance(spec, str) else spec.get("column")
            if column:
                pairs |= {(name, f"{entity}.{field}") for name in _names(column)}
    return pairs


def _names(column: str | list[str]) -> list[str]:
    """A preset's column may have several names (other versions' and languages' labels)."""
    return column if isinstance(column, list) else [column]


@pytest.mark.parametrize("preset", sorted(PRESET_SAMPLES))
def test_suggest_proposes_what_the_preset_maps(preset: str) -> None:
    draft = suggest_mapping(SAMPLES / PRESET_SAMPLES[preset]).draft
    proposed = {(c.column, c.target) for c in draft.choices}
    # a lone "Position"/"Job Title" beside a company is drafted as the position AT that company
    # (link.position), the person's own job title named as the alternative: both are right
    proposed |= {(c, "contact.position") for c, t in proposed if t == "link.position"}
    headers = set(read_shape(SAMPLES / PRESET_SAMPLES[preset]).headers)
    # the columns the preset maps that this export has (a report lacks optional ones)
    wanted = {pair for pair in _preset_pairs(preset) if pair[0] in headers}
    missed = wanted - proposed
    assert len(wanted - missed) >= 0.9 * len(wanted), sorted(missed)


def test_cli_writes_a_commented_draft_and_says_what_is_left(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    _sme_list(path)
    out = tmp_path / "mapping.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "not mapped" in result.output and f"bulkio check {path}" in result.output
    assert out.read_text(encoding="utf-8").startswith("# Mapping drafted")
    again = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_cli_never_writes_the_draft_over_its_input(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    _sme_list(path)
    before = path.read_bytes()
    for args in (["-o", str(path)], ["-o", str(path), "--force"]):
        result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), *args])
        assert result.exit_code == 2
        assert f"-o {path} is the input file; bulkio never writes over its input" in result.output
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kunden.xlsx"]


def test_cli_lists_the_presets() -> None:
    result = CliRunner().invoke(cli, ["mapping", "list"])
    assert result.exit_code == 0
    for name in ("outlook", "outlook-de", "google", "linkedin", "bulkio-template"):
        assert name in result.output
