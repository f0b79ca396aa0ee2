"""The plan workbook of ``bulkio import --dry-run``: what the import will do, row by row and
field by field, for a customer to read and sign before anything is sent.

Sheets, in order:

- Summary: the figures the caller passes (input, mapping, mode, the records to create,
  update and link, the writes that costs and about how long at the server's rate), then
  lines to sign.
- One sheet per input sheet: "Row" (the source row number), the user's own columns, then
  the preview's columns (``bulkio.core.preview``): each record's action, a note, and every
  field sent, as cleaned for a create, ``before → after`` for an update. New values are
  green, changes yellow, what is left alone grey.

The results workbook (``bulkio.writers.results``) shows the same columns after a run. Every
sheet has its header frozen, a filter, fitted columns and print settings
(``sheet_style``); every value from the data is a text cell. Written with
rvgsrust-xlsxwriter in constant-memory mode; the caller gives a temporary name
(``bulkio.writers.outputs.written``), so an interrupted write never leaves half a workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rvgsrust_xlsxwriter import Format, Workbook

from bulkio.core.preview import Mark, PreviewCell
from bulkio.writers.cells import clean_row, sheet_title
from bulkio.writers.sheet_style import Widths, finish_rust
from bulkio.writers.summary import SUMMARY_TITLE, Figure, write_summary

ROW_HEADER = "Row"
SIGN_OFF = ("Checked and approved by", "Date", "Signature")
MARK_FILLS = {Mark.NEW: "#C6EFCE", Mark.CHANGED: "#FFEB9C", Mark.LEFT: "#D9D9D9"}


@dataclass(frozen=True)
class SheetPreview:
    """The preview's columns for one input sheet: their headers, and a row's cells."""

    headers: Sequence[str]
    cells: Callable[[int], Sequence[PreviewCell | None]]  # source row number -> its cells


@dataclass(frozen=True)
class PlanSheet:
    """One input sheet: its name, headers and ``(row number, cells)`` per row, and its
    preview."""

    name: str
    columns: Sequence[str]
    rows: Iterable[tuple[int, Sequence[str | None]]]
    preview: SheetPreview


class Styles:
    """The formats of a plan or results workbook."""

    def __init__(self) -> None:
        self.bold = Format().set_bold()
        self.marks = {mark: Format().set_background_color(c) for mark, c in MARK_FILLS.items()}
        self.sign_line = Format().set_bottom_border("thin")


def write_plan(path: Path, *, sheets: Iterable[PlanSheet], summary: Mapping[str, Figure]) -> None:
    """Write the plan workbook to ``path`` (.xlsx)."""
    book = Workbook(str(path))
    book.set_properties(author="bulkio")
    styles = Styles()
    ws = write_summary(book, summary, styles.bold)
    for n, label in enumerate(SIGN_OFF, start=len(summary) + 1):
        ws.write(n, 0, label, styles.bold)
        ws.write(n, 1, "", styles.sign_line)
    taken = {SUMMARY_TITLE.casefold()}
    for sheet in sheets:
        ws = book.add_worksheet(sheet_title(sheet.name, taken, "Plan"), constant_memory=True)
        header = clean_row([ROW_HEADER, *sheet.columns, *sheet.preview.headers])
        ws.write_row(0, 0, header, styles.bold)
        widths = Widths()
        widths.measure(header)
        n = 0
        for n, (row, cells) in enumerate(sheet.rows, start=1):
            texts = clean_row(cells)
            ws.write(n, 0, row)
            ws.write_row(n, 1, texts)
            widths.measure([row, *texts])
            write_preview(ws, n, len(texts) + 1, sheet.preview.cells(row), styles, widths)
        finish_rust(ws, widths, columns=len(header), rows=n)
    book.close()


def write_preview(
    ws: Any,
    row: int,
    col: int,
    cells: Sequence[PreviewCell | None],
    styles: Styles,
    widths: Widths,
) -> None:
    """The preview's cells of one row from column ``col`` on, each filled by its mark;
    neighbours with the same mark are written in one call."""
    texts = clean_row([None if cell is None or not cell.text else cell.text for cell in cells])
    widths.measure(texts, start=col)
    start = 0
    while start < len(cells):
        first = cells[start]
        if first is None or texts[start] is None:
            start += 1
            continue
        end = start + 1
        while end < len(cells) and texts[end] is not None and _mark(cells[end]) == first.mark:
            end += 1
        fill = None if first.mark is None else styles.marks[first.mark]
        ws.write_row(row, col + start, texts[start:end], fill)
        start = end


def _mark(cell: PreviewCell | None) -> Mark | None:
    return None if cell is None else cell.mark
