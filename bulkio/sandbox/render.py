"""Stored records (write-body view) into the ContactData/CompanyData of the schema reference."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .entities import TIMESTAMPS, Entity
from .reference import Reference

_COUNTRY_KEYS = ("id", "name", "code")


def now() -> str:
    """The current time as the API writes it: ISO 8601 in UTC with microseconds and ``Z``."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def blank_record(entity: Entity) -> dict[str, Any]:
    """A new record's stored fields before the body is applied: nulls, false, no tags."""
    record: dict[str, Any] = {}
    for name, kind in entity.scalars.items():
        record[name] = False if kind == "bool" else None
    for ref in entity.references:
        record[ref.key] = None
    if entity.has_tags:
        record["tag_ids"] = []
    record["custom_fields"] = {}
    return record


def _nested(reference: Reference, lookup: str, ref_id: str | None) -> dict[str, Any] | None:
    if ref_id is None:
        return None
    item = reference.by_id[lookup].get(ref_id)
    if item is None:
        return None
    if lookup == "countries":
        return {k: item[k] for k in _COUNTRY_KEYS}
    return dict(item)


def render(
    entity: Entity,
    record: dict[str, Any],
    reference: Reference,
    linked: list[tuple[dict[str, Any], str]] | None = None,
    other: Entity | None = None,
) -> dict[str, Any]:
    """The API's view of a stored record; ``linked`` (with ``other``) embeds the linked
    records of the other kind, each with ``contact_company: {"position": ...}``."""
    out: dict[str, Any] = {"id": record["id"]}
    for name in entity.scalars:
        out[name] = record.get(name)
    for ref in entity.references:
        out[ref.name] = _nested(reference, ref.lookup, record.get(ref.key))
    if entity.has_tags:
        tags = reference.by_id["tags"]
        out["tags"] = [dict(tags[t]) for t in record.get("tag_ids", []) if t in tags]
    custom = reference.custom_fields_of(entity.name)
    stored = record.get("custom_fields") or {}
    out["custom_fields"] = {alias: stored.get(alias) for alias in custom}
    for stamp in TIMESTAMPS:
        out[stamp] = record.get(stamp)
    if linked is not None and other is not None:
        out[entity.other] = [
            render(other, item, reference) | {"contact_company": {"position": position}}
            for item, position in linked
        ]
    return out
