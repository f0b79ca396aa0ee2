"""A flat row that names several companies, as one row per company: its parts.

Google joins several organisations of one contact in one cell ("Organization 1 - Name" =
"A ::: B", "Organization 1 - Title" = "CEO ::: Advisor") and numbers further ones
("Organization 2 - Name"). With ``company: several: " ::: "`` and columns named with ``{n}``
the row becomes one part per company. Each part holds one company's own columns: the name,
the link position and the numbered columns, values paired by their order in the cells. The
company's other columns (a website, an address) go with the first company only; every other
column is the row's own. All parts keep the row's number; the first part (``PART`` 0) carries
the contact, every part its company and link.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from bulkio.core.entities import Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping.binding import NUMBER, Binding, position_role, read_columns
from bulkio.core.mapping.schema import Mapping

PART = "__part"  # 0 for the part that carries the contact, 1, 2, ... for further companies
NUMBERED = "__n"  # the number of the {n} columns a part was read from (null without {n})
_POS, _INDEX = "__pos", "__i"


@dataclass(frozen=True)
class Mismatch:
    """A cell that holds another count of values than the companies of its row."""

    row: int
    column: str  # the sheet's column, e.g. "Organization 1 - Title"
    values: int
    names_column: str  # the column naming the companies, e.g. "Organization 1 - Name"
    companies: int


def company_columns(mapping: Mapping) -> tuple[list[str], list[str]]:
    """The company columns of a row: those of each company (name, link position, numbered
    ones) and those that go with the first company only (the rest of the company fields)."""
    name = mapping.company.fields.get("company_name")
    position = mapping.link.position if position_role(mapping) is Role.FLAT else None
    own = [c for spec in (name, position) if spec is not None for c in read_columns(spec)]
    rest = [c for spec in mapping.company.fields.values() for c in read_columns(spec)]
    own = list(dict.fromkeys([*own, *(c for c in rest if NUMBER in c)]))
    return own, [c for c in dict.fromkeys(rest) if c not in own]


def has_parts(mapping: Mapping) -> bool:
    """Whether a flat row of this mapping may name several companies."""
    own, _ = company_columns(mapping)
    return mapping.is_flat and (
        mapping.company.several is not None or any(NUMBER in c for c in own)
    )


def company_parts(frame: pl.DataFrame, binding: Binding) -> tuple[pl.DataFrame, list[Mismatch]]:
    """The rows of a flat sheet as parts, one per company (see the module), and the cells
    whose count of values differs from the count of companies they are paired with."""
    mapping = binding.mapping
    own, rest = company_columns(mapping)
    templates = [c for c in own if NUMBER in c]
    columns = [c for c in own if c in frame.columns or c in templates]  # the sheet's
    first_only = [c for c in rest if c in frame.columns]
    if not columns:  # the sheet has none of the companies' own columns: one part per row
        return frame.with_columns(
            pl.lit(0, dtype=pl.Int64).alias(PART), pl.lit(None, dtype=pl.Int64).alias(NUMBERED)
        ), []
    numbers = sorted({n for t in templates for n in binding.numbered.get(t, {})}) or [1]
    present = pl.any_horizontal(
        [pl.col(c).cast(pl.String).str.strip_chars().fill_null("") != "" for c in columns]
    )
    indexed = frame.with_row_index(_POS)
    groups = []
    for n in numbers:  # the first number's part always (it carries the contact), others if used
        group = indexed.with_columns(
            *[_numbered(t, n, binding, frame) for t in templates],
            pl.lit(n if templates else None, dtype=pl.Int64).alias(NUMBERED),
            pl.lit(0, dtype=pl.Int64).alias(_INDEX),
        )
        groups.append(group if n == numbers[0] else group.filter(present))
    parts = pl.concat(groups, how="vertical")
    split = mapping.company.several
    mismatches: list[Mismatch] = []
    if split is not None:  # only cells that hold the separator are split (few, in real files)
        joined = pl.any_horizontal(
            [pl.col(c).cast(pl.String).str.contains(split, literal=True) for c in columns]
        )
        several = parts.filter(joined.fill_null(False))
        if several.height:
            name_spec = mapping.company.fields.get("company_name")
            name = name_spec.column if name_spec is not None else None
            mismatches = _mismatches(several, columns, name, split, binding)
            single = parts.filter(~joined.fill_null(False))
            parts = pl.concat([single, _split(several, columns, split)], how="vertical_relaxed")
    first = (pl.col(NUMBERED).fill_null(numbers[0]) == numbers[0]) & (pl.col(_INDEX) == 0)
    parts = (
        parts.filter(first | present)
        .sort(_POS, NUMBERED, _INDEX, nulls_last=False)
        .with_columns(pl.int_range(pl.len()).over(_POS).cast(pl.Int64).alias(PART))
        .with_columns([pl.when(pl.col(PART) == 0).then(pl.col(c)).alias(c) for c in first_only])
        .drop(_POS, _INDEX)
    )
    return parts, mismatches


def _numbered(template: str, n: int, binding: Binding, frame: pl.DataFrame) -> pl.Expr:
    column = binding.numbered.get(template, {}).get(n)
    if column is None or column not in frame.columns:
        return pl.lit(None, dtype=pl.String).alias(template)
    return pl.col(column).cast(pl.String).alias(template)


def _values(column: str, split: str) -> pl.Expr:
    """A cell's values as a list (an empty cell is one empty value)."""
    cell = pl.col(column).cast(pl.String).fill_null("")
    return cell.str.split(split).list.eval(pl.element().str.strip_chars())


def _count(column: str, split: str) -> pl.Expr:
    """How many non-empty values a cell holds."""
    return _values(column, split).list.eval(pl.element().filter(pl.element() != "")).list.len()


def _split(parts: pl.DataFrame, columns: list[str], split: str) -> pl.DataFrame:
    """One row per value of the split cells, paired by order (a shorter cell pads with
    empty values)."""
    width = pl.max_horizontal([_values(c, split).list.len() for c in columns])
    index = pl.int_ranges(0, width)
    padded = [_values(c, split).list.gather(index, null_on_oob=True).alias(c) for c in columns]
    return parts.with_columns(*padded, index.alias(_INDEX)).explode([*columns, _INDEX])


def _mismatches(
    parts: pl.DataFrame, columns: list[str], name: str | None, split: str, binding: Binding
) -> list[Mismatch]:
    if name is None or name not in columns:
        return []
    found = []
    companies = _count(name, split)
    for column in (c for c in columns if c != name):
        values = _count(column, split)
        odd = (values > 0) & (companies > 0) & (values != companies)
        picked = parts.filter(odd & (pl.max_horizontal(values, companies) > 1)).select(
            ROW_COLUMN, NUMBERED, values.alias("values"), companies.alias("companies")
        )
        for row, n, count, named in picked.iter_rows():
            found.append(
                Mismatch(
                    row,
                    _sheet_column(column, n, binding),
                    count,
                    _sheet_column(name, n, binding),
                    named,
                )
            )
    return sorted(found, key=lambda m: m.row)


def _sheet_column(column: str, n: int | None, binding: Binding) -> str:
    """The sheet's own name of a column, with {n} as the part's number."""
    if NUMBER not in column or n is None:
        return column
    return binding.numbered.get(column, {}).get(n, column.replace(NUMBER, str(n)))
