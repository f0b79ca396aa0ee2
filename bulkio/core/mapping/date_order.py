"""Which of day and month comes first, settled by a date column's own values.

A preset whose date format is an assumption (``defaults.date_formats_assumed``: an English
Outlook writes month/day on American settings and day/month on British ones) lets the values
decide: a value whose first part is over 12 (23/04/1980) can only be day/month, one whose
second part is over 12 (04/23/1980) only month/day. Only values written with the separator
of the assumed formats count ("/" for "%m/%d/%Y"); "23.04.1980" says nothing about them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum

import polars as pl

_PARTS = r"^(\d{1,2})([./\-])(\d{1,2})[./\-](\d{2}|\d{4})$"


class DateOrder(Enum):
    DAY_FIRST = "day/month"
    MONTH_FIRST = "month/day"


@dataclass(frozen=True)
class OrderEvidence:
    """One value of each kind the column holds (or None): only day/month reads it, only
    month/day reads it, both read it as different dates."""

    day_first: str | None = None
    month_first: str | None = None
    ambiguous: str | None = None

    @property
    def settled(self) -> DateOrder | None:
        """The order the values settle, None when they settle none or contradict."""
        if self.day_first is not None and self.month_first is None:
            return DateOrder.DAY_FIRST
        if self.month_first is not None and self.day_first is None:
            return DateOrder.MONTH_FIRST
        return None

    @property
    def contradicts(self) -> bool:
        return self.day_first is not None and self.month_first is not None

    @property
    def empty(self) -> bool:
        return self.day_first is None and self.month_first is None and self.ambiguous is None


@dataclass(frozen=True)
class AssumedOrder:
    """The order a list of date formats assumes and the separator it is written with."""

    order: DateOrder
    separator: str


def assumed_order(formats: list[str]) -> AssumedOrder | None:
    """The order of the first format with a day, a month and a separator between them
    ("%m/%d/%Y" -> month/day with "/"); None when no format has both."""
    for fmt in formats:
        day, month = fmt.find("%d"), fmt.find("%m")
        if day < 0 or month < 0:
            continue
        first = min(day, month)
        separator = fmt[first + 2 : first + 3]
        if separator and not separator.isalnum() and separator != "%":
            order = DateOrder.DAY_FIRST if day < month else DateOrder.MONTH_FIRST
            return AssumedOrder(order, separator)
    return None


def in_order(formats: list[str], assumed: AssumedOrder, order: DateOrder) -> list[str]:
    """``formats`` with day and month swapped in those written with the assumed separator,
    when ``order`` is not the assumed one ("%m/%d/%Y" -> "%d/%m/%Y")."""
    if order is assumed.order:
        return list(formats)
    swapped = []
    for fmt in formats:
        if f"%d{assumed.separator}%m" in fmt or f"%m{assumed.separator}%d" in fmt:
            fmt = fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        swapped.append(fmt)
    return swapped


def order_evidence(values: pl.Series, separator: str) -> OrderEvidence:
    """What the numeric dates written with ``separator`` among ``values`` say about the
    order, in one pass over the distinct values; each example is the first of its kind in
    the column."""
    distinct = values.drop_nulls().str.strip_chars().unique(maintain_order=True)
    parts = distinct.str.extract_groups(_PARTS)
    frame = pl.DataFrame(
        {
            "v": distinct,
            "a": parts.struct.field("1").cast(pl.Int32, strict=False),
            "sep": parts.struct.field("2"),
            "b": parts.struct.field("3").cast(pl.Int32, strict=False),
        }
    ).filter(
        (pl.col("sep") == separator) & pl.col("a").is_between(1, 31) & pl.col("b").is_between(1, 31)
    )
    a, b = pl.col("a"), pl.col("b")
    firsts = frame.select(
        pl.col("v").filter((a > 12) & (b <= 12)).first().alias("day"),
        pl.col("v").filter((b > 12) & (a <= 12)).first().alias("month"),
        pl.col("v").filter((a <= 12) & (b <= 12) & (a != b)).first().alias("both"),
    ).row(0)
    return OrderEvidence(day_first=firsts[0], month_first=firsts[1], ambiguous=firsts[2])


@dataclass(frozen=True)
class OrderVerdict:
    """What a batch's date values decided: the formats to read with from now on (None: not
    decided yet, no value written with the separator) and the warning to give once."""

    formats: list[str] | None
    warning: str | None = None


def _shown(fmt: str) -> str:
    return fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")


def decide_order(
    formats: list[str], values: pl.Series, columns: list[str], mapping_name: str | None = None
) -> OrderVerdict:
    """Settle the assumed order of ``formats`` by ``values`` (the text of every date column
    that reads with them; ``columns`` names those columns in messages, ``mapping_name`` the
    preset or mapping file that assumed the order)."""
    assumed = assumed_order(formats)
    if assumed is None:
        return OrderVerdict(list(formats))
    evidence = order_evidence(values, assumed.separator)
    if evidence.empty:
        return OrderVerdict(None)
    named = ", ".join(f"'{c}'" for c in columns)
    if evidence.contradicts:  # the values that do not fit the assumed order are errors
        return OrderVerdict(list(formats))
    settled = evidence.settled
    if settled is not None:
        chosen = in_order(formats, assumed, settled)
        if settled is assumed.order:
            return OrderVerdict(chosen)
        example = evidence.day_first or evidence.month_first
        return OrderVerdict(
            chosen,
            f"dates in {named} are read as {settled.value} ({_shown(chosen[0])}) because "
            f"values like '{example}' can only be read so; the mapping assumed "
            f"{assumed.order.value}",
        )
    other = in_order(formats, assumed, _other(assumed.order))
    return OrderVerdict(
        list(formats),
        f"dates in {named} are read as {assumed.order.value} ({_shown(formats[0])}), as the "
        f"mapping assumes, but no value settles it ('{evidence.ambiguous}' reads either way); "
        f"if they are {_other(assumed.order).value}, set date_formats: "
        f"{json.dumps(other)} under defaults {_where(mapping_name)}",
    )


def _where(mapping_name: str | None) -> str:
    """Where to set the date formats: the user's mapping file, or a copy of the preset."""
    if mapping_name is None:
        return "in a copy of the mapping"
    if mapping_name.endswith((".yaml", ".yml")) or "/" in mapping_name or "\\" in mapping_name:
        return f"in {mapping_name}"
    return (
        f"in a copy of the preset (bulkio mapping show {mapping_name} > my.yaml, then -m my.yaml)"
    )


def _other(order: DateOrder) -> DateOrder:
    return DateOrder.MONTH_FIRST if order is DateOrder.DAY_FIRST else DateOrder.DAY_FIRST
