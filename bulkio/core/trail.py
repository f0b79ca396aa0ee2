"""Trail: what an import did, per record and per link, traced from its journal's writes.

The undo's plan (``bulkio.core.reversal``) starts from here. A record's trail says whether
the import created it or restored it from the archive, and for each field it wrote what the
field held before the import's first write to it and what its last write sent; a link's
trail, its position before (None: the import made it) and after. Writes are taken in the
order the import planned them, over all of its runs, so a field written twice (a run killed
and resumed) goes back to what it held before the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.plan import LINK_ENTITY, Op, link_ends

CUSTOM_PREFIX = "custom_fields."


@dataclass(frozen=True)
class PastWrite:
    """One write of the import, as its journal has it."""

    op: Op
    entity: str  # "company", "contact" or ``LINK_ENTITY``
    key: str  # the import's journal key: "external_id:K-1", "email:a@b.de", "P-1 -> K-1"
    sent: Mapping[str, Any]  # the body (a link: {"position": ...})
    before: Any  # what Kanbert held of the body's fields (a link: its old position or None)
    kanbert_id: str  # the record's id, or a link's ``contact_id/company_id``
    rows: tuple[int, ...]
    confirmed: bool  # it landed, or may have (its answer never came): changes since count


@dataclass
class FieldTrail:
    """What the import did to one field of a record."""

    before: Any  # before the import's first write (None for a created record)
    after: Any  # what the import's last write sent
    confirmed: bool


@dataclass
class RecordTrail:
    """Everything the import did to one record."""

    entity: Entity
    kanbert_id: str
    key: str
    rows: tuple[int, ...]
    created: bool = False
    restored: bool = False
    # what it did to each field, custom fields as "custom_fields.alias" (see ``flatten``)
    fields: dict[str, FieldTrail] = field(default_factory=dict)


@dataclass
class LinkTrail:
    """Everything the import did to one contact-company link."""

    contact_id: str
    company_id: str
    key: str
    rows: tuple[int, ...]
    before: str | None  # the position before the import; None: the import made the link
    after: str
    confirmed: bool


@dataclass(frozen=True)
class Trails:
    """What the import did, per record and per link."""

    records: tuple[RecordTrail, ...]
    links: tuple[LinkTrail, ...]

    def ids(self, entity: Entity) -> list[str]:
        """The ids of the records of ``entity`` the import touched, its links' ends included."""
        found = [t.kanbert_id for t in self.records if t.entity == entity]
        found += [t.contact_id if entity == Entity.CONTACT else t.company_id for t in self.links]
        return list(dict.fromkeys(found))


def trace(writes: Iterable[PastWrite]) -> Trails:
    """Per record and link, what the import did (writes in the order they were planned):
    each field's value before the first write and after the last one."""
    records: dict[tuple[str, str], RecordTrail] = {}
    links: dict[str, LinkTrail] = {}
    for write in writes:
        if write.entity == LINK_ENTITY:
            _trace_link(links, write)
        else:
            _trace_record(records, write)
    return Trails(tuple(records.values()), tuple(links.values()))


def _trace_record(records: dict[tuple[str, str], RecordTrail], write: PastWrite) -> None:
    trail = records.get((write.entity, write.kanbert_id))
    if trail is None:
        entity = Entity.named(write.entity)
        if entity is None:
            raise ValueError(f"a journal's write names no entity bulkio knows: {write.entity!r}")
        trail = RecordTrail(entity, write.kanbert_id, write.key, write.rows)
        records[(write.entity, write.kanbert_id)] = trail
    else:
        trail.rows = tuple(dict.fromkeys((*trail.rows, *write.rows)))
    if write.op == Op.CREATE:
        trail.created = True
    if write.op == Op.RESTORE:
        trail.restored = True
    before = flatten(write.before) if isinstance(write.before, Mapping) else {}
    for name, value in flatten(write.sent).items():
        held = trail.fields.get(name)
        if held is None:
            trail.fields[name] = FieldTrail(before.get(name), value, write.confirmed)
        else:
            held.after = value
            held.confirmed = write.confirmed


def _trace_link(links: dict[str, LinkTrail], write: PastWrite) -> None:
    position = str(write.sent.get("position") or "")
    held = links.get(write.kanbert_id)
    if held is None:
        contact_id, company_id = link_ends(write.kanbert_id)
        before = None if write.before is None else str(write.before)
        links[write.kanbert_id] = LinkTrail(
            contact_id, company_id, write.key, write.rows, before, position, write.confirmed
        )
    else:
        held.after = position
        held.confirmed = write.confirmed


# --- values --------------------------------------------------------------------------------


def flatten(values: Mapping[str, Any]) -> dict[str, Any]:
    """Record values with each custom field as its own name: ``custom_fields.segment``."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "custom_fields":
            for alias, custom in (value or {}).items():
                out[CUSTOM_PREFIX + alias] = custom
        else:
            out[name] = value
    return out


def unflatten(values: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of ``flatten``: custom fields back into one object by alias."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name.startswith(CUSTOM_PREFIX):
            out.setdefault("custom_fields", {})[name.removeprefix(CUSTOM_PREFIX)] = value
        else:
            out[name] = value
    return out
