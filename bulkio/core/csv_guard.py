"""The formula guard of bulkio's CSV exports, and its exact undoing when bulkio reads them.

A value starting with ``=``, ``+``, ``-``, ``@``, tab or CR is guarded as OWASP advises, by a
leading single quote, so a spreadsheet program shows it as text instead of running it. A
value starting with a single quote is guarded too, which makes the guard exactly reversible:
``'=1+1`` reads back as ``=1+1`` and a typed ``'abc`` (written ``''abc``) as ``'abc``.
"""

from __future__ import annotations

import polars as pl

GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_GUARDED_PATTERN = r"^'[=+@\t\r'-]"


def guard_csv_value(value: str) -> str:
    """Prefix a single quote when the value could start a formula (or starts with a quote)."""
    return "'" + value if value.startswith(GUARDED_STARTS) else value


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
