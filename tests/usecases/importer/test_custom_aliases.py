"""A mapping's custom-field aliases checked against the platform before anything is sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import Sandbox, running
from tests.usecases.importer.files import MAPPING, flat_rows, reset_stats, write_counts, write_csv

MISSPELT = MAPPING.replace(
    '    tags: {column: Tags, split: ","}\n',
    '    tags: {column: Tags, split: ","}\n    custom_fields.custmer_number: Firmennr\n',
).replace(
    "    email: E-Mail\n",
    "    email: E-Mail\n    custom_fields.newsleter: Ort\n    custom_fields.department: Position\n",
)


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.chdir(tmp_path)
    with running(tmp_path / "sandbox.sqlite", rate_limit="6000/minute") as sandbox:
        yield sandbox


def test_misspelt_aliases_stop_the_import_with_one_message_before_any_write(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(4, per_company=2))
    mapping = tmp_path / "k.yaml"
    mapping.write_text(MISSPELT, encoding="utf-8")
    reset_stats(box.root_url)
    runner = CliRunner(env={"KANBERT_API_TOKEN": box.token})
    result = runner.invoke(
        cli, ["import", str(data), "-m", str(mapping), "--api-url", box.base_url], obj={}
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "company: custom_fields.custmer_number (did you mean 'customer_number'?)" in (
        result.output
    )
    assert "contact: custom_fields.newsleter (did you mean 'newsletter'?)" in result.output
    assert "custom_fields.department" not in result.output.split("\n")[0]  # it exists
    assert "nothing was sent" in result.output
    assert write_counts(box.root_url) == {}
