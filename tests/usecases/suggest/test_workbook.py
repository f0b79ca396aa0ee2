"""`mapping suggest` on workbooks with separate companies, contacts and links sheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from ruamel.yaml import YAML

from bulkio.cli.main import cli
from bulkio.readers import open_source
from bulkio.usecases.suggest import suggest_mapping

ROOT = Path(__file__).resolve().parents[3]
PRESETS = ROOT / "bulkio" / "mappings"
TEMPLATES = {
    "bulkio-template": "bulkio-template/template-en.xlsx",
    "bulkio-template-de": "bulkio-template/vorlage-de.xlsx",
}


def _preset_pairs(name: str) -> set[tuple[str, str]]:
    data = YAML(typ="safe").load((PRESETS / f"{name}.yaml").read_text(encoding="utf-8"))
    pairs: set[tuple[str, str]] = set()
    for entity in ("company", "contact"):
        section = data.get(entity) or {}
        ext = (section.get("key") or {}).get("external_id")
        if ext:
            pairs.add((ext["column"], f"{entity}.external_id"))
        for field, spec in (section.get("fields") or {}).items():
            pairs.add((spec if isinstance(spec, str) else spec["column"], f"{entity}.{field}"))
    return pairs


@pytest.mark.parametrize("preset", sorted(TEMPLATES))
def test_suggest_on_the_template_proposes_what_its_preset_maps(preset: str) -> None:
    path = ROOT / "samples" / TEMPLATES[preset]
    draft = suggest_mapping(path).draft
    proposed = {(c.column, c.target) for c in draft.choices}
    with open_source(path) as source:
        headers = {h for s in source.sheet_names for h in source.table(sheet=s).columns}
    wanted = {pair for pair in _preset_pairs(preset) if pair[0] in headers}
    missed = wanted - proposed
    assert len(wanted) > 40 and len(wanted - missed) >= 0.9 * len(wanted), sorted(missed)
    data = YAML(typ="safe").load(draft.text)
    assert set(data["input"]) == {"companies", "contacts", "links"}
    assert "company" in data["contact"] and "company_position" in data["contact"]
    assert {"contact", "company", "position"} <= set(data["link"])


def _home_made(path: Path) -> None:
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = "Hinweise"
    info.append(["Bitte eine Firma pro Zeile eintragen."])
    firms = wb.create_sheet("Firmen")
    firms.append(["Kundennr.", "Firma", "Straße", "PLZ", "Ort"])
    firms.append(["K-1", "Müller GmbH", "Hauptstr. 5", "01067", "Dresden"])
    firms.append(["K-2", "Schulz KG", "Am Markt 3", "04109", "Leipzig"])
    people = wb.create_sheet("Kontakte")
    people.append(["Kontakt-ID", "Vorname", "Nachname", "E-Mail", "Kundennr.", "Funktion"])
    people.append(["P-1", "Hans", "Müller", "hans@mueller.de", "K-1", "Geschäftsführer"])
    people.append(["P-2", "Anna", "Weiß", "anna@mueller.de", "K-1", "Einkauf"])
    people.append(["P-3", "Jan", "Schulz", "jan@schulz.de", "K-2", "Inhaber"])
    secret = wb.create_sheet("Alt")
    secret.append(["Vorname", "Nachname"])
    secret.append(["Otto", "Alt"])
    secret.sheet_state = "hidden"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                cell.number_format = "@"
    wb.save(path)


def test_a_home_made_workbook_gets_a_separate_sheets_draft_that_checks(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    _home_made(path)
    out = tmp_path / "kunden.yaml"
    draft = suggest_mapping(path, out=out).draft
    data = YAML(typ="safe").load(draft.text)
    assert data["input"] == {"companies": {"sheet": "Firmen"}, "contacts": {"sheet": "Kontakte"}}
    assert data["company"]["key"]["external_id"] == {"column": "Kundennr."}
    assert data["contact"]["key"]["external_id"] == {"column": "Kontakt-ID"}
    assert data["contact"]["company"] == {"column": "Kundennr."}
    assert data["contact"]["company_position"] == {"column": "Funktion"}
    assert "Alt" not in draft.text and "Hinweise" not in draft.text  # hidden, instructions
    result = CliRunner().invoke(cli, ["check", str(path), "-m", str(out)])
    assert result.exit_code == 0, result.output
    assert "links                 3" in result.output


def test_a_sheet_named_explicitly_is_drafted_alone(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    _home_made(path)
    data = YAML(typ="safe").load(suggest_mapping(path, sheet="Kontakte").draft.text)
    assert data["input"] == {"flat": {"sheet": "Kontakte"}}
