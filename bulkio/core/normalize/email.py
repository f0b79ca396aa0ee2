"""E-mail addresses: trimmed, domain lower-cased, syntax checked."""

from __future__ import annotations

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

_LOCAL = r"[^\s@\"(),:;<>\[\]\\]+"
_DOMAIN = r"(?:[^\s@.\"(),:;<>\[\]\\_!#$%&'*+/=?^`{|}~]+\.)+[^\W\d_]{2,}"
_EMAIL = rf"^{_LOCAL}@{_DOMAIN}$"


def normalize_emails(series: pl.Series) -> Normalized:
    """'Anna.Mueller@Firma.DE ' -> 'Anna.Mueller@firma.de'; a bad address is a problem."""
    v = pl.col("v").str.strip_chars().str.replace(r"(?i)^mailto:", "")
    parts = v.str.splitn("@", 2)
    local = parts.struct.field("field_0")
    domain = parts.struct.field("field_1").str.to_lowercase()
    clean = pl.when(domain.is_not_null()).then(local + "@" + domain).otherwise(v)
    frame = pl.DataFrame({"v": series}).select(clean.alias("c"))
    ok = frame["c"].str.contains(_EMAIL) & ~frame["c"].str.contains(r"\.\.|^\.|\.@")
    problems = problems_where(
        frame["c"].is_not_null() & ~ok,
        series,
        "is not an e-mail address; write it like name@example.com",
    )
    values = pl.select(pl.when(ok).then(frame["c"])).to_series().alias(series.name)
    return Normalized(values, problems)
