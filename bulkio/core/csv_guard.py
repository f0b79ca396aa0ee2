"""The formula guard of bulkio's CSV exports, and its exact undoing when bulkio reads them.

A value starting with ``=``, ``+``, ``-``, ``@``, tab or CR is guarded as OWASP advises, by a
leading single quote, so a spreadsheet program shows it as text instead of running it.
Two kinds of values that start so are plainly not formulas in any spreadsheet program and
stay as they are, so that other programs get them unchanged: a phone number in E.164 form
(``+493511234567``) and a plain number (``-5``, ``+0.25``, ``-1,5``). A value starting with a
single quote is guarded too, which makes the guard exactly reversible: ``'=1+1`` reads back
as ``=1+1``, a typed ``'abc`` (written ``''abc``) as ``'abc``, and an unguarded ``+4930...``
as itself.
"""

from __future__ import annotations

import re

import polars as pl

GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
# Values that start like a formula but are not one anywhere: E.164 phones, plain numbers.
_NOT_A_FORMULA = re.compile(r"\+[1-9][0-9]{1,14}|[+-]?[0-9]+(?:[.,][0-9]+)?")
_GUARDED_PATTERN = r"^'[=+@\t\r'-]"


def guard_csv_value(value: str) -> str:
    """Prefix a single quote when the value could start a formula (or starts with a quote);
    an E.164 phone number or a plain number is left as it is."""
    if not value.startswith(GUARDED_STARTS) or _NOT_A_FORMULA.fullmatch(value):
        return value
    return "'" + value


def unguard_csv_value(value: str) -> str:
    """Undo ``guard_csv_value``: for values read from a bulkio export (see its manifest)."""
    if len(value) >= 2 and value[0] == "'" and value[1] in "=+-@\t\r'":
        return value[1:]
    return value


def unguard_expr(column: str) -> pl.Expr:
    """``unguard_csv_value`` on a whole text column (nulls stay null)."""
    col = pl.col(column)
    return (
        pl.when(col.str.contains(_GUARDED_PATTERN))
        .then(col.str.slice(1))
        .otherwise(col)
        .alias(column)
    )
