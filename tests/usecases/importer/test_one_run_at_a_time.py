"""One run at a time: two imports started a moment apart against one sandbox process.

The second import of the same file (same journal), and an import of another file into the
same space, stop with exit code 2 and name the process that holds the lock; the first one
lands everything once. A lock left by a killed import does not block the next run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bulkio.journal.lock import LockedError, hold
from tests.usecases.importer.files import flat_rows, read_platform, write_csv, write_mapping
from tests.usecases.importer.test_reliability import assert_exactly_once
from tests.usecases.killed_runs import TOKEN, bulkio_command, sandbox_process


@pytest.fixture
def api(tmp_path: Path) -> Iterator[str]:
    """A sandbox process whose every answer takes a quarter second: an import of 40
    contacts takes several seconds."""
    options = ["--rate-limit", "off", "--fault-latency", "1", "--latency", "0.25"]
    with sandbox_process(tmp_path / "s.sqlite", *options) as root:
        yield root + "/api/v1"


def _import(data: Path, mapping: Path, api: str) -> list[str]:
    command = bulkio_command("import", str(data), "-m", str(mapping))
    return [*command, "--api-url", api, "--token", TOKEN]


def _holder(lock: Path, pid: int, deadline: float = 30.0) -> dict[str, object]:
    """The holder the lock file names, once it is the process ``pid``."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            holder = json.loads(lock.read_text(encoding="utf-8"))
            if holder.get("pid") == pid:
                return dict(holder)
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    raise AssertionError(f"process {pid} never took {lock}")


def test_a_second_import_says_who_holds_the_lock_and_the_first_lands_everything_once(
    tmp_path: Path, api: str
) -> None:
    rows = flat_rows(100, per_company=5)  # 220 writes, 4 at a time, a quarter second each
    data = write_csv(tmp_path / "kontakte.csv", rows)
    mapping = write_mapping(tmp_path / "k.yaml")
    other = write_csv(tmp_path / "firmen.csv", flat_rows(5, per_company=5))
    first = subprocess.Popen(
        _import(data, mapping, api), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        holder = _holder(tmp_path / ".bulkio" / "kontakte.csv.journal.sqlite.lock", first.pid)
        # both at once, while the first still runs (a loaded machine starts Python slowly)
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for command in (_import(data, mapping, api), _import(other, mapping, api))
        ]
        said = [r.communicate(timeout=60) for r in runs]
        second, elsewhere = [
            subprocess.CompletedProcess(r.args, r.returncode, *s)
            for r, s in zip(runs, said, strict=True)
        ]
        out, err = first.communicate(timeout=180)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()

    assert first.returncode == 0, out + err
    assert "Every row landed." in out
    assert holder["command"] == f"bulkio import {data} -m {mapping} --api-url {api}"
    assert second.returncode == 2, second.stdout + second.stderr
    journal = tmp_path / ".bulkio" / "kontakte.csv.journal.sqlite"
    assert f"error: another bulkio run is using the journal {journal} (" in second.stderr
    assert f"(process {first.pid} on {holder['host']}, started {holder['started']}" in second.stderr
    assert "Traceback" not in second.stderr and TOKEN not in second.stderr
    assert elsewhere.returncode == 2, elsewhere.stdout + elsewhere.stderr
    assert f"another bulkio run is writing to {api} space " in elsewhere.stderr
    assert f"process {first.pid}" in elsewhere.stderr
    assert "could create records twice" in elsewhere.stderr
    assert not (tmp_path / "firmen-results.xlsx").exists()
    assert_exactly_once(read_platform(api, TOKEN), rows)


def test_a_lock_left_by_a_killed_import_does_not_block_the_next_run(
    tmp_path: Path, api: str
) -> None:
    rows = flat_rows(40, per_company=5)
    data = write_csv(tmp_path / "kontakte.csv", rows)
    mapping = write_mapping(tmp_path / "k.yaml")
    command = _import(data, mapping, api)
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _holder(tmp_path / ".bulkio" / "kontakte.csv.journal.sqlite.lock", first.pid)
        time.sleep(1.0)  # some writes out
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()

    again = subprocess.run(command, capture_output=True, text=True, timeout=120)

    assert again.returncode == 0, again.stdout + again.stderr
    assert_exactly_once(read_platform(api, TOKEN), rows)


def test_a_held_lock_names_its_holder_and_frees_when_released(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    with hold(lock, busy="x is busy", fix="wait"):
        holder = json.loads(lock.read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid()
        held = rf"x is busy \(process {os.getpid()} on "
        with pytest.raises(LockedError, match=held), hold(lock, busy="x is busy", fix="wait"):
            pass
    with hold(lock, busy="x is busy", fix="wait"):
        pass
