"""An undo killed with SIGKILL at random moments and run again ends exactly where an undo
that was never interrupted ends: the platform as it was before the import."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bulkio import Target, import_file, undo
from bulkio.sandbox import running
from tests.usecases.undo.conftest import seed
from tests.usecases.undo.platform import (
    ARCHIVED_FIRST,
    differences,
    many_rows,
    snapshot,
    write_csv,
    write_mapping,
)

TOKEN = "sandbox-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bulkio(*args: str) -> list[str]:
    return [sys.executable, "-m", "bulkio", *args]


def _progress(journal: Path) -> int:
    """Writes the undo's journal saw go out, over every run so far."""
    if not journal.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=0.2) as db:
            (n,) = db.execute("SELECT COUNT(*) FROM actions WHERE state != 'planned'").fetchone()
            return int(n)
    except sqlite3.Error:
        return 0


def _run_until(command: list[str], journal: Path, at_least: int, deadline: float) -> bool:
    """Run the undo; SIGKILL it once its journal shows ``at_least`` writes sent, or after
    ``deadline`` seconds. True when it was killed, False when it ended by itself."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while proc.poll() is None:
            if _progress(journal) >= at_least or time.monotonic() - started > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def test_an_undo_killed_at_random_moments_ends_as_an_undo_never_interrupted(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261201)
    quiet, killed = tmp_path / "quiet", tmp_path / "killed"
    quiet.mkdir()
    killed.mkdir()
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    before_rows, oops_rows = many_rows(companies=6, per_company=3)
    oops = write_csv(tmp_path / "oops.csv", oops_rows)
    journal = quiet / "oops-results.journal.sqlite"
    with running(quiet / "sandbox.sqlite") as box:
        seed(box, tmp_path, mapping, before_rows, ARCHIVED_FIRST)
        before = snapshot(box.base_url, box.token)
        target = Target(api_url=box.base_url, token=box.token)
        imported = import_file(
            oops,
            target=target,
            mapping=mapping,
            journal=journal,
            report=quiet / "oops-results.xlsx",
        )
        assert imported.ok, imported.summary()
    _copy_database(quiet / "sandbox.sqlite", killed / "sandbox.sqlite")
    shutil.copy(journal, killed / journal.name)

    with running(quiet / "sandbox.sqlite") as box:
        uninterrupted = undo(journal, target=Target(api_url=box.base_url, token=box.token))
        assert uninterrupted.ok, uninterrupted.summary()
        assert uninterrupted.plan is not None and uninterrupted.plan.writes >= 50
        expected = snapshot(box.base_url, box.token)
    assert differences(before, expected) == []

    port = _free_port()
    sandbox = subprocess.Popen(
        _bulkio(
            "sandbox",
            "--db",
            str(killed / "sandbox.sqlite"),
            "--port",
            str(port),
            "--rate-limit",
            "1200/minute",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/_sandbox/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        command = _bulkio("undo", str(killed / journal.name), "--api-url", base, "--token", TOKEN)
        own_journal = killed / "oops-undo.journal.sqlite"
        kills = 0
        while kills < 12:
            at_least = _progress(own_journal) + rng.randint(1, 6)
            if not _run_until(command, own_journal, at_least, deadline=rng.uniform(1.0, 3.0)):
                break
            kills += 1
        final = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert final.returncode == 0, final.stdout + final.stderr
        assert "Everything the import did is undone." in final.stdout
        assert kills >= 10
        assert snapshot(base, TOKEN) == expected
    finally:
        sandbox.send_signal(signal.SIGINT)
        try:
            sandbox.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sandbox.kill()


def test_an_import_killed_midway_is_undone_as_far_as_it_went(tmp_path: Path) -> None:
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    before_rows, oops_rows = many_rows(companies=4, per_company=3)
    oops = write_csv(tmp_path / "oops.csv", oops_rows)
    for sent in (6, 33):  # killed among the records' writes, then among the links'
        folder = tmp_path / f"killed-after-{sent}"
        folder.mkdir()
        journal = folder / "oops-results.journal.sqlite"
        with running(folder / "sandbox.sqlite", rate_limit="1200/minute") as box:
            seed(box, folder, mapping, before_rows, ARCHIVED_FIRST)
            before = snapshot(box.base_url, box.token)
            command = _bulkio(
                "import", str(oops), "-m", str(mapping), "--api-url", box.base_url,
                "--token", box.token, "--journal", str(journal),
                "--report", str(folder / "oops-results.xlsx"),
            )  # fmt: skip
            assert _run_until(command, journal, sent, deadline=30.0)
            result = undo(journal, target=Target(api_url=box.base_url, token=box.token))
            assert not result.imported.finished
            assert result.ok, result.summary()
            assert differences(before, snapshot(box.base_url, box.token)) == []
