"""Safe text in workbooks: a value from data is stored as text, never as a formula, and
everything written to a workbook's XML (cells, headers, notes, sheet names) goes through here.

openpyxl treats a string starting with "=" as a formula. Every cell bulkio writes from data
goes through here: its type is forced to a string, so "=SUM(A1)", "+49 351", "-5" or
"@home" are stored and read back exactly as they are and Excel never runs them. Characters
XML cannot hold (control characters other than tab, CR and LF) are dropped, since a workbook
containing them does not open.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment

# Excel's limits for the text of one cell and for a sheet's name.
MAX_CELL_TEXT = 32767
MAX_TITLE = 31
_NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")


def clean_text(value: str) -> str:
    """The text without characters a workbook cannot hold, cut to Excel's cell limit."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[:MAX_CELL_TEXT]


def text_cell(ws: Any, value: str | None) -> Any:
    """A write-only cell holding ``value`` as text (or an empty cell for None)."""
    if value is None or value == "":
        return WriteOnlyCell(ws)
    cell = WriteOnlyCell(ws, value=clean_text(value))
    cell.data_type = "s"
    return cell


def text_value(ws: Any, value: str | None) -> Any:
    """What to append to a write-only row for ``value``: the plain string when openpyxl keeps
    it as text anyway (fast), a forced text cell when it would not ("=...", "#N/A")."""
    if value is None or value == "":
        return None
    value = clean_text(value)
    if value.startswith("=") or value in ERROR_CODES:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def set_text(cell: Cell, value: str | None) -> None:
    """Put ``value`` into a normal (not write-only) cell as text."""
    if value is None or value == "":
        cell.value = None
        return
    cell.value = clean_text(value)
    cell.data_type = "s"


def note(text: str, *, width: int, height: int) -> Comment:
    """A cell's note (comment) holding ``text``."""
    comment = Comment(clean_text(text), "bulkio")
    comment.width = width
    comment.height = height
    return comment


def sheet_title(name: str, taken: set[str], fallback: str = "Sheet") -> str:
    """A valid sheet name for ``name``, unique among ``taken`` (casefolded; the name is
    added): no characters a workbook cannot hold, none of []:*?/\\, at most 31 characters."""
    base = _NOT_IN_TITLES.sub("_", clean_text(name)).strip().strip("'") or fallback
    title, n = base[:MAX_TITLE], 1
    while title.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[: MAX_TITLE - len(suffix)] + suffix
    taken.add(title.casefold())
    return title
