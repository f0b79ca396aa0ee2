"""What a mapping draft is made of: the sheets' samples, one plan per sheet, the choices, the
finished draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bulkio.core.entities import Role
from bulkio.core.suggest.footers import Footers


@dataclass(frozen=True)
class SheetSample:
    """One sheet: its name, header row and some of its rows' values.

    ``rows`` are the spreadsheet row numbers of the sampled values (default: the rows right
    below the header); ``row_count`` is how many data rows the sheet has in all (the sample
    may hold the first rows and the last few)."""

    name: str | int
    headers: tuple[str, ...]
    samples: Mapping[str, Sequence[str | None]]
    header_row: int | None = None
    rows: tuple[int, ...] = ()
    row_count: int | None = None

    @property
    def numbers(self) -> tuple[int, ...]:
        """The row number of every sampled row."""
        if self.rows:
            return self.rows
        height = max((len(v) for v in self.samples.values()), default=0)
        first = (self.header_row or 1) + 1
        return tuple(range(first, first + height))

    @property
    def size(self) -> int:
        """The sheet's data rows (the sample's when the count is unknown)."""
        return self.row_count if self.row_count is not None else len(self.numbers)

    def cells(self) -> list[tuple[int, list[str | None]]]:
        """The sampled rows: (row number, the cells in header order)."""
        columns = [list(self.samples.get(h, ())) for h in self.headers]
        return [
            (number, [c[i] if i < len(c) else None for c in columns])
            for i, number in enumerate(self.numbers)
        ]

    def without(self, rows: Sequence[int]) -> SheetSample:
        """This sample without these rows (footers)."""
        if not rows:
            return self
        dropped = set(rows)
        keep = [i for i, n in enumerate(self.numbers) if n not in dropped]
        samples = {h: [v[i] for i in keep if i < len(v)] for h, v in self.samples.items()}
        numbers = tuple(self.numbers[i] for i in keep)
        count = None if self.row_count is None else self.row_count - len(dropped)
        return SheetSample(self.name, self.headers, samples, self.header_row, numbers, count)


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
    notes: tuple[str, ...] = ()  # which sheets are read and why, footers skipped: for the console

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
    addresses: list[str | None] = field(default_factory=list)  # e-mails and web addresses
    held: list[tuple[str, str, str]] = field(default_factory=list)  # (target, spec, why): off
    footers: Footers | None = None
    several: str | None = None  # a flat row's companies joined by this in one cell
    why: str = ""  # why this sheet is read in this role, for the draft and the console
