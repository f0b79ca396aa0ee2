"""The result every normaliser returns, its problem messages, and applying a per-value
function to unique values (or unique tuples of values)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Normalized:
    """Clean values, and beside each a problem message (null when the value is fine) and,
    where a normaliser has any, a warning: the value was read, but a person should look at
    it ("'4930123456' looks like a number Excel stored ...")."""

    values: pl.Series
    problems: pl.Series
    warnings: pl.Series | None = None

    @staticmethod
    def fine(values: pl.Series) -> Normalized:
        return Normalized(values, pl.repeat(None, len(values), dtype=pl.String, eager=True))


def problems_where(bad: pl.Series, series: pl.Series, message: str | pl.Expr) -> pl.Series:
    """ "'VALUE' MESSAGE" on the rows where ``bad`` holds, null elsewhere."""
    if not bad.any():  # the usual case: no message to write on any row
        return pl.repeat(None, len(series), dtype=pl.String, eager=True).alias(series.name)
    text = pl.lit(message) if isinstance(message, str) else message
    return (
        pl.select(pl.when(bad).then(pl.lit("'") + series + pl.lit("' ") + text).otherwise(None))
        .to_series()
        .alias(series.name)
    )


def by_unique(
    series: pl.Series,
    convert: Callable[[str], tuple[str | None, str | None]],
    *,
    only: pl.Series | None = None,
) -> tuple[pl.Series, pl.Series]:
    """Run ``convert`` (value -> (clean value, problem)) once per unique value.

    ``only`` (a boolean mask) limits the work to the values that need it; the others come
    back null. Per-value libraries are slow, so a column of a million repeated values costs
    one call per distinct value.
    """
    wanted = series if only is None else series.filter(only)
    uniques = wanted.drop_nulls().unique().to_list()
    clean: dict[str, str | None] = {}
    problem: dict[str, str | None] = {}
    for value in uniques:
        clean[value], problem[value] = convert(value)
    source = (
        series
        if only is None
        else pl.select(pl.when(only).then(series).otherwise(None)).to_series()
    )
    values = source.replace_strict(clean, default=None, return_dtype=pl.String)
    problems = source.replace_strict(problem, default=None, return_dtype=pl.String)
    return values, problems


Converted = tuple[str | None, str | None, str | None]  # (clean value, problem, warning)


def by_distinct(keys: pl.DataFrame, convert: Callable[..., Converted]) -> pl.DataFrame:
    """Run ``convert`` once per distinct row of ``keys`` (e.g. region and value) whose first
    column is not null; return one row per row of ``keys`` with columns ``value``,
    ``problem`` and ``warning`` (null where the first column is null)."""
    names = keys.columns
    distinct = keys.filter(pl.col(names[0]).is_not_null()).unique(maintain_order=True)
    results = [convert(*row) for row in distinct.iter_rows()]
    schema = {"value": pl.String, "problem": pl.String, "warning": pl.String}
    done = distinct.hstack(pl.DataFrame(results, schema=schema, orient="row"))
    return keys.join(done, on=names, how="left", nulls_equal=True, maintain_order="left").select(
        *schema
    )
