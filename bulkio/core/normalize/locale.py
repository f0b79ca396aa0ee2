"""Languages: 'de', 'de-DE', 'Deutsch', 'German' -> 'de' / 'de_DE'."""

from __future__ import annotations

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

_NAMES = {
    "deutsch": "de",
    "german": "de",
    "englisch": "en",
    "english": "en",
    "französisch": "fr",
    "french": "fr",
    "italienisch": "it",
    "italian": "it",
    "spanisch": "es",
    "spanish": "es",
    "niederländisch": "nl",
    "dutch": "nl",
    "polnisch": "pl",
    "polish": "pl",
}


def normalize_locales(series: pl.Series) -> Normalized:
    """A language code (optionally with region) or a language name -> 'de' or 'de_DE'."""
    key = series.str.strip_chars().str.to_lowercase()
    named = key.replace_strict(_NAMES, default=None, return_dtype=pl.String)
    lang = key.str.extract(r"^([a-z]{2})(?:[-_][a-z]{2})?$", 1)
    region = key.str.extract(r"^[a-z]{2}[-_]([a-z]{2})$", 1).str.to_uppercase()
    coded = pl.select(
        pl.when(region.is_not_null()).then(lang + "_" + region).otherwise(lang)
    ).to_series()
    values = named.fill_null(coded)
    bad = values.is_null() & series.is_not_null()
    problems = problems_where(bad, series, "is not a language; write a code like de or en")
    return Normalized(values.alias(series.name), problems)
