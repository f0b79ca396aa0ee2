"""The report workbook of ``bulkio check``: the user's bad rows, highlighted, with notes.

Sheets, in order:

- Summary: the figures the caller passes (file, rows read, rows valid...) plus the number
  of errors and warnings.
- Errors: one row per problem (sheet, row, column, value, message, severity), filterable.
- One sheet per input sheet: a first column "Row" with the source row number, then the
  user's own columns. Only rows with at least one problem are included (by default), so the
  report stays small and fast for large files and the user sees exactly what to fix; pass
  ``all_rows=True`` to include every row. Each bad cell is filled (red for an error, yellow
  for a warning) and carries a comment saying what is wrong and what would be right. A
  problem with the whole row (no column, or a column the sheet lacks) marks the "Row" cell.

Written in openpyxl's write-only mode; every value from the data is a text cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from bulkio.core.issues import RowIssue, Severity
from bulkio.core.layout import column_letter
from bulkio.writers.cells import note, sheet_title, text_cell

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
_BOLD = Font(bold=True)
SUMMARY_TITLE = "Summary"
ERRORS_TITLE = "Errors"
ROW_HEADER = "Row"
ERRORS_HEADER = ("Sheet", "Row", "Column", "Value", "Message", "Severity")


@dataclass(frozen=True)
class ReportSheet:
    """One input sheet: its name, its column headers and its rows as
    ``(source row number, values in column order)``; rows may be a generator."""

    name: str
    columns: Sequence[str]
    rows: Iterable[tuple[int, Sequence[str | None]]]


def write_report(
    path: Path,
    *,
    sheets: list[ReportSheet],
    issues: list[RowIssue],
    summary: Mapping[str, int | str],
    all_rows: bool = False,
) -> None:
    """Write the report workbook to ``path`` (.xlsx)."""
    wb = Workbook(write_only=True)
    wb.properties.creator = "bulkio"
    _write_summary(wb, summary, issues)
    _write_errors(wb, issues)
    taken = {SUMMARY_TITLE.casefold(), ERRORS_TITLE.casefold()}
    by_cell = _index(issues, sheets)
    for sheet in sheets:
        title = sheet_title(sheet.name, taken)
        _write_sheet(wb, title, sheet, by_cell.get(sheet.name, {}), all_rows)
    wb.save(path)


def _index(
    issues: list[RowIssue], sheets: list[ReportSheet]
) -> dict[str, dict[int, list[RowIssue]]]:
    """sheet name -> source row -> issues. An issue without a sheet belongs to the only sheet."""
    only = sheets[0].name if len(sheets) == 1 else None
    found: dict[str, dict[int, list[RowIssue]]] = defaultdict(lambda: defaultdict(list))
    for issue in issues:
        sheet = issue.sheet or only
        if sheet is not None and issue.row is not None:
            found[sheet][issue.row].append(issue)
    return found


def _write_summary(wb: Workbook, summary: Mapping[str, int | str], issues: list[RowIssue]) -> None:
    ws = wb.create_sheet(SUMMARY_TITLE)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    figures: dict[str, int | str] = dict(summary)
    figures.setdefault("errors", errors)
    figures.setdefault("warnings", len(issues) - errors)
    for key, value in figures.items():
        label = text_cell(ws, str(key))
        label.font = _BOLD
        ws.append([label, value if isinstance(value, int) else text_cell(ws, str(value))])


def _write_errors(wb: Workbook, issues: list[RowIssue]) -> None:
    ws = wb.create_sheet(ERRORS_TITLE)
    for letter, width in zip("ABCDEF", (16, 8, 24, 30, 80, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{len(issues) + 1}"
    header = []
    for name in ERRORS_HEADER:
        cell = text_cell(ws, name)
        cell.font = _BOLD
        header.append(cell)
    ws.append(header)
    for issue in issues:
        ws.append(
            [
                text_cell(ws, issue.sheet),
                issue.row,
                text_cell(ws, issue.column),
                text_cell(ws, issue.value),
                text_cell(ws, issue.message),
                text_cell(ws, issue.severity.value),
            ]
        )


def _write_sheet(
    wb: Workbook,
    title: str,
    sheet: ReportSheet,
    issues_by_row: Mapping[int, list[RowIssue]],
    all_rows: bool,
) -> None:
    ws = wb.create_sheet(title)
    ws.column_dimensions["A"].width = 8
    for i, name in enumerate(sheet.columns, start=2):
        ws.column_dimensions[column_letter(i)].width = max(10, min(40, len(name) + 3))
    ws.freeze_panes = "B2"
    header = [text_cell(ws, ROW_HEADER)] + [text_cell(ws, c) for c in sheet.columns]
    for cell in header:
        cell.font = _BOLD
    ws.append(header)
    position = {name: i for i, name in enumerate(sheet.columns)}
    for row_number, values in sheet.rows:
        row_issues = issues_by_row.get(row_number)
        if not row_issues and not all_rows:
            continue
        cells = [WriteOnlyCell(ws, value=row_number)] + [text_cell(ws, v) for v in values]
        if row_issues:
            _mark(cells, row_issues, position)
        ws.append(cells)


def _mark(cells: list[Any], issues: list[RowIssue], position: Mapping[str, int]) -> None:
    by_index: dict[int, list[RowIssue]] = defaultdict(list)
    for issue in issues:
        index = position.get(issue.column) if issue.column else None
        at = index + 1 if index is not None and index + 1 < len(cells) else 0
        by_index[at].append(issue)
    for index, found in by_index.items():
        cell = cells[index]
        is_error = any(i.severity == Severity.ERROR for i in found)
        cell.fill = ERROR_FILL if is_error else WARNING_FILL
        text = "\n".join(_comment_line(i, index == 0) for i in found)
        cell.comment = note(text, width=300, height=100)


def _comment_line(issue: RowIssue, on_row_cell: bool) -> str:
    prefix = "Warning: " if issue.severity == Severity.WARNING else ""
    if on_row_cell and issue.column:
        prefix += f"column '{issue.column}': "
    return prefix + issue.message
