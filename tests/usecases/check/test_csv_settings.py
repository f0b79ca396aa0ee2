"""A role's own ``csv:`` settings (``input: {flat: {csv: ...}}``) count for check and import
alike: the import sends what check read, and its results workbook reads the file the same way."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.sandbox import Sandbox, running
from tests.usecases.importer.files import HEADER, MAPPING, flat_rows, read_platform, write_counts


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.chdir(tmp_path)  # default reports and journals land here
    with running(tmp_path / "sandbox.sqlite", rate_limit="6000/minute") as sandbox:
        yield sandbox


def _write(path: Path, encoding: str) -> Path:
    """Ten contacts of two companies, one of them in München, ';'-separated."""
    rows = flat_rows(10, per_company=5)
    for row in rows[5:]:
        row[2] = "München"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _mapping(path: Path, input_section: str) -> Path:
    text = MAPPING.replace("input:\n  flat: {sheet: 0}\n", input_section)
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], obj={})
    return result.exit_code, result.output


def test_a_roles_own_encoding_is_what_check_reads_and_what_the_import_sends(
    tmp_path: Path, box: Sandbox
) -> None:
    data = _write(tmp_path / "k.csv", "utf-8")
    mapping = _mapping(
        tmp_path / "k.yaml",
        "input:\n  csv: {encoding: latin-1}\n  flat: {sheet: 0, csv: {encoding: utf-8}}\n",
    )

    code, out = _run("check", data, "-m", mapping, "--no-report")
    assert code == 0, out
    assert "encoding UTF-8" in out

    results = tmp_path / "results.xlsx"
    code, out = _run(
        "import", data, "-m", mapping, "--report", results,
        "--api-url", box.base_url, "--token", box.token,
    )  # fmt: skip
    assert code == 0, out
    companies = read_platform(box.base_url, box.token).companies
    towns = {c["external_id"]: c["address_invoice_town"] for c in companies}
    assert towns == {"K-00000": "Dresden", "K-00001": "München"}
    sheet = openpyxl.load_workbook(results, read_only=True).worksheets[1]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 10
    assert {row[3] for row in rows} == {"Dresden", "München"}  # Ort, as the file has it
    assert {row[header.index("Outcome")] for row in rows} == {"created"}


def test_a_roles_encoding_that_cannot_read_the_file_stops_check_and_import_alike(
    tmp_path: Path, box: Sandbox
) -> None:
    data = _write(tmp_path / "k.csv", "cp1252")  # the role says UTF-8: it is not
    mapping = _mapping(tmp_path / "k.yaml", "input:\n  flat: {sheet: 0, csv: {encoding: utf-8}}\n")

    code, out = _run("check", data, "-m", mapping, "--no-report")
    assert code == 2
    assert "cannot read 'k.csv' as UTF-8 text" in out

    results = tmp_path / "results.xlsx"
    code, out = _run(
        "import", data, "-m", mapping, "--report", results,
        "--api-url", box.base_url, "--token", box.token,
    )  # fmt: skip
    assert code == 2
    assert "cannot read 'k.csv' as UTF-8 text" in out
    assert write_counts(box.root_url) == {}  # nothing was sent
    assert not results.exists()
