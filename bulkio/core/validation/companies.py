"""The companies of a file. A flat file repeats each company on every contact row: identical
repeats merge silently, rows that disagree about a value are issues naming both rows."""

from __future__ import annotations

from typing import Any

import polars as pl

from bulkio.core.entities import Entity, Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.validation.issue_log import Batch, IssueLog
from bulkio.core.validation.records import CompanyRecord, RecordKey

_COMPANY = Entity.COMPANY
BY, KEY = f"{_COMPANY}.__by", f"{_COMPANY}.__key"
_INDEX = {"by": pl.String, "key": pl.String, "__hash": pl.UInt64}


class CompanyBook:
    def __init__(self, log: IssueLog) -> None:
        self._log = log
        # companies are few: their merged bodies stay, to name the field two rows disagree on
        self._merged: dict[RecordKey, tuple[int, dict[str, Any]]] = {}
        self._index = pl.DataFrame(schema=_INDEX)  # (key, hash of values) already taken
        self.records: dict[RecordKey, CompanyRecord] = {}
        # normalised name -> key, so "Company (external ID or name)" finds a company by name
        # even when the company is keyed by its external id
        self.names: dict[str, RecordKey] = {}
        self.spelled: dict[str, str] = {}  # normalised name -> the name as the file writes it
        # (key, row, body, batch) of rows refused for other problems, compared at the end
        self._pending: list[tuple[RecordKey, int, dict[str, Any], Batch]] = []

    def keys(self) -> set[RecordKey]:
        return set(self._merged)

    def named_count(self) -> int:
        """The companies some row gave a name (a company never named is not imported)."""
        return sum(1 for key in self._merged if self.named(key))

    def named(self, key: RecordKey) -> bool:
        """Whether some row of the company ``key`` gave it a name."""
        known = self._merged.get(key)
        return known is not None and known[1].get(_COMPANY.match_field) is not None

    def take(self, mapped: pl.DataFrame, chosen: pl.Series, batch: Batch) -> set[int]:
        """Take the companies of the chosen rows; return the rows refused."""
        columns = [c for c in mapped.columns if c.startswith(f"{_COMPANY}.")]
        fields = [c for c in columns if c not in (BY, KEY)]
        rows = mapped.filter(chosen)
        # the values hashed row-wise (several times cheaper than hashing a struct of them)
        digest = (
            rows.select(fields).hash_rows()
            if fields
            else pl.repeat(0, rows.height, dtype=pl.UInt64, eager=True)
        )
        on = ["by", "key", "__hash"]
        picked = (
            rows.select(*columns, ROW_COLUMN)
            .with_columns(digest.alias("__hash"))
            .rename({BY: "by", KEY: "key"})
        )
        # a row repeating a variant already taken (same key, same values) needs no further
        # look: a flat file repeats each company on every contact row
        fresh = _variants(picked.join(self._index, on=on, how="anti", maintain_order="left"))
        refused: set[int] = set()
        if batch.role is Role.COMPANIES or batch.keep_records:
            seen = _variants(picked.join(self._index, on=on, how="semi", maintain_order="left"))
            for by, value, rows in seen.select("by", "key", "__rows").iter_rows():
                key = RecordKey(by, value)
                if batch.role is Role.COMPANIES:
                    for row in rows:
                        self._duplicate(key, self._merged[key][0], row, batch)
                    refused.update(rows)
                else:
                    self.records[key].rows.extend(rows)
        bodies, refused_bodies = batch.check(fresh, fresh["__rows"].list.first(), _COMPANY)
        refused |= refused_bodies
        taken: list[bool] = []  # per variant of ``fresh``: whether it was taken
        for by, value, row_list, body in zip(
            fresh["by"].to_list(),
            fresh["key"].to_list(),
            fresh["__rows"].to_list(),
            _shared_bodies(bodies),
            strict=True,
        ):
            if row_list[0] in refused:
                refused.update(row_list)
                taken.append(False)
                continue
            key = RecordKey(by, value)
            if batch.role is Role.COMPANIES and len(row_list) > 1:
                for row in row_list[1:]:
                    self._duplicate(key, row_list[0], row, batch)
                refused.update(row_list[1:])
                row_list = row_list[:1]
            took = self._take_one(key, row_list, body, batch)
            taken.append(took)
            if not took:
                refused.update(row_list)
        if any(taken):  # the variants taken join the index, straight from the frame
            index = fresh.filter(pl.Series(taken, dtype=pl.Boolean)).select(list(_INDEX))
            self._index = pl.concat([self._index, index])
        return refused

    def _take_one(
        self, key: RecordKey, rows: list[int], body: dict[str, Any], batch: Batch
    ) -> bool:
        known = self._merged.get(key)
        if known is None:
            self._merged[key] = (rows[0], body)
            name = body.get("company_name")
            if name:
                normalised = normalise_name(str(name))
                self.names.setdefault(normalised, key)
                self.spelled.setdefault(normalised, str(name))
            if batch.keep_records:
                custom = dict(body.get("custom_fields") or {})
                self.records[key] = CompanyRecord(
                    key, list(rows), without_custom(body), custom, batch.sheet, batch.role
                )
            return True
        first_row, merged = known
        if batch.role is Role.COMPANIES:
            for row in rows:
                self._duplicate(key, first_row, row, batch)
            return False
        if self._clashes(key, first_row, merged, rows, body, batch):
            return False
        fill_blanks(merged, body)
        if batch.keep_records:
            record = self.records[key]
            record.rows.extend(rows)
            record.fields.update(without_custom(merged))
            record.custom_fields.update(merged.get("custom_fields") or {})
        return True

    def _clashes(
        self,
        key: RecordKey,
        first_row: int,
        known: dict[str, Any],
        rows: list[int],
        body: dict[str, Any],
        batch: Batch,
    ) -> bool:
        """Say every field in which ``body`` (of ``rows``) disagrees with the company as
        known from ``first_row``; whether there was any."""
        clashes = disagreements(known, body)
        for name, old, new in clashes:
            for row in rows:
                self._log.add(
                    f"company {key} is on row {first_row} with {name} '{old}' but here with "
                    f"'{new}'; make the rows agree",
                    row=row,
                    column=batch.source_of(_COMPANY.key(name)),
                    value=None if new is None else str(new),
                    sheet=batch.sheet,
                    field=_COMPANY.key(name),
                )
        return bool(clashes)

    def compare_later(self, mapped: pl.DataFrame, chosen: pl.Series, batch: Batch) -> None:
        """Rows refused for other problems still say where their company disagrees with the
        file's (all problems at once): compared in ``compare_pending`` once all is read."""
        picked = mapped.filter(chosen)
        if picked.height == 0 or batch.role is not Role.FLAT:
            return
        bodies = picked.select(
            [pl.col(c).alias(c.removeprefix(f"{_COMPANY}."))
             for c in picked.columns if c.startswith(f"{_COMPANY}.") and c not in (BY, KEY)]
        )  # fmt: skip
        for by, value, row, body in zip(
            picked[BY].to_list(), picked[KEY].to_list(), picked[ROW_COLUMN].to_list(),
            bodies.to_dicts(), strict=True,
        ):  # fmt: skip
            if by != "row":
                self._pending.append((RecordKey(by, value), row, body, batch))

    def compare_pending(self) -> None:
        for key, row, body, batch in self._pending:
            known = self._merged.get(key)
            if known is not None:
                self._log.role = batch.role
                self._clashes(key, known[0], known[1], [row], body, batch)
        self._pending.clear()

    def _duplicate(self, key: RecordKey, first: int, row: int, batch: Batch) -> None:
        self._log.add(
            f"company {key} is also on row {first}; list each company once "
            "(delete one of the rows or give them different ids)",
            row=row,
            sheet=batch.sheet,
            field=_COMPANY.key("external_id" if key.by == "external_id" else _COMPANY.match_field),
        )


def _shared_bodies(bodies: pl.DataFrame) -> list[dict[str, Any]]:
    """The bodies as dicts, with each text a column repeats (a town, a country) one string
    shared by its rows: the bodies of a file's companies stay in memory until the end.
    Built column by column (a frame's ``to_dicts`` goes row by row, several times slower);
    a column whose texts are all different has nothing to share and is left as it is."""
    names = bodies.columns
    shared: dict[str, str] = {}
    share = shared.setdefault
    columns: list[list[Any]] = []
    for name in names:
        column = bodies[name]
        values = column.to_list()
        if column.dtype == pl.String and column.n_unique() < column.len():
            values = [v if v is None else share(v, v) for v in values]
        columns.append(values)
    if not columns:
        return [{} for _ in range(bodies.height)]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _variants(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct company variant, with the rows that carry it. A variant is
    told by its key and the hash of its values, as the index of variants taken tells them
    (grouping by every value column costs several times more)."""
    values = [c for c in rows.columns if c not in (ROW_COLUMN, "by", "key", "__hash")]
    return rows.group_by(["by", "key", "__hash"], maintain_order=True).agg(
        pl.col(values).first(), pl.col(ROW_COLUMN).alias("__rows")
    )


def normalise_name(name: str) -> str:
    """How names and e-mails are compared when they serve as keys: case and spacing aside."""
    return " ".join(name.lower().split())


def without_custom(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "custom_fields"}


def disagreements(known: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Every field two versions of a record give different non-empty values for."""
    found: list[tuple[str, Any, Any]] = []
    for name, value in new.items():
        old = known.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            found += [(f"{name}.{n}", o, v) for n, o, v in disagreements(old, value)]
        elif value is not None and old is not None and value != old:
            found.append((name, old, value))
    return found


def fill_blanks(known: dict[str, Any], new: dict[str, Any]) -> None:
    """Take the values ``new`` has where ``known`` is empty (an empty cell does not disagree)."""
    for name, value in new.items():
        old = known.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            fill_blanks(old, value)
        elif old is None and value is not None:
            known[name] = value
