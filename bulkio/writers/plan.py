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

The results workbook (``bulkio.writers.results``) shows the same preview columns after a
run. Every sheet has its header frozen, a filter, fitted columns and print settings; every
value from the data is a text cell. Written to a temporary file renamed into place.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Border, PatternFill, Side

from bulkio.core.preview import Mark, PreviewCell
from bulkio.writers.cells import text_cell, text_value
from bulkio.writers.sheet_style import header, sheet_title, write_table
from bulkio.writers.summary import SUMMARY_TITLE, Figure, write_summary

ROW_HEADER = "Row"
SIGN_OFF = ("Checked and approved by", "Date", "Signature")
MARK_FILLS = {
    Mark.NEW: PatternFill("solid", fgColor="C6EFCE"),
    Mark.CHANGED: PatternFill("solid", fgColor="FFEB9C"),
    Mark.LEFT: PatternFill("solid", fgColor="D9D9D9"),
}
_SIGN_LINE = Border(bottom=Side(style="thin"))


@dataclass(frozen=True)
class PlanSheet:
    """One input sheet: its name, its headers, the preview's headers, and per row
    ``(row number, the user's cells, the preview's cells)``."""

    name: str
    columns: Sequence[str]
    preview: Sequence[str]
    rows: Iterable[tuple[int, Sequence[str | None], Sequence[PreviewCell | None]]]


def write_plan(path: Path, *, sheets: Iterable[PlanSheet], summary: Mapping[str, Figure]) -> None:
    """Write the plan workbook to ``path`` (.xlsx), replacing it atomically."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "bulkio"
    ws = write_summary(wb, summary)
    ws.append([])
    for label in SIGN_OFF:
        line = text_cell(ws, None)
        line.border = _SIGN_LINE
        ws.append([*header(ws, [label]), line])
    taken = {SUMMARY_TITLE.casefold()}
    for sheet in sheets:
        write_table(
            wb,
            sheet_title(sheet.name, taken, fallback="Plan"),
            [ROW_HEADER, *sheet.columns, *sheet.preview],
            partial(_rows, sheet),
        )
    save_atomically(wb, path)


def _rows(sheet: PlanSheet, ws: Any) -> Iterator[list[Any]]:
    for row, cells, preview in sheet.rows:
        yield [row, *(text_value(ws, c) for c in cells), *preview_cells(ws, preview)]


def preview_cells(ws: Any, cells: Sequence[PreviewCell | None]) -> list[Any]:
    """The preview's cells for a write-only row, each filled by its mark."""
    out: list[Any] = []
    for cell in cells:
        if cell is None:
            out.append(None)
            continue
        written = text_cell(ws, cell.text)
        if cell.mark is not None:
            written.fill = MARK_FILLS[cell.mark]
        out.append(written)
    return out


def save_atomically(wb: Workbook, path: Path) -> None:
    """Save ``wb`` to a temporary name beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    wb.save(partial)
    os.replace(partial, path)
