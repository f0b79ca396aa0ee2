"""Which source columns each role of a mapping reads, and checking them against a sheet."""

from __future__ import annotations

from rapidfuzz import process

from bulkio.core.entities import Entity, Role
from bulkio.core.errors import MappingError
from bulkio.core.mapping.binding import (
    bind,
    is_optional,
    is_present,
    position_role,
    read_columns,
    specs_of,
)
from bulkio.core.mapping.schema import ExternalIdSpec, FieldSpec, Mapping

__all__ = ["check_columns", "columns_for", "optional_columns", "position_role"]


def _add(found: dict[str, list[str]], spec: FieldSpec | ExternalIdSpec | None, target: str) -> None:
    if spec is None:
        return
    columns = spec.read_columns() if isinstance(spec, FieldSpec) else spec.source_columns()
    for column in columns:
        found.setdefault(column, []).append(target)


def optional_columns(mapping: Mapping, role: Role) -> set[str]:
    """The columns of ``role`` that only optional fields and keys read: a sheet may lack them
    (Google writes "E-mail 2 - Value" only when someone has a second e-mail)."""
    needed: set[str] = set()
    optional: set[str] = set()
    for _, spec in specs_of(mapping, role):
        (optional if is_optional(mapping, spec) else needed).update(read_columns(spec))
    return optional - needed


def columns_for(mapping: Mapping, role: Role) -> dict[str, list[str]]:
    """Source column -> the targets that read it, for the rows of ``role``."""
    found: dict[str, list[str]] = {}
    for entity in role.entities:
        section = mapping.section(entity)
        _add(found, section.key.external_id, entity.key("external_id"))
        if entity is Entity.CONTACT:
            _add(found, mapping.contact.company, "contact.company")
            _add(found, mapping.contact.company_position, "link.position")
        for name, spec in section.fields.items():
            _add(found, spec, entity.key(name))
    if role is Role.LINKS:
        _add(found, mapping.link.contact, "link.contact")
        _add(found, mapping.link.company, "link.company")
    if position_role(mapping) == role:
        _add(found, mapping.link.position, "link.position")
    return found


def check_columns(mapping: Mapping, role: Role, columns: list[str], *, sheet: str | None) -> None:
    """Raise MappingError when a column the mapping reads is not in the sheet.

    "column 'PLZ' not found in sheet 'Kontakte'; the sheet has: Name, Plz, Ort (did you mean
    'Plz'?)"
    """
    have = [c for c in columns if not c.startswith("__")]
    binding = bind(mapping, role, have)
    mapping = binding.mapping
    optional = optional_columns(mapping, role)
    missing = [
        c
        for c in columns_for(mapping, role)
        if c not in have and c not in optional and not binding.numbered.get(c)
    ]
    place = f"sheet '{sheet}'" if sheet else "the input"
    if not missing:
        _check_named(mapping, role, have, place)
        return
    if len(missing) > 3 and len(missing) * 2 > len(columns_for(mapping, role)):
        raise MappingError(
            f"{len(missing)} of the columns the mapping reads are not in {place}: "
            f"{', '.join(missing)}; the sheet has: {', '.join(have)}",
            hint="Is this the right file, sheet and header row for this mapping? "
            "Choose another mapping with -m, another sheet with --sheet, or fix the sheet and "
            "header_row in the mapping.",
        )
    lines = []
    for column in missing:
        best = process.extractOne(column, have, score_cutoff=60)
        lower = [c for c in have if c.strip().casefold() == column.strip().casefold()]
        guess = lower[0] if lower else (best[0] if best else None)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        lines.append(
            f"column '{column}' not found in {place}; the sheet has: {', '.join(have)}{hint}"
        )
    raise MappingError(
        "\n".join(lines),
        hint="Change the column name in the mapping file, or the header in the spreadsheet.",
    )


def _check_named(mapping: Mapping, role: Role, have: list[str], place: str) -> None:
    """Raise MappingError when every column that could name the records of ``role`` (its
    external id or a field it requires) is missing (each may be optional, but not all at
    once): the file holds nobody."""
    headers = set(have)
    naming: dict[Entity, list[str]] = {}
    for entity in role.entities:
        section = mapping.section(entity)
        required = [section.fields.get(n) for n in entity.required.any_of]
        specs = [section.key.external_id, *required]
        naming[entity] = [c for s in specs if s is not None for c in read_columns(s)]
    named = {e: cols for e, cols in naming.items() if cols}
    if not named or any(is_present(c, headers) for cols in named.values() for c in cols):
        return
    entity = Entity.CONTACT if Entity.CONTACT in named else Entity.COMPANY
    listed = ", ".join(f"'{c}'" for c in dict.fromkeys(named[entity]))
    raise MappingError(
        f"none of the columns that name a {entity} is in {place}: {listed}; "
        f"the sheet has: {', '.join(have)}",
        hint="Is this the right file and sheet? A file needs at least one of these columns.",
    )
