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

from bulkio.core.fields import (
    LOOKUP_BUSINESS_FIELDS,
    LOOKUP_CLIENTS,
    LOOKUP_COMPANY_REVENUES,
    LOOKUP_COMPANY_SIZES,
    LOOKUP_COUNTRIES,
    LOOKUP_TAGS,
    LOOKUP_USERS,
    Entity,
    field_named,
)
from bulkio.core.issues import RowIssue
from bulkio.core.validation.records import CompanyRecord, ContactRecord, RecordKey

LOOKUP_CUSTOM_FIELDS = "custom-fields"
LOOKUPS: tuple[str, ...] = (
    LOOKUP_COUNTRIES,
    LOOKUP_BUSINESS_FIELDS,
    LOOKUP_COMPANY_SIZES,
    LOOKUP_COMPANY_REVENUES,
    LOOKUP_TAGS,
    LOOKUP_CUSTOM_FIELDS,
    LOOKUP_USERS,
    LOOKUP_CLIENTS,
)
SHOWN_CHOICES = 12  # allowed values named in one message


@dataclass(frozen=True)
class Table:
    """One look-up: lower-cased label -> id, and the labels as the platform spells them."""

    ids: dict[str, str]
    labels: list[str]

    def find(self, label: str) -> str | None:
        return self.ids.get(label.strip().casefold())

    def allowed(self) -> str:
        shown = ", ".join(self.labels[:SHOWN_CHOICES])
        more = len(self.labels) - SHOWN_CHOICES
        return shown + (f" and {more} more" if more > 0 else "") if shown else "(none)"


@dataclass(frozen=True)
class ReferenceTables:
    """Every look-up of one platform, ready to resolve labels."""

    tables: dict[str, Table]
    custom_fields: dict[Entity, dict[str, str]]  # entity -> alias -> type

    def table(self, lookup: str) -> Table:
        return self.tables.get(lookup) or Table({}, [])


def reference_tables(lists: Mapping[str, Sequence[Mapping[str, Any]]]) -> ReferenceTables:
    """Build the tables from the look-up endpoints' records, keyed by look-up name."""

    def table(items: Iterable[Mapping[str, Any]], *label_keys: str) -> Table:
        ids: dict[str, str] = {}
        labels: list[str] = []
        for item in items:
            if item.get("id") is None:
                continue
            first = True
            for key in label_keys:
                label = item.get(key)
                if label is None or str(label) == "":
                    continue
                ids.setdefault(str(label).strip().casefold(), str(item["id"]))
                if first:
                    labels.append(str(label))
                    first = False
        return Table(ids, labels)

    custom: dict[Entity, dict[str, str]] = {Entity.CONTACT: {}, Entity.COMPANY: {}}
    for item in lists.get(LOOKUP_CUSTOM_FIELDS, ()):
        entity = {"contact": Entity.CONTACT, "company": Entity.COMPANY}.get(
            str(item.get("entity_type"))
        )
        if entity is not None and item.get("alias"):
            custom[entity][str(item["alias"])] = str(item.get("type") or "string")
    return ReferenceTables(
        tables={
            LOOKUP_COUNTRIES: table(lists.get(LOOKUP_COUNTRIES, ()), "code", "name"),
            LOOKUP_BUSINESS_FIELDS: table(lists.get(LOOKUP_BUSINESS_FIELDS, ()), "name"),
            LOOKUP_COMPANY_SIZES: table(lists.get(LOOKUP_COMPANY_SIZES, ()), "title"),
            LOOKUP_COMPANY_REVENUES: table(lists.get(LOOKUP_COMPANY_REVENUES, ()), "title"),
            LOOKUP_TAGS: table(lists.get(LOOKUP_TAGS, ()), "title"),
            LOOKUP_USERS: table(lists.get(LOOKUP_USERS, ()), "email"),
            LOOKUP_CLIENTS: table(lists.get(LOOKUP_CLIENTS, ()), "name", "external_id"),
        },
        custom_fields=custom,
    )


@dataclass
class Desired:
    """A record as the spreadsheet wants it: catalogue-named values, references as ids."""

    entity: Entity
    key: RecordKey
    rows: list[int]
    values: dict[str, Any]  # None = the cell was empty
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
) -> Resolved:
    """Resolve every record's labels; ``columns`` maps a target (``contact.owner``) to the
    spreadsheet column it came from, for the messages."""
    out = Resolved()
    for entity, records, target in (
        (Entity.COMPANY, companies, out.companies),
        (Entity.CONTACT, contacts, out.contacts),
    ):
        for record in records:
            values, issues = _resolve_record(entity, record, tables, columns)
            if issues:
                out.issues.extend(issues)
            else:
                target.append(Desired(entity, record.key, list(record.rows), values, record.sheet))
    return out


def _resolve_record(
    entity: Entity,
    record: CompanyRecord | ContactRecord,
    tables: ReferenceTables,
    columns: Mapping[str, str],
) -> tuple[dict[str, Any], list[RowIssue]]:
    values: dict[str, Any] = {}
    problems: list[tuple[str, str, str]] = []  # (target, value, message)
    for name, value in record.fields.items():
        spec = field_named(entity, name)
        lookup = spec.lookup if spec is not None else None
        if lookup is None or value is None:
            values[name] = value
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
    if record.custom_fields:
        known = tables.custom_fields.get(entity, {})
        for alias in record.custom_fields:
            if alias not in known:
                allowed = ", ".join(sorted(known)) or "(none)"
                problems.append(
                    (
                        f"custom_fields.{alias}",
                        alias,
                        f"Kanbert has no custom field '{alias}' for {entity.value}s; its custom "
                        f"fields are: {allowed}. Create it in Kanbert or correct the mapping",
                    )
                )
        values["custom_fields"] = dict(record.custom_fields)
    issues = [
        RowIssue(
            message,
            row=row,
            column=columns.get(f"{entity.value}.{target}"),
            value=value,
            sheet=record.sheet,
            field=f"{entity.value}.{target}",
        )
        for target, value, message in problems
        for row in record.rows
    ]
    return values, issues


_WHAT = {
    LOOKUP_COUNTRIES: "a country Kanbert knows",
    LOOKUP_USERS: "the e-mail of a Kanbert user",
    LOOKUP_CLIENTS: "a Kanbert client (name or external ID)",
    LOOKUP_BUSINESS_FIELDS: "an industry Kanbert knows",
    LOOKUP_COMPANY_SIZES: "a company size Kanbert knows",
    LOOKUP_COMPANY_REVENUES: "a revenue class Kanbert knows",
    LOOKUP_TAGS: "a tag Kanbert knows",
}


def _unknown(lookup: str, label: str, allowed: str) -> str:
    what = _WHAT.get(lookup, "a value Kanbert knows")
    return f"'{label}' is not {what}; use one of: {allowed}"
