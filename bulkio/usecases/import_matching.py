"""Finding what Kanbert already holds of an import, in as few requests as possible.

Companies: by ``external_id`` in ``in`` chunks (many keys per request, archived ones
included so they can be restored instead of duplicated); when some must be matched by name
(no external id, or an external id Kanbert does not know and the mapping allows the name
fallback), one pass through every company instead (pages of 100).
Contacts: by ``external_id`` in ``in`` chunks, then by e-mail in ``in`` chunks for those
without a match (when the mapping allows the e-mail fallback), each with its companies
included so links are diffed too. A record found by the fallback is taken only when it has
no external id of its own or the same one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from bulkio.core.fields import Entity
from bulkio.core.plan import Existing, Op, RecordAction, normal_key
from bulkio.core.resolve import Desired
from bulkio.core.validation.records import LinkRecord, RecordKey
from bulkio.kanbert import KanbertClient, wire

KEY_BUDGET = 3000  # characters of keys per ``in`` filter


def existing_of(record: Mapping[str, Any], resource: str) -> Existing:
    """A fetched record in the shape the plan compares."""
    return Existing(
        id=wire.record_id(record),
        values=wire.record_values(record),
        archived=wire.is_archived(record),
        links=wire.linked_positions(record, resource) if resource == wire.CONTACTS else {},
    )


def _by_external_id(
    client: KanbertClient,
    resource: str,
    desired: Sequence[Desired],
    *,
    include: Sequence[str] = (),
) -> dict[RecordKey, Existing]:
    """The records keyed by external id, looked up many ids per request."""
    by_ext = [d for d in desired if d.key.by == "external_id"]
    if not by_ext:
        return {}
    records = client.find_by_external_ids(resource, [d.key.value for d in by_ext], include=include)
    return {
        d.key: existing_of(records[d.key.value], resource) for d in by_ext if d.key.value in records
    }


def find_companies(
    client: KanbertClient, desired: Sequence[Desired], *, match_names: bool
) -> tuple[dict[RecordKey, Existing], int]:
    """The existing companies by the import's keys, and the requests it cost."""
    before = client.stats.requests_sent
    found = _by_external_id(client, wire.COMPANIES, desired)
    wanted = [
        d
        for d in desired
        if d.key not in found
        and _name(d) is not None
        and (d.key.by == "name" or (match_names and d.key.by == "external_id"))
    ]
    if wanted:
        by_name = _index_all_companies(client)
        for d in wanted:
            candidates = by_name.get(normal_key(_name(d) or ""), [])
            hit = _pick(candidates, d)
            if hit is not None:
                found[d.key] = existing_of(hit, wire.COMPANIES)
    return found, client.stats.requests_sent - before


def linked_companies(
    client: KanbertClient, links: Iterable[LinkRecord], planned: Iterable[RecordAction]
) -> tuple[list[RecordAction], int]:
    """The companies links name by an external id that this file does not hold (a contacts
    export whose companies came in an earlier import, 'unknown_company: kanbert'), as found
    in Kanbert: nothing to write, but their ids for the links. And the requests it cost."""
    have = {action.key for action in planned}
    wanted = sorted(
        {link.company_key.value for link in links if link.company_key.by == "external_id"}
        - {key.value for key in have if key.by == "external_id"}
    )
    if not wanted:
        return [], 0
    before = client.stats.requests_sent
    found = client.find_by_external_ids(wire.COMPANIES, wanted, archived=None)
    actions = [
        RecordAction(
            Entity.COMPANY,
            RecordKey("external_id", value),
            [],
            Op.UNCHANGED,
            {},
            kanbert_id=wire.record_id(found[value]),
            note="in Kanbert already",
        )
        for value in wanted
        if value in found
    ]
    return actions, client.stats.requests_sent - before


def find_contacts(
    client: KanbertClient, desired: Sequence[Desired], *, match_emails: bool
) -> tuple[dict[RecordKey, Existing], int]:
    """The existing contacts (with their links) by the import's keys, and the cost."""
    before = client.stats.requests_sent
    include = [wire.COMPANIES]
    found = _by_external_id(client, wire.CONTACTS, desired, include=include)
    wanted = [
        d
        for d in desired
        if d.key not in found
        and _email(d) is not None
        and (d.key.by == "email" or (match_emails and d.key.by == "external_id"))
    ]
    if wanted:
        by_email = find_by_field(
            client, wire.CONTACTS, wire.EMAIL_FIELD, [_email(d) or "" for d in wanted], include
        )
        for d in wanted:
            hit = _pick(by_email.get(normal_key(_email(d) or ""), []), d)
            if hit is not None:
                found[d.key] = existing_of(hit, wire.CONTACTS)
    return found, client.stats.requests_sent - before


def find_by_field(
    client: KanbertClient,
    resource: str,
    field: str,
    values: Iterable[str],
    include: Sequence[str] = (),
) -> dict[str, list[dict[str, Any]]]:
    """Records whose ``field`` is one of ``values`` (``in`` chunks, archived included),
    grouped by the normalised value."""
    chunks = list(wire.chunk_keys(values, budget=KEY_BUDGET))

    def fetch(chunk: list[str]) -> list[dict[str, Any]]:
        op, value = ("eq", chunk[0]) if len(chunk) == 1 else ("in", chunk)
        return client.list_all(
            resource, include=include, archived="with", filters=[(field, op, value)]
        )

    grouped: dict[str, list[dict[str, Any]]] = {}
    for result in client.run_all(chunks, fetch):
        for record in result.value or []:
            value = record.get(field)
            if isinstance(value, str):
                grouped.setdefault(normal_key(value), []).append(record)
    return grouped


def find_one(
    client: KanbertClient, resource: str, want: Desired, include: Sequence[str] = ()
) -> dict[str, Any] | None:
    """The record of ``want`` if Kanbert has it now (after a write whose answer was lost)."""
    if want.key.by == "external_id":
        records = client.find_by_external_ids(resource, [want.key.value], include=include)
        if want.key.value in records:
            return records[want.key.value]
    probe: Callable[[Desired], str | None] = _email if resource == wire.CONTACTS else _name
    value = probe(want)
    if value is None or want.key.by == "row":
        return None
    field = wire.EMAIL_FIELD if resource == wire.CONTACTS else wire.COMPANY_NAME_FIELD
    grouped = find_by_field(client, resource, field, [value], include)
    return _pick(grouped.get(normal_key(value), []), want)


def _index_all_companies(client: KanbertClient) -> dict[str, list[dict[str, Any]]]:
    by_name: dict[str, list[dict[str, Any]]] = {}
    for record in client.iter_records(wire.COMPANIES, archived="with"):
        name = record.get(wire.COMPANY_NAME_FIELD)
        if isinstance(name, str):
            by_name.setdefault(normal_key(name), []).append(record)
    return by_name


def _pick(candidates: Sequence[Mapping[str, Any]], want: Desired) -> dict[str, Any] | None:
    """The candidate a fallback match may take: its external id is empty or the same;
    a live record before an archived one."""
    own = want.key.value if want.key.by == "external_id" else want.values.get("external_id")
    fitting = [c for c in candidates if c.get("external_id") in (None, "", own)]
    fitting.sort(key=wire.is_archived)
    return dict(fitting[0]) if fitting else None


def _name(d: Desired) -> str | None:
    value = d.values.get("company_name")
    return value if isinstance(value, str) and value.strip() else None


def _email(d: Desired) -> str | None:
    value = d.values.get("email")
    return value if isinstance(value, str) and value.strip() else None
