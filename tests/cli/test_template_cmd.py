from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from bulkio.cli.main import cli


def test_template_command_writes_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "kunde.xlsx"
    result = CliRunner().invoke(cli, ["template", str(out), "--lang", "de"], obj={})
    assert result.exit_code == 0, result.output
    assert "Firmen (45 columns)" in result.output
    assert openpyxl.load_workbook(out).sheetnames[:4] == [
        "Anleitung", "Firmen", "Kontakte", "Verknüpfungen"
    ]  # fmt: skip


def test_template_command_only_companies(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    result = CliRunner().invoke(cli, ["template", str(out), "--entities", "companies"], obj={})
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames == [
        "Instructions",
        "Companies",
        "_lists",
        "_bulkio",
    ]


def test_template_command_names_the_fix(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["template", str(tmp_path / "t.xlsx"), "--entities", "people"], obj={})
    assert bad.exit_code == 2
    assert "unknown entity 'people'" in bad.output and "companies" in bad.output
    csv_name = runner.invoke(cli, ["template", str(tmp_path / "t.csv")], obj={})
    assert csv_name.exit_code == 2 and "customer.xlsx" in csv_name.output
    missing = runner.invoke(cli, ["template", str(tmp_path / "no" / "t.xlsx")], obj={})
    assert missing.exit_code == 2 and "does not exist" in missing.output
    assert "Traceback" not in bad.output + csv_name.output + missing.output


def test_template_from_a_sandbox_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    out = tmp_path / "t.xlsx"

    result = CliRunner().invoke(cli, ["template", str(out), "--sandbox", str(missing)], obj={})

    assert result.exit_code == 2
    assert "no sandbox in" in result.output and "--sandbox FILE" in result.output
    assert not missing.exists() and not out.exists()  # nothing created by a typo
