"""Plan, the import's pure stage: what the spreadsheet wants against what Kanbert holds.

In: the desired records (references already ids, see ``resolve``), their links, and the
existing records in the same shape, as the prepare stage found them. Out: a ``Plan``, its
actions in the order they run, each with the rows it comes from and, for a change, what
Kanbert held before (``before``). No I/O; a dry run stops here. Per record it decides:

- ``create``    not in Kanbert: one POST with every non-empty value;
- ``update``    in Kanbert but different: one PATCH with only the fields that differ;
- ``restore``   in Kanbert but archived: bring it back (one request), then PATCH what differs;
- ``unchanged`` already as the spreadsheet says: no request at all;
- ``skip``      left alone because of the mode (``create-only`` leaves existing records,
                ``update-only`` does not create), or because its record could not be imported;

and per contact-company link: ``link`` (new), ``relink`` (the position changed), ``unchanged``
or ``skip``. One request per link or relink.

Empty cells: an empty cell does NOT erase a value Kanbert already holds (a spreadsheet that
lacks a column or leaves a cell blank usually means "don't know", not "delete"). With
``erase_empty=True`` an empty cell clears the value instead (text to null, tags to none);
a yes/no field cannot be emptied and keeps its value. Tags are compared as a set and written
as the spreadsheet lists them; custom fields are compared and sent alias by alias.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bulkio.core.collector import collector_paused
from bulkio.core.entities import Entity, Role
from bulkio.core.fields import Kind
from bulkio.core.resolve import Desired
from bulkio.core.validation.records import LinkRecord, RecordKey


class Op(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    RESTORE = "restore"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    LINK = "link"
    RELINK = "relink"


class Mode(StrEnum):
    UPSERT = "upsert"
    CREATE_ONLY = "create-only"
    UPDATE_ONLY = "update-only"


@dataclass(frozen=True, slots=True)
class Existing:
    """A record Kanbert holds, in the shape of ``Desired.values`` (catalogue names, ids)."""

    id: str
    values: dict[str, Any]
    archived: bool = False
    links: dict[str, str] = field(default_factory=dict)  # a contact's company id -> position


@dataclass(frozen=True, slots=True)
class RecordAction:
    """What to do with one record. ``before`` is what Kanbert held of each field in
    ``changes`` (empty for a create): the before-image an undo or a preview needs."""

    entity: Entity
    key: RecordKey
    rows: tuple[int, ...]
    op: Op
    # create: every non-empty value; update/restore: what differs. Read-only (a create's
    # are its record's compact values, see ``record_values``): make a dict to change them
    changes: Mapping[str, Any]
    before: dict[str, Any] = field(default_factory=dict)
    kanbert_id: str | None = None  # the existing record's id; a created one's is in the ledger
    note: str = ""
    sheet: str | None = None

    @property
    def requests(self) -> int:
        if self.op == Op.CREATE:
            return 1
        if self.op == Op.RESTORE:
            return 1 + (1 if self.changes else 0)
        return 1 if self.op == Op.UPDATE else 0


@dataclass(frozen=True, slots=True)
class LinkAction:
    """What to do with one contact-company pair. ``before`` is the position Kanbert held
    (None when the pair is not linked yet)."""

    contact_key: RecordKey
    company_key: RecordKey
    position: str
    rows: tuple[int, ...]
    op: Op
    before: str | None = None
    note: str = ""
    sheet: str | None = None

    @property
    def requests(self) -> int:
        return 1 if self.op in (Op.LINK, Op.RELINK) else 0

    @property
    def key(self) -> str:
        return f"{journal_key(self.contact_key)} -> {journal_key(self.company_key)}"


Action = RecordAction | LinkAction


@dataclass(frozen=True)
class Plan:
    """Every action of an import, in the order they run: companies, contacts, links.

    An action's index in ``actions`` is its name for the whole run: the ledger records
    what became of it by that index, so actions themselves never change.
    """

    companies: tuple[RecordAction, ...]
    contacts: tuple[RecordAction, ...]
    links: tuple[LinkAction, ...]

    @property
    def actions(self) -> tuple[Action, ...]:
        return (*self.companies, *self.contacts, *self.links)

    def phases(self) -> Iterator[tuple[Role, list[tuple[int, Action]]]]:
        """Each phase (companies, contacts, links) with its (index, action) pairs."""
        start = 0
        for name, actions in (
            (Role.COMPANIES, self.companies),
            (Role.CONTACTS, self.contacts),
            (Role.LINKS, self.links),
        ):
            yield name, list(enumerate(actions, start=start))
            start += len(actions)

    @property
    def writes(self) -> int:
        """Requests the plan costs (the reads done to make it are not counted here)."""
        return sum(a.requests for a in self.actions)

    def counts(self) -> dict[Role, dict[str, int]]:
        """{companies: {"create": 3, ...}, contacts: {...}, links: {...}}"""
        out: dict[Role, dict[str, int]] = {}
        for name, steps in self.phases():
            tally: dict[str, int] = {}
            for _, action in steps:
                tally[action.op.value] = tally.get(action.op.value, 0) + 1
            out[name] = tally
        return out


def journal_key(key: RecordKey) -> str:
    """The text a journal stores for a record key: ``external_id:K-1``, ``email:a@b.de``."""
    return f"{key.by}:{key.value}"


LINK_ENTITY = "link"  # what a journal stores as the entity of a link's write


def link_id(contact_id: str, company_id: str) -> str:
    """The id a journal stores for a link: ``contact_id/company_id``."""
    return f"{contact_id}/{company_id}"


def link_ends(link: str) -> tuple[str, str]:
    """The (contact id, company id) of a journal's link id (see ``link_id``)."""
    contact_id, _, company_id = link.partition("/")
    return contact_id, company_id


def normal_key(value: str) -> str:
    """How e-mail and name keys are compared (as validation builds them)."""
    return " ".join(value.lower().split())


def make_plan(
    companies: Iterable[Desired],
    contacts: Iterable[Desired],
    links: Iterable[LinkRecord],
    existing_companies: Mapping[RecordKey, Existing],
    existing_contacts: Mapping[RecordKey, Existing],
    *,
    mode: Mode = Mode.UPSERT,
    erase_empty: bool = False,
) -> Plan:
    """The whole plan: the records, then the links between them."""
    with collector_paused():
        return _make_plan(
            companies,
            contacts,
            links,
            existing_companies,
            existing_contacts,
            mode=mode,
            erase_empty=erase_empty,
        )


def _make_plan(
    companies: Iterable[Desired],
    contacts: Iterable[Desired],
    links: Iterable[LinkRecord],
    existing_companies: Mapping[RecordKey, Existing],
    existing_contacts: Mapping[RecordKey, Existing],
    *,
    mode: Mode,
    erase_empty: bool,
) -> Plan:
    links = list(links)
    company_actions = plan_records(
        companies, existing_companies, mode=mode, erase_empty=erase_empty
    )
    company_actions += _linked_only(Entity.COMPANY, links, company_actions, existing_companies)
    contact_actions = plan_records(contacts, existing_contacts, mode=mode, erase_empty=erase_empty)
    contact_actions += _linked_only(Entity.CONTACT, links, contact_actions, existing_contacts)
    link_actions = plan_links(links, company_actions, contact_actions, existing_contacts)
    return Plan(tuple(company_actions), tuple(contact_actions), tuple(link_actions))


def _linked_only(
    entity: Entity,
    links: Iterable[LinkRecord],
    planned: Iterable[RecordAction],
    existing: Mapping[RecordKey, Existing],
) -> list[RecordAction]:
    """Records the file names only in links that Kanbert holds (a contacts export whose
    companies came in an earlier import, 'unknown_company: kanbert'; a reference looked up
    in Kanbert, 'look-up'): nothing to write, but their ids for the links."""
    have = {action.key for action in planned}
    ends = (link.company_key if entity is Entity.COMPANY else link.contact_key for link in links)
    keys = dict.fromkeys(key for key in ends if key not in have and key in existing)
    return [
        RecordAction(
            entity, key, (), Op.UNCHANGED, {}, kanbert_id=existing[key].id,
            note="in Kanbert already; this file names it in links only",
        )
        for key in keys
    ]  # fmt: skip


def plan_records(
    desired: Iterable[Desired],
    existing: Mapping[RecordKey, Existing],
    *,
    mode: Mode = Mode.UPSERT,
    erase_empty: bool = False,
) -> list[RecordAction]:
    """One action per desired record (see the module docstring for the rules)."""
    return [
        _record_action(want, existing.get(want.key), mode=mode, erase_empty=erase_empty)
        for want in desired
    ]


def _record_action(
    want: Desired, have: Existing | None, *, mode: Mode, erase_empty: bool
) -> RecordAction:
    def action(op: Op, changes: Mapping[str, Any], **more: Any) -> RecordAction:
        return RecordAction(
            want.entity, want.key, tuple(want.rows), op, changes, sheet=want.sheet, **more
        )

    if have is None:
        if mode == Mode.UPDATE_ONLY:
            note = f"not in Kanbert; update-only does not create {want.entity.plural}"
            return action(Op.SKIP, {}, note=note)
        return action(Op.CREATE, create_values(want.values))
    if mode == Mode.CREATE_ONLY:
        note = "already in Kanbert; create-only leaves it as it is"
        return action(Op.SKIP, {}, kanbert_id=have.id, note=note)
    changes = changed_values(want.values, have.values, erase_empty=erase_empty)
    op = Op.RESTORE if have.archived else Op.UPDATE if changes else Op.UNCHANGED
    before = held_values(changes, have.values)
    return action(op, changes, before=before, kanbert_id=have.id)


def held_values(changes: Mapping[str, Any], have: Mapping[str, Any]) -> dict[str, Any]:
    """What Kanbert holds of each field in ``changes`` (custom fields alias by alias)."""
    before: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "custom_fields":
            held = have.get(name)
            held = held if isinstance(held, dict) else {}
            before[name] = {alias: held.get(alias) for alias in value}
        else:
            before[name] = have.get(name)
    return before


def plan_links(
    links: Iterable[LinkRecord],
    companies: Iterable[RecordAction],
    contacts: Iterable[RecordAction],
    existing_contacts: Mapping[RecordKey, Existing],
) -> list[LinkAction]:
    """One action per distinct contact-company pair (the first row's position wins)."""
    company_by_key = {a.key: a for a in companies}
    contact_by_key = {a.key: a for a in contacts}
    # the first link of each pair, and the rows of the pairs that come again (few: a list
    # per pair would cost a million lists); the pairs seen by contact, so a million links
    # need no million pair tuples
    firsts: list[LinkRecord] = []
    seen: dict[RecordKey, RecordKey | set[RecordKey]] = {}
    again: dict[tuple[RecordKey, RecordKey], list[int]] = {}
    for link in links:
        contact_key, company_key = link.contact_key, link.company_key
        known = seen.get(contact_key)
        if known is None:
            seen[contact_key] = company_key
        elif isinstance(known, set) and company_key not in known:
            known.add(company_key)
        elif not isinstance(known, set) and known != company_key:
            seen[contact_key] = {known, company_key}
        else:
            again.setdefault((contact_key, company_key), []).append(link.row)
            continue
        firsts.append(link)
    actions: list[LinkAction] = []
    for first in firsts:
        contact_key, company_key = first.contact_key, first.company_key
        more = again.get((contact_key, company_key))
        position = first.position or ""
        company = company_by_key.get(company_key)
        contact = contact_by_key.get(contact_key)
        op, before, note = Op.LINK, None, ""
        if company is None or contact is None or not _usable(company) or not _usable(contact):
            op, note = Op.SKIP, "its contact or company is not imported"
        else:
            have = existing_contacts.get(contact.key)
            if have is not None and company.kanbert_id and company.kanbert_id in have.links:
                before = have.links[company.kanbert_id]
                op = Op.UNCHANGED if before == position else Op.RELINK
        actions.append(
            LinkAction(
                contact_key,
                company_key,
                position,
                _rows(first, contact) if more is None else (first.row, *more),
                op,
                before=before,
                note=note,
                sheet=first.sheet,
            )
        )
    return actions


def _rows(link: LinkRecord, contact: RecordAction | None) -> tuple[int, ...]:
    """A link's one row; its contact's rows when they are that row (as on a flat file's
    row), the same tuple: a million links then need no million tuples of their own."""
    if contact is not None and len(contact.rows) == 1 and contact.rows[0] == link.row:
        return contact.rows
    return (link.row,)


def _usable(action: RecordAction) -> bool:
    """Whether a link to this record can be made: it is or will be in Kanbert."""
    return action.op != Op.SKIP or action.kanbert_id is not None


def create_values(values: Mapping[str, Any]) -> Mapping[str, Any]:
    """A new record's values: empty cells left out (the platform's default applies).
    Values without an empty cell are used as they are, not copied (a million new records
    are then held once)."""
    held = values.values()
    custom = values.get("custom_fields") or {}
    if None not in held and [] not in held and {} not in held and None not in custom.values():
        return values
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "custom_fields":
            custom = {a: v for a, v in (value or {}).items() if v is not None}
            if custom:
                out[name] = custom
        elif value is not None and value != []:
            out[name] = value
    return out


def changed_values(
    want: Mapping[str, Any], have: Mapping[str, Any], *, erase_empty: bool = False
) -> dict[str, Any]:
    """The fields of ``want`` that differ from ``have`` (what a PATCH must send)."""
    changes: dict[str, Any] = {}
    for name, value in want.items():
        current = have.get(name)
        if name == "custom_fields":
            held = current if isinstance(current, dict) else {}
            custom = {
                alias: v
                for alias, v in (value or {}).items()
                if (v is not None or erase_empty) and held.get(alias) != v
            }
            if custom:
                changes[name] = custom
        elif value is None or value == []:
            if erase_empty and current not in (None, [], "") and not isinstance(current, bool):
                changes[name] = [] if name == "tags" else None
        elif name == "tags":
            if sorted(value) != sorted(current or []):
                changes[name] = list(value)
        elif value != current and not equivalent(name, value, current):
            changes[name] = value
    return changes


_PHONE_FIELDS = frozenset(f.name for e in Entity for f in e.fields if f.kind is Kind.PHONE)
_EMAIL_FIELDS = frozenset(f.name for e in Entity for f in e.fields if f.kind is Kind.EMAIL)


def equivalent(name: str, want: Any, have: Any) -> bool:
    """Values that differ only in how they are written: a phone number with or without
    spaces, dashes and brackets ("+49 (0)351 123-45" is "+4935112345"), an e-mail in another
    case. Rewriting them would change nothing a person cares about, so they cost no request."""
    if not isinstance(want, str) or not isinstance(have, str):
        return False
    if name in _PHONE_FIELDS:
        return _phone_digits(want) == _phone_digits(have)
    if name in _EMAIL_FIELDS:
        return want.casefold() == have.casefold()
    return False


def _phone_digits(number: str) -> str:
    """'+49 (0)351 123-45' -> '+4935112345'; the '(0)' of a national prefix is not dialled."""
    digits = "".join(ch for ch in number.replace("(0)", "") if ch.isdigit() or ch == "+")
    return "+" + digits[2:] if digits.startswith("00") else digits
