"""What the client hands back: Kanbert's answers decoded into typed records.

Callers never read the API's JSON: a contact or company comes back as a ``Record`` whose
values carry bulkio's field names (references as ids, tags as a list of ids, custom fields by
alias), the shape the import's plan compares and a write sends; ``whoami`` comes back as a
``User``. How the JSON is read is ``wire``'s business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bulkio.core.entities import Entity
from bulkio.kanbert import wire


@dataclass(frozen=True)
class Record:
    """A contact or company as Kanbert holds it."""

    entity: Entity
    id: str
    archived: bool
    values: Mapping[str, Any]  # field -> value; references as ids, custom_fields by alias
    links: Mapping[str, str]  # linked record's id -> position (when fetched with its links)
    raw: Mapping[str, Any]  # the API's object as it came, for exports that write it as it is

    def text(self, field: str) -> str | None:
        """A text value such as ``email`` or ``company_name``, or None when it is empty."""
        value = self.values.get(field)
        return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True)
class User:
    """The user a token belongs to (``/whoami``)."""

    id: str
    first_name: str
    last_name: str
    email: str
    space: str  # the name of the user's Kanbert space
    type: str  # "user" or "integration"
    space_id: str = ""  # the id of that space

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def decode_record(entity: Entity, raw: Mapping[str, Any]) -> Record:
    """A fetched or written record; ``ValueError`` when it has no id."""
    return Record(
        entity=entity,
        id=wire.record_id(raw),
        archived=wire.is_archived(raw),
        values=wire.record_values(raw),
        links=wire.linked_positions(raw, entity.resource),
        raw=raw,
    )


def decode_user(raw: Any) -> User:
    """The ``UserData`` answer of ``/whoami``; ``ValueError`` when it is not one."""
    if not isinstance(raw, Mapping):
        raise ValueError("the answer is not a user")
    space = raw.get("space")
    return User(
        id=str(raw.get("id") or ""),
        first_name=str(raw.get("first_name") or ""),
        last_name=str(raw.get("last_name") or ""),
        email=str(raw.get("email") or ""),
        space=str(space.get("name") or "") if isinstance(space, Mapping) else "",
        type=str(raw.get("type") or ""),
        space_id=str(space.get("id") or "") if isinstance(space, Mapping) else "",
    )
