"""The journal of an import: every planned write and its outcome, in one SQLite file.

Each write is stored with its body (the values sent, by bulkio's field names; for a link, its
position) and its before-image (what Kanbert held of those fields before the write, empty for
a create), so the journal says exactly what a run changed.

Each write is recorded *before* its request goes out (state ``sent``) and again when its answer
comes (``done`` with the Kanbert id, or ``failed`` with the reason). A process killed between
the two leaves ``sent`` behind: the outcome of that write is unknown, and the next run looks the
record up by its key before it sends anything again. That is how a killed or crashed import
resumes without writing a record twice.

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

SCHEMA_VERSION = 2  # 2 added actions.before_image; a journal of 1 is brought up to 2
_ABOUT = "about."  # meta keys that describe the run (``Journal.describe``)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    fingerprint TEXT NOT NULL,
    api_url TEXT NOT NULL,
    interrupted INTEGER NOT NULL DEFAULT 0
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
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Journal:
    """One import's journal file. Open it with :func:`open_journal`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    # -- runs --------------------------------------------------------------------------

    def start_run(self, *, fingerprint: str, api_url: str) -> int:
        """Record the start of a run and return its id."""
        with self._db:
            cur = self._db.execute(
                "INSERT INTO runs (started_at, fingerprint, api_url) VALUES (?, ?, ?)",
                (_now(), fingerprint, api_url),
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
    """Open (or create) the journal at ``path``.

    WAL mode: every committed state is in the file once its call returns, so a process killed
    at any moment (SIGKILL, a crash, Ctrl-C) leaves every recorded state behind. Syncs are
    ``NORMAL``, not ``FULL``: the OS holds the last writes until it flushes them, which
    survives any death of bulkio but not of the machine's power; in exchange each write costs
    no fsync (an import records two states per request).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if version is None:
            with db:
                db.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
        elif int(version[0]) == 1:
            with db:
                db.execute(
                    "ALTER TABLE actions ADD COLUMN before_image TEXT NOT NULL DEFAULT 'null'"
                )
                db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                    (str(SCHEMA_VERSION),),
                )
        elif int(version[0]) != SCHEMA_VERSION:
            raise JournalError(
                f"the journal {path} was written by another version of bulkio "
                f"(schema {version[0]}, this bulkio reads {SCHEMA_VERSION}); "
                "finish that import with the bulkio that started it, or pass --journal NEW_FILE"
            )
    except sqlite3.DatabaseError as exc:
        raise JournalError(
            f"{path} is not a bulkio journal ({exc}); pass --journal with another file name"
        ) from exc
    return Journal(path, db)


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


def created_ids(path: Path) -> dict[tuple[str, str], str]:
    """``Journal.created_ids`` of the journal at ``path``; empty when there is none yet (a
    first run, or a dry run before it), and no file is made."""
    if not path.exists():
        return {}
    with open_journal(path) as journal:
        return journal.created_ids()
