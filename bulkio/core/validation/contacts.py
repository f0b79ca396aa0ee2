"""The contacts of a file: one per key, repeats are duplicates (or, in a flat file, the same
person with another company). Between batches only a compact table of keys stays."""

from __future__ import annotations

from sys import intern
from typing import Any, cast

import polars as pl

from bulkio.core.entities import Entity, Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.validation.companies import normalise_name
from bulkio.core.validation.issue_log import Batch, IssueLog
from bulkio.core.validation.kept import shared_cells
from bulkio.core.validation.records import ContactRecord, KeyKind, RecordKey

_CONTACT = Entity.CONTACT
BY, KEY = f"{_CONTACT}.__by", f"{_CONTACT}.__key"
_SEEN = {"by": pl.String, "key": pl.String, "row": pl.Int64, "hash": pl.UInt64}


class ContactBook:
    def __init__(self, log: IssueLog) -> None:
        self._log = log
        self._seen = pl.DataFrame(schema=_SEEN)  # first row and field hash of every key
        self.records: dict[RecordKey, ContactRecord] = {}
        # on a contacts sheet: e-mail -> key of contacts keyed otherwise, so a links sheet may
        # name a contact by e-mail even when it has an external id
        self.emails: dict[str, RecordKey] = {}

    def forget_rows(self, rows: set[int]) -> None:
        """Forget the contacts first seen on ``rows`` of a flat file, found invalid once the
        whole file was read (their records are dropped by the validator)."""
        self._seen = self._seen.filter(~pl.col("row").is_in(list(rows)))

    @property
    def count(self) -> int:
        """Distinct contacts taken so far."""
        return self._seen.height

    def keys(self, among: set[str]) -> set[tuple[str, str]]:
        """The (by, key) pairs taken whose key is one of ``among``: a million contacts stay
        in their table, only the few that links name become Python tuples."""
        seen = self._seen.filter(pl.col("key").is_in(list(among)))
        return set(zip(seen["by"].to_list(), seen["key"].to_list(), strict=True))

    def take(self, mapped: pl.DataFrame, chosen: pl.Series, batch: Batch) -> set[int]:
        """Take the contacts of the chosen rows; return the rows refused."""
        picked = mapped.filter(chosen)
        bodies, refused = batch.check(picked, picked[ROW_COLUMN], _CONTACT)
        person = [c for c in picked.columns if c.startswith(f"{_CONTACT}.") and c != KEY]
        keys = picked.select(
            pl.col(BY).alias("by"), pl.col(KEY).alias("key"), pl.col(ROW_COLUMN).alias("row")
        ).with_columns(picked.select(person).hash_rows().alias("hash"))  # row-wise: cheap
        # only the keys this batch holds can be seen again: filtering the table of every key
        # seen (a million by the end) for them is cheaper than joining all of it
        seen = self._seen.filter(pl.col("key").is_in(keys["key"].implode()))
        seen = seen.rename({"row": "seen_row", "hash": "seen_hash"})
        judged = (
            keys.with_columns(
                pl.col("row").first().over(["by", "key"]).alias("batch_row"),
                pl.col("hash").first().over(["by", "key"]).alias("batch_hash"),
            )
            .join(seen, on=["by", "key"], how="left", maintain_order="left")
            .with_columns(
                pl.coalesce("seen_row", "batch_row").alias("first_row"),
                pl.coalesce("seen_hash", "batch_hash").alias("first_hash"),
            )
            .with_columns(
                (pl.col("row") != pl.col("first_row")).alias("repeat"),
                (pl.col("hash") == pl.col("first_hash")).alias("same"),
                pl.Series("refused", picked[ROW_COLUMN].is_in(list(refused))),
            )
        )
        # in a flat file the same person on another row is one more company, not a duplicate
        another_company = pl.col("same") & (batch.role is Role.FLAT)
        clashes = judged.filter(pl.col("repeat") & ~pl.col("refused") & ~another_company)
        for by, value, row, first_row in clashes.select(
            "by", "key", "row", "first_row"
        ).iter_rows():
            key = RecordKey(by, value)
            self._log.add(
                f"contact {key} is also on row {first_row}; list each contact once "
                "(or list their companies on a links sheet)",
                row=row,
                sheet=batch.sheet,
                field=_CONTACT.key(_CONTACT.match_field if by == _CONTACT.match else "external_id"),
            )
            refused.add(row)
        new = ~judged["repeat"] & ~judged["refused"]
        self._seen = pl.concat([self._seen, keys.filter(new)])
        email_column = _CONTACT.key(_CONTACT.match_field)
        if batch.role is Role.CONTACTS and email_column in picked.columns:
            by_id = picked.filter(new & (picked[BY] != _CONTACT.match))
            for by, value, email in by_id.select(BY, KEY, email_column).iter_rows():
                if email:
                    self.emails.setdefault(normalise_name(str(email)), RecordKey(by, value))
        if batch.keep_records:
            self._record(picked.filter(new), bodies.filter(new), batch)
            repeats = judged.filter(pl.col("repeat") & another_company & ~pl.col("refused"))
            for by, value, row in repeats.select("by", "key", "row").iter_rows():
                record = self.records.get(RecordKey(by, value))
                if record is not None:
                    record.rows.append(row)
        return refused

    def _record(self, picked: pl.DataFrame, bodies: pl.DataFrame, batch: Batch) -> None:
        custom = bodies["custom_fields"] if "custom_fields" in bodies.columns else None
        names, cells = shared_cells(bodies.drop("custom_fields", strict=False))
        at = {name: n for n, name in enumerate(names)}
        if custom is None:
            custom_names: tuple[str, ...] = ()
            customs: list[tuple[Any, ...] | None] = [None] * bodies.height
        else:
            custom_names = tuple(custom.struct.fields)
            alike: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # equal custom values shared
            customs = [
                None if c is None else alike.setdefault(t := tuple(c.values()), t)
                for c in custom.to_list()
            ]
        records, sheet, role = self.records, batch.sheet, batch.role
        for by, value, row, row_cells, custom_cells in zip(
            picked[BY].to_list(), picked[KEY].to_list(), picked[ROW_COLUMN].to_list(),
            cells, customs, strict=True,
        ):  # fmt: skip
            by = cast(KeyKind, intern(by))  # one text for all the keys made the same way
            own = row_cells[at[by]] if by in at else None
            key = RecordKey(by, own if own == value else value)  # one text for key and field
            records[key] = ContactRecord(
                key, [row], names, row_cells, custom_names, custom_cells, sheet, role
            )
