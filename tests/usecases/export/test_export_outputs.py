"""`export` and `template` replace only what bulkio wrote: never the sandbox's database, a
template a customer filled, or someone's CSV in an existing folder; a killed export leaves
no file under its name and nothing in the temp folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from click.testing import CliRunner, Result

from bulkio.cli.main import cli
from bulkio.sandbox import FaultConfig, running
from tests.conftest import company, contact, seed

REPO = Path(__file__).resolve().parents[3]


def _run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], obj={})
    assert "Traceback" not in result.output
    return result


def test_an_export_over_the_sandbox_database_it_reads_is_refused(db: Path) -> None:
    before = db.read_bytes()
    for name in (db, Path(f"{db}-wal")):
        result = _run("export", name, "--format", "jsonl", "--force", "--sandbox", db)
        assert result.exit_code == 2
        assert f"{name} is the sandbox's database; bulkio never writes over" in result.output
    assert db.read_bytes() == before


def test_an_export_replaces_an_earlier_export_but_not_someone_elses_workbook(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.xlsx"
    assert _run("export", out, "--sandbox", db).exit_code == 0
    assert _run("export", out, "--sandbox", db).exit_code == 0  # its own: replaced

    theirs = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Budget 2027"
    wb.save(theirs)
    refused = _run("export", theirs, "--sandbox", db)
    assert refused.exit_code == 2
    assert "already exists and is not an export bulkio wrote" in refused.output
    assert openpyxl.load_workbook(theirs).active["A1"].value == "Budget 2027"

    assert _run("export", theirs, "--sandbox", db, "--force").exit_code == 0
    assert openpyxl.load_workbook(theirs).sheetnames[0] == "Companies"


def test_a_csv_export_into_a_folder_leaves_someone_elses_csv_alone(
    db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exchange"
    folder.mkdir()
    (folder / "contacts.csv").write_text("Name;Phone\nOma;0351 1234\n", encoding="utf-8")
    (folder / "notes.txt").write_text("call Oma", encoding="utf-8")

    refused = _run("export", folder, "--format", "csv", "--sandbox", db)

    assert refused.exit_code == 2
    assert f"{folder / 'contacts.csv'} already exists and is not an export" in refused.output
    assert sorted(p.name for p in folder.iterdir()) == ["contacts.csv", "notes.txt"]
    assert (folder / "contacts.csv").read_text(encoding="utf-8") == "Name;Phone\nOma;0351 1234\n"

    (folder / "contacts.csv").unlink()
    assert _run("export", folder, "--format", "csv", "--sandbox", db).exit_code == 0
    assert _run("export", folder, "--format", "csv", "--sandbox", db).exit_code == 0  # again
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "call Oma"
    manifest = json.loads((folder / "bulkio-export.json").read_text(encoding="utf-8"))
    assert sorted(manifest["sha256"]) == ["companies.csv", "contacts.csv", "links.csv"]

    with (folder / "companies.csv").open("a", encoding="utf-8") as edited:
        edited.write('"a row typed in by hand"\n')
    again = _run("export", folder, "--format", "csv", "--sandbox", db)
    assert again.exit_code == 2 and "companies.csv already exists" in again.output
    assert "typed in by hand" in (folder / "companies.csv").read_text(encoding="utf-8")


def test_a_jsonl_export_replaces_its_own_lines_only(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert _run("export", out, "--sandbox", db).exit_code == 0
    assert _run("export", out, "--sandbox", db).exit_code == 0
    log = tmp_path / "events.jsonl"
    log.write_text('{"event": "login"}\n', encoding="utf-8")
    assert _run("export", log, "--sandbox", db).exit_code == 2
    assert log.read_text(encoding="utf-8") == '{"event": "login"}\n'


def test_a_template_replaces_a_blank_template_but_never_a_filled_one(tmp_path: Path) -> None:
    out = tmp_path / "kunde.xlsx"
    assert _run("template", out).exit_code == 0
    assert _run("template", out, "--lang", "de").exit_code == 0  # still blank: replaced

    filled = openpyxl.load_workbook(out)
    filled["Firmen"]["A2"] = "Bäckerei Schönfeld"
    filled.save(out)
    refused = _run("template", out)

    assert refused.exit_code == 2
    assert f"{out} already exists and is not a template bulkio wrote" in refused.output
    assert "--force" in refused.output
    assert openpyxl.load_workbook(out)["Firmen"]["A2"].value == "Bäckerei Schönfeld"
    assert _run("template", out, "--force").exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames[1] == "Companies"


def test_an_export_killed_while_writing_leaves_no_file_and_nothing_in_the_temp_folder(
    tmp_path: Path,
) -> None:
    db = tmp_path / "big.sqlite"
    seed(db, [company(i) for i in range(100)], [contact(i) for i in range(3000)])
    out = tmp_path / "out"
    out.mkdir()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    final = out / "backup.xlsx"
    slow = FaultConfig(latency_rate=1.0, latency=0.2)  # 30+ pages: several seconds
    with running(db, faults=slow) as box:
        command = [sys.executable, "-m", "bulkio", "export", str(final)]
        child = subprocess.Popen(
            [*command, "--api-url", box.base_url, "--token", box.token],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while not list(out.glob(".partial-*")) and time.monotonic() < deadline:
                assert child.poll() is None, "the export ended before it began writing"
                time.sleep(0.02)
            time.sleep(1.0)  # a few pages written
            assert child.poll() is None, "the export finished before it could be killed"
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.wait()

    assert not final.exists()
    assert list(temp.iterdir()) == []
    assert list(out.glob(".partial-*"))  # plainly partial leftovers, under no final name

    rerun = subprocess.run(
        [*command, "--sandbox", str(db)], cwd=REPO, env=env, capture_output=True, timeout=300
    )
    assert rerun.returncode == 0, rerun.stderr
    assert [p.name for p in out.iterdir()] == ["backup.xlsx"]
    assert list(temp.iterdir()) == []
