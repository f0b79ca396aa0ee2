"""Gender from the usual words and salutations -> male / female / diverse."""

from __future__ import annotations

import polars as pl

from bulkio.core.fields import GENDERS
from bulkio.core.normalize.result import Normalized, problems_where

_WORDS = {
    **dict.fromkeys(
        ("male", "m", "mann", "männlich", "maennlich", "herr", "hr", "hr.", "mr", "mr."), "male"
    ),
    **dict.fromkeys(
        ("female", "f", "w", "frau", "fr", "fr.", "weiblich", "mrs", "mrs.", "ms", "ms."),
        "female",
    ),
    **dict.fromkeys(("diverse", "d", "divers", "other", "non-binary"), "diverse"),
}


def normalize_genders(series: pl.Series) -> Normalized:
    """'Herr' -> 'male', 'Frau' -> 'female', 'divers' -> 'diverse'."""
    key = series.str.strip_chars().str.to_lowercase()
    values = key.replace_strict(_WORDS, default=None, return_dtype=pl.String)
    bad = values.is_null() & series.is_not_null()
    problems = problems_where(
        bad,
        series,
        f"is not a gender; write {', '.join(GENDERS)} (or Herr/Frau), or map it in the "
        "mapping file with 'map:'",
    )
    return Normalized(values.alias(series.name), problems)
