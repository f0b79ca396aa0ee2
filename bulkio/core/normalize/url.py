"""Web addresses: https:// added when missing, host checked."""

from __future__ import annotations

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

_URL = (
    r"^https?://(?:[^\s/?#:@.]+\.)+[^\W\d_]{2,}\.?"
    r"(?::\d{1,5})?(?:[/?#]\S*)?$"
)


def normalize_urls(series: pl.Series) -> Normalized:
    """'www.muster.de' -> 'https://www.muster.de'; a value without a host is a problem."""
    v = series.str.strip_chars()
    with_scheme = pl.select(
        pl.when(v.str.contains(r"(?i)^[a-z][a-z0-9+.\-]*://"))
        .then(v)
        .otherwise(pl.lit("https://") + v)
    ).to_series()
    ok = with_scheme.str.contains(r"(?i)" + _URL)
    values = pl.select(pl.when(ok).then(with_scheme)).to_series()
    problems = problems_where(
        series.is_not_null() & ~ok, series, "is not a web address; write it like www.example.com"
    )
    return Normalized(values.alias(series.name), problems)
