"""The workbooks of ``bulkio undo``: its plan (a dry run) and its results.

Sheets, in order:

- Summary: the figures the caller passes (the import undone, counts, requests...).
- Reversals: one row per field, link and record the undo looks at: what it held before the
  import, what the import left, what it holds now and what it holds after the undo, and the
  step (set back, already as before, changed since). The results workbook adds "Outcome"
  and "Problem"; rows that need a look (failed, not done) are marked red, what was left
  because it changed since yellow.

Written in openpyxl's write-only mode to a temporary file renamed into place, like the
import's results. Every value from the data is a text cell, never a formula.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from bulkio.writers.cells import text_cell, text_value

SUMMARY_TITLE = "Summary"
REVERSALS_TITLE = "Reversals"
HEADERS = (
    "What",
    "Key",
    "Kanbert id",
    "Rows",
    "Action",
    "Field",
    "Before the import",
    "The import left",
    "Now",
    "After the undo",
    "Note",
)
OUTCOME_HEADERS = ("Outcome", "Problem")
PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")
LEFT_FILL = PatternFill("solid", fgColor="FFEB9C")
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class ReversalRow:
    """One line of the Reversals sheet: every cell as text (None for an empty one)."""

    cells: tuple[str | None, ...]  # one per ``HEADERS``
    outcome: str | None = None  # results only
    problem: str | None = None
    needs_look: bool = False  # failed or not done: red
    left: bool = False  # changed since, left as it is: yellow


def write_reversals(
    path: Path,
    *,
    summary: Mapping[str, int | str],
    rows: Iterable[ReversalRow],
    outcomes: bool,
) -> None:
    """Write the plan (``outcomes=False``) or results workbook to ``path``, atomically."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "bulkio"
    summary_ws = wb.create_sheet(SUMMARY_TITLE)
    for key, value in summary.items():
        summary_ws.append([_header(summary_ws, key), text_value(summary_ws, str(value))])
    ws = wb.create_sheet(REVERSALS_TITLE)
    ws.append([_header(ws, h) for h in (*HEADERS, *(OUTCOME_HEADERS if outcomes else ()))])
    for row in rows:
        ws.append(_row(ws, row, outcomes))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS) + (2 if outcomes else 0))}1"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    wb.save(partial)
    os.replace(partial, path)


def _row(ws: Any, row: ReversalRow, outcomes: bool) -> list[Any]:
    values: list[Any] = [text_value(ws, c) for c in row.cells]
    if not outcomes:
        return values
    outcome = text_cell(ws, row.outcome)
    if row.needs_look:
        outcome.fill = PROBLEM_FILL
    elif row.left:
        outcome.fill = LEFT_FILL
    return [*values, outcome, text_value(ws, row.problem)]


def _header(ws: Any, text: str) -> Any:
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.font = _BOLD
    return cell
