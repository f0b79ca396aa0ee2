"""IBAN (with checksum, python-stdnum) and BIC."""

from __future__ import annotations

import polars as pl
from stdnum import iban
from stdnum.exceptions import ValidationError

from bulkio.core.normalize.result import Normalized, by_unique, problems_where

_BIC = r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$"


def _iban(value: str) -> tuple[str | None, str | None]:
    try:
        return str(iban.validate(value)), None
    except ValidationError as exc:
        return None, (
            f"'{value}' is not a valid IBAN ({str(exc).rstrip('.').lower()}); check it "
            "against the bank statement, e.g. DE89 3704 0044 0532 0130 00"
        )


def normalize_ibans(series: pl.Series) -> Normalized:
    """'DE89 3704 0044 0532 0130 00' -> 'DE89370400440532013000'; checksum checked."""
    values, problems = by_unique(series.str.strip_chars(), _iban)
    return Normalized(values.alias(series.name), problems.alias(series.name))


def normalize_bics(series: pl.Series) -> Normalized:
    """'cobade ffxxx' -> 'COBADEFFXXX'; 8 or 11 letters and digits."""
    clean = series.str.replace_all(r"\s", "").str.to_uppercase()
    ok = clean.str.contains(_BIC)
    values = pl.select(pl.when(ok).then(clean)).to_series()
    problems = problems_where(
        series.is_not_null() & ~ok,
        series,
        "is not a BIC; a BIC has 8 or 11 letters and digits, like COBADEFFXXX",
    )
    return Normalized(values.alias(series.name), problems)
