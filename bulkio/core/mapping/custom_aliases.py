"""The custom fields a mapping names, checked against the platform's definitions.

A misspelt alias (``custom_fields.vistis``) loads, since any alias may exist in Kanbert;
once connected, the import knows which exist and stops before sending anything, with one
message that lists every unknown alias and the closest known one.
"""

from __future__ import annotations

from collections.abc import Mapping as Lookup

from rapidfuzz import process

from bulkio.core.entities import Entity
from bulkio.core.errors import MappingError
from bulkio.core.fields import CUSTOM_FIELDS_PREFIX
from bulkio.core.mapping.schema import Mapping


def check_custom_aliases(
    mapping: Mapping, known: Lookup[Entity, Lookup[str, str]], *, source: str
) -> None:
    """Raise MappingError naming every ``custom_fields.<alias>`` of ``mapping`` that
    ``known`` (entity -> alias -> type, the platform's definitions) lacks."""
    unknown: list[str] = []
    for entity in Entity:
        aliases = sorted(known.get(entity, {}))
        for name in mapping.section(entity).fields:
            if not name.startswith(CUSTOM_FIELDS_PREFIX):
                continue
            alias = name.removeprefix(CUSTOM_FIELDS_PREFIX)
            if alias in aliases:
                continue
            best = process.extractOne(alias, aliases, score_cutoff=60) if aliases else None
            guess = f" (did you mean '{best[0]}'?)" if best else ""
            unknown.append(f"{entity}: {CUSTOM_FIELDS_PREFIX}{alias}{guess}")
    if not unknown:
        return
    have = "; ".join(
        f"{entity.plural}: {', '.join(sorted(known.get(entity, {}))) or '(none)'}"
        for entity in Entity
    )
    raise MappingError(
        f"{source}: Kanbert has no custom field for {', '.join(unknown)}; nothing was sent",
        hint=f"Correct the alias in the mapping, or create the field in Kanbert. Its custom "
        f"fields are, for {have}.",
    )
