"""What picking values by their label (Google's "Phone 1 - Label" = "Work") leaves unsaid:
a value taken because no field wants its label, and a value no field takes at all (a second
work phone, where Kanbert has one; a label no field wants while the catch-all field is
full). Each is a warning on its cell, so no number or address is dropped without a word."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping.expressions import (
    cell_expr,
    label_groups,
    picked_column_expr,
    source_expr,
    unclaimed_exprs,
    unknown_label_expr,
)
from bulkio.core.mapping.schema import label_key
from bulkio.core.validation.targets import Target


@dataclass(frozen=True)
class LabelWarning:
    row: int
    column: str  # the value's column
    value: str
    message: str
    field: str  # the frame column of the field it concerns ("contact.telephone")


def label_warnings(frame: pl.DataFrame, targets: list[Target]) -> Iterator[LabelWarning]:
    """The warnings of every group of label-picked fields of ``targets`` (one entity)."""
    by_name = {t.name: t for t in targets if t.spec.label is not None}
    for group in label_groups({name: t.spec for name, t in by_name.items()}):
        yield from _taken_as_other(frame, [by_name[name] for name in group])
        yield from _not_taken(frame, [by_name[name] for name in group])


def _taken_as_other(frame: pl.DataFrame, group: list[Target]) -> Iterator[LabelWarning]:
    for target in group:
        unknown = unknown_label_expr(target.spec)
        column = picked_column_expr(target.spec)
        if unknown is None or column is None:
            continue
        picked = frame.select(
            pl.col(ROW_COLUMN).alias("row"),
            unknown.alias("label"),
            source_expr(target.spec).alias("value"),
            column.alias("column"),
        ).filter(pl.col("label").is_not_null())
        for row, label, value, column in picked.iter_rows():
            yield LabelWarning(
                row,
                column,
                value,
                f"'{value}' is labelled '{label}', a label no field of the mapping wants; it "
                f"was imported as {target.name}: check that it belongs there",
                target.column,
            )


def _not_taken(frame: pl.DataFrame, group: list[Target]) -> Iterator[LabelWarning]:
    first = group[0].spec
    assert first.label is not None
    names = ", ".join(t.name for t in group)
    for value_column, label_column, left in unclaimed_exprs({t.name: t.spec for t in group}):
        rows = frame.select(
            pl.col(ROW_COLUMN).alias("row"),
            cell_expr(value_column).str.strip_chars().alias("value"),
            pl.col(label_column).cast(pl.String).str.strip_chars().fill_null("").alias("label"),
        ).filter(frame.select(left).to_series())
        for row, value, label in rows.iter_rows():
            wanting = [t.name for t in group if _wants(t, label)]
            if wanting:
                why = (
                    f"{' and '.join(wanting)} already takes another value of this row "
                    f"(Kanbert holds one {wanting[0]})"
                )
            else:
                why = f"no field of the mapping ({names}) wants the label '{label}'"
            yield LabelWarning(
                row,
                value_column,
                value,
                f"'{value}' (labelled '{label}') is not imported: {why}; add it in Kanbert "
                "by hand, or give it another label that a free field wants",
                group[0].column,
            )


def _wants(target: Target, label: str) -> bool:
    assert target.spec.label is not None
    return label_key(label) in {label_key(w) for w in target.spec.label.one_of}
