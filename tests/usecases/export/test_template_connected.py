"""``bulkio template`` while connected: dropdowns and custom fields from the platform."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import running


def _platform_seed(tmp_path: Path) -> Path:
    seed: dict[str, Any] = json.loads(
        resources.files("bulkio.data").joinpath("seed.json").read_text(encoding="utf-8")
    )
    seed["tags"].append({"id": "9d1c4f9e-0000-4000-8000-000000000001", "title": "Neukunde"})
    seed["custom_fields"].append(
        {
            "id": "9d1c4f9e-0000-4000-8000-000000000002",
            "alias": "segment",
            "name": "Segment",
            "type": "select",
            "entity_type": "contact",
            "options": ["Handel", "Handwerk"],
        }
    )
    path = tmp_path / "platform-seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return path


def _values(ws: Any) -> set[str]:
    return {str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None}


def test_connected_template_uses_the_platforms_look_ups(tmp_path: Path) -> None:
    out = tmp_path / "kunde.xlsx"
    offline = tmp_path / "offline.xlsx"
    with running(tmp_path / "s.sqlite", seed=_platform_seed(tmp_path)) as box:
        runner = CliRunner()
        args = ["--api-url", box.base_url, "--token", box.token]
        result = runner.invoke(cli, ["template", str(out), *args], obj={})
        assert result.exit_code == 0, result.output
        assert runner.invoke(cli, ["template", str(offline), "--offline", *args]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    headers = {str(c.value).removesuffix(" *") for c in wb["Contacts"][1]}
    assert "Segment" in headers
    assert {"Neukunde", "Handel", "Handwerk"} <= _values(wb["_lists"])
    offline_wb = openpyxl.load_workbook(offline)
    assert "Segment" not in {str(c.value) for c in offline_wb["Contacts"][1]}
    assert "Neukunde" not in _values(offline_wb["_lists"])


def test_template_with_a_wrong_token_says_so(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite") as box:
        result = CliRunner().invoke(
            cli,
            ["template", str(tmp_path / "t.xlsx"), "--api-url", box.base_url, "--token", "nope"],
            obj={},
        )
    assert result.exit_code == 2
    assert "refused the token" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "t.xlsx").exists()
