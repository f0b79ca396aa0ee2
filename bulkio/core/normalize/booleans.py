"""Yes/no values in German and English words -> True/False."""

from __future__ import annotations

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

TRUE_WORDS = ("ja", "j", "yes", "y", "true", "wahr", "x", "1", "1.0", "on", "an", "ok", "✓")
FALSE_WORDS = ("nein", "n", "no", "false", "falsch", "0", "0.0", "off", "aus", "-")
_WORDS: dict[str, bool] = {w: True for w in TRUE_WORDS} | {w: False for w in FALSE_WORDS}


def normalize_booleans(series: pl.Series) -> Normalized:
    """'ja', 'Wahr', 'x', '1', 'yes' -> True; 'nein', 'falsch', '0', 'no' -> False."""
    key = series.str.strip_chars().str.to_lowercase()
    values = key.replace_strict(_WORDS, default=None, return_dtype=pl.Boolean)
    bad = values.is_null() & series.is_not_null() & (key != "")
    problems = problems_where(
        bad, series, "is not yes or no; write ja/nein, yes/no, true/false, x or 1/0"
    )
    return Normalized(values.alias(series.name), problems)
