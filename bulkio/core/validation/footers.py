"""Footer and total lines below the data ("Summe: 12 Kontakte", "Total", "Anzahl 12", a row
holding only a count): recognised by what they hold, so they never become a company."""

from __future__ import annotations

import polars as pl

from bulkio.core.issues import ROW_COLUMN

_WORDS = (
    "summe|gesamtsumme|gesamt|insgesamt|zwischensumme|anzahl|ergebnis|"
    "total|totals|grand total|grand totals|subtotal|sum|count"
)
_THINGS = (
    "kontakte|kontakt|firmen|firma|unternehmen|kunden|datensätze|datensatz|einträge|"
    "eintrag|zeilen|personen|adressen|contacts|contact|companies|company|customers|records|"
    "entries|rows|people|addresses"
)
_COUNT = r"\d[\d.,' ]*"
# "Summe: 12 Kontakte", "Total", "Gesamt 12", "Anzahl:", "12 Kontakte"
_TOTAL = (
    rf"(?i)^(?:(?:{_WORDS})\b\s*[:=]?\s*(?:{_COUNT})?\s*(?:(?:{_THINGS})\b)?\s*[.:]?"
    rf"|(?:{_COUNT})\s*(?:{_THINGS})\b\s*[.:]?)$"
)
_NUMBER = rf"^{_COUNT}$"
_MOST_CELLS = 3  # a footer line fills a few cells: the word, a count, perhaps a sum


def footer_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of ``frame`` that are total lines: ROW_COLUMN and ``text`` (their cells
    joined, for the message). A row counts when it fills at most three cells, one says
    "Summe", "Total", "Anzahl"... (or "12 Kontakte") and any other holds a number; or when
    its only cell is a number."""
    cells = [c for c in frame.columns if c != ROW_COLUMN and frame.schema[c] == pl.String]
    if not cells or frame.height == 0:
        return frame.select(ROW_COLUMN, pl.lit("").alias("text")).clear()
    # the patterns run only on the few rows that fill at most three cells (one cheap pass
    # counts them); a data row is never a footer
    filled_at_all = [pl.col(c).str.strip_chars().str.len_bytes().fill_null(0) > 0 for c in cells]
    frame = frame.filter(pl.sum_horizontal(filled_at_all) <= _MOST_CELLS)
    text = [pl.col(c).str.strip_chars().replace("", None) for c in cells]
    filled = pl.sum_horizontal([t.is_not_null() for t in text])
    totals = pl.sum_horizontal([t.str.contains(_TOTAL).fill_null(False) for t in text])
    numbers = pl.sum_horizontal([t.str.contains(_NUMBER).fill_null(False) for t in text])
    footer = ((totals >= 1) & (totals + numbers == filled) & (filled <= _MOST_CELLS)) | (
        (filled == 1) & (numbers == 1)
    )
    return frame.filter(footer).select(
        ROW_COLUMN, pl.concat_str(text, separator=" ", ignore_nulls=True).alias("text")
    )
