"""Turning one batch of source rows into every target's clean value, column by column.

Three paths, by what is cheapest:
- a constant is cleaned once and repeated;
- a column whose values repeat a lot (flat files repeat each company on every contact row)
  is mapped and cleaned once per distinct value and spread back with one join;
- anything else runs as polars expressions over the whole column.

Phones and postcodes come last: they are read in the row's country, which the country
columns cleaned before them give (see ``Target.country_columns``); where values and
countries repeat (postcodes, a company's phone on each contact's row) each distinct (value,
country) pair is read once.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping.expressions import (
    after_name_split,
    before_name_split,
    field_expr,
    key_expr,
)
from bulkio.core.mapping.schema import ExternalIdSpec, FieldSpec, Mapping
from bulkio.core.normalize.names import split_names
from bulkio.core.validation.targets import Target, normalize

EXT = "__ext"
SAMPLE_ROWS = 20_000


@dataclass
class Evaluated:
    values: pl.DataFrame  # ROW_COLUMN, one clean column per target, "<entity>.__ext" keys
    raw: dict[str, pl.Series]  # target column -> the mapped text before cleaning by kind
    problems: dict[str, pl.Series]  # target column -> message or null, only where any
    warnings: dict[str, pl.Series]  # target column -> warning or null, only where any


def evaluate(
    frame: pl.DataFrame,
    targets: list[Target],
    keys: list[tuple[str, ExternalIdSpec]],
    mapping: Mapping,
) -> Evaluated:
    height = frame.height
    constants: list[Target] = []
    repeated: dict[str, list[Target]] = {}
    direct: list[Target] = []
    placed: list[Target] = []  # read in the row's country, once the countries are known
    singles: dict[str, list[Target]] = {}
    for target in targets:
        columns = target.spec.source_columns()
        if target.needs_country:
            placed.append(target)
        elif target.spec.has_constant:
            constants.append(target)
        elif len(columns) == 1 and target.spec.label is None:
            singles.setdefault(columns[0], []).append(target)
        else:
            direct.append(target)
    # which path is cheaper is judged on the first rows: either path gives the same values
    sample = frame.head(SAMPLE_ROWS)
    counts = sample.select(pl.col(list(singles)).n_unique()).row(0) if singles else ()
    for (column, group), count in zip(singles.items(), counts, strict=True):
        if count * 2 <= sample.height:
            repeated[column] = group
        else:
            direct += group

    raw_frame = field_values(
        frame,
        [(t.column, t.spec) for t in direct + placed],
        before=[pl.col(ROW_COLUMN)],
        after=[key_expr(spec).alias(f"{entity}.{EXT}") for entity, spec in keys],
    )
    values: dict[str, pl.Series] = {}
    raw: dict[str, pl.Series] = {}
    problems: dict[str, pl.Series] = {}
    warnings: dict[str, pl.Series] = {}

    def keep(
        target: Target,
        text: pl.Series,
        clean: pl.Series,
        problem: pl.Series,
        warning: pl.Series | None = None,
    ) -> None:
        values[target.column] = clean.alias(target.column)
        raw[target.column] = text.alias(target.column)
        if problem.null_count() < len(problem):
            problems[target.column] = problem.alias(target.column)
        if warning is not None and warning.null_count() < len(warning):
            warnings[target.column] = warning.alias(target.column)

    for target in direct:
        text = raw_frame[target.column]
        result = normalize(target, text, mapping)
        keep(target, text, result.values, result.problems, result.warnings)

    for column, group in repeated.items():
        distinct = frame.select(pl.col(column).unique())
        distinct = distinct.hstack(field_values(distinct, [(t.column, t.spec) for t in group]))
        cleaned = []
        for target in group:
            result = normalize(target, distinct[target.column], mapping)
            warning = result.warnings
            if warning is None:
                warning = pl.repeat(None, len(result.values), dtype=pl.String, eager=True)
            cleaned += [
                result.values.alias(f"{target.column}#value"),
                result.problems.alias(f"{target.column}#problem"),
                warning.alias(f"{target.column}#warning"),
            ]
        spread = _spread(frame.select(column), distinct.with_columns(cleaned))
        for target in group:
            keep(
                target,
                spread[target.column],
                spread[f"{target.column}#value"],
                spread[f"{target.column}#problem"],
                spread[f"{target.column}#warning"],
            )

    for target in constants:
        one = pl.DataFrame({"__one": [None]}).select(field_expr(target.spec).alias(target.column))
        result = normalize(target, one[target.column], mapping)
        keep(
            target,
            one[target.column].new_from_index(0, height),
            result.values.new_from_index(0, height),
            result.problems.new_from_index(0, height),
        )

    for target in placed:
        text = raw_frame[target.column]
        found = [values[c] for c in target.country_columns() if c in values]
        countries = pl.select(pl.coalesce(found)).to_series() if found else None
        nowhere = pl.repeat(None, height, dtype=pl.String, eager=True)
        pairs = pl.DataFrame({"v": text, "r": nowhere if countries is None else countries})
        if pairs.head(SAMPLE_ROWS).n_unique() * 2 > min(height, SAMPLE_ROWS):
            result = normalize(target, text, mapping, countries)
            keep(target, text, result.values, result.problems, result.warnings)
            continue
        # postcodes, company phones: each distinct (value, country) pair is read once
        distinct = pairs.unique()
        result = normalize(
            target, distinct["v"], mapping, None if countries is None else distinct["r"]
        )
        done = distinct.with_columns(
            result.values.alias("#value"),
            result.problems.alias("#problem"),
            pl.repeat(None, distinct.height, dtype=pl.String, eager=True).alias("#warning")
            if result.warnings is None
            else result.warnings.alias("#warning"),
        )
        spread = _spread(pairs, done)
        keep(target, text, spread["#value"], spread["#problem"], spread["#warning"])

    out = [raw_frame[ROW_COLUMN]] + [values[t.column] for t in targets]
    out += [raw_frame[c] for c in raw_frame.columns if c.endswith(EXT)]
    return Evaluated(pl.DataFrame(out), raw, problems, warnings)


def field_values(
    frame: pl.DataFrame,
    fields: list[tuple[str, FieldSpec]],
    *,
    before: list[pl.Expr] | None = None,
    after: list[pl.Expr] | None = None,
) -> pl.DataFrame:
    """``frame.select(before + [field_expr(spec).alias(name) for name, spec in fields] +
    after)``, except that fields splitting the same name cell (first and last name of
    "Name") split it once between them: a split costs several patterns on every value."""
    groups: dict[str, list[tuple[str, FieldSpec]]] = {}
    for name, spec in fields:
        if spec.split_name is not None:
            key = spec.model_dump_json(exclude={"split_name"})
            groups.setdefault(key, []).append((name, spec))
    shared = [group for group in groups.values() if len(group) > 1]
    together = {name for group in shared for name, _ in group}
    first, last = before or [], after or []
    done = frame.select(
        first
        + [field_expr(spec).alias(name) for name, spec in fields if name not in together]
        + [before_name_split(group[0][1]).alias(f"#name{i}") for i, group in enumerate(shared)]
        + last
    )
    for i, group in enumerate(shared):
        wanted = list(dict.fromkeys(str(spec.split_name) for _, spec in group))
        parts = split_names(done[f"#name{i}"], wanted)
        done = done.with_columns(
            parts.select(
                [after_name_split(pl.col(str(spec.split_name)), spec).alias(n) for n, spec in group]
            )
        )
    names = [e.meta.output_name() for e in first + last]
    return done.select(names[: len(first)] + [name for name, _ in fields] + names[len(first) :])


def _spread(keys: pl.DataFrame, distinct: pl.DataFrame) -> pl.DataFrame:
    """``distinct`` (one row per distinct row of ``keys``, with the keys' columns and
    results) laid out again row by row of ``keys``: a join, or a repeat of the one row when
    every row holds the same keys."""
    if distinct.height == 1:
        return pl.DataFrame([c.new_from_index(0, keys.height) for c in distinct.get_columns()])
    on = keys.columns
    return keys.join(distinct, on=on, how="left", nulls_equal=True, maintain_order="left")
