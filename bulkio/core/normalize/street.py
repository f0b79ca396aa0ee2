"""Splitting a street line into street and house number, as polars expressions.

"Hauptstr. 12a" -> Hauptstr. / 12a; "Am Markt 3-5" -> Am Markt / 3-5;
"12 Main Street" -> Main Street / 12; "Straße des 17. Juni 4" -> Straße des 17. Juni / 4.
"""

from __future__ import annotations

import polars as pl

_HOUSE = r"\d+ ?[A-Za-z]?(?: ?[-/] ?\d+ ?[A-Za-z]?)?"


def _tidy(value: pl.Expr) -> pl.Expr:
    return value.str.replace_all(r"\s{2,}|[\t\r\n]", " ").str.strip_chars()


def street_name(value: pl.Expr) -> pl.Expr:
    v = _tidy(value)
    trailing = v.str.contains(rf"\S\s*{_HOUSE}$")
    leading = v.str.contains(rf"^{_HOUSE}\s+\D")
    name = (
        pl.when(trailing)
        .then(v.str.replace(rf"\s*{_HOUSE}$", ""))
        .when(leading)
        .then(v.str.replace(rf"^{_HOUSE}\s+", ""))
        .otherwise(v)
    )
    return name.str.strip_chars()


def street_house(value: pl.Expr) -> pl.Expr:
    v = _tidy(value)
    trailing = v.str.extract(rf"\S\s*({_HOUSE})$", 1)
    leading = v.str.extract(rf"^({_HOUSE})\s+\D", 1)
    return pl.coalesce(trailing, leading).str.strip_chars()
