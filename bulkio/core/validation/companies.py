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

    def keys(self) -> set[RecordKey]:
        return set(self._merged)

    def take(self, mapped: pl.DataFrame, chosen: pl.Series, batch: Batch) -> set[int]:
        """Take the companies of the chosen rows; return the rows refused."""
        columns = [c for c in mapped.columns if c.startswith(f"{_COMPANY}.")]
        fields = [c for c in columns if c not in (BY, KEY)]
        digest = pl.struct(fields).hash() if fields else pl.lit(0, pl.UInt64)
        on = ["by", "key", "__hash"]
        picked = (
            mapped.filter(chosen)
            .select(*columns, ROW_COLUMN, digest.alias("__hash"))
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
        taken: list[tuple[str, str, int]] = []
        for by, value, row_list, value_hash, body in zip(
            fresh["by"].to_list(),
            fresh["key"].to_list(),
            fresh["__rows"].to_list(),
            fresh["__hash"].to_list(),
            bodies.to_dicts(),
            strict=True,
        ):
            if row_list[0] in refused:
                refused.update(row_list)
                continue
            key = RecordKey(by, value)
            if batch.role is Role.COMPANIES and len(row_list) > 1:
                for row in row_list[1:]:
                    self._duplicate(key, row_list[0], row, batch)
                refused.update(row_list[1:])
                row_list = row_list[:1]
            if self._take_one(key, row_list, body, batch):
                taken.append((by, value, value_hash))
            else:
                refused.update(row_list)
        if taken:
            index = pl.DataFrame(taken, schema=_INDEX, orient="row")
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
                self.names.setdefault(normalise_name(str(name)), key)
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
        clash = disagreement(merged, body)
        if clash is not None:
            name, old, new = clash
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
            return False
        fill_blanks(merged, body)
        if batch.keep_records:
            record = self.records[key]
            record.rows.extend(rows)
            record.fields.update(without_custom(merged))
            record.custom_fields.update(merged.get("custom_fields") or {})
        return True

    def _duplicate(self, key: RecordKey, first: int, row: int, batch: Batch) -> None:
        self._log.add(
            f"company {key} is also on row {first}; list each company once "
            "(delete one of the rows or give them different ids)",
            row=row,
            sheet=batch.sheet,
            field=_COMPANY.key("external_id" if key.by == "external_id" else _COMPANY.match_field),
        )


def _variants(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct company variant, with the rows that carry it."""
    keys = [c for c in rows.columns if c != ROW_COLUMN]
    return rows.group_by(keys, maintain_order=True).agg(pl.col(ROW_COLUMN).alias("__rows"))


def normalise_name(name: str) -> str:
    """How names and e-mails are compared when they serve as keys: case and spacing aside."""
    return " ".join(name.lower().split())


def without_custom(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "custom_fields"}


def disagreement(known: dict[str, Any], new: dict[str, Any]) -> tuple[str, Any, Any] | None:
    """The first field two versions of a record give different non-empty values for."""
    for name, value in new.items():
        old = known.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            inner = disagreement(old, value)
            if inner is not None:
                return (f"{name}.{inner[0]}", inner[1], inner[2])
            continue
        if value is not None and old is not None and value != old:
            return name, old, value
    return None


def fill_blanks(known: dict[str, Any], new: dict[str, Any]) -> None:
    """Take the values ``new`` has where ``known`` is empty (an empty cell does not disagree)."""
    for name, value in new.items():
        old = known.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            fill_blanks(old, value)
        elif old is None and value is not None:
            known[name] = value
