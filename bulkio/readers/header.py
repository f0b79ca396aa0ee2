"""The header row: which row it is, and the column names a person will recognise."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bulkio.core.issues import RowIssue, Severity

_NUMBER_OR_DATE = re.compile(
    r"^\s*[-+]?(\d[\d.,' ]*|\d{1,4}[-./]\d{1,2}[-./]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?)?)\s*$"
)
SAMPLE_ROWS = 30


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def looks_like_text(value: str) -> bool:
    """True for a label such as "PLZ", False for "01067", "3.5" or "05.03.2024"."""
    return not _NUMBER_OR_DATE.match(value)


def detect_header_row(rows: Sequence[Sequence[str | None]], text_cells: Sequence[int]) -> int:
    """Index (into ``rows``) of the header: the first row whose cells are mostly text and that
    has at least two thirds as many filled cells as the widest row below it (a header
    may leave a column blank). ``text_cells[i]`` counts the cells of
    row i that are text (not numbers or dates). Falls back to the first non-empty row."""
    filled = [sum(1 for cell in row if cell is not None) for row in rows]
    first_filled = next((i for i, n in enumerate(filled) if n), 0)
    for i, count in enumerate(filled):
        if not count or text_cells[i] * 2 <= count:
            continue
        below = [n for n in filled[i + 1 : i + 1 + SAMPLE_ROWS] if n]
        widest_below = max(below, default=count)
        if count * 3 >= widest_below * 2 and (count >= 2 or widest_below <= 1):
            return i
    return first_filled


@dataclass(frozen=True)
class HeaderCell:
    """One header cell: the raw text (None when blank) and its 0-based column index."""

    text: str | None
    column: int
    merged_into: str | None = None  # the cell range when this cell is covered by a merge
    # the text of a merge that comes down into this cell from above (a two-row header)
    from_above: str | None = None


def name_columns(
    cells: Sequence[HeaderCell], row: int, sheet: str | None
) -> tuple[list[str], list[RowIssue]]:
    """Clean header names: stripped; blank -> "Column C"; duplicate -> "Name (2)"."""
    names: list[str] = []
    notes: list[RowIssue] = []
    seen: set[str] = set()
    for cell in cells:
        text = (cell.text or cell.from_above or "").strip()
        letter = column_letter(cell.column)
        if not text:
            text = f"Column {letter}"
            if cell.merged_into:
                notes.append(
                    _note(
                        f"header cells {cell.merged_into} are merged; column {letter} was named "
                        f"'{text}'. Unmerge the header cells and give each column its own name",
                        row,
                        text,
                        sheet,
                    )
                )
            else:
                notes.append(
                    _note(
                        f"column {letter} has no header; it was named '{text}'. "
                        "Write a name into the header cell to use your own",
                        row,
                        text,
                        sheet,
                    )
                )
        if text in seen:
            base, n = text, 2
            while f"{base} ({n})" in seen:
                n += 1
            text = f"{base} ({n})"
            notes.append(
                _note(
                    f"the header '{base}' appears more than once; column {letter} was renamed "
                    f"'{text}'. Give each column a different name",
                    row,
                    text,
                    sheet,
                )
            )
        seen.add(text)
        names.append(text)
    return names, notes


def _note(message: str, row: int, column: str, sheet: str | None) -> RowIssue:
    return RowIssue(message=message, row=row, column=column, severity=Severity.WARNING, sheet=sheet)
