"""The results workbook of ``bulkio import``: every input row, and what became of it.

Sheets, in order:

- Summary: the figures the caller passes (rows, records created, updated, failed, requests
  by kind, 429 answers, seconds), numbers as numbers.
- One sheet per input sheet: the columns of the dry run's plan workbook
  (``bulkio.writers.plan``: "Row", the user's own columns and, when given, the preview's:
  each record's action and every field sent, before → after for an update), then
  "Outcome" (the words of ``bulkio.core.outcome``), "Kanbert contact id", "Kanbert company
  id" and "Problem" (the error text, naming the spreadsheet column it concerns). Rows that
  need a look (failed, not done, skipped invalid) are marked red, skipped ones yellow.

Every sheet has its header frozen, a filter, fitted columns and print settings. Written with
rvgsrust-xlsxwriter in constant-memory mode, one library call a row (plus one for a marked
outcome) when there is no preview (a million rows stay cheap); the
caller gives a temporary name (``bulkio.writers.outputs.written``), so an interrupted write
never leaves half a workbook. Every value from the data is a text cell, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rvgsrust_xlsxwriter import Format, Workbook

from bulkio.core.outcome import Outcome
from bulkio.writers.cells import clean_row, sheet_title
from bulkio.writers.plan import ROW_HEADER, SheetPreview, Styles, write_preview
from bulkio.writers.sheet_style import Widths, finish_rust
from bulkio.writers.summary import SUMMARY_TITLE, Figure, write_summary

FAILED_FILL = "#FFC7CE"
SKIPPED_FILL = "#FFEB9C"
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
    """One input sheet: its name, headers, ``(row number, cells, outcome)`` per row, and
    the plan's preview of its rows."""

    name: str
    columns: Sequence[str]
    rows: Iterable[tuple[int, Sequence[str | None], RowOutcome]]
    preview: SheetPreview | None = None


def write_results(
    path: Path, *, sheets: Iterable[ResultsSheet], summary: Mapping[str, Figure]
) -> None:
    """Write the results workbook to ``path`` (.xlsx)."""
    book = Workbook(str(path))
    book.set_properties(author="bulkio")
    styles = Styles()
    failed = Format().set_background_color(FAILED_FILL)
    skipped = Format().set_background_color(SKIPPED_FILL)
    write_summary(book, summary, styles.bold)
    taken = {SUMMARY_TITLE.casefold()}
    for sheet in sheets:
        ws = book.add_worksheet(sheet_title(sheet.name, taken, "Results"), constant_memory=True)
        preview = sheet.preview.headers if sheet.preview else ()
        header = clean_row([ROW_HEADER, *sheet.columns, *preview, *OUTCOME_HEADERS])
        ws.write_row(0, 0, header, styles.bold)
        widths = Widths()
        widths.measure(header)
        width = len(sheet.columns)
        at = width + len(preview) + 1  # the Outcome column
        n = 0
        for n, (row, cells, outcome) in enumerate(sheet.rows, start=1):
            mark = outcome.outcome
            fill = failed if mark.is_problem else skipped if mark == Outcome.SKIPPED else None
            ids = [outcome.contact_id, outcome.company_id, outcome.problem]
            if sheet.preview is None:  # the whole row in one call, the outcome's fill after
                if len(cells) != width:  # a short row's outcome still lands under "Outcome"
                    cells = [*cells[:width], *[None] * (width - len(cells))]
                texts = clean_row([*cells, mark.value, *ids])
                ws.write_row(n, 0, [row, *texts])
                if fill is not None:
                    ws.write(n, at, mark.value, fill)
                widths.measure([row, *texts])
                continue
            texts = clean_row(cells)
            ws.write(n, 0, row)
            ws.write_row(n, 1, texts)
            widths.measure([row, *texts])
            write_preview(ws, n, len(texts) + 1, sheet.preview.cells(row), styles, widths)
            ws.write(n, at, mark.value, fill)
            ids = clean_row(ids)
            ws.write_row(n, at + 1, ids)
            widths.measure([mark.value, *ids], start=at)
        finish_rust(ws, widths, columns=len(header), rows=n)
    book.close()
