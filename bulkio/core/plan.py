"""The import plan: what the spreadsheet wants against what Kanbert holds, as actions.

Pure: it gets the desired records (references already ids, see ``resolve``) and the matching
existing records in the same shape, and decides per record:

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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bulkio.core.entities import Entity
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


@dataclass(frozen=True)
class Existing:
    """A record Kanbert holds, in the shape of ``Desired.values`` (catalogue names, ids)."""

    id: str
    values: dict[str, Any]
    archived: bool = False
    links: dict[str, str] = field(default_factory=dict)  # a contact's company id -> position


@dataclass
class RecordAction:
    entity: Entity
    key: RecordKey
    rows: list[int]
    op: Op
    changes: dict[str, Any]  # create: every non-empty value; update/restore: what differs
    kanbert_id: str | None = None  # known for existing records, set once created
    note: str = ""
    sheet: str | None = None

    @property
    def requests(self) -> int:
        if self.op == Op.CREATE:
            return 1
        if self.op == Op.RESTORE:
            return 1 + (1 if self.changes else 0)
        return 1 if self.op == Op.UPDATE else 0


@dataclass
class LinkAction:
    contact_key: RecordKey
    company_key: RecordKey
    position: str
    rows: list[int]
    op: Op
    note: str = ""
    sheet: str | None = None

    @property
    def requests(self) -> int:
        return 1 if self.op in (Op.LINK, Op.RELINK) else 0

    @property
    def key(self) -> str:
        return f"{journal_key(self.contact_key)} -> {journal_key(self.company_key)}"


@dataclass
class Plan:
    companies: list[RecordAction]
    contacts: list[RecordAction]
    links: list[LinkAction]

    @property
    def writes(self) -> int:
        """Requests the plan costs (the reads done to make it are not counted here)."""
        records = sum(a.requests for a in (*self.companies, *self.contacts))
        return records + sum(a.requests for a in self.links)

    def counts(self) -> dict[str, dict[str, int]]:
        """{"companies": {"create": 3, ...}, "contacts": {...}, "links": {...}}"""
        out: dict[str, dict[str, int]] = {}
        for name, actions in (
            ("companies", self.companies),
            ("contacts", self.contacts),
            ("links", self.links),
        ):
            tally: dict[str, int] = {}
            for action in actions:
                tally[action.op.value] = tally.get(action.op.value, 0) + 1
            out[name] = tally
        return out


def journal_key(key: RecordKey) -> str:
    """The text a journal stores for a record key: ``external_id:K-1``, ``email:a@b.de``."""
    return f"{key.by}:{key.value}"


def normal_key(value: str) -> str:
    """How e-mail and name keys are compared (as validation builds them)."""
    return " ".join(value.lower().split())


def plan_records(
    desired: Iterable[Desired],
    existing: Mapping[RecordKey, Existing],
    *,
    mode: Mode = Mode.UPSERT,
    erase_empty: bool = False,
) -> list[RecordAction]:
    """One action per desired record (see the module docstring for the rules)."""
    actions: list[RecordAction] = []
    for want in desired:
        have = existing.get(want.key)
        if have is None:
            if mode == Mode.UPDATE_ONLY:
                action = RecordAction(
                    want.entity,
                    want.key,
                    want.rows,
                    Op.SKIP,
                    {},
                    note=f"not in Kanbert; update-only does not create {want.entity.plural}",
                )
            else:
                action = RecordAction(
                    want.entity, want.key, want.rows, Op.CREATE, create_values(want.values)
                )
        elif mode == Mode.CREATE_ONLY:
            action = RecordAction(
                want.entity,
                want.key,
                want.rows,
                Op.SKIP,
                {},
                have.id,
                note="already in Kanbert; create-only leaves it as it is",
            )
        else:
            changes = changed_values(want.values, have.values, erase_empty=erase_empty)
            op = Op.UPDATE if changes else Op.UNCHANGED
            if have.archived:
                op = Op.RESTORE
            action = RecordAction(want.entity, want.key, want.rows, op, changes, have.id)
        action.sheet = want.sheet
        actions.append(action)
    return actions


def plan_links(
    links: Iterable[LinkRecord],
    companies: Iterable[RecordAction],
    contacts: Iterable[RecordAction],
    existing_contacts: Mapping[RecordKey, Existing],
) -> list[LinkAction]:
    """One action per distinct contact-company pair (the first row's position wins)."""
    company_by_key = {a.key: a for a in companies}
    contact_by_key = {a.key: a for a in contacts}
    by_pair: dict[tuple[RecordKey, RecordKey], LinkAction] = {}
    for link in links:
        pair = (link.contact_key, link.company_key)
        if pair in by_pair:
            by_pair[pair].rows.append(link.row)
            continue
        position = link.position or ""
        company = company_by_key.get(link.company_key)
        contact = contact_by_key.get(link.contact_key)
        action = LinkAction(link.contact_key, link.company_key, position, [link.row], Op.LINK)
        action.sheet = link.sheet
        if not _usable(company) or not _usable(contact):
            action.op = Op.SKIP
            action.note = "its contact or company is not imported"
        if action.op != Op.SKIP and company is not None and contact is not None:
            have = existing_contacts.get(contact.key)
            if have is not None and company.kanbert_id and company.kanbert_id in have.links:
                held = have.links[company.kanbert_id]
                action.op = Op.UNCHANGED if held == position else Op.RELINK
        by_pair[pair] = action
    return list(by_pair.values())


def _usable(action: RecordAction | None) -> bool:
    """Whether a link to this record can be made: it is or will be in Kanbert."""
    return action is not None and (action.op != Op.SKIP or action.kanbert_id is not None)


def create_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A new record's values: empty cells left out (the platform's default applies)."""
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
        elif value != current and not _equivalent(name, value, current):
            changes[name] = value
    return changes


_PHONE_FIELDS = frozenset(f.name for e in Entity for f in e.fields if f.kind is Kind.PHONE)
_EMAIL_FIELDS = frozenset(f.name for e in Entity for f in e.fields if f.kind is Kind.EMAIL)


def _equivalent(name: str, want: Any, have: Any) -> bool:
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
