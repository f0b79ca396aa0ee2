"""What a mapping draft is made of: one plan per sheet, the choices, the finished draft."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bulkio.core.entities import Role


@dataclass(frozen=True)
class Choice:
    """One column's proposed target and how sure the draft is."""

    column: str
    target: str  # "contact.email", "company.address_invoice_zip", "link.position"
    confident: bool
    note: str = ""
    options: Mapping[str, object] = field(default_factory=dict)
    sheet: str | int | None = None


@dataclass(frozen=True)
class Draft:
    text: str  # the YAML, with comments
    choices: tuple[Choice, ...]
    unmapped: tuple[str, ...]
    questions: tuple[str, ...]  # what the user still has to decide

    def target_of(self, column: str) -> str | None:
        """The field the draft gives a column (a split column gives its first part)."""
        return next((c.target for c in self.choices if c.column == column), None)


@dataclass
class SheetPlan:
    """What one sheet's columns become."""

    role: Role
    sheet: str | int
    header_row: int | None
    headers: tuple[str, ...]
    has_person: bool
    has_company: bool
    fields: dict[str, list[tuple[str, str, str]]]  # section -> (field, spec, comment)
    keys: dict[str, tuple[str, str]]  # entity -> (column, comment)
    refs: dict[str, tuple[str, str]]  # REF_* -> (column, comment)
    choices: list[Choice]
    questions: list[str]
    date_formats: list[str]
    unmapped: list[tuple[str, str]]  # (column, why)
    phones: list[str | None] = field(default_factory=list)
    countries: list[str | None] = field(default_factory=list)
    zips: list[str | None] = field(default_factory=list)
