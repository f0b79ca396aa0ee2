"""One command in a child process, with that child's own wall time, CPU time and peak memory.

``os.wait4`` gives the resources of exactly the child waited for, so figures of commands run
one after another in the same benchmark do not mix (``RUSAGE_CHILDREN`` keeps the largest
peak of all children so far). CPU time is user + system time of every thread of the child:
on a machine other work keeps busy it moves less than wall time, so ratios are printed on
both.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Usage:
    wall: float  # seconds
    cpu: float  # seconds, user + system, all threads
    peak_mb: float  # ru_maxrss
    returncode: int
    stdout: str
    stderr: str


def run_child(command: list[str], *, ok: tuple[int, ...] = (0,)) -> Usage:
    """Run ``command``; raise SystemExit with its output when its exit code is not in ``ok``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{stdout}\n{stderr}")
    return Usage(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode, stdout,
        stderr,
    )  # fmt: skip
