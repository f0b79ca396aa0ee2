"""EU VAT identification numbers, checksum checked with python-stdnum."""

from __future__ import annotations

import polars as pl
from stdnum.eu import vat
from stdnum.exceptions import ValidationError

from bulkio.core.normalize.result import Normalized, by_unique

EXAMPLE = "DE136695976"  # a VAT ID whose check digit is right (python-stdnum agrees)


def _vat(value: str) -> tuple[str | None, str | None]:
    try:
        return str(vat.validate(value)), None
    except ValidationError as exc:
        return None, (
            f"'{value}' is not a valid VAT ID ({str(exc).rstrip('.').lower()}); "
            "write the country code and number, like " + EXAMPLE
        )


def normalize_vat_ids(series: pl.Series) -> Normalized:
    """'DE 123 456 789' -> 'DE123456789' when the checksum is right."""
    values, problems = by_unique(series.str.strip_chars(), _vat)
    return Normalized(values.alias(series.name), problems.alias(series.name))
