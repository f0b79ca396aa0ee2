"""Tokens stay out of what bulkio prints; text from the platform stays text in workbooks;
control characters do not make an export and its re-import disagree."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.core.errors import ApiError, InputFileError
from bulkio.readers.limits import native_reading
from bulkio.sandbox import running
from tests.hostile.test_hostile import bulkio
from tests.kanbert.fakes import make_client

SAMPLES = Path(__file__).parents[2] / "samples"
MAPPINGS = Path(__file__).parents[2] / "mappings"


def test_the_resume_hint_leaves_the_token_out_and_names_the_variable(tmp_path: Path) -> None:
    # the first write's body is too large for this sandbox (413): the run stops mid-way
    data = Path(shutil.copy(SAMPLES / "quickstart.csv", tmp_path))  # its journal lands here
    with running(tmp_path / "s.sqlite", max_body=64) as box:
        code, output = bulkio(
            "import", data, "-m", MAPPINGS / "quickstart.yaml",
            "--api-url", box.base_url, "--token", box.token, cwd=tmp_path,
        )  # fmt: skip
    assert code == 2, output
    assert "run the same command again" in output
    assert box.token not in output
    assert "set KANBERT_API_TOKEN instead" in output
    assert "the token is left out: set KANBERT_API_TOKEN before running it" in output


def test_a_token_from_the_environment_gets_no_advice(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite") as box:
        code, output = bulkio(
            "status", "--api-url", box.base_url, cwd=tmp_path,
            env={"KANBERT_API_TOKEN": box.token},
        )  # fmt: skip
    assert code == 0, output
    assert "KANBERT_API_TOKEN instead" not in output


def test_a_redirect_is_named_without_what_could_hold_a_token() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        location = "https://user:pw@evil.example/api/v1/whoami?token=s3cret#frag"
        return httpx.Response(302, headers={"Location": location})

    client, _ = make_client(handler)
    with pytest.raises(ApiError) as caught:
        client.whoami()
    message = str(caught.value)
    assert "https://evil.example/api/v1/whoami" in message
    assert not re.search("s3cret|user|pw@|frag", message)


def _seed_with_formula_field(tmp_path: Path) -> Path:
    seed: dict[str, Any] = json.loads(
        resources.files("bulkio.data").joinpath("seed.json").read_text(encoding="utf-8")
    )
    seed["custom_fields"].append(
        {
            "id": "9d1c4f9e-0000-4000-8000-000000000003",
            "alias": "=1+1",
            "name": "=1+1",
            "type": "string",
            "entity_type": "contact",
        }
    )
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return path


def test_the_templates_layout_sheet_keeps_a_custom_field_named_like_a_formula_as_text(
    tmp_path: Path,
) -> None:
    out = tmp_path / "kunde.xlsx"
    with running(tmp_path / "s.sqlite", seed=_seed_with_formula_field(tmp_path)) as box:
        result = CliRunner().invoke(
            cli, ["template", str(out), "--api-url", box.base_url, "--token", box.token]
        )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    cells = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    meta = [cell.value for row in book["_bulkio"].iter_rows() for cell in row]
    assert any(isinstance(v, str) and "=1+1" in v for v in meta)


def test_control_characters_do_not_make_an_export_and_its_reimport_disagree(
    tmp_path: Path,
) -> None:
    data = tmp_path / "kontakte.csv"
    data.write_text(
        "Firma;Vorname;Nachname;E-Mail\nMüller\x0c GmbH;Jür\x0bgen;Weiß;juergen@example.de\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "company:\n  fields:\n    company_name: Firma\n"
        "contact:\n  key: {match: email}\n  fields:\n"
        "    first_name: Vorname\n    last_name: Nachname\n    email: E-Mail\n",
        encoding="utf-8",
    )
    sandbox = tmp_path / "s.sqlite"
    code, output = bulkio("import", data, "-m", mapping, "--sandbox", sandbox, cwd=tmp_path)
    assert code == 0, output
    assert "control characters (U+000B) were removed" in output
    code, output = bulkio("export", tmp_path / "backup.xlsx", "--sandbox", sandbox, cwd=tmp_path)
    assert code == 0, output
    code, output = bulkio(
        "import", tmp_path / "backup.xlsx", "--sandbox", sandbox, "--dry-run", cwd=tmp_path
    )
    assert code == 0, output
    assert "requests  0 writes" in output


def test_a_panic_inside_a_native_reader_becomes_one_input_error(tmp_path: Path) -> None:
    class PanicLike(BaseException):  # what pyo3 raises for a Rust panic
        pass

    expected = r"'book\.xlsx' cannot be read: .*capacity overflow"
    with pytest.raises(InputFileError, match=expected), native_reading(tmp_path / "book.xlsx"):
        raise PanicLike("capacity overflow")
