"""How the commands that write show their progress: a bar on stderr, durations in words."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from bulkio.core.entities import Role

PhaseProgress = Callable[[str, int, int], None]
"""Called with (phase, writes done, writes in the phase) as writes finish."""


@contextmanager
def progress_bar() -> Iterator[PhaseProgress | None]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    tasks: dict[str, tuple[TaskID, float]] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = (bar.add_task(f"{phase:<9}", total=total), time.monotonic())
        task, started = tasks[phase]
        rate = done / max(time.monotonic() - started, 1e-6)
        bar.update(task, completed=done, description=f"{phase:<9} {rate:6.1f}/s")

    with bar:
        yield update


def duration(seconds: float) -> str:
    """Seconds in words: ``12 s``, ``5 min``, ``1.5 h``."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def plan_counts(counts: Mapping[Role, Mapping[str, int]]) -> list[str]:
    """A plan's lines, one per kind of record: "  contacts  4 create, 1 update"."""
    lines = []
    for kind, tally in counts.items():
        parts = ", ".join(f"{n} {op}" for op, n in sorted(tally.items())) or "nothing"
        lines.append(f"  {kind:<9} {parts}")
    return lines


def cost(estimate: float | None, rate_limit: int | None) -> str:
    """How long the plan's writes take at the server's rate: ", about 12 s at 60 requests
    a minute" (nothing when the server announced no rate)."""
    if estimate is None:
        return ""
    rate = f" at {rate_limit} requests a minute" if rate_limit else ""
    return f", about {duration(estimate)}{rate}"
