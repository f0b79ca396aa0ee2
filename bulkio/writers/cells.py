"""Safe text cells: a value from data is stored as text, never as a formula, and every piece
of text bulkio writes into a workbook (cells, headers, notes) is cleaned here first.

The writers store every value from data as a text cell, so "=SUM(A1)", "+49 351", "-5",
"TRUE" or "@home" are read back exactly as they are and Excel never runs them. The rule for
what is cleaned: characters XML 1.0 cannot hold (control characters other than tab, LF and
CR; U+FFFE and U+FFFF; lone surrogates, which a JSON ``\\ud800`` escape can produce) are
dropped, since a workbook holding them does not open in Excel and the writer libraries
refuse or escape them; text longer than Excel's cell limit is cut to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment

# Excel's limits for the text of one cell and for a sheet's name.
MAX_CELL_TEXT = 32767
MAX_TITLE = 31
_NOT_IN_TITLES = re.compile(r"[\[\]:*?/\\]")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """The text without characters a workbook cannot hold, cut to Excel's cell limit."""
    if _NOT_IN_XML.search(value):
        value = _NOT_IN_XML.sub("", value)
    return value[:MAX_CELL_TEXT]


def clean_row(values: Sequence[str | None]) -> list[str | None]:
    """Every value of a row through :func:`clean_text` (None stays None). A row that needs no
    cleaning, nearly every row, costs one search over its joined text."""
    joined = "".join(filter(None, values))
    if len(joined) <= MAX_CELL_TEXT and not _NOT_IN_XML.search(joined):
        return list(values)
    return [None if v is None else clean_text(v) for v in values]


def sheet_title(name: str, taken: set[str], fallback: str = "Sheet") -> str:
    """A valid sheet name for ``name``, unique among ``taken`` (casefolded; the name is
    added): no characters a workbook cannot hold, none of []:*?/\\, no apostrophe at either
    end, at most 31 characters."""
    base = _NOT_IN_TITLES.sub("_", clean_text(name)).strip().strip("'") or fallback
    title, n = base[:MAX_TITLE].rstrip("'"), 1
    while title.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[: MAX_TITLE - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def set_text(cell: Cell, value: str | None) -> None:
    """Put ``value`` into an openpyxl cell as text."""
    if value is None or value == "":
        cell.value = None
        return
    cell.value = clean_text(value)
    cell.data_type = "s"


def note(text: str, *, width: int, height: int) -> Comment:
    """An openpyxl cell's note (comment) holding ``text``, cleaned."""
    comment = Comment(clean_text(text), "bulkio")
    comment.width = width
    comment.height = height
    return comment
