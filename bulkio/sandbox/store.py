"""The sandbox's records in one SQLite file.

Each record is a JSON document (the write-body view: scalars, ``<ref>_id``, ``tag_ids``,
``custom_fields``, timestamps) in the table of its kind; ``seq`` gives the insertion order
and the final tie-break of every sort. Every write commits before it returns, and the file
runs in WAL mode, so a SIGKILL never loses an answered write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeGuard

TABLES = ("contacts", "companies")
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1  # what SQLite stores and binds as INTEGER


def storable_integer(value: object) -> TypeGuard[int]:
    """Whether ``value`` is an integer (not a bool) that SQLite can hold."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and INTEGER_MIN <= value <= INTEGER_MAX
    )


_SCHEMA = """
CREATE TABLE IF NOT EXISTS {t} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    external_id TEXT,
    deleted_at TEXT,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS {t}_external_id ON {t}(external_id)
    WHERE external_id IS NOT NULL;
"""
# the fields records are looked up by (``in`` filters on company names and e-mails): indexed,
# so a lookup in a million records reads the index, not every record
_LOOKUP_FIELDS = {"companies": ("company_name",), "contacts": ("email",)}
_LOOKUP_INDEX = "CREATE INDEX IF NOT EXISTS {t}_{f} ON {t}(json_extract(data, '$.{f}'));"
_LINKS = """
CREATE TABLE IF NOT EXISTS contact_company (
    contact_id TEXT NOT NULL,
    company_id TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, company_id)
);
CREATE INDEX IF NOT EXISTS contact_company_company ON contact_company(company_id);
"""


class Store:
    """One connection to the sandbox database. Not thread-safe: use it from one thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=5000")
        for table in TABLES:
            self.db.executescript(_SCHEMA.format(t=table))
            for name in _LOOKUP_FIELDS[table]:
                self.db.execute(_LOOKUP_INDEX.format(t=table, f=name))
        self.db.executescript(_LINKS)

    def close(self) -> None:
        self.db.close()

    # -- records -------------------------------------------------------------------------

    def insert(self, table: str, record: dict[str, Any]) -> None:
        self.insert_many(table, [record])

    def insert_many(self, table: str, records: Iterable[dict[str, Any]]) -> None:
        """Insert complete records (each with ``id``) in one transaction: the fast path for
        tests and benchmarks that need thousands of records."""
        rows = (
            (r["id"], r.get("external_id"), r.get("deleted_at"), json.dumps(r)) for r in records
        )
        with self._transaction():
            self.db.executemany(
                f"INSERT INTO {_table(table)} (id, external_id, deleted_at, data) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )

    def replace(self, table: str, record: dict[str, Any]) -> None:
        with self._transaction():
            self.db.execute(
                f"UPDATE {_table(table)} SET external_id = ?, deleted_at = ?, data = ? "
                "WHERE id = ?",
                (
                    record.get("external_id"),
                    record.get("deleted_at"),
                    json.dumps(record),
                    record["id"],
                ),
            )

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            f"SELECT data FROM {_table(table)} WHERE id = ?", (record_id,)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def id_with_external_id(self, table: str, external_id: str) -> str | None:
        row = self.db.execute(
            f"SELECT id FROM {_table(table)} WHERE external_id = ?", (external_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def select(
        self, table: str, where: str, params: Sequence[Any], order: str, limit: int
    ) -> list[tuple[int, dict[str, Any]]]:
        """Rows as ``(seq, record)``; ``where`` and ``order`` are SQL built by the query
        module from whitelisted fields, values always bound as parameters."""
        sql = f"SELECT seq, data FROM {_table(table)} WHERE {where} ORDER BY {order} LIMIT ?"
        return [(int(s), dict(json.loads(d))) for s, d in self.db.execute(sql, [*params, limit])]

    def count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {_table(table)}").fetchone()[0])

    # -- links ---------------------------------------------------------------------------

    def link(self, contact_id: str, company_id: str, position: str) -> None:
        with self._transaction():
            self.db.execute(
                "INSERT INTO contact_company (contact_id, company_id, position) VALUES (?, ?, ?) "
                "ON CONFLICT (contact_id, company_id) DO UPDATE SET position = excluded.position",
                (contact_id, company_id, position),
            )

    def unlink(self, contact_id: str, company_id: str) -> None:
        with self._transaction():
            self.db.execute(
                "DELETE FROM contact_company WHERE contact_id = ? AND company_id = ?",
                (contact_id, company_id),
            )

    def linked(self, table: str, ids: Sequence[str]) -> dict[str, list[tuple[dict[str, Any], str]]]:
        """For each id of ``table``, the live (not archived) records linked to it on the
        other side with the link's position."""
        if not ids:
            return {}
        if table == "contacts":
            mine, theirs, other = "contact_id", "company_id", "companies"
        else:
            mine, theirs, other = "company_id", "contact_id", "contacts"
        marks = ",".join("?" * len(ids))
        sql = (
            f"SELECT l.{mine}, l.position, o.data FROM contact_company l "
            f"JOIN {other} o ON o.id = l.{theirs} "
            f"WHERE l.{mine} IN ({marks}) AND o.deleted_at IS NULL ORDER BY o.seq"
        )
        found: dict[str, list[tuple[dict[str, Any], str]]] = {i: [] for i in ids}
        for mine_id, position, data in self.db.execute(sql, list(ids)):
            found[mine_id].append((dict(json.loads(data)), str(position)))
        return found

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _table(table: str) -> str:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    return table
