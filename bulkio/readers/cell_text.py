"""One workbook cell as the text a person sees: no type guessing, no ``.0``, ISO dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

CellValue = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

_EXACT_INT_LIMIT = 2.0**53


def format_number(value: float) -> str:
    """1067.0 -> "1067", 0.1 + 0.2 -> "0.30000000000000004", 1e20 -> "100000000000000000000"."""
    if value != value or value in (float("inf"), float("-inf")):
        return repr(value)
    if value.is_integer() and abs(value) < _EXACT_INT_LIMIT:
        return str(int(value))
    text = repr(value)  # shortest text that reads back as the same float
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def format_cell(value: CellValue) -> str | None:
    """The text of one cell; None for an empty cell."""
    if value is None:
        return None
    cls = value.__class__
    if cls is str:
        return value if value != "" else None  # type: ignore[return-value]
    if cls is bool:
        return "TRUE" if value else "FALSE"
    if cls is float:
        return format_number(value)  # type: ignore[arg-type]
    if cls is int:
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.timedelta):
        return _format_duration(value)
    return str(value)


def column_text(values: Sequence[CellValue]) -> Sequence[str | None]:
    """The text of a column's cells; text cells stay as they are (empty text stays "")."""
    if {value.__class__ for value in values} == {str}:
        return values  # type: ignore[return-value]
    return [value if value.__class__ is str else format_cell(value) for value in values]


def _format_duration(value: dt.timedelta) -> str:
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
