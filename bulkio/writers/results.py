"""The results workbook of ``bulkio import``: every input row, and what became of it.

Sheets, in order:

- Summary: the figures the caller passes (rows, records created, updated, failed, requests
  by kind, 429 answers, seconds), numbers as numbers.
- One sheet per input sheet: the columns of the dry run's plan workbook
  (``bulkio.writers.plan``: "Row", the user's own columns, each record's action and every
  field sent, before → after for an update), then "Outcome" (the words of
  ``bulkio.core.outcome``), "Kanbert contact id", "Kanbert company id" and "Problem" (the
  error text, naming the spreadsheet column it concerns). Rows that need a look (failed,
  not done, skipped invalid) are marked red, skipped ones yellow.

Every sheet has its header frozen, a filter, fitted columns and print settings. Written in
openpyxl's write-only mode, row by row (a million rows stay cheap), to a temporary file
renamed into place at the end, so an interrupted write never leaves half a workbook. Every
value from the data is a text cell, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from bulkio.core.outcome import Outcome
from bulkio.core.preview import PreviewCell
from bulkio.writers.cells import text_cell, text_value
from bulkio.writers.plan import preview_cells, save_atomically
from bulkio.writers.sheet_style import sheet_title, write_table
from bulkio.writers.summary import SUMMARY_TITLE, Figure, write_summary

FAILED_FILL = PatternFill("solid", fgColor="FFC7CE")
SKIPPED_FILL = PatternFill("solid", fgColor="FFEB9C")
ROW_HEADER = "Row"
OUTCOME_HEADERS = ("Outcome", "Kanbert contact id", "Kanbert company id", "Problem")


@dataclass(frozen=True)
class RowOutcome:
    """What happened to one input row."""

    outcome: Outcome
    contact_id: str | None = None
    company_id: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class ResultsSheet:
    """One input sheet: its name, headers, the preview's headers, and per row
    ``(row number, cells, outcome, the preview's cells)``."""

    name: str
    columns: Sequence[str]
    rows: Iterable[tuple[int, Sequence[str | None], RowOutcome, Sequence[PreviewCell | None]]]
    preview: Sequence[str] = ()


def write_results(
    path: Path, *, sheets: Iterable[ResultsSheet], summary: Mapping[str, Figure]
) -> None:
    """Write the results workbook to ``path`` (.xlsx), replacing it atomically."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "bulkio"
    write_summary(wb, summary)
    taken = {SUMMARY_TITLE.casefold()}
    for sheet in sheets:
        write_table(
            wb,
            sheet_title(sheet.name, taken, fallback="Results"),
            [ROW_HEADER, *sheet.columns, *sheet.preview, *OUTCOME_HEADERS],
            partial(_rows, sheet),
        )
    save_atomically(wb, path)


def _rows(sheet: ResultsSheet, ws: Any) -> Iterator[list[Any]]:
    for row, cells, outcome, preview in sheet.rows:
        yield [
            row,
            *(text_value(ws, c) for c in cells),
            *preview_cells(ws, preview),
            *_outcome(ws, outcome),
        ]


def _outcome(ws: Any, outcome: RowOutcome) -> list[Any]:
    mark = outcome.outcome
    state = text_cell(ws, mark.value)
    if mark.is_problem:
        state.fill = FAILED_FILL
    elif mark == Outcome.SKIPPED:
        state.fill = SKIPPED_FILL
    return [
        state,
        text_value(ws, outcome.contact_id),
        text_value(ws, outcome.company_id),
        text_value(ws, outcome.problem),
    ]
