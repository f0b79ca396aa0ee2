"""``--sandbox`` without FILE: the file in use is named, and a command that only reads refuses a
sandbox that does not exist yet instead of reading an empty new one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
NAMED = "sandbox: .bulkio/sandbox.sqlite (the default, in the current folder)"


@pytest.mark.parametrize(
    "command",
    [["export", "backup.xlsx"], ["export", "all.zip"], ["backup", "backups"], ["status"]],
)
def test_reading_a_sandbox_that_does_not_exist_is_refused_in_one_line(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(cli, [*command, "--sandbox"])

    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: there is no sandbox in .bulkio/sandbox.sqlite yet, so there is nothing to "
        "read; run the command in the folder of the import that filled it, or give its file "
        "with --sandbox FILE"
    ]
    assert list(tmp_path.iterdir()) == []  # no sandbox, no export, no backup folder


def test_the_default_sandbox_is_named_and_found_again_from_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sample = Path(shutil.copy(ROOT / "samples/quickstart.csv", tmp_path))  # results beside it
    mapping = ROOT / "mappings/quickstart.yaml"

    imported = CliRunner().invoke(cli, ["import", str(sample), "-m", str(mapping), "--sandbox"])
    exported = CliRunner().invoke(cli, ["export", "backup.xlsx", "--sandbox"])

    assert imported.exit_code == 0, imported.output
    assert imported.stderr.splitlines()[0] == NAMED
    assert exported.exit_code == 0, exported.output
    assert exported.stderr.splitlines() == [NAMED]
    assert exported.stdout.startswith("Exported 3 companies, 4 contacts and 5 links")


def test_a_sandbox_file_given_is_not_named_again(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["status", "--sandbox", str(tmp_path / "none.sqlite")])

    assert result.exit_code == 2
    assert "sandbox:" not in result.output
    assert f"there is no sandbox in {tmp_path / 'none.sqlite'} yet" in result.output
