"""Control characters in cells: removed on reading, with a warning on each cell.

The rule: the characters a workbook cannot hold (C0 control characters other than tab, line
feed and carriage return: a vertical tab, a form feed, ESC, ...) are removed from every cell
as it is read, and the cell gets a warning saying so. So what is checked and imported is what
an export of the same data writes, and an export imports again without changes.
"""

from __future__ import annotations

import polars as pl

from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity

PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f]"
MAX_NOTES = 100
_CHARACTERS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]  # what PATTERN matches


def remove_control_characters(
    batch: pl.DataFrame, notes: list[RowIssue], sheet: str | None
) -> pl.DataFrame:
    """The batch with control characters removed from every text column; one warning per
    changed cell is appended to ``notes`` (at most ``MAX_NOTES`` per table, then one that
    counts the rest)."""
    columns = [name for name, kind in batch.schema.items() if kind == pl.String]
    if not columns:
        return batch
    # a plain search for the characters: cheaper than the pattern over every cell; one
    # answer per column first, as most batches have none
    found = batch.select(pl.col(columns).str.contains_any(_CHARACTERS).any()).row(0)
    hit = [name for name, any_found in zip(columns, found, strict=True) if any_found]
    if not hit:
        return batch
    for name in hit:
        changed = pl.col(name).str.contains_any(_CHARACTERS).fill_null(False)
        for row, value in batch.filter(changed).select(ROW_COLUMN, name).iter_rows():
            _note(notes, sheet, row, name, value)
    return batch.with_columns(pl.col(hit).str.replace_all(PATTERN, ""))


_PREFIX = "control characters"
_MORE = "more cells hold control characters; they were removed as well"


def _note(notes: list[RowIssue], sheet: str | None, row: int, column: str, value: str) -> None:
    noted = sum(1 for n in notes if n.message.startswith((_PREFIX, _MORE)))
    if noted > MAX_NOTES:
        return
    if noted == MAX_NOTES:
        notes.append(RowIssue(_MORE, severity=Severity.WARNING, sheet=sheet))
        return
    codes = sorted({f"U+{ord(c):04X}" for c in value if ord(c) < 32 and c not in "\t\n\r"})
    notes.append(
        RowIssue(
            f"{_PREFIX} ({', '.join(codes)}) were removed from this cell, as a workbook cannot "
            "hold them; check the value",
            row=row,
            column=column,
            severity=Severity.WARNING,
            sheet=sheet,
        )
    )
