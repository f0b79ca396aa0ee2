"""Prepare, the undo's first stage: the import's journal read, and what Kanbert holds now.

In: what the user named (a results workbook or a journal) and a client. Out: ``ImportRun``,
the import's journal as it is (what the run says of itself, its runs, its writes), then the
writes as ``PastWrite``s, each with the id it aimed at, and the records they touched as
Kanbert holds them now (by id, archived ones included, with their links). The plan stage
(``bulkio.core.reversal``) takes both; nothing here writes.

A write whose answer never came has no id in the journal when it was a create: the record
is looked up by the key the import used (external id, e-mail, name). One keyed only by its
row cannot be looked up; it is reported instead (``PastWrites.unresolved``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from bulkio.core.entities import Entity
from bulkio.core.errors import ConfigError, InputFileError
from bulkio.core.plan import LINK_ENTITY, Existing, Op, link_id
from bulkio.core.reversal import describe_key
from bulkio.core.trail import PastWrite, Trails
from bulkio.core.validation.records import KeyKind, RecordKey
from bulkio.journal import ActionState, JournalEntry, JournalError, JournalRun, read_journal
from bulkio.journal.naming import JOURNAL_LINE, referenced_journal
from bulkio.kanbert import KanbertClient
from bulkio.readers.results_summary import read_results_summary
from bulkio.usecases.connect import Target
from bulkio.usecases.import_matching import existing_of, find_one

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_KEY_KINDS = ("external_id", "email", "name")  # keys a record can be looked up by


@dataclass(frozen=True)
class ImportRun:
    """An import as its journal has it."""

    journal: Path
    about: Mapping[str, str]  # kind, input, mapping, target... (empty for older journals)
    runs: list[JournalRun]
    entries: list[JournalEntry]

    @property
    def input(self) -> str:
        return self.about.get("input", self.journal.name)

    @property
    def target(self) -> str:
        """Where it went: "the sandbox in ...", or the API URL."""
        return self.about.get("target", self.api_url)

    @property
    def started_at(self) -> str:
        return self.runs[0].started_at

    @property
    def api_url(self) -> str:
        return self.runs[-1].api_url

    @property
    def finished(self) -> bool:
        """Its last run ended by itself (not killed, not stopped by Ctrl-C or a failure)."""
        last = self.runs[-1]
        return last.finished_at is not None and not last.interrupted


@dataclass(frozen=True)
class PastWrites:
    writes: list[PastWrite]
    unresolved: list[str]  # writes that may have landed but cannot be found: for the report


def locate_journal(run: Path) -> Path:
    """The journal ``run`` is or names (a results workbook names its journal)."""
    if not run.exists():
        raise InputFileError(
            f"file not found: {run}",
            hint="Pass the results workbook of the import (…-results.xlsx) or its journal "
            "(…journal.sqlite); bulkio runs lists the journals in a folder.",
        )
    if run.suffix.lower() not in WORKBOOK_SUFFIXES:
        return run
    summary = read_results_summary(run)
    reference = summary.get(JOURNAL_LINE)
    if not reference:
        raise InputFileError(
            f"{run} does not name its journal (a results workbook of an older bulkio)",
            hint="Pass the journal itself (…journal.sqlite, beside the workbook); "
            "bulkio runs lists the journals in a folder.",
        )
    journal = referenced_journal(reference, run)
    if not journal.exists():
        raise InputFileError(
            f"the journal {journal} that {run} names is not there",
            hint="Pass the journal itself if it was moved; bulkio runs lists the journals "
            "in a folder.",
        )
    return journal


def read_import(journal: Path) -> ImportRun:
    """The import in ``journal``; refuses the journal of an undo, one of a bulkio that kept
    no before-images, and one with no run."""
    with read_journal(journal) as book:
        about = book.description()
        if about.get("kind") == "undo":
            again = f"bulkio import {about['input']}" if about.get("input") else "bulkio import"
            raise ConfigError(
                f"{journal} is the journal of an undo, and an undo cannot be undone",
                hint=f"To bring back what the undo took away, import the file again ({again}).",
            )
        if book.schema_version < 2:
            raise JournalError(
                f"{journal} was written by a bulkio that kept no before-images, so its "
                "import cannot be undone exactly",
                hint="Export the platform (bulkio export) and compare it with a backup instead.",
            )
        runs = book.runs()
        entries = list(book.entries())
    if not runs:
        raise JournalError(f"{journal} records no run, so there is nothing to undo")
    return ImportRun(journal, about, runs, entries)


def check_target(imported: ImportRun, target: Target, base_url: str) -> None:
    """Refuse to undo on another platform than the one the import wrote to."""
    sandbox = imported.about.get("sandbox")
    if target.sandbox is not None and sandbox and Path(sandbox) != target.sandbox.resolve():
        raise ConfigError(
            f"the import went into the sandbox in {sandbox}, not {target.sandbox}",
            hint=f"Undo it there: pass --sandbox {sandbox}",
        )
    went = imported.api_url.rstrip("/")
    if went != base_url.rstrip("/") and not (_loopback(went) and _loopback(base_url)):
        raise ConfigError(
            f"the import went to {went}, not to {base_url}",
            hint=f"Undo it where it went: pass --api-url {went} (or set KANBERT_API_URL).",
        )


def _loopback(url: str) -> bool:
    """A sandbox on this machine (its port changes from run to run)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def past_writes(client: KanbertClient, entries: Iterable[JournalEntry]) -> PastWrites:
    """The journal's writes that landed or may have, each with the id it aimed at.

    A write never sent changed nothing and is left out. One whose answer never came (``sent``)
    and that has no id yet, a create, is looked up by its key. A failed one counts only
    where Kanbert holds what it sent (see ``PastWrite.confirmed``): an import run again
    marks a write whose answer never came as failed, and it may have landed."""
    entries = [e for e in entries if e.state != ActionState.PLANNED]
    ids = _known_ids(entries)
    writes: list[PastWrite] = []
    unresolved: list[str] = []
    for entry in entries:
        target = entry.kanbert_id
        if target is None and entry.state == ActionState.SENT:
            target = _look_up(client, entry, ids)
            if target is None and _may_have_landed(entry):
                unresolved.append(_unresolved(entry))
        if target is None:
            continue
        writes.append(
            PastWrite(
                op=Op(entry.op),
                entity=entry.entity,
                key=entry.key,
                sent=entry.body,
                before=entry.before,
                kanbert_id=target,
                rows=tuple(entry.rows),
                confirmed=entry.state in (ActionState.DONE, ActionState.SENT),
            )
        )
    return PastWrites(writes, unresolved)


def _known_ids(entries: Iterable[JournalEntry]) -> dict[tuple[str, str], str]:
    """(entity, journal key) -> the record id the journal knows for it."""
    ids: dict[tuple[str, str], str] = {}
    for entry in entries:
        if entry.entity != LINK_ENTITY and entry.kanbert_id:
            ids.setdefault((entry.entity, entry.key), entry.kanbert_id)
    return ids


def _look_up(
    client: KanbertClient, entry: JournalEntry, ids: dict[tuple[str, str], str]
) -> str | None:
    """The id a write without one aimed at (a create whose answer never came; a write of an
    older journal), by the keys the import used; remembered in ``ids``."""
    if entry.entity == LINK_ENTITY:
        contact_key, _, company_key = entry.key.partition(" -> ")
        contact = _record_id(client, Entity.CONTACT, contact_key, {}, ids)
        company = _record_id(client, Entity.COMPANY, company_key, {}, ids)
        return link_id(contact, company) if contact and company else None
    entity = Entity.named(entry.entity)
    return _record_id(client, entity, entry.key, entry.body, ids) if entity else None


def _record_id(
    client: KanbertClient,
    entity: Entity,
    key: str,
    values: Mapping[str, Any],
    ids: dict[tuple[str, str], str],
) -> str | None:
    known = ids.get((entity.value, key))
    if known is not None:
        return known
    by, _, value = key.partition(":")
    if by not in _KEY_KINDS or not value:
        return None
    key_kind = cast(KeyKind, by)
    fallback = {entity.match_field: value, **values}
    record = find_one(client, entity, RecordKey(key_kind, value), fallback)
    if record is None:
        return None
    ids[(entity.value, key)] = record.id
    return record.id


def _may_have_landed(entry: JournalEntry) -> bool:
    """Whether an unanswered write whose record was not found may still have changed
    something: a change to a record the import had found, or a create no key finds again."""
    return entry.op != Op.CREATE or entry.key.partition(":")[0] not in _KEY_KINDS


def _unresolved(entry: JournalEntry) -> str:
    return (
        f"{entry.entity} {describe_key(entry.key)} (rows {', '.join(map(str, entry.rows))}): the "
        f"import's {entry.op} may have landed, but the record cannot be found by its key; "
        "look at it in Kanbert"
    )


def fetch_current(
    client: KanbertClient, trails: Trails
) -> tuple[dict[str, Existing], dict[str, Existing]]:
    """The companies and contacts the import touched as Kanbert holds them now, by id, with
    their links; a record Kanbert no longer has is absent."""
    held: list[dict[str, Existing]] = []
    for entity in (Entity.COMPANY, Entity.CONTACT):
        records = client.find_by_ids(entity, trails.ids(entity), with_links=True)
        held.append({rid: existing_of(record) for rid, record in records.items()})
    return held[0], held[1]
