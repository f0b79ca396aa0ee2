"""``bulkio runs``: the imports whose journals are in a folder, so a person can find the one
to undo.

Every SQLite file in the folder (and its subfolders, one level down, such as ``.bulkio/``)
that is a bulkio journal is read without changing it. An import is listed with when it
started, its input, where it went, what it wrote, whether it finished, and whether it was
undone: an undo's journal names the journal it undoes. Other files are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bulkio.journal import ActionState, JournalError, JournalRun, read_journal

_SQLITE_MAGIC = b"SQLite format 3\x00"


class Undone(StrEnum):
    """Whether an import was undone, as ``bulkio runs`` words it."""

    NO = "not undone"
    YES = "undone"
    PARTLY = "undo not finished"
    BEFORE = "undone before the last run"  # imported again after the undo


@dataclass(frozen=True)
class RunInfo:
    """One import, as its journal and its undo's journal have it."""

    journal: Path
    input: str | None
    mapping: str | None
    target: str  # "the sandbox in ...", or the API URL
    sandbox: Path | None  # the sandbox file it went into, if so
    started_at: str  # the first run's start, ISO 8601 UTC
    runs: int  # how often it was started (a stopped import is resumed by starting it again)
    finished: bool  # the last run ended by itself
    writes: dict[str, int]  # write kind (create, update, link...) -> writes that landed
    failed: int  # writes Kanbert refused
    unknown: int  # writes whose answer never came
    undone: Undone
    undo_journal: Path | None = None
    left: int = 0  # changes since the import the undo left as they are


def runs(folder: Path = Path(".")) -> list[RunInfo]:
    """The imports whose journals are in ``folder``, newest first."""
    imports: list[_Read] = []
    undos: dict[Path, _Read] = {}
    for path in _sqlite_files(Path(folder)):
        try:
            read = _read(path)
        except JournalError:
            continue
        if not read.runs:
            continue
        if read.about.get("kind") == "undo" and read.about.get("undoes"):
            undos[Path(read.about["undoes"])] = read
        elif read.about.get("kind", "import") == "import":
            imports.append(read)
    imports.sort(key=lambda read: (read.runs[0].started_at, read.path.stat().st_mtime))
    return [_info(read, undos.get(read.path.resolve())) for read in reversed(imports)]


@dataclass(frozen=True)
class _Read:
    """What a journal holds, as far as a listing needs it."""

    path: Path
    about: dict[str, str]
    runs: list[JournalRun]
    counts: dict[str, dict[str, int]]  # over every run
    last_counts: dict[str, dict[str, int]]  # of the last run


def _read(path: Path) -> _Read:
    with read_journal(path) as book:
        journal_runs = book.runs()
        last = book.counts(journal_runs[-1].id) if journal_runs else {}
        return _Read(path, book.description(), journal_runs, book.counts(), last)


def _sqlite_files(folder: Path) -> Iterator[Path]:
    """The SQLite files in ``folder`` and in its subfolders (one level down)."""
    if not folder.is_dir():
        return
    below = [p for d in sorted(folder.iterdir()) if d.is_dir() for p in sorted(d.iterdir())]
    for path in [*sorted(folder.iterdir()), *below]:
        if path.is_file() and _is_sqlite(path):
            yield path


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _info(read: _Read, undo: _Read | None) -> RunInfo:
    last = read.runs[-1]
    done, failed, sent = (ActionState.DONE.value, ActionState.FAILED.value, ActionState.SENT.value)
    writes = {op: states[done] for op, states in sorted(read.counts.items()) if states.get(done)}
    return RunInfo(
        journal=read.path,
        input=read.about.get("input"),
        mapping=read.about.get("mapping"),
        target=read.about.get("target", last.api_url),
        sandbox=Path(read.about["sandbox"]) if read.about.get("sandbox") else None,
        started_at=read.runs[0].started_at,
        runs=len(read.runs),
        finished=last.finished_at is not None and not last.interrupted,
        writes=writes,
        failed=sum(s.get(failed, 0) for s in read.counts.values()),
        unknown=sum(s.get(sent, 0) for s in read.counts.values()),
        undone=Undone.NO if undo is None else _undone(last, undo),
        undo_journal=None if undo is None else undo.path,
        left=0 if undo is None else int(undo.about.get("left") or 0),
    )


def _undone(last_import: JournalRun, undo: _Read) -> Undone:
    last_undo = undo.runs[-1]
    if last_undo.started_at < last_import.started_at:
        return Undone.BEFORE
    stopped = last_undo.finished_at is None or last_undo.interrupted
    failed = any(s.get(ActionState.FAILED.value) for s in undo.last_counts.values())
    return Undone.PARTLY if stopped or failed else Undone.YES


__all__ = ["RunInfo", "Undone", "runs"]
