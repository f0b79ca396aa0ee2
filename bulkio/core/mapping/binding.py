"""Binding a mapping to one sheet's headers: which of a column's names the sheet uses, which
numbered columns it has, and which optional columns it lacks.

A mapping may name one column by several names (``column: [E-mail Address, E-Mail-Adresse]``:
the labels of other versions and languages of an export) and may stand for numbered columns
with ``{n}`` (``Organization {n} - Name``: Organization 1 - Name, Organization 2 - Name, ...).
``bind`` returns the mapping with every such column named as this sheet names it, so the rest
of bulkio reads plain column names and every message names the user's own header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bulkio.core.entities import Entity, Role
from bulkio.core.mapping.schema import ExternalIdSpec, FieldSpec, Mapping

NUMBER = "{n}"  # in a column name: the number of numbered columns

Spec = FieldSpec | ExternalIdSpec
Path = tuple[str, ...]  # ("company", "fields", "company_name"), ("contact", "key", ...)


@dataclass(frozen=True)
class Binding:
    """A mapping as one sheet's headers name its columns."""

    mapping: Mapping
    # a column with {n} -> the number -> the sheet's column ("Organization 2 - Name")
    numbered: dict[str, dict[int, str]] = field(default_factory=dict)


def position_role(mapping: Mapping) -> Role | None:
    """The role whose rows carry the link position (and so the links)."""
    roles = mapping.inputs
    if Role.FLAT in roles:
        return Role.FLAT
    if Role.LINKS in roles:
        return Role.LINKS
    if mapping.contact.company is not None:
        return Role.CONTACTS
    return None


def specs_of(mapping: Mapping, role: Role) -> list[tuple[Path, Spec]]:
    """Every field and key the rows of ``role`` read, with where it sits in the mapping."""
    found: list[tuple[Path, Spec | None]] = []
    for entity in role.entities:
        section = mapping.section(entity)
        found.append(((entity.value, "key", "external_id"), section.key.external_id))
        if entity is Entity.CONTACT:
            found.append((("contact", "company"), mapping.contact.company))
            found.append((("contact", "company_position"), mapping.contact.company_position))
        found += [((entity.value, "fields", n), s) for n, s in section.fields.items()]
    if role is Role.LINKS:
        found += [(("link", "contact"), mapping.link.contact)]
        found += [(("link", "company"), mapping.link.company)]
    if position_role(mapping) == role:
        found.append((("link", "position"), mapping.link.position))
    return [(path, spec) for path, spec in found if spec is not None]


def is_optional(mapping: Mapping, spec: Spec) -> bool:
    """Whether the sheet may lack the spec's columns (its own word, else the default)."""
    return mapping.defaults.optional if spec.optional is None else spec.optional


def read_columns(spec: Spec) -> list[str]:
    return spec.read_columns() if isinstance(spec, FieldSpec) else spec.source_columns()


def numbered_columns(template: str, headers: Iterable[str]) -> dict[int, str]:
    """The sheet's columns a ``{n}`` name stands for, by number."""
    before, _, after = template.partition(NUMBER)
    pattern = re.compile(re.escape(before) + r"([1-9][0-9]*)" + re.escape(after))
    found = {}
    for header in headers:
        match = pattern.fullmatch(header)
        if match:
            found[int(match.group(1))] = header
    return dict(sorted(found.items()))


def is_present(name: str, headers: set[str]) -> bool:
    """Whether the sheet has the column (with {n}: at least one of the numbered ones)."""
    return bool(numbered_columns(name, headers)) if NUMBER in name else name in headers


def bind(mapping: Mapping, role: Role, headers: Sequence[str]) -> Binding:
    """The mapping with each column of ``role`` named as the sheet names it: the first of its
    names the sheet has (a name none of the sheet's headers is stays as written)."""
    have = set(headers)
    changed: dict[Path, Spec] = {}
    numbered: dict[str, dict[int, str]] = {}
    for path, spec in specs_of(mapping, role):
        names = spec.names()
        chosen = next((n for n in names if is_present(n, have)), None)
        if chosen is not None and (chosen != spec.column or spec.other_names):
            changed[path] = spec.model_copy(update={"column": chosen, "other_names": []})
        for column in read_columns(changed.get(path, spec)):
            if NUMBER in column:
                numbered.setdefault(column, numbered_columns(column, have))
    return Binding(_with_specs(mapping, changed), numbered)


def absent_columns(mapping: Mapping, role: Role, headers: Sequence[str]) -> list[str]:
    """The optional columns of ``role`` the sheet has under none of their names: their fields
    stay empty (a field reading several columns counts when it finds none of them)."""
    have = set(headers)
    absent: list[str] = []
    for _, spec in specs_of(mapping, role):
        columns = spec.names() if spec.column is not None else read_columns(spec)
        if is_optional(mapping, spec) and not any(is_present(c, have) for c in columns):
            absent.append(columns[0].replace(NUMBER, "1"))  # as the first would be named
    return list(dict.fromkeys(absent))


def _with_specs(mapping: Mapping, changed: dict[Path, Spec]) -> Mapping:
    """``mapping`` with the specs at these paths replaced."""
    if not changed:
        return mapping
    sections: dict[str, Any] = {entity.value: mapping.section(entity) for entity in Entity}
    sections["link"] = mapping.link
    for (name, *rest), spec in changed.items():
        section = sections[name]
        if rest[0] == "fields":
            fields = {**section.fields, rest[1]: spec}
            section = section.model_copy(update={"fields": fields})
        elif rest[0] == "key":
            key = section.key.model_copy(update={"external_id": spec})
            section = section.model_copy(update={"key": key})
        else:
            section = section.model_copy(update={rest[0]: spec})
        sections[name] = section
    return mapping.model_copy(update=sections)
