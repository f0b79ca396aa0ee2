"""The contacts of a file: one per key, repeats are duplicates (or, in a flat file, the same
person with another company). Between batches only a compact table of keys stays, and the
contacts kept for an import as columns (their records are made once the file is read)."""

from __future__ import annotations

from sys import intern
from typing import cast

import polars as pl

from bulkio.core.entities import Entity, Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.record_values import CompactValues, Packed
from bulkio.core.validation.companies import normalise_name
from bulkio.core.validation.issue_log import Batch, IssueLog
from bulkio.core.validation.records import ContactRecord, KeyKind, RecordKey

_CONTACT = Entity.CONTACT
BY, KEY = f"{_CONTACT}.__by", f"{_CONTACT}.__key"
_SHARED = {f.name for f in _CONTACT.fields if f.lookup is not None} | {"external_origin"}
_SEEN = {"by": pl.String, "key": pl.String, "row": pl.Int64, "hash": pl.UInt64}


class ContactBook:
    def __init__(self, log: IssueLog) -> None:
        self._log = log
        self._seen = pl.DataFrame(schema=_SEEN)  # first row and field hash of every key
        self._records: dict[RecordKey, ContactRecord] = {}
        # the contacts kept while the check reads on, a batch's keys and packed values at a
        # time (columns, not a million Python objects beside the batch being checked), and
        # the later rows of the same person (a flat file's other companies): made records
        # when first asked for (``records``)
        self._kept: list[tuple[pl.DataFrame, Packed, str | None, Role]] = []
        self._repeats: list[tuple[str, str, int]] = []
        # a kept contact's texts are one string; labels that repeat (a country, an owner)
        # and the mapping's origin are shared by the records alike (see ``record_values``)
        self._compact = CompactValues(shared=_SHARED)
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
            keys = picked.filter(new).select(BY, KEY, ROW_COLUMN)
            self._kept.append(
                (keys, self._compact.pack(bodies.filter(new)), batch.sheet, batch.role)
            )
            repeats = judged.filter(pl.col("repeat") & another_company & ~pl.col("refused"))
            self._repeats += repeats.select("by", "key", "row").iter_rows()
        return refused

    @property
    def records(self) -> dict[RecordKey, ContactRecord]:
        """The contacts kept, by key (made from the batches kept so far when asked for)."""
        if self._kept or self._repeats:
            self._make_records()
        return self._records

    def _make_records(self) -> None:
        kept, self._kept = self._kept, []
        kept.reverse()
        records = self._records
        while kept:  # each batch's columns let go of once its records are made
            keys, packed, sheet, role = kept.pop()
            for by, value, row, held in zip(
                keys[BY].to_list(), keys[KEY].to_list(), keys[ROW_COLUMN].to_list(),
                self._compact.unpack(packed), strict=True,
            ):  # fmt: skip
                by = cast(KeyKind, intern(by))  # one text for all the keys made the same way
                key = RecordKey(by, value)
                records[key] = ContactRecord(key, (row,), held, sheet, role)
        for by, value, row in self._repeats:
            record = records.get(RecordKey(cast(KeyKind, by), value))
            if record is not None:
                record.rows = (*record.rows, row)
        self._repeats = []
