"""The workbooks of ``bulkio undo``: its plan (a dry run) and its results.

Sheets, in order:

- Summary: the figures the caller passes (the import undone, counts, requests...).
- Reversals: one row per field, link and record the undo looks at: what it held before the
  import, what the import left, what it holds now and what it holds after the undo, and the
  step (set back, already as before, changed since). The results workbook adds "Outcome"
  and "Problem"; rows that need a look (failed, not done) are marked red, what was left
  because it changed since yellow.

Written like the import's results (``bulkio.writers.results``): rvgsrust-xlsxwriter in
constant-memory mode, to a temporary file renamed into place. Every value from the data is a
text cell, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rvgsrust_xlsxwriter import Format, Workbook

from bulkio.writers.cells import clean_row

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
PROBLEM_FILL = "#FFC7CE"
LEFT_FILL = "#FFEB9C"


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
    """Write the plan (``outcomes=False``) or results workbook to ``path`` (the caller gives
    a temporary name: ``bulkio.writers.outputs.written``)."""
    book = Workbook(str(path))
    book.set_properties(author="bulkio")
    bold = Format().set_bold()
    problem = Format().set_background_color(PROBLEM_FILL)
    left = Format().set_background_color(LEFT_FILL)
    summary_ws = book.add_worksheet(SUMMARY_TITLE, constant_memory=True)
    for i, (key, value) in enumerate(summary.items()):
        key_text, value_text = clean_row([key, str(value)])
        summary_ws.write(i, 0, key_text, bold)
        summary_ws.write(i, 1, value_text)
    ws = book.add_worksheet(REVERSALS_TITLE, constant_memory=True)
    headers = [*HEADERS, *(OUTCOME_HEADERS if outcomes else ())]
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, clean_row(headers), bold)
    ws.autofilter(0, 0, 0, len(headers) - 1)
    at = len(HEADERS)  # the Outcome column
    for n, row in enumerate(rows, start=1):
        ws.write_row(n, 0, clean_row(row.cells))
        if outcomes:
            fill = problem if row.needs_look else left if row.left else None
            ws.write(n, at, row.outcome or "", fill)
            ws.write_row(n, at + 1, clean_row([row.problem]))
    book.close()
