"""Finding what Kanbert already holds of an import, in as few requests as possible.

Companies: by ``external_id`` in ``in`` chunks (many keys per request, archived ones
included so they can be restored instead of duplicated); those that must be matched by name
(no external id, or an external id Kanbert does not know and the mapping allows the name
fallback) as ``Matching`` says: ``scan`` reads every company (pages of 100) and compares
names case and spacing aside; ``filter`` looks the names up with ``in`` filters, each in its
usual spellings (``import_spellings``), and warns that a company spelt otherwise in Kanbert
is not found; ``auto`` (the default) reads the first pages while they cost no more than the
filters would, and uses them when that was every company (a small platform), else filters.
Contacts: by ``external_id`` in ``in`` chunks, then by e-mail for those without a match
(when the mapping allows the e-mail fallback), the same three ways (filters send the e-mail
as typed and in lower case); each with its companies included so links are diffed too.
A record found by the fallback is taken only when it has no external id of its own or the
same one.
References (a link's company or contact the file does not hold, ``ref`` keys): by external
id in ``in`` chunks, then by exact name or e-mail in ``in`` chunks, live records only; a
name two records share finds neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bulkio.core.entities import Entity
from bulkio.core.plan import Existing, normal_key
from bulkio.core.resolve import Desired
from bulkio.core.validation.records import LinkRecord, RecordKey
from bulkio.kanbert import KanbertClient, NotFoundError, Record
from bulkio.usecases.import_spellings import email_spellings, name_spellings

# How a record is found when its external id is not enough: (its key kind, the field).
FALLBACK: Mapping[Entity, tuple[str, str]] = {
    Entity.COMPANY: ("name", "company_name"),
    Entity.CONTACT: ("email", "email"),
}


def existing_of(record: Record) -> Existing:
    """A fetched record in the shape the plan compares."""
    return Existing(
        id=record.id, values=dict(record.values), archived=record.archived, links=dict(record.links)
    )


class Matching(StrEnum):
    """How records without a known external id are looked for by name or e-mail."""

    AUTO = "auto"  # read every record while that costs no more than filters, else filter
    FILTER = "filter"  # ``in`` filters on the name or e-mail, in its usual spellings
    SCAN = "scan"  # read every record: any spelling is found; one request per 100 records


@dataclass(frozen=True)
class Matched:
    """The existing records by the import's keys; ``missed``: the names (or e-mails) that
    ``in`` filters looked up in vain (Kanbert may hold them in another spelling)."""

    found: dict[RecordKey, Existing]
    missed: list[str] = field(default_factory=list)


def find_companies(
    client: KanbertClient,
    desired: Sequence[Desired],
    *,
    match_names: bool,
    matching: Matching = Matching.AUTO,
) -> Matched:
    """The existing companies by the import's keys."""
    found = _by_external_id(client, Entity.COMPANY, desired)
    wanted = [d for d in desired if d.key not in found and _fallback_allowed(d, match_names)]
    missed = _by_fallback(client, Entity.COMPANY, wanted, matching, found) if wanted else []
    return Matched(found, missed)


def find_contacts(
    client: KanbertClient,
    desired: Sequence[Desired],
    *,
    match_emails: bool,
    matching: Matching = Matching.AUTO,
) -> Matched:
    """The existing contacts (with their links) by the import's keys."""
    found = _by_external_id(client, Entity.CONTACT, desired)
    wanted = [d for d in desired if d.key not in found and _fallback_allowed(d, match_emails)]
    missed = _by_fallback(client, Entity.CONTACT, wanted, matching, found) if wanted else []
    return Matched(found, missed)


def _by_fallback(
    client: KanbertClient,
    entity: Entity,
    wanted: Sequence[Desired],
    matching: Matching,
    found: dict[RecordKey, Existing],
) -> list[str]:
    """Find ``wanted`` by name or e-mail into ``found`` (see the module docstring); return
    the values filters looked up in vain."""
    _, name = FALLBACK[entity]
    with_links = entity is Entity.CONTACT
    values = [_fallback(d) or "" for d in wanted]
    records: Iterable[Record] | None = None
    if matching is Matching.SCAN:
        records = client.iter_records(entity, with_links=with_links, include_archived=True)
    else:
        spell = name_spellings if entity is Entity.COMPANY else email_spellings
        case = client.filters_match_case
        spellings = [s for value in values for s in spell(value, case_matters=case)]
        if matching is Matching.AUTO:
            budget = client.find_by_requests(entity, name, spellings, with_links=with_links)
            pages, complete = client.first_pages(
                entity, budget, with_links=with_links, include_archived=True
            )
            records = pages if complete else None
    by_filter = records is None
    if records is None:
        records = client.find_by(entity, name, spellings, with_links=with_links)
    grouped = _group(records, name)
    missed: list[str] = []
    for want, value in zip(wanted, values, strict=True):
        hit = _pick(grouped.get(normal_key(value), []), want)
        if hit is not None:
            found[want.key] = existing_of(hit)
        elif by_filter:
            missed.append(value)
    return missed


def find_linked_companies(
    client: KanbertClient, links: Iterable[LinkRecord], desired: Sequence[Desired]
) -> dict[RecordKey, Existing]:
    """The companies links name by an external id that the file does not hold (a contacts
    export whose companies came in an earlier import, 'unknown_company: kanbert'), as Kanbert
    holds them; an archived one is left out (a link to it would not show)."""
    have = {d.key for d in desired}
    keys = sorted(
        {
            link.company_key.value
            for link in links
            if link.company_key.by == "external_id" and link.company_key not in have
        }
    )
    if not keys:
        return {}
    records = client.find_by_external_ids(Entity.COMPANY, keys)
    return {
        RecordKey("external_id", value): existing_of(record)
        for value, record in records.items()
        if not record.archived
    }


@dataclass(frozen=True)
class References:
    """What Kanbert holds of the records links name by reference (``ref`` keys)."""

    found: dict[Entity, dict[RecordKey, Existing]]
    unfound: dict[tuple[Entity, str], int]  # (entity, reference) -> records it names: 0 or 2+


def find_references(client: KanbertClient, links: Iterable[LinkRecord]) -> References:
    """The companies and contacts links name by reference, looked up in Kanbert: by
    external id, else by exact company name or contact e-mail (see the module docstring)."""
    links = list(links)
    found: dict[Entity, dict[RecordKey, Existing]] = {entity: {} for entity in Entity}
    unfound: dict[tuple[Entity, str], int] = {}
    for entity in Entity:
        keys = (
            link.contact_key if entity is Entity.CONTACT else link.company_key for link in links
        )
        refs = sorted({key.value for key in keys if key.by == "ref"})
        if not refs:
            continue
        with_links = entity is Entity.CONTACT
        held = found[entity]
        for ref, record in client.find_by_external_ids(entity, refs, with_links=with_links).items():
            if not record.archived:
                held[RecordKey("ref", ref)] = existing_of(record)
        rest = [ref for ref in refs if RecordKey("ref", ref) not in held]
        if not rest:
            continue
        _, field = FALLBACK[entity]
        live = (
            r for r in client.find_by(entity, field, rest, with_links=with_links) if not r.archived
        )
        named = _group(live, field)
        for ref in rest:
            hits = named.get(normal_key(ref), [])
            if len(hits) == 1:
                held[RecordKey("ref", ref)] = existing_of(hits[0])
            else:
                unfound[(entity, ref)] = len(hits)
    return References(found, unfound)


def find_by_ids(
    client: KanbertClient, entity: Entity, ids: Mapping[RecordKey, str]
) -> dict[RecordKey, Existing]:
    """Records an earlier run created, by the id its journal kept (for keys nothing else
    finds them by); one that is gone meanwhile is left out."""
    found: dict[RecordKey, Existing] = {}
    for key, kanbert_id in ids.items():
        try:
            found[key] = existing_of(
                client.get(entity, kanbert_id, with_links=entity == Entity.CONTACT)
            )
        except NotFoundError:
            continue
    return found


def find_one(
    client: KanbertClient, entity: Entity, key: RecordKey, values: Mapping[str, object]
) -> Record | None:
    """The record of ``key`` if Kanbert has it now (after a write whose answer was lost);
    ``values`` are the ones sent, for the e-mail or name fallback."""
    want = Desired(entity, key, [], dict(values))
    if key.by == "external_id":
        records = client.find_by_external_ids(entity, [key.value])
        if key.value in records:
            return records[key.value]
    value = _fallback(want)
    if value is None or key.by == "row":
        return None
    _, field = FALLBACK[entity]
    grouped = _group(client.find_by(entity, field, [value]), field)
    return _pick(grouped.get(normal_key(value), []), want)


def _by_external_id(
    client: KanbertClient, entity: Entity, desired: Sequence[Desired]
) -> dict[RecordKey, Existing]:
    """The records keyed by external id, looked up many ids per request."""
    by_ext = [d for d in desired if d.key.by == "external_id"]
    if not by_ext:
        return {}
    records = client.find_by_external_ids(
        entity, [d.key.value for d in by_ext], with_links=entity == Entity.CONTACT
    )
    return {d.key: existing_of(records[d.key.value]) for d in by_ext if d.key.value in records}


def _fallback_allowed(want: Desired, allowed: bool) -> bool:
    """Whether ``want`` is looked for by its e-mail or name: it is its key, or its external
    id found nothing and the mapping allows the fallback."""
    if _fallback(want) is None:
        return False
    by, _ = FALLBACK[want.entity]
    return want.key.by == by or (allowed and want.key.by == "external_id")


def _group(records: Iterable[Record], field: str) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for record in records:
        value = record.text(field)
        if value is not None:
            grouped.setdefault(normal_key(value), []).append(record)
    return grouped


def _pick(candidates: Sequence[Record], want: Desired) -> Record | None:
    """The candidate a fallback match may take: its external id is empty or the same;
    a live record before an archived one."""
    own = want.key.value if want.key.by == "external_id" else want.values.get("external_id")
    fitting = [c for c in candidates if c.text("external_id") in (None, own)]
    fitting.sort(key=lambda c: c.archived)
    return fitting[0] if fitting else None


def _fallback(want: Desired) -> str | None:
    _, field = FALLBACK[want.entity]
    value = want.values.get(field)
    return value if isinstance(value, str) and value.strip() else None
