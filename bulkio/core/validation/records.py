"""What validation hands on: records keyed for matching, links, issues and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from bulkio.core.entities import MatchKey, Role
from bulkio.core.issues import RowIssue
from bulkio.core.record_values import RecordValues

KeyKind = Literal["external_id", "row", "ref"] | MatchKey


class RecordKey(NamedTuple):
    """How a record is found again: by its external id, else by e-mail (contacts) or
    normalised name (companies), else only by its source row (it cannot be matched).
    A link to a record the file does not hold names it by ``ref``: the cell's text, its
    external id or its exact name (a company) or e-mail (a contact) in Kanbert."""

    by: KeyKind
    value: str

    def __str__(self) -> str:
        return self.value if self.by == "external_id" else f"{self.by} '{self.value}'"


@dataclass(slots=True)
class CompanyRecord:
    key: RecordKey
    rows: list[int]  # every source row that carried this company (flat files repeat it)
    fields: dict[str, Any]  # write-body names, references as labels; None = empty cell
    custom_fields: dict[str, str | bool | int | None]
    sheet: str | None = None
    role: Role = Role.FLAT  # the input role the record came from


@dataclass(slots=True)
class ContactRecord:
    """A contact as compact as a million of them need: its values a ``RecordValues`` (its
    texts one string, the rest shared by the records alike, see ``record_values``; a dict
    per record would cost about three times the memory). ``fields`` and ``custom_fields``
    read them as dicts."""

    key: RecordKey
    rows: tuple[int, ...]  # every source row that carried this contact (a flat file's repeats)
    # write-body names, references as labels, None = empty cell; the custom fields under
    # "custom_fields" (a dict by alias, or None when the mapping reads none)
    held: RecordValues
    sheet: str | None = None
    role: Role = Role.FLAT  # the input role the record came from

    @property
    def fields(self) -> dict[str, Any]:
        """The values by write-body name (a new dict: changing it changes no record)."""
        return {n: v for n, v in self.held.items() if n != "custom_fields"}

    @property
    def custom_fields(self) -> dict[str, str | bool | int | None]:
        """The custom fields by alias (a new dict), empty when there are none."""
        return dict(self.held.get("custom_fields") or {})

    def values(self, *, keep_empty: bool) -> dict[str, Any]:
        """``fields`` for the import; without ``keep_empty`` the empty cells (None, no
        tags) are left out, so the dict is only as big as the values it holds."""
        return {
            n: v
            for n, v in self.held.items()
            if n != "custom_fields" and (keep_empty or (v is not None and v != []))
        }


@dataclass(frozen=True, slots=True)
class LinkRecord:
    contact_key: RecordKey
    company_key: RecordKey
    position: str | None
    row: int
    sheet: str | None = None
    role: Role = Role.FLAT  # the input role the record came from


@dataclass(slots=True)
class ValidationResult:
    companies: list[CompanyRecord]
    contacts: list[ContactRecord]
    links: list[LinkRecord]
    issues: list[RowIssue]
    rows_read: int
    rows_valid: int
    rows_invalid: int
    warnings: int = 0
    # how many distinct companies, contacts and links the file holds (known even when the
    # records themselves were not kept)
    company_count: int = 0
    contact_count: int = 0
    link_count: int = 0
    rows_by_role: dict[Role, int] = field(default_factory=dict)
    invalid_by_role: dict[Role, int] = field(default_factory=dict)
    # (sheet, row) -> the earlier row it is an exact copy of (read once, from that row)
    copies: dict[tuple[str | None, int], int] = field(default_factory=dict)

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == "error"]
