"""Labels from a spreadsheet into the ids Kanbert writes: countries, users, clients, tags...

Validation leaves references as labels a person typed (``address_country: "DE"``,
``owner: "anna@firma.de"``, ``business_field: "IT services"``, ``tags: ["VIP"]``). Given the
platform's look-up lists (fetched once per run), ``resolve`` turns them into ids, matching
case-insensitively (countries by ISO code, users by e-mail, clients by name or external id).
A label that matches nothing is a row problem naming the column and the allowed values; the
record it belongs to is then not imported (nor its links).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bulkio.core.choices import custom_field_def
from bulkio.core.collector import collector_paused
from bulkio.core.entities import Entity
from bulkio.core.issues import RowIssue
from bulkio.core.lookups import Lookup
from bulkio.core.record_values import CompactValues
from bulkio.core.validation.records import CompanyRecord, ContactRecord, RecordKey

SHOWN_CHOICES = 12  # allowed values named in one message


@dataclass(frozen=True)
class LookupTable:
    """One look-up: lower-cased label -> id, the labels as the platform spells them, and
    each id's first label (the ISO code of a country, a user's e-mail), to show an id."""

    ids: dict[str, str]
    labels: list[str]
    names: dict[str, str] = field(default_factory=dict)

    def find(self, label: str) -> str | None:
        return self.ids.get(label.strip().casefold())

    def name(self, id: str) -> str | None:
        """The label a person would type for ``id``, or None when the look-up lacks it."""
        return self.names.get(id)

    def allowed(self) -> str:
        shown = ", ".join(self.labels[:SHOWN_CHOICES])
        more = len(self.labels) - SHOWN_CHOICES
        return shown + (f" and {more} more" if more > 0 else "") if shown else "(none)"


@dataclass(frozen=True)
class ReferenceTables:
    """Every look-up of one platform, ready to resolve labels."""

    tables: dict[Lookup, LookupTable]
    custom_fields: dict[Entity, dict[str, str]]  # entity -> alias -> type

    def table(self, lookup: Lookup) -> LookupTable:
        return self.tables.get(lookup) or LookupTable({}, [])


def reference_tables(lists: Mapping[Lookup, Sequence[Mapping[str, Any]]]) -> ReferenceTables:
    """Build the tables from the entries of the platform's look-up lists."""

    def table(lookup: Lookup) -> LookupTable:
        ids: dict[str, str] = {}
        labels: list[str] = []
        names: dict[str, str] = {}
        for entry in lists.get(lookup, ()):
            found = lookup.labels(entry)
            if entry.get("id") is None or not found:
                continue
            for label in found:
                ids.setdefault(label.strip().casefold(), str(entry["id"]))
            labels.append(found[0])
            names.setdefault(str(entry["id"]), found[0])
        return LookupTable(ids, labels, names)

    custom: dict[Entity, dict[str, str]] = {entity: {} for entity in Entity}
    for entry in lists.get(Lookup.CUSTOM_FIELDS, ()):
        definition = custom_field_def(entry)
        if definition is not None:
            custom[definition.entity][definition.alias] = definition.type
    return ReferenceTables(
        tables={lookup: table(lookup) for lookup in Lookup if lookup is not Lookup.CUSTOM_FIELDS},
        custom_fields=custom,
    )


@dataclass(slots=True)
class Desired:
    """A record as the spreadsheet wants it: catalogue-named values, references as ids."""

    entity: Entity
    key: RecordKey
    rows: Sequence[int]  # a resolved record's are a tuple, shared by its action
    # None = the cell was empty (left out unless ``keep_empty``); read-only, a compact
    # ``RecordValues`` when resolved (see ``record_values``)
    values: Mapping[str, Any]
    sheet: str | None = None


@dataclass
class Resolved:
    companies: list[Desired] = field(default_factory=list)
    contacts: list[Desired] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)


def resolve(
    companies: Iterable[CompanyRecord],
    contacts: Iterable[ContactRecord],
    tables: ReferenceTables,
    columns: Mapping[str, str],
    *,
    keep_empty: bool = True,
) -> Resolved:
    """Resolve every record's labels; ``columns`` maps a target (``contact.owner``) to the
    spreadsheet column it came from, for the messages. ``keep_empty=False`` leaves empty
    cells out of the values (an import that erases nothing has no use for them: a million
    records hold a million fewer entries).

    The records are taken over: each ``Desired`` holds its record's rows and value dict
    (labels replaced by ids), so a big file's values are held once, not twice."""
    out = Resolved()
    # the ids look-ups give repeat (a country's, an owner's): shared, not in each record's texts
    compact = CompactValues(shared={f.name for e in Entity for f in e.fields if f.lookup})
    with collector_paused():
        for entity, records, target in (
            (Entity.COMPANY, companies, out.companies),
            (Entity.CONTACT, contacts, out.contacts),
        ):
            lookups = {f.name: f.lookup for f in entity.fields if f.lookup is not None}
            for record in records:
                values, issues = _resolve_record(
                    entity, record, tables, columns, keep_empty, lookups
                )
                if issues:
                    out.issues.extend(issues)
                else:
                    held = compact(values)
                    rows = tuple(record.rows)  # the plan's action shares it
                    target.append(Desired(entity, record.key, rows, held, record.sheet))
    return out


def _resolve_record(
    entity: Entity,
    record: CompanyRecord | ContactRecord,
    tables: ReferenceTables,
    columns: Mapping[str, str],
    keep_empty: bool,
    lookups: Mapping[str, Lookup],
) -> tuple[dict[str, Any], list[RowIssue]]:
    # taken over: labels become ids in place (a contact's values are a new dict)
    values = (
        record.fields if isinstance(record, CompanyRecord) else record.values(keep_empty=keep_empty)
    )
    problems: list[tuple[str, str, str]] = []  # (target, value, message)
    for name, lookup in lookups.items():
        value = values.get(name)
        if value is None or value == []:
            continue
        table = tables.table(lookup)
        if isinstance(value, list):
            ids: list[str] = []
            for label in value:
                found = table.find(str(label))
                if found is None:
                    problems.append(
                        (name, str(label), _unknown(lookup, str(label), table.allowed()))
                    )
                elif found not in ids:
                    ids.append(found)
            values[name] = ids
        else:
            found = table.find(str(value))
            if found is None:
                problems.append((name, str(value), _unknown(lookup, str(value), table.allowed())))
            values[name] = found
    custom = record.custom_fields  # taken over too (a contact's is a new dict)
    if custom:
        known = tables.custom_fields.get(entity, {})
        for alias in custom:
            if alias not in known:
                allowed = ", ".join(sorted(known)) or "(none)"
                problems.append(
                    (
                        f"custom_fields.{alias}",
                        alias,
                        f"Kanbert has no custom field '{alias}' for {entity.plural}; its custom "
                        f"fields are: {allowed}. Create it in Kanbert or correct the mapping",
                    )
                )
        if not keep_empty:
            for alias in [a for a, v in custom.items() if v is None]:
                del custom[alias]
        if custom:
            values["custom_fields"] = custom
    if not keep_empty and (None in values.values() or [] in values.values()):
        for name in [n for n, v in values.items() if v is None or v == []]:
            del values[name]
    issues = [
        RowIssue(
            message,
            row=row,
            column=columns.get(entity.key(target)),
            value=value,
            sheet=record.sheet,
            field=entity.key(target),
        )
        for target, value, message in problems
        for row in record.rows
    ]
    return values, issues


def _unknown(lookup: Lookup, label: str, allowed: str) -> str:
    return f"'{label}' is not {lookup.expected}; use one of: {allowed}"
