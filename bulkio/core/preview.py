"""Preview: what an import does to each input row, field by field, in words a customer signs.

In: the plan (each action with the rows it comes from, the values it sends and, for a
change, what Kanbert held of them) and the platform's look-ups, to show a reference by its
label rather than its id. Out: per input sheet, the columns to show and, per row, their
cells:

- one action column per kind of record the sheet's rows name ("Company", "Contact",
  "Link"): the plan's word for it (create, update, restore, unchanged, skip, link, relink);
- "Note": why a record is skipped or left as it is, and why a row is left out (given as
  ``left_out``: its problems, or the row it repeats);
- one column per field that any action of the sheet sends ("Contact: First name"): for a
  create the value as it will be written (the names as split, the phone as E.164, the
  country as its ISO code), for an update ``before → after`` of the fields that change and
  nothing for the others, for a link its position.

The dry run's plan workbook shows these columns; the results workbook shows the same after
a run. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.fields import LINK_POSITION
from bulkio.core.lookups import Lookup
from bulkio.core.plan import Action, LinkAction, Op, Plan, RecordAction
from bulkio.core.resolve import ReferenceTables

ARROW = " → "
EMPTY = "(empty)"
NOTE_HEADER = "Note"
LINK = "link"
_KINDS = (Entity.COMPANY.value, Entity.CONTACT.value, LINK)  # the order of the columns
_CHANGE_OPS = (Op.UPDATE, Op.RESTORE, Op.RELINK)
_ORDER = {entity.key(f.name): n for entity in Entity for n, f in enumerate(entity.fields)}
_LOOKUP = {(entity, f.name): f.lookup for entity in Entity for f in entity.fields if f.lookup}

Where = tuple[str | None, int]  # (sheet, row)


class Mark(StrEnum):
    """How a preview cell is highlighted."""

    NEW = "new"  # a value a create sends, a new link
    CHANGED = "changed"  # before → after
    LEFT = "left"  # a record skipped


@dataclass(frozen=True)
class PreviewCell:
    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class PreviewColumn:
    """A column of the preview: ``key`` is ``action.contact``, ``note``, ``contact.email``,
    ``company.custom_fields.rating`` or ``link.position``."""

    key: str
    header: str


class Preview:
    """The preview of one plan (see the module docstring)."""

    def __init__(
        self,
        plan: Plan,
        tables: ReferenceTables | None = None,
        left_out: Mapping[Where, str] | None = None,
    ) -> None:
        self._actions = plan.actions
        self._tables = tables
        self._left_out = dict(left_out or {})
        self._by_row: dict[Where, list[int]] = {}
        keys_by_sheet: dict[str | None, set[str]] = {sheet: {"note"} for sheet, _ in self._left_out}
        for index, action in enumerate(self._actions):
            keys = keys_by_sheet.setdefault(action.sheet, set())
            keys.add(f"action.{_kind(action)}")
            if action.note:
                keys.add("note")
            keys.update(_field_keys(action))
            for row in action.rows:
                self._by_row.setdefault((action.sheet, row), []).append(index)
        self._columns = {sheet: _ordered(keys) for sheet, keys in keys_by_sheet.items()}
        self._shared: dict[int, dict[str, PreviewCell]] = {}

    def columns(self, sheet: str | None) -> list[PreviewColumn]:
        """The preview's columns for the rows of ``sheet`` (None: a CSV file's only sheet)."""
        return list(self._columns.get(sheet, ()))

    def cells(self, sheet: str | None, row: int) -> list[PreviewCell | None]:
        """The cells of ``row`` of ``sheet``, one per column of ``columns(sheet)``."""
        found: dict[str, list[PreviewCell]] = {}
        why = self._left_out.get((sheet, row))
        if why is not None:
            found["note"] = [PreviewCell(f"not imported: {why}", Mark.LEFT)]
        for index in self._by_row.get((sheet, row), ()):
            for key, cell in self._cells_of(index).items():
                found.setdefault(key, []).append(cell)
        return [_joined(found.get(column.key, [])) for column in self._columns.get(sheet, ())]

    def _cells_of(self, index: int) -> dict[str, PreviewCell]:
        """One action's cells; kept for actions several rows share (a company in a flat file)."""
        cached = self._shared.get(index)
        if cached is not None:
            return cached
        action = self._actions[index]
        cells = dict(self._render(action))
        if len(action.rows) > 1:
            self._shared[index] = cells
        return cells

    def _render(self, action: Action) -> Iterator[tuple[str, PreviewCell]]:
        kind = _kind(action)
        mark = Mark.NEW if action.op in (Op.CREATE, Op.LINK) else None
        if action.op in _CHANGE_OPS:
            mark = Mark.CHANGED
        elif action.op == Op.SKIP:
            mark = Mark.LEFT
        yield f"action.{kind}", PreviewCell(action.op.value, mark)
        if action.note:
            yield "note", PreviewCell(action.note)
        if isinstance(action, LinkAction):
            if action.op == Op.LINK and action.position:
                yield "link.position", PreviewCell(action.position, Mark.NEW)
            elif action.op == Op.RELINK:
                yield "link.position", _change(action.before or None, action.position or None)
            return
        entity = action.entity
        for name, value in _flat(action.changes):
            shown = self._shown(entity, name, value)
            if action.op == Op.CREATE:
                yield f"{kind}.{name}", PreviewCell(shown, Mark.NEW)
            else:
                before = self._shown(entity, name, _held(action.before, name))
                yield f"{kind}.{name}", _change(before, shown)

    def _shown(self, entity: Entity, name: str, value: Any) -> str:
        """A value as a person reads it: references by their label, yes/no, lists joined."""
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, str) and (entity, name) not in _LOOKUP:
            return value
        lookup = _LOOKUP.get((entity, name))
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return ", ".join(self._label(lookup, item) for item in value)
        return self._label(lookup, value)

    def _label(self, lookup: Lookup | None, value: Any) -> str:
        if lookup is not None and self._tables is not None:
            name = self._tables.table(lookup).name(str(value))
            if name is not None:
                return name
        return str(value)


def _change(before: str | None, after: str | None) -> PreviewCell:
    return PreviewCell(f"{before or EMPTY}{ARROW}{after or EMPTY}", Mark.CHANGED)


def _kind(action: Action) -> str:
    return action.entity.value if isinstance(action, RecordAction) else LINK


def _flat(values: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Field name and value, custom fields alias by alias (``custom_fields.rating``)."""
    for name, value in values.items():
        if name == "custom_fields" and isinstance(value, Mapping):
            for alias, custom in value.items():
                yield f"custom_fields.{alias}", custom
        else:
            yield name, value


def _held(before: Mapping[str, Any], name: str) -> Any:
    if name.startswith("custom_fields."):
        held = before.get("custom_fields")
        return held.get(name.removeprefix("custom_fields.")) if isinstance(held, Mapping) else None
    return before.get(name)


def _field_keys(action: Action) -> Iterator[str]:
    if isinstance(action, LinkAction):
        if (action.op == Op.LINK and action.position) or action.op == Op.RELINK:
            yield "link.position"
        return
    for name, _ in _flat(action.changes):
        yield f"{action.entity.value}.{name}"


def _ordered(keys: set[str]) -> tuple[PreviewColumn, ...]:
    """Action columns, the note, then the fields: companies', contacts' (catalogue order,
    custom fields after, by alias), the link's position."""
    actions = [
        PreviewColumn(f"action.{k}", k.capitalize()) for k in _KINDS if f"action.{k}" in keys
    ]
    note = [PreviewColumn("note", NOTE_HEADER)] if "note" in keys else []
    fields = sorted(keys - {f"action.{k}" for k in _KINDS} - {"note"}, key=_field_order)
    return (*actions, *note, *(PreviewColumn(k, _header(k)) for k in fields))


def _field_order(key: str) -> tuple[int, int, str]:
    kind, _, name = key.partition(".")
    return (_KINDS.index(kind), _ORDER.get(key, len(_ORDER)), name)


def _header(key: str) -> str:
    kind, _, name = key.partition(".")
    if kind == LINK:
        return f"Link: {LINK_POSITION.label_en}"
    entity = Entity.named(kind)
    spec = entity.field(name) if entity is not None else None
    label = spec.label_en if spec is not None else name.removeprefix("custom_fields.")
    return f"{kind.capitalize()}: {label}"


def _joined(cells: list[PreviewCell]) -> PreviewCell | None:
    """The cells several actions of one row give a column (a row naming two companies)."""
    if not cells:
        return None
    if len(cells) == 1:
        return cells[0]
    marks = {c.mark for c in cells}
    mark = next((m for m in (Mark.CHANGED, Mark.NEW, Mark.LEFT) if m in marks), None)
    return PreviewCell("; ".join(dict.fromkeys(c.text for c in cells)), mark)
