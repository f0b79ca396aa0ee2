"""Runs of ``bulkio`` in child processes for the tests that kill them: a sandbox process on a
free loopback port, a command killed with SIGKILL once its journal shows enough writes sent."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

TOKEN = "sandbox-token"  # the seed's read-write token (bulkio/data/seed.json)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bulkio_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bulkio", *args]


@contextmanager
def sandbox_process(db: Path, *options: str) -> Iterator[str]:
    """``bulkio sandbox --db DB OPTIONS`` in its own process until the block ends; yields its
    root URL (``http://127.0.0.1:PORT``) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        bulkio_command("sandbox", "--db", str(db), "--port", str(port), *options),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(root + "/_sandbox/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield root
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def writes_sent(journal: Path) -> int:
    """Writes a journal saw go out, over every run so far (0 when there is none yet)."""
    if not journal.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=0.2) as db:
            (n,) = db.execute("SELECT COUNT(*) FROM actions WHERE state != 'planned'").fetchone()
            return int(n)
    except sqlite3.Error:
        return 0


def run_until(command: list[str], journal: Path, at_least: int, deadline: float) -> bool:
    """Run ``command``; SIGKILL it once ``journal`` shows ``at_least`` writes sent, or after
    ``deadline`` seconds. True when it was killed, False when it ended by itself."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while proc.poll() is None:
            if writes_sent(journal) >= at_least or time.monotonic() - started > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
