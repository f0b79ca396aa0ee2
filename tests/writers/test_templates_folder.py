"""The workbooks in templates/ are what `bulkio template --offline` writes today: the same
sheets, cells, dropdowns, notes, formats and print settings (compared by content, not bytes),
each opening on its Instructions. When this fails, run: python templates/make_templates.py"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.core.layout import INSTRUCTIONS_TITLE

FOLDER = Path(__file__).resolve().parents[2] / "templates"


def _templates() -> dict[str, tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("make_templates", FOLDER / "make_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    templates: dict[str, tuple[str, str]] = module.TEMPLATES
    return templates


TEMPLATES = _templates()


def _content(path: Path) -> dict[str, Any]:
    """What a person (and bulkio) sees of a workbook, sheet by sheet."""
    book = openpyxl.load_workbook(path)
    sheets: dict[str, Any] = {}
    for ws in book.worksheets:
        sheets[ws.title] = {
            "state": ws.sheet_state,
            "cells": [list(row) for row in ws.iter_rows(values_only=True)],
            "notes": {
                c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment
            },
            "dropdowns": sorted(
                (str(dv.sqref), dv.type, dv.formula1, bool(dv.showErrorMessage))
                for dv in ws.data_validations.dataValidation
            ),
            "columns": {k: (d.width, d.number_format) for k, d in ws.column_dimensions.items()},
            "print": (
                ws.page_setup.orientation,
                ws.page_setup.fitToWidth,
                ws.page_setup.fitToHeight,
                ws.print_title_rows,
            ),
            "frozen": ws.freeze_panes,
        }
    assert book.active is not None
    return {"sheets": sheets, "order": book.sheetnames, "opens on": book.active.title}


def test_the_folder_holds_english_and_german_full_contacts_and_companies_templates() -> None:
    assert sorted(TEMPLATES.values()) == sorted(
        (lang, entities)
        for lang in ("en", "de")
        for entities in ("companies,contacts", "contacts", "companies")
    )
    assert all((FOLDER / name).is_file() for name in TEMPLATES)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_template_in_the_folder_equals_what_bulkio_template_offline_writes(
    tmp_path: Path, name: str
) -> None:
    lang, entities = TEMPLATES[name]
    fresh = tmp_path / "fresh.xlsx"
    args = ["template", str(fresh), "--offline", "--lang", lang, "--entities", entities]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 0, result.output

    shipped = _content(FOLDER / name)

    assert shipped == _content(fresh), "run: python templates/make_templates.py"
    assert shipped["opens on"] == shipped["order"][0] == INSTRUCTIONS_TITLE[lang]
