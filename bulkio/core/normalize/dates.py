"""Dates in the formats a mapping names, ISO always, month names in German and English
always, Excel serials where allowed -> ISO text.

Month names ("1. März 1975", "3 March 1975", "March 3, 1975", "3. Mär. 1975",
"03-Mar-1975", "Montag, 3. März 1975") are read through a table of German and English month
names and their abbreviations, as polars expressions over the whole column. ``dateparser``
reads them too, but costs about 0.2 s to import and 3.5 ms per value (measured:
benchmarks/bench_dates.py), and it reads 03/04/1975 as the 4th of March without a word;
bulkio never guesses a day from a month.

Without date formats in the mapping, a numeric date is read only when the value itself
settles which part is the day (31/12/1980); one that does not (03/04/1975) is left empty
with a warning naming both readings and the fix.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from bulkio.core.normalize.result import Normalized, problems_where

# ISO dates, also as the date-times at midnight that exports of date fields write
# ("1980-04-23 00:00:00", "1980-04-23T00:00:00Z"); another time of day is no date (it may be
# the day before or after in the writer's time zone)
_ISO = r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$"
# what Outlook writes for "no date" (0/0/00; German Outlook 0.0.00 or 00.00.0000) and
# databases for a zero date: empty, not a wrong date
_NO_DATE = r"^(?:0{1,2}/0{1,2}/0{2,4}|0{1,2}\.0{1,2}\.0{2,4}|0{1,2}-0{1,2}-0{2,4}|0000-00-00)$"
_SERIAL = r"^\d{1,7}(?:\.0+)?$"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXAMPLE = dt.date(1980, 12, 31)

_MONTH_WORDS = {
    1: "januar jänner jaenner january jan jän",
    2: "februar feber february feb",
    3: "märz maerz march mär mrz mar",
    4: "april apr",
    5: "mai may",
    6: "juni june jun",
    7: "juli july jul",
    8: "august aug",
    9: "september sept sep",
    10: "oktober october okt oct",
    11: "november nov",
    12: "dezember december dez dec",
}
MONTHS = {word: month for month, words in _MONTH_WORDS.items() for word in words.split()}
_WEEKDAYS = (
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun"
)
_WORD = r"([a-zäöü]+)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?\.?"
_YEAR = r"(\d{4})"
_DAY_FIRST = rf"^{_DAY}[\s\-/]*{_WORD}[\s\-/,]*{_YEAR}$"  # 1. März 1975, 03-Mar-1975
_MONTH_FIRST = rf"^{_WORD}[\s\-]*{_DAY},?[\s\-]*{_YEAR}$"  # March 3, 1975
_NUMERIC = r"^(\d{1,2})([./\-])(\d{1,2})[./\-](\d{4})$"  # 03/04/1975, 31.12.1980


def _month_named(v: pl.Series) -> pl.Series:
    """Dates whose month is a German or English name or abbreviation; null elsewhere."""
    worded = v.filter(v.str.contains(r"[^\W\d_]").fill_null(False)).unique()
    if worded.is_empty():
        return pl.repeat(None, len(v), dtype=pl.Date, eager=True)
    text = (
        worded.str.to_lowercase()
        .str.replace(rf"^(?:{_WEEKDAYS})\.?,?\s+", "")
        .str.replace_all(r"\s+", " ")
    )
    day_first = pl.col("t").str.extract_groups(_DAY_FIRST)
    month_first = pl.col("t").str.extract_groups(_MONTH_FIRST)
    parts = pl.DataFrame({"t": text}).select(
        pl.coalesce(day_first.struct.field("1"), month_first.struct.field("2")).alias("day"),
        pl.coalesce(day_first.struct.field("2"), month_first.struct.field("1")).alias("word"),
        pl.coalesce(day_first.struct.field("3"), month_first.struct.field("3")).alias("year"),
    )
    month = pl.col("word").replace_strict(MONTHS, default=None, return_dtype=pl.Int32)
    iso = pl.concat_str(
        pl.col("year"),
        month.cast(pl.String).str.zfill(2),
        pl.col("day").str.zfill(2),
        separator="-",
    )
    dates = parts.select(
        pl.Series("v", worded), iso.str.to_date("%Y-%m-%d", strict=False).alias("date")
    )
    # each distinct value once: a column repeats its dates
    return pl.DataFrame({"v": v}).join(dates, on="v", how="left", maintain_order="left")["date"]


def _settled(v: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Numeric dates read without a format: (the date where the value itself says which part
    is the day, e.g. 31/12/1980; a warning where it does not, e.g. 03/04/1975)."""
    parts = v.str.extract_groups(_NUMERIC)
    frame = pl.DataFrame(
        {
            "a": parts.struct.field("1").cast(pl.Int32, strict=False),
            "b": parts.struct.field("3").cast(pl.Int32, strict=False),
            "y": parts.struct.field("4"),
            "v": v,
        }
    )
    a, b = pl.col("a"), pl.col("b")
    day = pl.when((a > 12) | (a == b)).then(a).when(b > 12).then(b)
    month = pl.when((a > 12) | (a == b)).then(b).when(b > 12).then(a)
    iso = pl.concat_str(
        pl.col("y"),
        month.cast(pl.String).str.zfill(2),
        day.cast(pl.String).str.zfill(2),
        separator="-",
    )
    read = frame.select(iso.str.to_date("%Y-%m-%d", strict=False)).to_series()
    open_question = (a <= 12) & (b <= 12) & (a != b) & (a >= 1) & (b >= 1)
    first, second = _month_name(a), _month_name(b)
    warning = pl.when(open_question).then(
        pl.lit("'")
        + pl.col("v")
        + pl.lit("' could be ")
        + a.cast(pl.String)
        + pl.lit(" ")
        + second
        + pl.lit(" or ")
        + b.cast(pl.String)
        + pl.lit(" ")
        + first
        + pl.lit(
            ", so it is left empty; name the file's date format in the mapping (date_formats: "
            '["%d/%m/%Y"] for day first, ["%m/%d/%Y"] for month first)'
        )
    )
    return read, frame.select(warning).to_series()


def _month_name(number: pl.Expr) -> pl.Expr:
    names = {m: dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)}
    return number.replace_strict(names, default="", return_dtype=pl.String)


def describe_format(fmt: str) -> str:
    """'%d.%m.%Y' -> 'DD.MM.YYYY (e.g. 31.12.1980)'."""
    human = fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")
    return f"{human} (e.g. {_EXAMPLE.strftime(fmt)})"


def normalize_dates(
    series: pl.Series, *, formats: list[str], excel_serial: bool = False
) -> Normalized:
    """Text dates -> 'YYYY-MM-DD'. Which of 01.02.2023 / 02/01/2023 is meant comes only from
    ``formats`` (without formats, only from a value that settles it); ISO dates and dates
    with a month name are always accepted; Excel serial numbers ("44927") only when
    ``excel_serial`` is set."""
    series = pl.select(
        pl.when(~series.str.strip_chars().str.contains(_NO_DATE)).then(series).alias(series.name)
    ).to_series()
    v = series.str.strip_chars()
    iso = v.str.extract(_ISO, 1)
    candidates = [iso.str.to_date("%Y-%m-%d", strict=False), _month_named(v)]
    warnings: pl.Series | None = None
    if not formats:
        settled, warnings = _settled(v)
        candidates.append(settled)
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
    if warnings is not None:
        warnings = pl.select(pl.when(parsed.is_null()).then(warnings)).to_series()
        bad = bad & warnings.is_null()
        if warnings.null_count() == len(warnings):
            warnings = None
    hint = pl.when(v.str.contains(_SERIAL)).then(pl.lit(serial_hint)).otherwise(pl.lit(format_hint))
    message = pl.lit(f"is not a date; write it as {' or '.join(accepted)}") + hint
    return Normalized(values, problems_where(bad, series, message), warnings)
