"""``bulkio mapping show NAME`` prints a preset to copy: the copy checks a file as the preset
does."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bulkio.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "linkedin" / "Connections.csv"


def test_a_shown_preset_is_the_shipped_yaml_and_works_as_a_copy(tmp_path: Path) -> None:
    shown = CliRunner().invoke(cli, ["mapping", "show", "linkedin"])
    assert shown.exit_code == 0, shown.output
    assert shown.output == (ROOT / "bulkio" / "mappings" / "linkedin.yaml").read_text("utf-8")
    copy = tmp_path / "my-linkedin.yaml"
    copy.write_text(shown.output, encoding="utf-8")

    with_copy = CliRunner().invoke(cli, ["check", str(SAMPLE), "-m", str(copy), "--no-report"])
    with_preset = CliRunner().invoke(cli, ["check", str(SAMPLE), "-m", "linkedin", "--no-report"])

    assert with_copy.exit_code == with_preset.exit_code
    assert with_copy.output.splitlines()[1:] == with_preset.output.splitlines()[1:]
    assert f"with {copy} (given with -m)" in with_copy.output


def test_an_unknown_preset_names_the_nearest_and_lists_them_all() -> None:
    result = CliRunner().invoke(cli, ["mapping", "show", "linkedn"])

    assert result.exit_code == 2
    assert result.output.startswith(
        "error: there is no preset 'linkedn' (did you mean 'linkedin'?)"
    )
    assert "outlook-de" in result.output and "Traceback" not in result.output
