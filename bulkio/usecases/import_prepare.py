"""Prepare, the import's first stage: the checked file as the records Kanbert should hold,
and what Kanbert holds of them already.

In: a ``CheckResult`` (the file read and validated, its records kept) and a client. Out:
``Prepared``, every record with its labels resolved to ids (``Desired``), the records links
name by reference as Kanbert holds them, the rows whose labels or references Kanbert does not
know (row problems) and the look-ups themselves (the preview shows an id by its label); then
``Found``, the records Kanbert holds under the same keys (see ``import_matching``), with what
finding them cost. The plan stage (``bulkio.core.plan``) takes both; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bulkio.core.entities import Entity, Role
from bulkio.core.errors import ConfigError
from bulkio.core.issues import RowIssue, Severity
from bulkio.core.lookups import Lookup
from bulkio.core.mapping.binding import bind
from bulkio.core.mapping.columns import columns_for
from bulkio.core.mapping.custom_aliases import check_custom_aliases
from bulkio.core.plan import Existing, journal_key
from bulkio.core.resolve import Desired, ReferenceTables, reference_tables, resolve
from bulkio.core.validation.records import CompanyRecord, ContactRecord, LinkRecord, RecordKey
from bulkio.kanbert import KanbertClient
from bulkio.usecases.check import CheckResult
from bulkio.usecases.import_matching import (
    Matching,
    References,
    find_by_ids,
    find_companies,
    find_contacts,
    find_linked_companies,
    find_references,
)

_R = TypeVar("_R")


@dataclass(frozen=True)
class Prepared:
    """The records as the file wants them, labels resolved."""

    companies: list[Desired]
    contacts: list[Desired]
    links: list[LinkRecord]
    issues: list[RowIssue]  # labels Kanbert does not know: those records are left out
    columns: Mapping[str, str]  # target (``contact.email``) -> the column it is read from
    tables: ReferenceTables  # the platform's look-ups
    requests: int  # the requests fetching the look-ups (and the references) took
    # the records links name by reference (the file does not hold them), as Kanbert holds them
    referenced: Mapping[Entity, Mapping[RecordKey, Existing]] = field(default_factory=dict)


@dataclass(frozen=True)
class Found:
    """What Kanbert holds of the prepared records, by their keys."""

    companies: dict[RecordKey, Existing]
    contacts: dict[RecordKey, Existing]
    requests: int  # the reads it took
    warnings: list[RowIssue] = field(default_factory=list)  # e.g. names filters did not find

    def ids(self) -> dict[tuple[str, str], str]:
        """(entity, journal key) -> Kanbert id of every record found."""
        return {
            (entity.value, journal_key(key)): existing.id
            for entity, held in ((Entity.COMPANY, self.companies), (Entity.CONTACT, self.contacts))
            for key, existing in held.items()
        }


def prepare(check: CheckResult, client: KanbertClient, *, erase_empty: bool = False) -> Prepared:
    """Resolve the checked records' labels (countries, users, tags...) against the
    platform's look-up lists, fetched once. Raises MappingError when the mapping names
    custom fields the platform lacks. The check's records are taken over (see
    ``take_records``); empty cells are kept in the values only for ``erase_empty``."""
    before = client.stats.requests_sent
    lists: dict[Lookup, list[dict[str, Any]]] = {}
    for fetched in client.run_all(tuple(Lookup), client.lookup):
        lists[fetched.item] = fetched.value or []
    tables = reference_tables(lists)
    # a misspelt alias would fail on every row: stop before anything is sent
    check_custom_aliases(check.mapping.mapping, tables.custom_fields, source=check.mapping.name)
    columns = target_columns(check)
    companies, contacts, links = take_records(check)
    resolved = resolve(
        _drained(companies), _drained(contacts), tables, columns, keep_empty=erase_empty
    )
    references = find_references(client, links)
    links, unfound = _referenced_links(links, references, check)
    rows = {(issue.sheet, issue.row) for issue in unfound}
    kept = (
        [d for d in resolved.contacts if not any((d.sheet, r) in rows for r in d.rows)]
        if rows
        else resolved.contacts
    )
    return Prepared(
        resolved.companies,
        kept,
        links,
        [*resolved.issues, *unfound],
        columns,
        tables,
        client.stats.requests_sent - before,
        references.found,
    )


def take_records(
    check: CheckResult,
) -> tuple[list[CompanyRecord], list[ContactRecord], list[LinkRecord]]:
    """The check's records, handed over to the import: the check keeps its counts, problems
    and copies but no longer the records, so a million rows' values are held once (the
    import resolves them in place, see ``resolve``)."""
    validation = check.validation
    taken = validation.companies, validation.contacts, validation.links
    validation.companies, validation.contacts, validation.links = [], [], []
    return taken


def _drained(records: list[_R]) -> Iterator[_R]:
    """The records one by one, each let go of once handed on: a million contacts' values
    are then held once, as the resolved records' values, never beside their records."""
    records.reverse()
    while records:
        yield records.pop()


def _referenced_links(
    links: Sequence[LinkRecord], references: References, check: CheckResult
) -> tuple[list[LinkRecord], list[RowIssue]]:
    """The links whose references Kanbert knows, and a row problem for each other one (the
    contact on a contacts sheet's row is then left out too, as for an unknown label)."""
    kept: list[LinkRecord] = []
    issues: list[RowIssue] = []
    columns = _columns_by_sheet(check)
    for link in links:
        problems = [
            (entity, key.value, references.unfound[(entity, key.value)])
            for entity, key in (
                (Entity.CONTACT, link.contact_key),
                (Entity.COMPANY, link.company_key),
            )
            if key.by == "ref" and (entity, key.value) in references.unfound
        ]
        if not problems:
            kept.append(link)
        for entity, ref, records in problems:
            # a contacts sheet names its row's company in the column of "contact.company"
            own_row = link.role is Role.CONTACTS and entity is Entity.COMPANY
            column = columns.get((link.sheet, "contact.company" if own_row else f"link.{entity}"))
            issues.append(
                RowIssue(
                    _unfound(entity, ref, records),
                    row=link.row,
                    column=column,
                    value=ref,
                    sheet=link.sheet,
                    field=f"link.{entity}",
                )
            )
    return kept, issues


def _unfound(entity: Entity, ref: str, records: int) -> str:
    by = "name" if entity is Entity.COMPANY else "e-mail"
    if records == 0:
        return (
            f"{entity} '{ref}' is neither in this file nor in Kanbert (looked up by external ID "
            f"and exact {by}); add it to the {entity.plural} or correct the value"
        )
    return (
        f"{records} {entity.plural} in Kanbert have the {by} '{ref}'; write the External ID of "
        "the one you mean"
    )


def find_existing(
    client: KanbertClient,
    prepared: Prepared,
    check: CheckResult,
    created: Mapping[tuple[str, str], str],
    *,
    matching: Matching | str = Matching.AUTO,
) -> Found:
    """The records Kanbert holds under the prepared records' keys. ``created`` is what the
    earlier runs of this same import saw created (the journal gives no other run's ids),
    (entity, journal key) -> id: records keyed only by their row are found again by it.
    ``matching`` says how records are looked for by name or e-mail (see ``Matching``)."""
    before = client.stats.requests_sent
    keys = check.mapping.mapping
    how = matching_of(matching)
    by_name = find_companies(
        client, prepared.companies, match_names=keys.company.key.match == "name", matching=how
    )
    companies = by_name.found
    contacts = find_contacts(
        client, prepared.contacts, match_emails=keys.contact.key.match == "email", matching=how
    ).found
    companies |= find_by_ids(client, Entity.COMPANY, _by_row(prepared.companies, created))
    companies |= find_linked_companies(client, prepared.links, prepared.companies)
    contacts |= find_by_ids(client, Entity.CONTACT, _by_row(prepared.contacts, created))
    companies |= prepared.referenced.get(Entity.COMPANY, {})
    contacts |= prepared.referenced.get(Entity.CONTACT, {})
    warnings = [missed_names_warning(by_name.missed)] if by_name.missed else []
    return Found(companies, contacts, client.stats.requests_sent - before, warnings)


def matching_of(matching: Matching | str) -> Matching:
    """``matching`` as a ``Matching``; ConfigError naming the choices when it is none."""
    try:
        return Matching(matching)
    except ValueError:
        choices = ", ".join(m.value for m in Matching)
        raise ConfigError(f"unknown matching '{matching}'; use one of: {choices}") from None


SHOWN_NAMES = 3


def missed_names_warning(names: Sequence[str]) -> RowIssue:
    """One warning for the companies matched by name that filters did not find: Kanbert
    may hold some of them spelt otherwise, and the import would create them again."""
    shown = ", ".join(f"'{n}'" for n in names[:SHOWN_NAMES])
    more = f" and {len(names) - SHOWN_NAMES:,} more" if len(names) > SHOWN_NAMES else ""
    companies = "1 company" if len(names) == 1 else f"{len(names):,} companies"
    were = "was" if len(names) == 1 else "were"
    return RowIssue(
        f"{companies} matched by name ({shown}{more}) {were} not found in Kanbert by their name "
        "as written, tidied, in lower or upper case or capitalised; one Kanbert holds in "
        "another spelling (e.g. 'muster GmbH') would be created again. To compare every "
        "company in Kanbert, case and spacing aside, run the import with --matching scan "
        "(one request per 100 companies)",
        severity=Severity.WARNING,
    )


def _by_row(
    desired: Sequence[Desired], created: Mapping[tuple[str, str], str]
) -> dict[RecordKey, str]:
    """The records matched by row only that an earlier run created: key -> their id."""
    found: dict[RecordKey, str] = {}
    for d in desired:
        kanbert_id = created.get((d.entity.value, journal_key(d.key)))
        if d.key.by == "row" and kanbert_id is not None:
            found[d.key] = kanbert_id
    return found


def target_columns(check: CheckResult) -> dict[str, str]:
    """Target (``contact.email``) -> the spreadsheet column it is read from (as the sheet
    names it, see binding.py)."""
    found: dict[str, str] = {}
    for (_, target), column in _columns_by_sheet(check).items():
        found.setdefault(target, column)
    return found


def _columns_by_sheet(check: CheckResult) -> dict[tuple[str | None, str], str]:
    """(sheet, target) -> the column of that sheet the target is read from."""
    found: dict[tuple[str | None, str], str] = {}
    for sheet in check.sheets:
        bound = bind(check.mapping.mapping, sheet.role, sheet.columns).mapping
        for column, targets in columns_for(bound, sheet.role).items():
            for t in targets:
                found.setdefault((sheet.sheet, t), column)
    return found


def invalid_rows_stop(check: CheckResult, report: Path) -> str | None:
    """Why nothing is sent when the file has invalid rows, or None when it has none."""
    if check.ok:
        return None
    invalid = check.validation.rows_invalid
    are = "row is" if invalid == 1 else "rows are"
    return (
        f"{invalid:,} {are} invalid; nothing was sent. Fix {_them(invalid)} (see {report}) "
        "or pass --skip-invalid to import the valid rows only"
    )


def unknown_labels_stop(prepared: Prepared, report: Path) -> str | None:
    """Why nothing is sent when rows name values Kanbert does not know, or None."""
    if not prepared.issues:
        return None
    rows = len({(i.sheet, i.row) for i in prepared.issues})
    name = "row names" if rows == 1 else "rows name"
    return (
        f"{rows:,} {name} values Kanbert does not know; nothing was sent. Fix {_them(rows)} "
        f"(see {report}) or pass --skip-invalid to import the others"
    )


def _them(rows: int) -> str:
    return "it" if rows == 1 else "them"
