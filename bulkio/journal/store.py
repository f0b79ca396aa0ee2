"""The journal of an import: every planned write and its outcome, in one SQLite file.

Each write is stored with its body (the values sent, by bulkio's field names; for a link, its
position) and its before-image (what Kanbert held of those fields before the write, empty for
a create), so the journal says exactly what a run changed.

Each write is recorded *before* its request goes out (state ``sent``) and again when its answer
comes (``done`` with the Kanbert id, or ``failed`` with the reason). A process killed between
the two leaves ``sent`` behind: the outcome of that write is unknown, and the next run looks the
record up by its key before it sends anything again. That is how a killed or crashed import
resumes without writing a record twice.

A journal holds one import. Each run records the fingerprint of what it imports
(``RunFingerprint``: input, mapping, mode and target); a run of the same fingerprint resumes
that import, or runs it again, and reuses the ids it saw created (``created_ids``); any other
is refused (``check_fits``), so a row-number key never finds a record of another file, or of
rows that have moved since. ``fit`` says how a run of a fingerprint relates to a journal, so
a caller can start a new journal after a finished import.

The file holds no token and no request headers; only the API URL, bodies and outcomes.
Its ``meta`` table also describes the run for people and for ``bulkio undo`` and ``bulkio
runs`` (``describe``): what kind of run it is (``import`` or ``undo``), its input and mapping,
its target, and for an undo the journal it undoes. ``read_journal`` opens a journal to read
only: it changes nothing in the file, not even the schema.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from bulkio.core.errors import BulkioError
from bulkio.journal.fingerprint import RunFingerprint

# 2 added actions.before_image, 3 the parts of runs.fingerprint; older journals are brought
# up to date by ``_bring_up``, one step at a time.
SCHEMA_VERSION = 3
FORMAT = "bulkio-journal"
_TABLES = {"meta", "runs", "actions"}
_RUN_PARTS = ("input", "input_digest", "mapping", "mapping_digest", "mode", "target")
_ABOUT = "about."  # meta keys that describe the run (``Journal.describe``)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    fingerprint TEXT NOT NULL,
    api_url TEXT NOT NULL,
    interrupted INTEGER NOT NULL DEFAULT 0,
    input TEXT,
    input_digest TEXT,
    mapping TEXT,
    mapping_digest TEXT,
    mode TEXT,
    target TEXT
);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    op TEXT NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    body TEXT NOT NULL,
    before_image TEXT NOT NULL DEFAULT 'null',
    rows TEXT NOT NULL,
    state TEXT NOT NULL,
    kanbert_id TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_state ON actions(state);
CREATE INDEX IF NOT EXISTS actions_key ON actions(entity, key);
"""


class Fit(StrEnum):
    """How a run of a fingerprint relates to a journal (``Journal.fit``)."""

    NEW = "new"  # no run yet
    SAME = "same"  # its import is this one: resume it, or run it again
    AFTER_FINISHED = "after finished"  # another import, which finished: use a new journal
    OTHER_UNFINISHED = "other unfinished"  # another import, which did not finish: refused


class ActionState(StrEnum):
    PLANNED = "planned"  # decided, not yet sent
    SENT = "sent"  # the request went out; its answer has not been recorded
    DONE = "done"  # the platform confirmed it
    FAILED = "failed"  # the platform refused it (the error says why)


@dataclass(frozen=True)
class JournalEntry:
    id: int
    run_id: int
    op: str
    entity: str
    key: str
    body: dict[str, Any]
    before: Any
    rows: list[int]
    state: ActionState
    kanbert_id: str | None
    error: str | None
    attempts: int


@dataclass(frozen=True)
class JournalRun:
    """One run (a start and, unless it was killed, an end) recorded in a journal."""

    id: int
    started_at: str  # ISO 8601, UTC
    finished_at: str | None  # None: the process died before the run ended
    api_url: str
    interrupted: bool  # Ctrl-C or a failure stopped it before the end


@dataclass(frozen=True)
class PlannedWrite:
    """One write for :meth:`Journal.plan_many`."""

    op: str
    entity: str
    key: str
    body: Mapping[str, Any]
    rows: Sequence[int]
    before: Any = None  # what Kanbert held of the body's fields (a link: its old position)
    # The id the write aims at when it is known before it is sent: a changed record's own id,
    # ``contact_id/company_id`` of a link. A create's comes with its answer (``mark_done``).
    kanbert_id: str | None = None


class JournalError(BulkioError):
    """The journal file cannot be used for this run."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> dict[str, Any]:
    """A read-only mapping (a plan's compact record values) as the dict JSON writes."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class Journal:
    """One import's journal file. Open it with :func:`open_journal`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    # -- runs --------------------------------------------------------------------------

    def start_run(self, fingerprint: RunFingerprint, *, api_url: str) -> int:
        """Record the start of a run of ``fingerprint`` and return its id; a
        ``JournalError`` when the journal holds another import (``check_fits``)."""
        self.check_fits(fingerprint)
        parts = [getattr(fingerprint, name) for name in _RUN_PARTS]
        with self._db:
            cur = self._db.execute(
                "INSERT INTO runs (started_at, fingerprint, api_url, "
                + ", ".join(_RUN_PARTS)
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), fingerprint.digest, api_url, *parts),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, interrupted: bool = False) -> None:
        with self._db:
            self._db.execute(
                "UPDATE runs SET finished_at = ?, interrupted = ? WHERE id = ?",
                (_now(), int(interrupted), run_id),
            )

    def runs(self) -> list[JournalRun]:
        """Every run of this journal, oldest first."""
        rows = self._db.execute(
            "SELECT id, started_at, finished_at, api_url, interrupted FROM runs ORDER BY id"
        )
        return [JournalRun(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    def describe(self, about: Mapping[str, str]) -> None:
        """Record what this journal is about (``kind``, ``input``, ``target``...); a key
        written again takes the new value."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [(f"{_ABOUT}{key}", value) for key, value in about.items()],
            )

    def description(self) -> dict[str, str]:
        """What ``describe`` recorded (empty for a journal of an older bulkio)."""
        rows = self._db.execute(
            "SELECT key, value FROM meta WHERE key LIKE ? ORDER BY key", (f"{_ABOUT}%",)
        )
        return {key.removeprefix(_ABOUT): value for key, value in rows}

    @property
    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else SCHEMA_VERSION

    def last_run(self) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, started_at, finished_at, fingerprint, api_url, interrupted "
            "FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        keys = ("id", "started_at", "finished_at", "fingerprint", "api_url", "interrupted")
        return dict(zip(keys, row, strict=True))

    def fit(self, fingerprint: RunFingerprint) -> Fit:
        """How a run of ``fingerprint`` relates to this journal's import."""
        row = self._db.execute(
            "SELECT fingerprint, finished_at, interrupted FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return Fit.NEW
        if row[0] == fingerprint.digest:
            return Fit.SAME
        return Fit.AFTER_FINISHED if row[1] is not None and not row[2] else Fit.OTHER_UNFINISHED

    def check_fits(self, fingerprint: RunFingerprint) -> None:
        """A ``JournalError`` naming what differs and the fix unless a run of
        ``fingerprint`` may use this journal: it is new, or holds this same import."""
        fit = self.fit(fingerprint)
        if fit in (Fit.NEW, Fit.SAME):
            return
        cursor = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1")
        last = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
        parts = [str(last.get(name) or "") for name in _RUN_PARTS]  # none: an older bulkio's
        earlier = RunFingerprint(*parts) if all(parts) else None
        what = earlier.input if earlier is not None else "another file"
        differences = "; ".join(fingerprint.differences(earlier)) or "it was another import"
        done = "that finished" if fit == Fit.AFTER_FINISHED else "that did not finish"
        finish = "" if fit == Fit.AFTER_FINISHED else "Run that import again unchanged to "
        raise JournalError(
            f"the journal {self.path} holds an import of {what} {done} "
            f"(started {last['started_at']}), "
            f"and this run is not the same import: {differences}",
            hint=(f"{finish}finish it; or g" if finish else "G")
            + f"ive this one its own journal with --journal NEW_FILE, or move "
            f"{self.path.name} away to start afresh.",
        )

    # -- actions -----------------------------------------------------------------------

    def plan(
        self,
        run_id: int,
        *,
        op: str,
        entity: str,
        key: str,
        body: Mapping[str, Any],
        rows: Sequence[int],
        before: Any = None,
    ) -> int:
        """Record a write that is about to be made; returns the action id."""
        [action_id] = self.plan_many(run_id, [PlannedWrite(op, entity, key, body, rows, before)])
        return action_id

    def plan_many(self, run_id: int, actions: Sequence[PlannedWrite]) -> list[int]:
        """Record many writes about to be made, in one transaction; returns their ids."""
        ids: list[int] = []
        stamp = _now()
        with self._db:
            for action in actions:
                cur = self._db.execute(
                    "INSERT INTO actions (run_id, op, entity, key, body, before_image, rows, "
                    "state, kanbert_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        run_id,
                        action.op,
                        action.entity,
                        action.key,
                        _json(action.body),
                        _json(action.before),
                        json.dumps(list(action.rows)),
                        ActionState.PLANNED.value,
                        action.kanbert_id,
                        stamp,
                    ),
                )
                ids.append(int(cur.lastrowid or 0))
        return ids

    def mark_sent(self, action_id: int) -> None:
        """Call right before the request goes out."""
        self._set(action_id, "state = ?, attempts = attempts + 1", ActionState.SENT.value)

    def mark_done(self, action_id: int, kanbert_id: str | None) -> None:
        self._set(
            action_id, "state = ?, kanbert_id = ?, error = NULL", ActionState.DONE.value, kanbert_id
        )

    def mark_failed(self, action_id: int, error: str) -> None:
        self._set(action_id, "state = ?, error = ?", ActionState.FAILED.value, error)

    def _set(self, action_id: int, assignments: str, *values: Any) -> None:
        with self._db:
            self._db.execute(
                f"UPDATE actions SET {assignments}, updated_at = ? WHERE id = ?",
                (*values, _now(), action_id),
            )

    def entries(
        self, *, state: ActionState | None = None, run_id: int | None = None
    ) -> Iterator[JournalEntry]:
        """Actions in the order they were planned, optionally of one state or run."""
        sql = (
            "SELECT id, run_id, op, entity, key, body, before_image, rows, state, kanbert_id, "
            "error, attempts FROM actions"
        )
        where, params = [], []
        if state is not None:
            where.append("state = ?")
            params.append(state.value)
        if run_id is not None:
            where.append("run_id = ?")
            params.append(str(run_id))
        if where:
            sql += " WHERE " + " AND ".join(where)
        for row in self._db.execute(sql + " ORDER BY id", params):
            yield JournalEntry(
                id=row[0],
                run_id=row[1],
                op=row[2],
                entity=row[3],
                key=row[4],
                body=json.loads(row[5]),
                before=json.loads(row[6]),
                rows=json.loads(row[7]),
                state=ActionState(row[8]),
                kanbert_id=row[9],
                error=row[10],
                attempts=row[11],
            )

    def unknown_outcomes(self) -> list[JournalEntry]:
        """Writes whose request went out but whose answer was never recorded."""
        return list(self.entries(state=ActionState.SENT))

    def created_ids(self) -> dict[tuple[str, str], str]:
        """(entity, key) -> Kanbert id of every record this journal saw created."""
        rows = self._db.execute(
            "SELECT entity, key, kanbert_id FROM actions "
            "WHERE op = 'create' AND state = ? AND kanbert_id IS NOT NULL ORDER BY id",
            (ActionState.DONE.value,),
        )
        return {(entity, key): kid for entity, key, kid in rows}

    def counts(self, run_id: int | None = None) -> dict[str, dict[str, int]]:
        """{op: {state: count}} for a run, or for the whole journal."""
        sql = "SELECT op, state, COUNT(*) FROM actions"
        params: tuple[int, ...] = ()
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params = (run_id,)
        out: dict[str, dict[str, int]] = {}
        for op, state, n in self._db.execute(sql + " GROUP BY op, state", params):
            out.setdefault(op, {})[state] = n
        return out

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_journal(path: Path) -> Journal:
    """Open (or create) the journal at ``path``; a ``JournalError`` naming the fix when
    ``path`` is a file bulkio did not write as a journal (nothing is written into it).

    WAL mode: every committed state is in the file once its call returns, so a process killed
    at any moment (SIGKILL, a crash, Ctrl-C) leaves every recorded state behind. Syncs are
    ``NORMAL``, not ``FULL``: the OS holds the last writes until it flushes them, which
    survives any death of bulkio but not of the machine's power; in exchange each write costs
    no fsync (an import records two states per request).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        tables = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if tables and not tables >= _TABLES:
            raise JournalError(
                f"{path} is not a bulkio journal (it is another SQLite database)",
                hint="Pass --journal with another file name.",
            )
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        _bring_up(db, path, int(version[0]) if version else None)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise JournalError(
            f"{path} is not a bulkio journal ({exc}); pass --journal with another file name"
        ) from exc
    except BaseException:
        db.close()
        raise
    return Journal(path, db)


def _bring_up(db: sqlite3.Connection, path: Path, version: int | None) -> None:
    """Mark a new journal, or bring one written by an older bulkio up to ``SCHEMA_VERSION``
    (every step only adds: columns with defaults, meta rows)."""
    if version is not None and version > SCHEMA_VERSION:
        raise JournalError(
            f"the journal {path} was written by a newer bulkio "
            f"(schema {version}, this bulkio reads up to {SCHEMA_VERSION}); "
            "finish that import with the bulkio that started it, or pass --journal NEW_FILE"
        )
    if version == SCHEMA_VERSION:
        return
    with db:
        if version is not None and version < 2:
            db.execute("ALTER TABLE actions ADD COLUMN before_image TEXT NOT NULL DEFAULT 'null'")
        if version is not None and version < 3:
            for column in _RUN_PARTS:
                db.execute(f"ALTER TABLE runs ADD COLUMN {column} TEXT")
        db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
            (str(SCHEMA_VERSION),),
        )
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?)", (FORMAT,))


def read_journal(path: Path) -> Journal:
    """Open the journal at ``path`` to read it only: nothing in it changes (an older schema
    is read as it is). ``JournalError`` when it is not a bulkio journal.

    Opened for writing all the same (``mode=rw``: never created), so that closing it tidies
    the WAL files away as a writer does; a read-only connection would leave them behind."""
    hint = "Pass a journal bulkio wrote (…journal.sqlite); bulkio runs lists them."
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as exc:
        raise JournalError(f"cannot open {path} ({exc})", hint=hint) from exc
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error:
        tables = set()
    if not {"meta", "runs", "actions"} <= tables:
        db.close()
        raise JournalError(f"{path} is not a bulkio journal", hint=hint)
    return Journal(path, db)


def created_ids(path: Path, fingerprint: RunFingerprint) -> dict[tuple[str, str], str]:
    """``Journal.created_ids`` of the journal at ``path`` for a run of ``fingerprint``; a
    ``JournalError`` when the journal holds another import (``Journal.check_fits``). Empty
    when there is no journal yet (a first run, or a dry run before it), and no file is made."""
    if not path.exists():
        return {}
    with _read_for_import(path) as journal:
        journal.check_fits(fingerprint)
        return journal.created_ids()


def journal_fit(path: Path, fingerprint: RunFingerprint) -> Fit:
    """``Journal.fit`` of the journal at ``path`` (``NEW`` when there is none), read only."""
    if not path.exists():
        return Fit.NEW
    with _read_for_import(path) as journal:
        return journal.fit(fingerprint)


def _read_for_import(path: Path) -> Journal:
    """``read_journal`` for an import: the fix for a file that is not a journal is another
    ``--journal``."""
    try:
        return read_journal(path)
    except JournalError as exc:
        raise JournalError(exc.message, hint="Pass --journal with another file name.") from exc
