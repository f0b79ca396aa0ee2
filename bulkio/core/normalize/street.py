"""Splitting a street line into street and house number, as polars expressions.

"Hauptstr. 12a" -> Hauptstr. / 12a; "Am Markt 3-5" -> Am Markt / 3-5;
"12 Main Street" -> Main Street / 12; "Straße des 17. Juni 4" -> Straße des 17. Juni / 4.
"""

from __future__ import annotations

import polars as pl

_HOUSE = r"\d+\s?[A-Za-z]?(?:\s?[-/]\s?\d+\s?[A-Za-z]?)?"
_TRAILING = rf"^(.*?\S)\s*({_HOUSE})$"
_LEADING = rf"^({_HOUSE})\s+(\D.*)$"


def street_name(value: pl.Expr) -> pl.Expr:
    v = value.str.strip_chars().str.replace_all(r"\s+", " ")
    return pl.coalesce(v.str.extract(_TRAILING, 1), v.str.extract(_LEADING, 2), v)


def street_house(value: pl.Expr) -> pl.Expr:
    v = value.str.strip_chars().str.replace_all(r"\s+", " ")
    return pl.coalesce(v.str.extract(_TRAILING, 2), v.str.extract(_LEADING, 1))
