"""The date formats of a column, read from the values that settle them.

"23.8.72" can only be day.month.two-digit-year; "12/31/1980" only month/day/year, because no
month is 31; "05/04/1980" fits both orders, so when every value is like it the order is a
guess, said as such. Each candidate format is tried the way ``check`` reads dates (the same
parser), so a format proposed here is one ``check`` accepts for these values.

Two-digit years are read as the last hundred years ("3.4.58" is 1958, "1.2.05" is 2005): when
the date parser would put one in the future (it reads "58" as 2058), the draft rewrites them to
four digits with a cleaning step before the date is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import polars as pl

EMPTY_DATES = frozenset({"0/0/00", "0.0.00", "00.00.0000", "0000-00-00"})
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_NUMERIC = re.compile(r"^(\d{1,4})([./\- ])(\d{1,2})\2(\d{1,4})$")
_LONG_FORMS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%d-%b-%Y")
DATE_SHARE = 0.8  # this share of a column's values must read as dates for it to be dates
_PARSER_CENTURY_SPLIT = 70  # the date parser reads two-digit years up to 69 as 20xx


@dataclass(frozen=True)
class DateFormats:
    """How a column's dates are written."""

    formats: tuple[str, ...]  # for the mapping's 'formats:'; () when ISO dates need none
    settled: bool  # the values decide the order of day and month (or need no order)
    note: str  # for the draft's comment
    short_years: tuple[int, ...] = ()  # the years written with two digits
    unread: tuple[str, ...] = field(default_factory=tuple)  # values no format reads


def _filled(values: Sequence[str | None]) -> list[str]:
    found = (v.strip() for v in values if v is not None)
    return [v for v in found if v and v not in EMPTY_DATES and not v.startswith("--")]


def _reads(values: Sequence[str], fmt: str) -> list[bool]:
    """Which values ``fmt`` reads, as check reads them (a %Y year has four digits)."""
    parsed = pl.Series(values, dtype=pl.String).str.to_date(fmt, strict=False)
    if "%Y" in fmt:
        parsed = pl.select(pl.when(parsed.dt.year() >= 1000).then(parsed)).to_series()
    return parsed.is_not_null().to_list()


def _orders(value: str) -> set[str]:
    """The orders a numeric date could be in: 'dmy', 'mdy', 'ymd'."""
    found = _NUMERIC.match(value)
    if found is None:
        return set()
    a, _, b, c = found.groups()
    first, second, third = int(a), int(b), int(c)
    orders = set()
    if len(a) == 4:
        if 1 <= second <= 12 and 1 <= third <= 31:
            orders.add("ymd")
        return orders
    if len(c) not in (2, 4):
        return orders
    if 1 <= first <= 31 and 1 <= second <= 12:
        orders.add("dmy")
    if 1 <= first <= 12 and 1 <= second <= 31:
        orders.add("mdy")
    return orders


def _format(order: str, separator: str, year: str) -> str:
    parts = {"d": "%d", "m": "%m", "y": year}
    return separator.join(parts[p] for p in order)


def date_formats(
    values: Sequence[str | None], *, month_first: bool = False, least: float = DATE_SHARE
) -> DateFormats | None:
    """The formats that read most of these values, or None when fewer than ``least`` of
    them are dates.

    ``month_first``: the order to guess when no value settles it (a file from the US)."""
    dates = _filled(values)
    if not dates:
        return None
    if all(_ISO.match(v) for v in dates):
        return DateFormats((), True, "real dates (or written YYYY-MM-DD), read as they are")
    numeric = [(v, _orders(v)) for v in dates]
    day_first = sum("dmy" in o and "mdy" not in o for _, o in numeric)
    month_sure = sum("mdy" in o and "dmy" not in o for _, o in numeric)
    formats: list[str] = []
    short: list[int] = []
    if any(o for _, o in numeric):
        if day_first or month_sure:
            order = "dmy" if day_first >= month_sure else "mdy"
            settled = not (day_first and month_sure)
        else:
            ambiguous = any("dmy" in o and "mdy" in o for _, o in numeric)
            order = "mdy" if month_first and ambiguous else ("dmy" if ambiguous else "ymd")
            settled = not ambiguous
        for value, orders in numeric:
            if order not in orders:
                continue
            found = _NUMERIC.match(value)
            assert found is not None
            digits = found.group(4 if order != "ymd" else 1)
            if len(digits) == 2:
                short.append(int(digits))
            fmt = _format(order, found.group(2), "%y" if len(digits) == 2 else "%Y")
            if fmt not in formats:
                formats.append(fmt)
    else:
        order, settled = "", True
    for fmt in _LONG_FORMS:
        if any(_reads(dates, fmt)):
            formats.append(fmt)
    if not formats:
        return None
    read = [any(flags) for flags in zip(*(_reads(dates, f) for f in formats), strict=True)]
    iso = [bool(_ISO.match(v)) for v in dates]
    unread = tuple(v for v, ok, i in zip(dates, read, iso, strict=True) if not (ok or i))
    if len(unread) > (1 - least) * len(dates):
        return None
    formats = _covering(dates, formats)
    note = _describe(order, settled, dates)
    return DateFormats(tuple(formats), settled, note, tuple(sorted(set(short))), unread)


def _covering(dates: Sequence[str], formats: Sequence[str]) -> list[str]:
    """The formats that read most values first, without one that reads nothing new."""
    reads = {f: _reads(dates, f) for f in formats}
    ranked = sorted(formats, key=lambda f: -sum(reads[f]))
    kept: list[str] = []
    done = [False] * len(dates)
    for fmt in ranked:
        if any(ok and not seen for ok, seen in zip(reads[fmt], done, strict=True)):
            kept.append(fmt)
            done = [ok or seen for ok, seen in zip(reads[fmt], done, strict=True)]
    return kept


def _describe(order: str, settled: bool, dates: Sequence[str]) -> str:
    words = {"dmy": "day before month", "mdy": "month before day", "ymd": "year first"}
    if not order:
        return "dates written out with month names"
    if settled:
        example = next((v for v in dates if len(_orders(v)) == 1), dates[0])
        return f"dates written {words[order]} ('{example}' settles it)"
    return (
        f"no value settles whether the day or the month comes first; read as "
        f"{words[order]}, e.g. '{dates[0]}'"
    )


def century_cleaning(dates: DateFormats, today: date) -> tuple[dict[str, str], str] | None:
    """The regex_replace step that writes two-digit years with four when the date parser
    would put one in the future ("3.4.58" -> "3.4.1958"; it reads 00-69 as 2000-2069): the
    years of the last hundred up to ``today``. None when every two-digit year reads right."""
    pivot = today.year % 100
    if not any(pivot < year < _PARSER_CENTURY_SPLIT for year in dates.short_years):
        return None
    tens, units = divmod(pivot, 10)
    recent = f"0[0-{units}]" if tens == 0 else f"(?:[0-{tens - 1}]\\d|{tens}[0-{units}])"
    steps: dict[str, str] = {}
    for fmt in dates.formats:
        if "%y" not in fmt or fmt in _LONG_FORMS:
            continue
        sep = re.escape(next(ch for ch in fmt if ch not in "%dmyY"))
        front = f"^(\\d{{1,2}}{sep}\\d{{1,2}}{sep})"  # the year comes last (d.m.y, m/d/y)
        steps[f"{front}({recent})$"] = "${1}20${2}"
        steps[f"{front}(\\d{{2}})$"] = "${1}19${2}"
    century = today.year - pivot
    note = (
        f"two-digit years are written with four first: 00-{pivot:02d} as {century}-"
        f"{century + pivot}, {pivot + 1:02d}-99 as {century - 100 + pivot + 1}-{century - 1}"
    )
    return steps, note


def four_digit(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats once two-digit years are written with four (duplicates dropped)."""
    result: list[str] = []
    for fmt in formats:
        full = fmt if fmt in _LONG_FORMS else fmt.replace("%y", "%Y")
        if full not in result:
            result.append(full)
    return tuple(result)
