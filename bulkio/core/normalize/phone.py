"""Phone numbers to E.164 ("+493511234567") with a default region for national numbers."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import phonenumbers
import polars as pl

from bulkio.core.normalize.result import Normalized, by_unique

_E164 = r"^\+[1-9]\d{6,14}$"


@lru_cache(maxsize=32)
def _region_prefix(region: str) -> tuple[int, str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
    if meta is None:
        return 0, ""
    return int(meta.country_code or 0), str(meta.national_prefix or "")


def _convert(region: str) -> Callable[[str], tuple[str | None, str | None]]:
    def convert(value: str) -> tuple[str | None, str | None]:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_possible_number(number):
            return None, (
                f"'{value}' is not a phone number; write it like +49 351 1234567, "
                f"or without the country code for a number in {region}"
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None

    return convert


def normalize_phones(series: pl.Series, *, region: str = "DE") -> Normalized:
    """Phone numbers in any common shape -> E.164; a reformatted number is not a problem.

    Fast path in polars for the common shapes ("0351 1234567", "+49 (0)351/123 45 67",
    "0049 351 1234567"); the rest go through phonenumbers once per distinct value.
    """
    code, trunk = _region_prefix(region)
    compact = (
        pl.col("v")
        .str.replace_all(r"\(0\)", "")
        .str.replace_all(r"[\s/\-().]", "")
        .str.replace(r"^00", "+")
    )
    frame = pl.DataFrame({"v": series}).with_columns(compact.alias("c"))
    well_formed = pl.col("c").str.contains(_E164)
    if code:  # "+49 0351 ..." carries a stray trunk zero: let phonenumbers drop it
        well_formed = well_formed & ~pl.col("c").str.starts_with(f"+{code}0")
    fast = pl.when(well_formed).then(pl.col("c"))
    if code and trunk:
        national = rf"^{trunk}[1-9]\d{{5,12}}$"
        fast_expr = fast.when(pl.col("c").str.contains(national)).then(
            pl.lit(f"+{code}") + pl.col("c").str.slice(len(trunk))
        )
        frame = frame.with_columns(fast_expr.otherwise(None).alias("f"))
    else:
        frame = frame.with_columns(fast.otherwise(None).alias("f"))
    slow_mask = frame["f"].is_null() & frame["v"].is_not_null()
    if not slow_mask.any():
        return Normalized.fine(frame["f"].alias(series.name))
    convert = _convert(region)
    slow_values, problems = by_unique(series, convert, only=slow_mask)
    values = frame["f"].fill_null(slow_values)
    return Normalized(values.alias(series.name), problems.alias(series.name))
