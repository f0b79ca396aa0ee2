"""The results workbook of ``bulkio import``: every input row, and what became of it.

Sheets, in order:

- Summary: the figures the caller passes (rows, created, updated, failed, requests...).
- One sheet per input sheet: "Row" (the source row number), the user's own columns, then
  "Outcome" (the words of ``bulkio.core.outcome``), "Kanbert contact id", "Kanbert company
  id" and "Problem" (the error text, naming the spreadsheet column it concerns). Rows that
  need a look (failed, not done, skipped invalid) are marked red, skipped ones yellow.

Written with rvgsrust-xlsxwriter in constant-memory mode, row by row (a million rows stay
cheap); the caller gives a temporary name (``bulkio.writers.outputs.written``), so an
interrupted write never
leaves half a workbook. Every value from the data is a text cell, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rvgsrust_xlsxwriter import Format, Workbook

from bulkio.core.outcome import Outcome
from bulkio.writers.cells import clean_row, sheet_title
from bulkio.writers.printing import print_rust

FAILED_FILL = "#FFC7CE"
SKIPPED_FILL = "#FFEB9C"
SUMMARY_TITLE = "Summary"
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
    """One input sheet: its name, headers, and ``(row number, cells, outcome)`` per row."""

    name: str
    columns: Sequence[str]
    rows: Iterable[tuple[int, Sequence[str | None], RowOutcome]]


def write_results(
    path: Path, *, sheets: Iterable[ResultsSheet], summary: Mapping[str, int | str]
) -> None:
    """Write the results workbook to ``path`` (.xlsx)."""
    book = Workbook(str(path))
    book.set_properties(author="bulkio")
    bold = Format().set_bold()
    failed = Format().set_background_color(FAILED_FILL)
    skipped = Format().set_background_color(SKIPPED_FILL)
    summary_ws = book.add_worksheet(SUMMARY_TITLE, constant_memory=True)
    print_rust(summary_ws, table=False)
    for i, (key, value) in enumerate(summary.items()):
        key_text, value_text = clean_row([key, str(value)])
        summary_ws.write(i, 0, key_text, bold)
        summary_ws.write(i, 1, value_text)
    taken = {SUMMARY_TITLE.casefold()}
    for sheet in sheets:
        ws = book.add_worksheet(
            sheet_title(sheet.name, taken, fallback="Results"), constant_memory=True
        )
        ws.freeze_panes(1, 1)
        print_rust(ws)
        ws.write_row(0, 0, clean_row([ROW_HEADER, *sheet.columns, *OUTCOME_HEADERS]), bold)
        at = len(sheet.columns) + 1  # the Outcome column
        for n, (row, cells, outcome) in enumerate(sheet.rows, start=1):
            mark = outcome.outcome
            fill = failed if mark.is_problem else skipped if mark == Outcome.SKIPPED else None
            ws.write(n, 0, row)
            ws.write_row(n, 1, clean_row(cells))
            ws.write(n, at, mark.value, fill)
            ws.write_row(
                n, at + 1, clean_row([outcome.contact_id, outcome.company_id, outcome.problem])
            )
    book.close()
