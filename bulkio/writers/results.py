"""The results workbook of ``bulkio import``: every input row, and what became of it.

Sheets, in order:

- Summary: the figures the caller passes (rows, created, updated, failed, requests...).
- One sheet per input sheet: "Row" (the source row number), the user's own columns, then
  "Outcome" (the words of ``bulkio.core.outcome``), "Kanbert contact id", "Kanbert company
  id" and "Problem" (the error text, naming the spreadsheet column it concerns). Rows that
  need a look (failed, not done, skipped invalid) are marked red, skipped ones yellow.

Written in openpyxl's write-only mode, row by row (a million rows stay cheap); the caller
gives a temporary name (``bulkio.writers.outputs.written``), so an interrupted write never
leaves half a workbook. Every value from the data is a text cell, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from bulkio.core.outcome import Outcome
from bulkio.writers.cells import text_cell, text_value

FAILED_FILL = PatternFill("solid", fgColor="FFC7CE")
SKIPPED_FILL = PatternFill("solid", fgColor="FFEB9C")
_BOLD = Font(bold=True)
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
    wb = Workbook(write_only=True)
    wb.properties.creator = "bulkio"
    summary_ws = wb.create_sheet(SUMMARY_TITLE)
    for key, value in summary.items():
        summary_ws.append([_header(summary_ws, key), text_value(summary_ws, str(value))])
    taken = {SUMMARY_TITLE.casefold()}
    for sheet in sheets:
        ws = wb.create_sheet(_title(sheet.name, taken))
        ws.append([_header(ws, h) for h in (ROW_HEADER, *sheet.columns, *OUTCOME_HEADERS)])
        for row, cells, outcome in sheet.rows:
            ws.append(_row(ws, row, cells, outcome))
        ws.freeze_panes = "B2"
    wb.save(path)


def _row(ws: Any, row: int, cells: Sequence[str | None], outcome: RowOutcome) -> list[Any]:
    values: list[Any] = [row, *(text_value(ws, c) for c in cells)]
    mark = outcome.outcome
    state = text_cell(ws, mark.value)
    if mark.is_problem:
        state.fill = FAILED_FILL
    elif mark == Outcome.SKIPPED:
        state.fill = SKIPPED_FILL
    values += [
        state,
        text_value(ws, outcome.contact_id),
        text_value(ws, outcome.company_id),
        text_value(ws, outcome.problem),
    ]
    return values


def _header(ws: Any, text: str) -> Any:
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.font = _BOLD
    return cell


def _title(name: str, taken: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Results"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title
