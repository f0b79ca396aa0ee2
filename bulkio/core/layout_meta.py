"""A bulkio workbook or export read back: its sheets and its custom field columns.

The bulkio-template presets read every sheet of the layout and map every catalogue column but
no custom field (they differ per Kanbert space). A file may hold fewer sheets (a template of
contacts alone has no Companies sheet): ``for_sheets`` reads only those it has. A template or
export carries the rows of ``layout.meta_rows`` (the hidden ``_bulkio`` sheet, or the CSV
export's manifest): ``with_custom_fields`` adds the custom field columns they name, each read
as its type, so the file imports as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bulkio.core.entities import Entity
from bulkio.core.fields import CUSTOM_FIELDS_PREFIX
from bulkio.core.layout import META_HEADER, sheet_for_title
from bulkio.core.mapping import Mapping
from bulkio.core.mapping.schema import CUSTOM_TYPES, CompanySection, ContactSection, FieldSpec


@dataclass(frozen=True)
class CustomColumn:
    """One custom field column of the layout."""

    entity: Entity
    alias: str
    header: str
    type: str  # string, boolean, integer or date (a select is read as its text)


def custom_columns(rows: Sequence[Sequence[str]]) -> list[CustomColumn]:
    """The custom field columns the layout rows name (marker row, header row, columns)."""
    if len(rows) < 2 or not rows[0] or rows[0][0] != "bulkio-layout":
        return []
    header = [str(h).strip() for h in rows[1]]
    where = {name: header.index(name) for name in META_HEADER if name in header}
    if not {"sheet", "header", "key"} <= where.keys():
        return []
    found: list[CustomColumn] = []
    for row in rows[2:]:

        def cell(name: str, row: Sequence[str] = row) -> str:
            i = where.get(name)
            return str(row[i] or "").strip() if i is not None and i < len(row) else ""

        sheet = sheet_for_title(cell("sheet"))
        entity = sheet.entity if sheet is not None else None
        if entity is None:
            continue
        prefix = entity.key(CUSTOM_FIELDS_PREFIX)
        key = cell("key")
        if not key.startswith(prefix):
            continue
        kind = cell("type")
        found.append(
            CustomColumn(
                entity,
                key.removeprefix(prefix),
                cell("header"),
                kind if kind in CUSTOM_TYPES else "string",
            )
        )
    return found


def with_custom_fields(mapping: Mapping, columns: Sequence[CustomColumn]) -> Mapping:
    """``mapping`` reading these custom field columns too (a column may be left out of the
    sheet: then the field stays empty); fields the mapping maps already stay as they are."""
    updates: dict[str, CompanySection | ContactSection] = {}
    for entity in Entity:
        section = mapping.section(entity)
        fields = dict(section.fields)
        for col in columns:
            name = f"{CUSTOM_FIELDS_PREFIX}{col.alias}"
            if col.entity is entity and name not in fields:
                fields[name] = FieldSpec(column=col.header, type=col.type, optional=True)  # type: ignore[arg-type]
        if fields != section.fields:
            updates[entity.value] = section.model_copy(update={"fields": fields})
    return mapping.model_copy(update=updates) if updates else mapping


def for_sheets(mapping: Mapping, sheet_names: Sequence[str]) -> Mapping:
    """``mapping`` (a layout preset) reading only the layout sheets among ``sheet_names``,
    in either language; as it is when the file has none of them (reading then names the
    sheet it misses)."""
    present = {sheet_for_title(name) for name in sheet_names}
    absent = {role.value: None for role in mapping.inputs if role not in present}
    if not absent or len(absent) == len(mapping.inputs):
        return mapping
    return mapping.model_copy(update={"input": mapping.input.model_copy(update=absent)})
