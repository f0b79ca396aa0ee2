"""`bulkio check` never writes its report over an input or a file bulkio did not write; a
report killed while being written leaves no file under its name and nothing behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from bulkio.cli.main import cli

ROOT = Path(__file__).resolve().parents[3]


def _sample(tmp_path: Path) -> tuple[Path, Path]:
    """The German sample (two invalid rows) and its mapping, copied to ``tmp_path``."""
    data = Path(shutil.copy(ROOT / "samples" / "kunden_de.csv", tmp_path))
    mapping = Path(shutil.copy(ROOT / "mappings" / "kunden_de.yaml", tmp_path))
    return data, mapping


def _check(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *(str(a) for a in args)], obj={})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_report_over_the_input_or_the_mapping_is_refused_even_with_force(
    tmp_path: Path,
) -> None:
    data, mapping = _sample(tmp_path)
    before = (data.read_bytes(), mapping.read_bytes())

    on_input = _check(data, "-m", mapping, "--report", data, "--force")
    on_mapping = _check(data, "-m", mapping, "--report", mapping)

    assert on_input[0] == 2
    assert f"--report {data} is the input file; bulkio never writes over its input" in on_input[1]
    assert on_mapping[0] == 2 and "is the mapping file" in on_mapping[1]
    assert (data.read_bytes(), mapping.read_bytes()) == before


def test_the_report_replaces_its_own_earlier_self_but_not_a_file_someone_saved(
    tmp_path: Path,
) -> None:
    data, mapping = _sample(tmp_path)
    report = tmp_path / "kunden_de-report.xlsx"
    assert _check(data, "-m", mapping)[0] == 1
    assert _check(data, "-m", mapping)[0] == 1  # the earlier report is replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kunden_de-report.xlsx",
        "kunden_de.csv",
        "kunden_de.yaml",
    ]

    book = openpyxl.load_workbook(report)
    book["Summary"]["C1"] = "checked by Ute, rows 5 and 10 to call about"
    book.save(report)
    edited = report.read_bytes()
    code, out = _check(data, "-m", mapping)

    assert code == 2
    assert f"{report} already exists and is not a check report bulkio wrote" in out
    assert "add --force to replace it" in out
    assert report.read_bytes() == edited

    assert _check(data, "-m", mapping, "--force")[0] == 1
    assert openpyxl.load_workbook(report)["Summary"]["C1"].value is None


def test_a_report_named_like_a_foreign_file_is_refused(tmp_path: Path) -> None:
    data, mapping = _sample(tmp_path)
    theirs = tmp_path / "notes.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "my notes"
    wb.save(theirs)
    code, out = _check(data, "-m", mapping, "--report", theirs)
    assert code == 2 and "--report" in out and "--force" in out
    assert openpyxl.load_workbook(theirs).active["A1"].value == "my notes"


def test_a_check_killed_while_writing_its_report_leaves_no_report_and_no_temporary_file(
    tmp_path: Path,
) -> None:
    data = tmp_path / "gross.csv"
    with data.open("w", encoding="cp1252") as handle:  # read through a UTF-8 copy
        handle.write("Firma;Nachname;E-Mail\n")
        for n in range(20_000):
            handle.write(f"Bäckerei {n};Müller {n};kein-at-zeichen-{n}\n")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "version: 1\ninput:\n  flat: {sheet: 0}\ncompany:\n  fields:\n    company_name: Firma\n"
        "contact:\n  fields:\n    last_name: Nachname\n    email: E-Mail\n",
        encoding="utf-8",
    )
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "bulkio", "check", str(data), "-m", str(mapping)]
    report = tmp_path / "gross-report.xlsx"

    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(".partial-") for p in tmp_path.iterdir()):
            assert process.poll() is None, "the check ended before its report was begun"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()

    assert not report.exists()
    assert list(temp.iterdir()) == []

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 1, finished.stderr
    assert report.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".partial-")]
    assert list(temp.iterdir()) == []
