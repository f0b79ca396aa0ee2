"""`bulkio import` never writes its results, report or journal over an input or a file bulkio
did not write; a refused output stops the import before anything is sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import Sandbox, running
from tests.usecases.importer.files import (
    flat_rows,
    reset_stats,
    write_counts,
    write_csv,
    write_mapping,
)


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.chdir(tmp_path)
    with running(tmp_path / "sandbox.sqlite") as sandbox:
        reset_stats(sandbox.root_url)
        yield sandbox


def _import(box: Sandbox, *args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["import", *(str(a) for a in args), "--api-url", box.base_url],
        env={"KANBERT_API_TOKEN": box.token},
        obj={},
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_results_or_journal_over_an_input_are_refused_and_nothing_is_sent(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(4))
    mapping = write_mapping(tmp_path / "k.yaml")
    before = data.read_bytes(), mapping.read_bytes()

    on_input = _import(box, data, "-m", mapping, "--report", data, "--force")
    on_mapping = _import(box, data, "-m", mapping, "--journal", mapping)
    results = tmp_path / "k-results.xlsx"
    same = _import(box, data, "-m", mapping, "--report", results, "--journal", results)

    assert on_input[0] == 2 and f"--report {data} is the input file" in on_input[1]
    assert on_mapping[0] == 2 and f"--journal {mapping} is the mapping file" in on_mapping[1]
    assert same[0] == 2 and "are the same file" in same[1]
    assert (data.read_bytes(), mapping.read_bytes()) == before
    assert write_counts(box.root_url) == {}


def test_the_journal_is_never_the_sandbox_database(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(2))
    mapping = write_mapping(tmp_path / "k.yaml")
    db = tmp_path / "box.sqlite"
    with running(db):
        pass  # the sandbox's database exists, with its tables
    before = db.read_bytes()
    result = CliRunner().invoke(
        cli,
        ["import", str(data), "-m", str(mapping), "--sandbox", str(db), "--journal", str(db)],
        obj={},
    )
    assert result.exit_code == 2
    assert f"--journal {db} is the sandbox's database" in result.output
    assert db.read_bytes() == before


def test_a_journal_that_is_another_database_is_refused_untouched(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(2))
    mapping = write_mapping(tmp_path / "k.yaml")
    other = tmp_path / "crm.sqlite"
    with running(other):
        pass  # someone's SQLite database, not a journal
    before = other.read_bytes()
    code, out = _import(box, data, "-m", mapping, "--journal", other)
    assert code == 2 and "is not a bulkio journal" in out and "--journal" in out
    assert other.read_bytes() == before


def test_results_over_a_foreign_workbook_need_force_and_replace_their_own(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(4))
    mapping = write_mapping(tmp_path / "k.yaml")
    theirs = tmp_path / "k-results.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "the customer's own list"
    wb.save(theirs)

    code, out = _import(box, data, "-m", mapping, "--report", theirs)
    assert code == 2
    assert f"{theirs} already exists and is not an import results workbook bulkio wrote" in out
    assert write_counts(box.root_url) == {}
    assert openpyxl.load_workbook(theirs).active["A1"].value == "the customer's own list"

    assert _import(box, data, "-m", mapping, "--report", theirs, "--force")[0] == 0
    assert openpyxl.load_workbook(theirs).sheetnames[0] == "Summary"
    assert _import(box, data, "-m", mapping, "--report", theirs)[0] == 0  # its own: replaced
