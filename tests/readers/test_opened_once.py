"""A command opens its input file at most twice (in fact once): recognition, check, the check
report, the import's plan, its results workbook and its fingerprint all read the one open
source. Counted by the kernel (inotify), so opens from Rust (polars, calamine) count too."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli

inotify = pytest.importorskip("inotify_simple", reason="counting opens needs Linux's inotify")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
MOST_OPENS = 2

TWO_SHEETS_MAPPING = """\
version: 1
input:
  companies: {sheet: Firmen}
  contacts: {sheet: Kontakte}
company:
  key: {external_id: Nr}
  fields: {company_name: Firma}
contact:
  key: {external_id: ID}
  company: Firma-Nr
  fields: {last_name: Name, email: E-Mail}
"""


@contextmanager
def opens_of(path: Path) -> Iterator[list[int]]:
    """Counts the opens of ``path`` while the block runs, into the one-item list it yields.
    Reads and closes are watched too: the kernel merges an event into an identical one
    still unread, and they keep two opens in a row apart."""
    flags = inotify.flags
    counted = [0]
    with inotify.INotify() as watcher:
        watcher.add_watch(path, flags.OPEN | flags.ACCESS | flags.CLOSE_NOWRITE)
        yield counted
        counted[0] = sum(1 for e in watcher.read(timeout=0) if e.mask & flags.OPEN)


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], obj={})
    return result.exit_code, result.output


def _two_sheets(folder: Path) -> tuple[Path, Path]:
    book = openpyxl.Workbook()
    companies = book.active
    companies.title = "Firmen"
    companies.append(["Nr", "Firma"])
    companies.append(["K-1", "Müller GmbH"])
    contacts = book.create_sheet("Kontakte")
    contacts.append(["ID", "Firma-Nr", "Name", "E-Mail"])
    contacts.append(["C-1", "K-1", "Roth", "roth@mueller.de"])
    contacts.append(["C-2", "K-1", "Weiß", "weiss(at)mueller.de"])  # invalid: a report is due
    path = folder / "zwei-blaetter.xlsx"
    book.save(path)
    mapping = folder / "zwei.yaml"
    mapping.write_text(TWO_SHEETS_MAPPING, encoding="utf-8")
    return path, mapping


def _inputs(folder: Path) -> list[tuple[Path, list[str]]]:
    """Each input with the mapping option it is run with: Windows-1252 CSVs and workbooks of
    several sheets, with and without -m."""
    kunden = shutil.copy(SAMPLES / "kunden_de.csv", folder / "kunden_de.csv")
    outlook = shutil.copy(SAMPLES / "outlook-de" / "Kontakte.csv", folder / "Kontakte.csv")
    template = shutil.copy(SAMPLES / "bulkio-template" / "template-en.xlsx", folder / "t.xlsx")
    workbook, mapping = _two_sheets(folder)
    return [
        (Path(kunden), ["-m", str(ROOT / "mappings" / "kunden_de.yaml")]),
        (Path(outlook), []),
        (Path(template), []),
        (workbook, ["-m", str(mapping)]),
    ]


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, list[str]]]:
    monkeypatch.chdir(tmp_path)  # reports, results and journals land here
    return _inputs(tmp_path)


def test_check_with_its_report_opens_the_input_at_most_twice(
    inputs: list[tuple[Path, list[str]]],
) -> None:
    for path, mapping in inputs:
        report = path.with_name(path.stem + "-report.xlsx")
        with opens_of(path) as opens:
            code, out = _run("check", path, *mapping, "--report", report)
        assert code == 1, out  # every input has rows to fix: the report reads them again
        assert report.exists()
        assert opens[0] <= MOST_OPENS, f"{path.name} {mapping}: opened {opens[0]} times"


def test_import_opens_the_input_at_most_twice_dry_run_or_not(
    inputs: list[tuple[Path, list[str]]], tmp_path: Path
) -> None:
    sandbox = tmp_path / "sandbox.sqlite"
    for path, mapping in inputs:
        command: list[str | Path] = ["import", path, *mapping, "--sandbox", sandbox]
        command.append("--skip-invalid")
        with opens_of(path) as opens:
            code, out = _run(*command, "--dry-run")
        assert code in (0, 1) and "Dry run: nothing was sent." in out, out
        assert opens[0] <= MOST_OPENS, f"{path.name} {mapping} --dry-run: opened {opens[0]}"

        results = path.with_name(path.stem + "-results.xlsx")
        with opens_of(path) as opens:
            code, out = _run(*command, "--report", results)
        assert code in (0, 1) and results.exists(), out  # the results read every row again
        assert opens[0] <= MOST_OPENS, f"{path.name} {mapping}: opened {opens[0]} times"
