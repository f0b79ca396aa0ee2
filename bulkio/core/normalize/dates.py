"""Dates in the formats a mapping names, ISO always, Excel serials where allowed -> ISO text."""

from __future__ import annotations

import datetime as dt

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

_ISO = r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$"
_SERIAL = r"^\d{1,7}(?:\.0+)?$"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXAMPLE = dt.date(1980, 12, 31)


def describe_format(fmt: str) -> str:
    """'%d.%m.%Y' -> 'DD.MM.YYYY (e.g. 31.12.1980)'."""
    human = fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")
    return f"{human} (e.g. {_EXAMPLE.strftime(fmt)})"


def normalize_dates(
    series: pl.Series, *, formats: list[str], excel_serial: bool = False
) -> Normalized:
    """Text dates -> 'YYYY-MM-DD'. Which of 01.02.2023 / 02/01/2023 is meant comes only from
    ``formats``; ISO dates are always accepted; Excel serial numbers ("44927") only when
    ``excel_serial`` is set."""
    v = series.str.strip_chars()
    iso = v.str.extract(_ISO, 1)
    candidates = [iso.str.to_date("%Y-%m-%d", strict=False)]
    for fmt in formats:
        parsed_one = v.str.to_date(fmt, strict=False)
        if "%Y" in fmt:  # "1.2.81" is not the year 81: leave it to a %y format
            parsed_one = pl.select(
                pl.when(parsed_one.dt.year() >= 1000).then(parsed_one)
            ).to_series()
        candidates.append(parsed_one)
    if excel_serial:
        days = v.str.extract(r"^(\d{1,7})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
        serial = (
            pl.DataFrame({"d": days})
            .select(
                pl.when(pl.col("d").is_between(1, 2958465)).then(
                    pl.lit(_EXCEL_EPOCH) + pl.duration(days=pl.col("d"))
                )
            )
            .to_series()
        )
        candidates.append(serial.cast(pl.Date))
    parsed = pl.select(pl.coalesce(candidates)).to_series()
    values = parsed.dt.to_string("%Y-%m-%d").alias(series.name)
    accepted = [describe_format(f) for f in formats if f != "%Y-%m-%d"] + ["YYYY-MM-DD"]
    if "%Y-%m-%d" in formats:  # ISO named by the mapping: said once, with its example
        accepted[-1] = describe_format("%Y-%m-%d")
    serial_hint = "" if excel_serial else " (Excel date numbers are off for this field)"
    format_hint = "" if formats else " (or name this file's date format in the mapping)"
    bad = parsed.is_null() & series.is_not_null()
    hint = pl.when(v.str.contains(_SERIAL)).then(pl.lit(serial_hint)).otherwise(pl.lit(format_hint))
    message = pl.lit(f"is not a date; write it as {' or '.join(accepted)}") + hint
    return Normalized(values, problems_where(bad, series, message))
