"""Reliability: a server with bad days, and an import killed with SIGKILL at random moments.

In every case the platform ends with each record once, every link once, nothing missing.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from bulkio import Target, import_file
from bulkio.sandbox import FaultConfig, running
from tests.usecases.importer.files import (
    Platform,
    flat_rows,
    read_platform,
    write_csv,
    write_mapping,
)

TOKEN = "sandbox-token"


def assert_exactly_once(platform: Platform, rows: list[list[str]]) -> None:
    contacts = Counter(c["external_id"] for c in platform.contacts)
    companies = Counter(c["external_id"] for c in platform.companies)
    assert contacts == Counter(r[6] for r in rows), "a contact is missing or twice"
    assert companies == Counter(dict.fromkeys({r[0] for r in rows}, 1)), "a company twice"
    assert sorted(platform.links()) == sorted((r[6], r[0], r[10]) for r in rows)
    assert not any(c["deleted_at"] for c in platform.contacts + platform.companies)


def test_a_server_with_errors_drops_and_late_answers_still_gets_everything_once(
    tmp_path: Path,
) -> None:
    rows = flat_rows(120, per_company=4)
    data = write_csv(tmp_path / "kontakte.csv", rows)
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    faults = FaultConfig(error_500=0.10, drop=0.05, late=0.05, late_seconds=0.6, seed=7)
    with running(tmp_path / "sandbox.sqlite", faults=faults) as box:
        target = Target(api_url=box.base_url, token=box.token, timeout=0.3, max_in_flight=6)
        runs: list[object] = []
        for _ in range(6):  # a run may stop when one request fails 5 times; the next resumes
            try:
                result = import_file(
                    data, target=target, mapping=mapping, report=tmp_path / "r.xlsx"
                )
            except Exception as exc:  # a network error before planning: run again
                runs.append(repr(exc))
                continue
            runs.append(result.summary())
            if result.ok:
                break
        assert result.ok, runs
    with running(tmp_path / "sandbox.sqlite") as box:  # the same data, without faults
        assert_exactly_once(read_platform(box.base_url, box.token), rows)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bulkio(*args: str) -> list[str]:
    return [sys.executable, "-m", "bulkio", *args]


def _journal_progress(path: Path) -> int:
    """Writes the journal saw go out, over every run so far (0 when there is none yet)."""
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2) as db:
            (n,) = db.execute("SELECT COUNT(*) FROM actions WHERE state != 'planned'").fetchone()
            return int(n)
    except sqlite3.Error:
        return 0


def _run_until(command: list[str], journal: Path, at_least: int, deadline: float) -> bool:
    """Run the import; SIGKILL it once the journal shows ``at_least`` writes sent, or at
    ``deadline`` seconds. True when it was killed, False when it ended by itself."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while proc.poll() is None:
            if _journal_progress(journal) >= at_least or time.monotonic() - started > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.01)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_an_import_killed_at_random_moments_and_resumed_lands_everything_once(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261124)
    port = _free_port()
    sandbox = subprocess.Popen(
        _bulkio(
            "sandbox",
            "--db",
            str(tmp_path / "sandbox.sqlite"),
            "--port",
            str(port),
            "--rate-limit",
            "1500/minute",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/_sandbox/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        mapping = write_mapping(tmp_path / "kontakte.yaml")
        kills = 0
        all_rows: list[list[str]] = []
        for round_no in range(4):
            rows = [
                [f"R{round_no}{cell}" if i in (0, 6) else cell for i, cell in enumerate(r)]
                for r in flat_rows(40, per_company=5)
            ]
            rows = [[*r[:9], f"r{round_no}.{r[9]}", *r[10:]] for r in rows]
            all_rows += rows
            data = write_csv(tmp_path / f"round{round_no}.csv", rows)
            journal = tmp_path / f"round{round_no}.journal.sqlite"
            command = _bulkio(
                "import",
                str(data),
                "-m",
                str(mapping),
                "--api-url",
                base + "/api/v1",
                "--token",
                TOKEN,
                "--journal",
                str(journal),
                "--report",
                str(tmp_path / f"round{round_no}.xlsx"),
                "--timeout",
                "2",
            )
            for attempt in range(6):
                at_least = _journal_progress(journal) + rng.randint(1, 25)
                if _run_until(command, journal, at_least, deadline=rng.uniform(1.0, 4.0)):
                    kills += 1
                if attempt >= 4 and kills >= 5 * (round_no + 1):
                    break
            final = subprocess.run(command, capture_output=True, text=True, timeout=120)
            assert final.returncode == 0, final.stdout + final.stderr
            assert "Every row landed." in final.stdout
        assert kills >= 20
        assert_exactly_once(read_platform(base + "/api/v1", TOKEN), all_rows)
    finally:
        sandbox.send_signal(signal.SIGINT)
        try:
            sandbox.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sandbox.kill()
