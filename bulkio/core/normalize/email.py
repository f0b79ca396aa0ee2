"""E-mail addresses: trimmed, domain lower-cased, syntax checked."""

from __future__ import annotations

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

_LOCAL = r"[^\s@\"(),:;<>\[\]\\]+"
_DOMAIN = r"(?:[^\s@.\"(),:;<>\[\]\\_!#$%&'*+/=?^`{|}~]+\.)+[^\W\d_]{2,}"
_EMAIL = rf"^{_LOCAL}@{_DOMAIN}$"


def normalize_emails(series: pl.Series) -> Normalized:
    """'Anna.Mueller@Firma.DE ' -> 'Anna.Mueller@firma.de'; a bad address is a problem."""
    # each step is kept as a column, so that no pattern runs twice on a value
    v = pl.col("v")
    frame = (
        pl.DataFrame({"v": series})
        .select(v.str.strip_chars().str.replace(r"(?i)^mailto:", "").alias("v"))
        .with_columns(v.str.splitn("@", 2).alias("parts"))
        .with_columns(
            pl.col("parts").struct.field("field_0").alias("local"),
            pl.col("parts").struct.field("field_1").str.to_lowercase().alias("domain"),
        )
    )
    clean = pl.when(pl.col("domain").is_not_null()).then(pl.col("local") + "@" + pl.col("domain"))
    frame = frame.select(clean.otherwise(v).alias("c"))
    ok = frame["c"].str.contains(_EMAIL) & ~frame["c"].str.contains(r"\.\.|^\.|\.@")
    problems = problems_where(
        frame["c"].is_not_null() & ~ok,
        series,
        "is not an e-mail address; write it like name@example.com",
    )
    values = pl.select(pl.when(ok).then(frame["c"])).to_series().alias(series.name)
    return Normalized(values, problems)
