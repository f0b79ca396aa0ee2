"""Home-made lists (built in homemade.py the way their programs write them) go through
``bulkio mapping suggest``, then ``bulkio check`` with the draft exactly as written, then an
import into the sandbox over loopback; Kanbert then holds exactly the records they list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from ruamel.yaml import YAML

from bulkio import Target, import_file
from bulkio.cli.main import cli
from bulkio.sandbox import running
from tests.usecases.importer.files import read_platform
from tests.usecases.suggest.homemade import (
    KUNDEN_EXPECTED,
    SWISS_EXPECTED,
    UK_EXPECTED,
    Expected,
    kundenliste,
    swiss_list,
    uk_contacts,
)

CASES: list[tuple[str, Callable[[Path], Path], Expected]] = [
    ("german-kundenliste", kundenliste, KUNDEN_EXPECTED),
    ("uk-contacts-csv", uk_contacts, UK_EXPECTED),
    ("swiss-adressliste", swiss_list, SWISS_EXPECTED),
]


def _suggest(path: Path, tmp_path: Path) -> tuple[Path, str]:
    draft = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["mapping", "suggest", str(path), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    return draft, result.output


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_unedited_draft_checks_clean_and_imports_exactly(
    make: Callable[[Path], Path], expected: Expected, tmp_path: Path
) -> None:
    path = make(tmp_path)
    draft, _ = _suggest(path, tmp_path)

    checked = CliRunner().invoke(cli, ["check", str(path), "-m", str(draft), "--no-report"])

    assert checked.exit_code == 0, checked.output
    assert "warnings              0" in checked.output, checked.output
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        result = import_file(path, target=target, mapping=draft, report=tmp_path / "r.xlsx")
        assert result.ok, result.summary()
        platform = read_platform(box.base_url, box.token)
    contacts = {_name(c): c for c in platform.contacts}
    assert set(contacts) == set(expected.contacts)
    for name, fields in expected.contacts.items():
        assert _fields(contacts[name], fields) == fields, name
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
    return {name: record.get(name) for name in wanted}


def _yaml(path: Path) -> dict[str, Any]:
    loaded = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_a_supplier_sheet_is_not_taken_for_the_customers_companies(tmp_path: Path) -> None:
    draft, output = _suggest(kundenliste(tmp_path), tmp_path)
    flat = _yaml(draft)["input"]["flat"]
    assert {k: flat[k] for k in ("sheet", "header_row")} == {"sheet": "Kunden", "header_row": 3}
    text = draft.read_text(encoding="utf-8")
    assert "sheet 'Lieferanten' is not read" in text  # the draft says why ...
    assert "none of its ids or names appear there" in text
    # ... and so does the console
    assert "reads sheet 'Kunden': 5 rows of companies and contacts" in output
    assert "sheet 'Lieferanten' is not read" in output
    assert '--sheet "Lieferanten"' in output


def test_sheets_are_paired_only_when_one_names_the_others_rows(tmp_path: Path) -> None:
    wb = Workbook()
    customers = wb.active
    assert customers is not None
    customers.title = "Kunden"
    for row in [["Kundennr.", "Firma", "Ort"], ["K-1", "Müller GmbH", "Dresden"],
                ["K-2", "Schulz KG", "Leipzig"], ["K-3", "Wolf AG", "Berlin"]]:  # fmt: skip
        customers.append(row)
    suppliers = wb.create_sheet("Lieferanten")
    for row in [["Lief.-Nr.", "Firma", "Ort"], ["L-1", "Papier Schulze OHG", "Leipzig"],
                ["L-2", "Elektro Wagner GmbH", "Dresden"]]:  # fmt: skip
        suppliers.append(row)
    people = wb.create_sheet("Ansprechpartner")
    for row in [["Name", "Kundennr.", "E-Mail", "Funktion"],
                ["Hans Müller", "K-1", "h@mueller.de", "Inhaber"],
                ["Anna Weiß", "K-1", "a@mueller.de", "Einkauf"],
                ["Jan Schulz", "K-2", "j@schulz.de", "Geschäftsführer"]]:  # fmt: skip
        people.append(row)
    path = tmp_path / "Adressen.xlsx"
    wb.save(path)

    draft, output = _suggest(path, tmp_path)

    data = _yaml(draft)
    assert data["input"] == {
        "companies": {"sheet": "Kunden"},
        "contacts": {"sheet": "Ansprechpartner"},
    }
    assert data["contact"]["company"] == {"column": "Kundennr."}
    assert "its column 'Kundennr.' names the companies of 'Kunden'" in output
    assert "sheet 'Lieferanten' is not read" in output
    checked = CliRunner().invoke(cli, ["check", str(path), "-m", str(draft), "--no-report"])
    assert checked.exit_code == 0, checked.output
    assert (
        "companies             3" in checked.output and "links                 3" in checked.output
    )
