"""The vocabulary: what bulkio moves (an ``Entity``) and what a table holds (a ``Role``).

An entity is a company or a contact. It knows its plural (for messages), its API resource,
the sheet of the standard layout that holds it, how a record is matched when it has no
external id (companies by name, contacts by e-mail), its fields, and which of them a record
needs. A role is what one input table or layout sheet holds: ``flat`` (a contact and its
company per row), ``companies``, ``contacts`` or ``links`` (contact-company pairs; a links
sheet holds no entity of its own). A role's value is the key a mapping's ``input:`` uses, and
its titles are the layout's sheet names in English and German.

Other modules ask these two types rather than spell these names again (words in messages
and the API's own keys aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from bulkio.core.fields import COMPANY_FIELDS, CONTACT_FIELDS, Field

MatchKey = Literal["name", "email"]


class Role(StrEnum):
    """What a table holds; the value is the mapping's ``input:`` key."""

    _titles: dict[str, str]

    def __new__(cls, value: str, title_en: str = "", title_de: str = "") -> Role:
        member = str.__new__(cls, value)
        member._value_ = value
        member._titles = {"en": title_en, "de": title_de} if title_en else {}
        return member

    FLAT = "flat"  # one row = a contact and its company (no sheet of the layout)
    COMPANIES = "companies", "Companies", "Firmen"
    CONTACTS = "contacts", "Contacts", "Kontakte"
    LINKS = "links", "Links", "Verknüpfungen"

    def sheet_title(self, lang: str) -> str:
        """The layout's name for the sheet of this role: "Kontakte" in German."""
        return self._titles[lang]

    @property
    def sheet_titles(self) -> tuple[str, ...]:
        """Every name the layout gives this sheet (none for ``flat``)."""
        return tuple(self._titles.values())

    @property
    def entity(self) -> Entity | None:
        """The entity whose own sheet this is (None for ``flat`` and ``links``)."""
        return next((e for e in Entity if e.role is self), None)

    @property
    def entities(self) -> tuple[Entity, ...]:
        """The entities whose records the rows carry: both in a flat file, none on links."""
        if self is Role.FLAT:
            return tuple(Entity)
        return (self.entity,) if self.entity is not None else ()

    def holds(self, entity: Entity) -> bool:
        return entity in self.entities


@dataclass(frozen=True)
class Requirement:
    """What a record needs before it is imported: at least one of ``any_of`` filled, or
    validation reports ``problem`` on its row.

    A template marks the ``marked`` columns with "*" and, when that is more than one, says
    ``note_en``/``note_de`` in their notes: it asks for what finds the record again, while
    validation also takes a contact with only a first name.
    """

    any_of: tuple[str, ...]
    marked: tuple[str, ...]
    problem: str
    note_en: str = ""
    note_de: str = ""

    def note(self, lang: str) -> str:
        return self.note_de if lang == "de" else self.note_en


class Entity(StrEnum):
    """A company or a contact, with everything bulkio calls it."""

    plural: str  # in messages: "add it to the companies"
    resource: str  # the API's record resource: GET /companies
    role: Role  # the layout sheet that holds it
    match: MatchKey  # what a record without external id is matched by
    match_field: str  # ... the field that holds it
    fields: tuple[Field, ...]  # the writable fields, in layout order
    required: Requirement

    def __new__(
        cls,
        value: str,
        plural: str,
        role: Role,
        match: MatchKey,
        match_field: str,
        fields: tuple[Field, ...],
        required: Requirement,
    ) -> Entity:
        member = str.__new__(cls, value)
        member._value_ = value
        member.plural = member.resource = plural
        member.role, member.match, member.match_field = role, match, match_field
        member.fields, member.required = fields, required
        return member

    COMPANY = (
        "company",
        "companies",
        Role.COMPANIES,
        "name",
        "company_name",
        COMPANY_FIELDS,
        Requirement(("company_name",), ("company_name",), "the company has no name"),
    )
    CONTACT = (
        "contact",
        "contacts",
        Role.CONTACTS,
        "email",
        "email",
        CONTACT_FIELDS,
        Requirement(
            ("first_name", "last_name", "email"),
            ("last_name", "email"),
            "the contact has neither a name nor an e-mail",
            "Required: last name or e-mail (at least one of them).",
            "Pflicht: Nachname oder E-Mail (mindestens eins von beiden).",
        ),
    )

    @classmethod
    def named(cls, text: str) -> Entity | None:
        """The entity ``text`` names ("company", "contact"), or None."""
        return next((e for e in cls if e.value == text), None)

    def key(self, name: str) -> str:
        """How a target or layout column names a field of this entity: "company.tags"."""
        return f"{self.value}.{name}"

    def field(self, name: str) -> Field | None:
        """The catalogue entry for ``name``, or None."""
        return next((f for f in self.fields if f.name == name), None)

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]
