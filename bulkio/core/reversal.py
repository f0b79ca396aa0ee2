"""Reversal, the undo's pure stage: what an import did, against what Kanbert holds now.

In: what the import did, per record and link (``bulkio.core.trail``: for each field, what
it held before the import's first write to it and what the import's last write left), and
the records it touched as Kanbert holds them now. Out: a ``ReversalPlan``, in the order it
runs: links, then contacts, then companies. No I/O; a dry run stops here. Per record:

- created by the import: archived (Kanbert's delete), unless a field the import set, or its
  links, changed since: then it is left live and reported;
- changed by the import: every field the import changed is set back, field by field; a
  field someone changed since (it holds neither what the import left nor what was there
  before) is left as it is and reported;
- restored from the archive by the import: its fields set back as above, then archived
  again, unless a field changed since (then it stays live, reported);

and per link: one the import made is removed, a position it changed is set back; a link
whose position changed since (or that was removed since) is left and reported. A link the
import made to a record it restored from the archive stays: lists hide the links of an
archived record, so it may have been there before, and it goes back to the archive with the
record.

``force`` reverts what changed since as well, and the plan says what it overwrites. A field
already as it was before the import needs no request: that is how an undo that was stopped
and run again finishes without doing anything twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bulkio.core.entities import Entity, Role
from bulkio.core.plan import Existing, equivalent, link_id
from bulkio.core.trail import (
    CUSTOM_PREFIX,
    FieldTrail,
    LinkTrail,
    RecordTrail,
    Trails,
    flatten,
    unflatten,
)

LINKS_FIELD = "links"  # what a conflict names when a created record was linked since


class Step(StrEnum):
    """What the undo does about one field or link, as the plan workbook words it."""

    REVERT = "set back"
    ALREADY = "already as before"  # as before the import: nothing to do
    CHANGED = "changed since; left as it is"
    FORCED = "changed since; set back (--force)"
    # A link the import made to a record it restored: it may have been there before, hidden
    # while its record was archived; it stays, and goes back to the archive with the record.
    KEPT = "kept with its record, which goes back to the archive"


class Verb(StrEnum):
    """What the undo does with one record or link."""

    ARCHIVE = "archive"
    REVERT = "revert"
    REVERT_ARCHIVE = "revert and archive"
    UNLINK = "unlink"
    REPOSITION = "reposition"
    LEAVE = "leave"  # changed since: left as it is
    NOTHING = "nothing to do"  # already as before the import, or no longer in Kanbert


@dataclass(frozen=True)
class FieldReversal:
    """One field: what it held before the import, what the import left, what it holds now."""

    name: str  # "last_name", "custom_fields.segment"
    before: Any
    after: Any
    now: Any
    step: Step

    @property
    def label(self) -> str:
        return custom_label(self.name)


@dataclass(frozen=True)
class RecordReversal:
    """What the undo does with one record the import created, changed or restored."""

    entity: Entity
    kanbert_id: str
    key: str
    rows: tuple[int, ...]
    created: bool
    restored: bool
    fields: tuple[FieldReversal, ...]
    archive: bool
    archived_now: bool = False  # archived already (by someone, or by an earlier undo)
    gone: bool = False  # no longer in Kanbert: nothing to undo
    linked_since: tuple[str, ...] = ()  # a created record's links someone made since

    @property
    def changes(self) -> dict[str, Any]:
        """The PATCH that sets fields back (custom fields as one object by alias)."""
        if self.created:
            return {}
        return unflatten(
            {f.name: f.before for f in self.fields if f.step in (Step.REVERT, Step.FORCED)}
        )

    @property
    def left(self) -> tuple[FieldReversal, ...]:
        """The fields changed since the import that stay as they are."""
        return tuple(f for f in self.fields if f.step == Step.CHANGED)

    @property
    def kept_live(self) -> bool:
        """A record the import created or restored that stays live: it changed since."""
        live = not (self.archive or self.archived_now or self.gone)
        return (self.created or self.restored) and live

    @property
    def verb(self) -> Verb:
        if self.changes and self.archive:
            return Verb.REVERT_ARCHIVE
        if self.archive:
            return Verb.ARCHIVE
        if self.changes:
            return Verb.REVERT
        if self.left or self.kept_live:
            return Verb.LEAVE
        return Verb.NOTHING

    @property
    def requests(self) -> int:
        return (1 if self.changes else 0) + (1 if self.archive else 0)


@dataclass(frozen=True)
class LinkReversal:
    """What the undo does with one link the import made or re-positioned."""

    contact_id: str
    company_id: str
    key: str
    rows: tuple[int, ...]
    before: str | None  # None: the import made the link
    after: str
    now: str | None  # None: not linked now
    step: Step

    @property
    def kanbert_id(self) -> str:
        return link_id(self.contact_id, self.company_id)

    @property
    def verb(self) -> Verb:
        if self.step in (Step.REVERT, Step.FORCED):
            return Verb.UNLINK if self.before is None else Verb.REPOSITION
        return Verb.LEAVE if self.step == Step.CHANGED else Verb.NOTHING

    @property
    def requests(self) -> int:
        return 1 if self.verb in (Verb.UNLINK, Verb.REPOSITION) else 0


Reversal = RecordReversal | LinkReversal


@dataclass(frozen=True)
class Conflict:
    """Something changed since the import: left as it is, or (``forced``) overwritten."""

    what: str  # "contact P-1", "link P-1 -> K-1"
    field: str  # "last_name", "custom field segment", "position", ``LINKS_FIELD``
    then: Any  # what the import left
    now: Any
    forced: bool
    back_to: Any = None  # what ``force`` sets it to (a link's position; None: unlinked)
    archived: bool = False  # ``force`` archives the record (one the import created)


@dataclass(frozen=True)
class ReversalPlan:
    """Every reversal, in the order they run: links, contacts, companies."""

    links: tuple[LinkReversal, ...]
    contacts: tuple[RecordReversal, ...]
    companies: tuple[RecordReversal, ...]

    @property
    def reversals(self) -> tuple[Reversal, ...]:
        return (*self.links, *self.contacts, *self.companies)

    def phases(self) -> Iterator[tuple[Role, list[tuple[int, Reversal]]]]:
        """Each phase (links, contacts, companies) with its (index, reversal) pairs."""
        start = 0
        groups: tuple[tuple[Role, tuple[Reversal, ...]], ...] = (
            (Role.LINKS, self.links),
            (Role.CONTACTS, self.contacts),
            (Role.COMPANIES, self.companies),
        )
        for name, reversals in groups:
            yield name, list(enumerate(reversals, start=start))
            start += len(reversals)

    @property
    def writes(self) -> int:
        return sum(r.requests for r in self.reversals)

    def counts(self) -> dict[Role, dict[str, int]]:
        """{Role.LINKS: {"unlink": 7}, Role.CONTACTS: {"archive": 3, "revert": 2}, ...}"""
        out: dict[Role, dict[str, int]] = {}
        for name, steps in self.phases():
            tally: dict[str, int] = {}
            for _, reversal in steps:
                tally[reversal.verb.value] = tally.get(reversal.verb.value, 0) + 1
            out[name] = tally
        return out

    @property
    def archived(self) -> int:
        """Records the undo archives (Kanbert's delete keeps them in its archive)."""
        return sum(1 for r in (*self.contacts, *self.companies) if r.archive)

    @property
    def conflicts(self) -> list[Conflict]:
        found: list[Conflict] = []
        for reversal in self.reversals:
            found.extend(_conflicts_of(reversal))
        return found


def _conflicts_of(reversal: Reversal) -> list[Conflict]:
    """What changed since the import in one reversal's record or link."""
    if isinstance(reversal, LinkReversal):
        if reversal.step not in (Step.CHANGED, Step.FORCED):
            return []
        what = f"link {describe_link_key(reversal.key)}"
        forced = reversal.step == Step.FORCED
        return [Conflict(what, "position", reversal.after, reversal.now, forced, reversal.before)]
    what = f"{reversal.entity.value} {describe_key(reversal.key)}"
    by_archive = reversal.created and reversal.archive
    found = [
        Conflict(what, f.label, f.after, f.now, f.step == Step.FORCED, f.before, by_archive)
        for f in reversal.fields
        if f.step in (Step.CHANGED, Step.FORCED)
    ]
    if reversal.linked_since:
        links = list(reversal.linked_since)
        found.append(Conflict(what, LINKS_FIELD, [], links, by_archive, archived=by_archive))
    return found


def plan_reversal(
    trails: Trails,
    companies: Mapping[str, Existing],
    contacts: Mapping[str, Existing],
    *,
    force: bool = False,
) -> ReversalPlan:
    """The reversal of every trail, against the records as Kanbert holds them now (by id,
    archived ones included, contacts with their links; a record missing is gone)."""
    held = {Entity.COMPANY: companies, Entity.CONTACT: contacts}
    made = _links_made(trails.links)
    records = [
        _reverse_record(t, held[t.entity].get(t.kanbert_id), made, force=force)
        for t in trails.records
    ]
    restored = {t.kanbert_id for t in trails.records if t.restored}
    links = [
        _reverse_link(t, contacts.get(t.contact_id), restored, force=force) for t in trails.links
    ]
    return ReversalPlan(
        tuple(links),
        tuple(r for r in records if r.entity == Entity.CONTACT),
        tuple(r for r in records if r.entity == Entity.COMPANY),
    )


def _links_made(links: Iterable[LinkTrail]) -> dict[str, set[str]]:
    """Record id -> the ids at the other end of the links the import made to it."""
    made: dict[str, set[str]] = {}
    for link in links:
        if link.before is None:
            made.setdefault(link.contact_id, set()).add(link.company_id)
            made.setdefault(link.company_id, set()).add(link.contact_id)
    return made


def _reverse_record(
    trail: RecordTrail, now: Existing | None, made: Mapping[str, set[str]], *, force: bool
) -> RecordReversal:
    def reversal(fields: list[FieldReversal], archive: bool, **more: Any) -> RecordReversal:
        return RecordReversal(
            trail.entity,
            trail.kanbert_id,
            trail.key,
            trail.rows,
            trail.created,
            trail.restored,
            tuple(fields),
            archive,
            **more,
        )

    if now is None:
        return reversal([], False, gone=True)
    archived = now.archived
    values = flatten(now.values)
    if trail.created:
        changed = [
            FieldReversal(name, None, t.after, values.get(name), _changed(force))
            for name, t in trail.fields.items()
            if not archived and not same(name, values.get(name), t.after)
        ]
        since = tuple(sorted(set(now.links) - made.get(trail.kanbert_id, set())))
        in_use = bool(changed or since)
        archive = not archived and (force or not in_use)
        return reversal(changed, archive, archived_now=archived, linked_since=since)
    fields = [
        FieldReversal(
            name, t.before, t.after, values.get(name), _field_step(name, t, values, force)
        )
        for name, t in trail.fields.items()
    ]
    changed_since = any(f.step == Step.CHANGED for f in fields)
    archive = trail.restored and not archived and not changed_since
    return reversal(fields, archive, archived_now=archived)


def _field_step(name: str, trail: FieldTrail, values: Mapping[str, Any], force: bool) -> Step:
    now = values.get(name)
    if same(name, now, trail.before):
        return Step.ALREADY
    if same(name, now, trail.after):
        return Step.REVERT
    if not trail.confirmed:  # the import's write may never have landed: not ours to judge
        return Step.ALREADY
    return _changed(force)


def _changed(force: bool) -> Step:
    return Step.FORCED if force else Step.CHANGED


def _reverse_link(
    trail: LinkTrail, contact: Existing | None, restored: set[str], *, force: bool
) -> LinkReversal:
    now = None if contact is None else contact.links.get(trail.company_id)
    if trail.before is None and {trail.contact_id, trail.company_id} & restored:
        step = Step.KEPT
    elif contact is None or (trail.before is None and now is None):
        step = Step.ALREADY  # the contact is gone, or the link the import made is
    elif now is not None and trail.before is not None and now == trail.before:
        step = Step.ALREADY
    elif now is not None and now == trail.after:
        step = Step.REVERT
    elif not trail.confirmed:
        step = Step.ALREADY
    else:
        step = _changed(force)
    return LinkReversal(
        trail.contact_id,
        trail.company_id,
        trail.key,
        trail.rows,
        trail.before,
        trail.after,
        now,
        step,
    )


# --- values --------------------------------------------------------------------------------


def same(name: str, a: Any, b: Any) -> bool:
    """Whether two values of a field are the same to a person: empty is empty (None, "",
    no tags), tags in any order, phone numbers and e-mails as the import compares them."""
    if _empty(a) or _empty(b):
        return _empty(a) and _empty(b)
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return bool(a == b or equivalent(name, a, b))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def custom_label(name: str) -> str:
    """``custom_fields.segment`` -> ``custom field segment``; other names as they are."""
    if name.startswith(CUSTOM_PREFIX):
        return "custom field " + name.removeprefix(CUSTOM_PREFIX)
    return name


def describe_key(key: str) -> str:
    """A journal key for people: ``external_id:K-1`` -> ``K-1``, ``email:a@b.de`` ->
    ``email 'a@b.de'``, ``row:5`` -> ``of row 5``."""
    by, _, value = key.partition(":")
    if by == "external_id":
        return value
    if by == "row":
        return f"of row {value}"
    return f"{by} '{value}'" if value else key


def describe_link_key(key: str) -> str:
    """``external_id:P-1 -> external_id:K-1`` -> ``P-1 -> K-1``."""
    contact, _, company = key.partition(" -> ")
    return f"{describe_key(contact)} -> {describe_key(company)}"
