"""Real exports land exactly: for every preset a file with a subset of its columns and one with
another version's or language's labels (built in real_exports.py the way each product writes
them, sources named there) is recognised by ``bulkio check`` with no mapping, checks clean
with one note naming the missing columns, and imports into the sandbox over loopback with
exactly the records, fields and link positions it should."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bulkio import Target, import_file
from bulkio.cli.main import cli
from bulkio.sandbox import running
from tests.mappings.real_exports import CASES, Case
from tests.usecases.importer.files import read_platform

EVERY_EXPORT_PRESET = {
    "outlook", "outlook-de", "outlook-fr", "outlook-nl", "outlook-it", "outlook-es", "google",
    "google-legacy", "hubspot-contacts", "hubspot-contacts-by-name", "hubspot-companies",
    "salesforce-contacts", "salesforce-accounts", "salesforce-contacts-report", "linkedin",
}  # fmt: skip


def test_every_export_preset_has_a_subset_file_and_one_with_other_labels() -> None:
    by_preset: dict[str, int] = {}
    for case in CASES:
        by_preset[case.preset] = by_preset.get(case.preset, 0) + 1
    assert set(by_preset) == EVERY_EXPORT_PRESET
    assert all(count >= 2 for count in by_preset.values()), by_preset


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bulkio_check_recognises_it_and_names_the_missing_columns(
    case: Case, tmp_path: Path
) -> None:
    path = case.write(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path), "--no-report"])
    assert result.exit_code == 0, result.output
    assert f"with {case.preset} (recognised as" in result.output
    notes = [line for line in result.output.splitlines() if "are not in the file" in line]
    if case.missing:
        (note,) = notes
        assert note.strip().startswith("warning:")
        assert all(f"'{column}'" in note for column in case.missing), note
    else:
        assert notes == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_an_import_lands_exactly(case: Case, tmp_path: Path) -> None:
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        if case.before is not None:  # the companies export of a two-file export
            first = tmp_path / "first"
            first.mkdir()
            before = import_file(case.before(first), target=target, report=first / "r.xlsx")
            assert before.ok, before.summary()
        path = case.write(tmp_path)

        result = import_file(path, target=target, report=tmp_path / "results.xlsx")

        assert result.ok, result.summary()
        assert result.mapping == case.preset
        platform = read_platform(box.base_url, box.token)
    expected = case.expected
    contacts = {_name(c): c for c in platform.contacts}
    assert set(contacts) == set(expected.contacts)
    for name, fields in expected.contacts.items():
        assert _fields(contacts[name], fields) == fields, name
    if expected.companies:
        companies = {c["company_name"]: c for c in platform.companies}
        assert set(companies) == set(expected.companies)
        for name, fields in expected.companies.items():
            assert _fields(companies[name], fields) == fields, name
    links = {
        (_name(contact), company["company_name"], company["contact_company"]["position"])
        for contact in platform.contacts
        for company in contact.get("companies") or []
    }
    assert links == expected.links


def _name(contact: dict[str, Any]) -> str:
    return f"{contact['first_name']} {contact['last_name']}"


def _fields(record: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """The record's values of the wanted fields, a country by its code."""
    found = {}
    for name in wanted:
        value = record.get(name)
        found[name] = value.get("code") if isinstance(value, dict) else value
    return found
