"""``bulkio backup`` against the real sandbox: manifest, pruning, failures, a killed run."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner, Result

from bulkio import __version__
from bulkio.cli.main import cli
from bulkio.sandbox import FaultConfig, running
from bulkio.usecases.backup import LOCK_NAME, backup
from bulkio.usecases.connect import Target
from tests.conftest import company, contact, seed

REPO = Path(__file__).resolve().parents[3]


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


def _snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under the complete backups, by relative path, with its bytes."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME
    }


def _backups(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("bulkio-backup-"))


def test_backup_is_quiet_and_writes_a_manifest(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backups"
    result = _run("backup", str(out), "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    assert result.output == ""  # cron: quiet when all is well
    [name] = _backups(out)
    folder = out / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "bulkio-backup"
    assert manifest["bulkio_version"] == __version__
    assert manifest["api_url"].startswith("http://127.0.0.1:")
    assert manifest["export_format"] == "xlsx"
    assert manifest["counts"] == {"companies": 2, "contacts": 3, "links": 3}
    started = dt.datetime.fromisoformat(manifest["started_at"])
    finished = dt.datetime.fromisoformat(manifest["finished_at"])
    assert started <= finished
    assert name == "bulkio-backup-" + started.strftime("%Y-%m-%dT%H%M%SZ")
    assert set(manifest["files"]) == {"export.xlsx"}
    for file, info in manifest["files"].items():
        data = (folder / file).read_bytes()
        assert info == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    assert "sandbox-token" not in (folder / "manifest.json").read_text(encoding="utf-8")


def test_csv_backup_lists_every_file(db: Path, tmp_path: Path) -> None:
    result = backup(Target(sandbox=db), tmp_path / "b", format="csv")
    names = {"bulkio-export.json", "companies.csv", "contacts.csv", "links.csv"}
    assert set(result.files) == names
    manifest = json.loads((result.path / "manifest.json").read_text(encoding="utf-8"))
    for file in names:
        digest = hashlib.sha256((result.path / file).read_bytes()).hexdigest()
        assert manifest["files"][file]["sha256"] == digest == result.files[file]


def test_old_backups_are_pruned_beyond_keep(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backups"
    out.mkdir()
    not_a_backup = out / "bulkio-backup-2000-01-01T000000Z"  # no manifest: not complete
    not_a_backup.mkdir()
    (out / "notes").mkdir()
    target = Target(sandbox=db)
    days = [dt.datetime(2026, 11, d, 3, 15, tzinfo=dt.UTC) for d in (20, 21, 22)]
    for day in days:
        backup(target, out, keep=2, now=day)
    assert _backups(out) == [
        "bulkio-backup-2000-01-01T000000Z",
        "bulkio-backup-2026-11-21T031500Z",
        "bulkio-backup-2026-11-22T031500Z",
    ]
    assert (out / "notes").is_dir()
    verbose = _run("backup", str(out), "--keep", "1", "-v", "--sandbox", str(db))
    assert verbose.exit_code == 0, verbose.output
    assert "Removed old backup bulkio-backup-2026-11-21T031500Z." in verbose.output
    assert "Removed old backup bulkio-backup-2026-11-22T031500Z." in verbose.output
    assert len(_backups(out)) == 2  # the new one and the folder without a manifest


def test_a_failing_api_exits_2_and_keeps_earlier_backups(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backups"
    assert _run("backup", str(out), "--sandbox", str(db)).exit_code == 0
    before = _snapshot(out)
    with running(db) as box:
        result = _run(
            "backup", str(out), "--keep", "1", "--api-url", box.base_url, "--token", "bad-tok"
        )
    assert result.exit_code == 2
    assert "refused the token" in result.output and "bad-tok" not in result.output
    assert "Traceback" not in result.output
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".partial")] == []


def test_keep_zero_is_refused(db: Path, tmp_path: Path) -> None:
    result = _run("backup", str(tmp_path / "b"), "--keep", "0", "--sandbox", str(db))
    assert result.exit_code == 2 and "--keep 1" in result.output


def test_a_second_backup_into_the_same_folder_waits_its_turn(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backups"
    out.mkdir()
    with (out / LOCK_NAME).open("a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = _run("backup", str(out), "--sandbox", str(db))
    assert result.exit_code == 2 and "another bulkio backup is running" in result.output
    assert _backups(out) == []


def test_a_killed_backup_leaves_nothing_complete_and_the_next_one_works(tmp_path: Path) -> None:
    db = tmp_path / "slow.sqlite"
    seed(db, [company(i) for i in range(100)], [contact(i) for i in range(3000)])
    out = tmp_path / "backups"
    assert _run("backup", str(out), "--sandbox", str(db)).exit_code == 0
    before = _snapshot(out)
    slow = FaultConfig(latency_rate=1.0, latency=0.2)  # 30+ pages: several seconds
    with running(db, faults=slow) as box:
        command = [sys.executable, "-m", "bulkio", "backup", str(out), "--keep", "1"]
        child = subprocess.Popen(
            [*command, "--api-url", box.base_url, "--token", box.token],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 30
            while not list(out.glob(".partial-*")) and time.monotonic() < deadline:
                assert child.poll() is None, child.communicate()
                time.sleep(0.05)
            time.sleep(1.0)  # a few pages into the export
            assert child.poll() is None, "the backup finished before it could be killed"
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGKILL
    after = _snapshot(out)
    complete = {k: v for k, v in after.items() if not k.startswith(".partial-")}
    assert complete == before  # the earlier backup is whole and nothing new looks complete
    assert list(out.glob(".partial-*"))  # the killed run's leftovers are plainly partial

    result = _run("backup", str(out), "--keep", "1", "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    [name] = _backups(out)
    manifest = json.loads((out / name / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["contacts"] == 3000
    assert list(out.glob(".partial-*")) == []  # cleaned up by the next backup
