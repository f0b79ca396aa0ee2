"""Whole numbers ("42", "42.0" as Excel stores them)."""

from __future__ import annotations

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where


def normalize_integers(series: pl.Series) -> Normalized:
    """'42', ' 42 ', '42.0' -> 42; '4,2' or 'viele' is a problem."""
    digits = series.str.strip_chars().str.extract(r"^([+-]?\d{1,18})(?:\.0+)?$", 1)
    values = digits.cast(pl.Int64, strict=False)
    bad = values.is_null() & series.is_not_null()
    problems = problems_where(bad, series, "is not a whole number; write digits only, like 42")
    return Normalized(values.alias(series.name), problems)
