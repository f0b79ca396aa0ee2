"""The report workbook of ``bulkio check``: the user's bad rows, highlighted, with notes.

Sheets, in order:

- Summary: the figures the caller passes (file, rows read, rows valid...) plus the number
  of errors and warnings.
- Errors: one row per problem (sheet, row, column, value, message, severity), filterable;
  its row number links to the cell the problem is about in the sheet below (to the row's
  "Row" cell when the problem is with the whole row).
- One sheet per input sheet: a first column "Row" with the source row number, then the
  user's own columns. Only rows with at least one problem are included (by default), so the
  report stays small and fast for large files and the user sees exactly what to fix; pass
  ``all_rows=True`` to include every row. Each bad cell is filled (red for an error, yellow
  for a warning) and carries a comment saying what is wrong and what would be right. A
  problem with the whole row (no column, or a column the sheet lacks) marks the "Row" cell.

Every sheet has its header frozen, a filter, columns as wide as their content (capped) and
print settings. Written in openpyxl's write-only mode; every value from the data is a text
cell. The input sheets are written before the Errors sheet (which needs to know where each
row landed) and the Errors sheet is then moved to second place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from bulkio.core.issues import RowIssue, Severity
from bulkio.core.layout import column_letter
from bulkio.writers.cells import text_cell
from bulkio.writers.sheet_style import sheet_title, write_table
from bulkio.writers.summary import SUMMARY_TITLE, write_summary

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
LINK_FONT = Font(color="0563C1", underline="single")
ERRORS_TITLE = "Errors"
ROW_HEADER = "Row"
ERRORS_HEADER = ("Sheet", "Row", "Column", "Value", "Message", "Severity")

Spot = tuple[str, int, int]  # (report sheet title, row, column), 1-based


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
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    figures: dict[str, int | str] = dict(summary)
    figures.setdefault("errors", errors)
    figures.setdefault("warnings", len(issues) - errors)
    write_summary(wb, figures)
    taken = {SUMMARY_TITLE.casefold(), ERRORS_TITLE.casefold()}
    by_row = _index(issues, sheets)
    shown: dict[int, Spot] = {}  # an issue's index in ``issues`` -> the cell showing it
    for sheet in sheets:
        title = sheet_title(sheet.name, taken, fallback="Sheet")
        marked = _Marked(title, sheet, by_row.get(sheet.name, {}), all_rows, shown)
        write_table(wb, title, [ROW_HEADER, *sheet.columns], marked.rows)
    write_table(wb, ERRORS_TITLE, ERRORS_HEADER, partial(_error_rows, issues, shown))
    wb.move_sheet(ERRORS_TITLE, 1 - (len(wb.worksheets) - 1))  # right after the Summary
    wb.save(path)


def _index(
    issues: list[RowIssue], sheets: list[ReportSheet]
) -> dict[str, dict[int, list[tuple[int, RowIssue]]]]:
    """sheet name -> source row -> (index, issue). An issue without a sheet belongs to the
    only sheet."""
    only = sheets[0].name if len(sheets) == 1 else None
    found: dict[str, dict[int, list[tuple[int, RowIssue]]]] = defaultdict(lambda: defaultdict(list))
    for index, issue in enumerate(issues):
        sheet = issue.sheet or only
        if sheet is not None and issue.row is not None:
            found[sheet][issue.row].append((index, issue))
    return found


def _error_rows(issues: list[RowIssue], shown: Mapping[int, Spot], ws: Any) -> Iterator[list[Any]]:
    for index, issue in enumerate(issues):
        row: Any = issue.row
        spot = shown.get(index)
        if spot is not None:
            row = WriteOnlyCell(ws, value=issue.row)
            title, line, column = spot
            quoted = title.replace("'", "''")
            row.hyperlink = Hyperlink(ref="", location=f"'{quoted}'!{column_letter(column)}{line}")
            row.font = LINK_FONT
        yield [
            text_cell(ws, issue.sheet),
            row,
            text_cell(ws, issue.column),
            text_cell(ws, issue.value),
            text_cell(ws, issue.message),
            text_cell(ws, issue.severity.value),
        ]


@dataclass
class _Marked:
    """The rows of one input sheet for the report, bad cells marked; where each problem is
    shown goes into ``shown``."""

    title: str
    sheet: ReportSheet
    issues_by_row: Mapping[int, list[tuple[int, RowIssue]]]
    all_rows: bool
    shown: dict[int, Spot]

    def rows(self, ws: Any) -> Iterator[list[Any]]:
        position = {name: i for i, name in enumerate(self.sheet.columns)}
        line = 1  # the header
        for row_number, values in self.sheet.rows:
            row_issues = self.issues_by_row.get(row_number)
            if not row_issues and not self.all_rows:
                continue
            line += 1
            cells = [WriteOnlyCell(ws, value=row_number)] + [text_cell(ws, v) for v in values]
            for index, at in _mark(cells, row_issues or [], position).items():
                self.shown[index] = (self.title, line, at + 1)
            yield cells


def _mark(
    cells: list[Any], issues: list[tuple[int, RowIssue]], position: Mapping[str, int]
) -> dict[int, int]:
    """Fill and comment the cells ``issues`` are about; each issue's index -> the index of
    its cell in ``cells``."""
    by_index: dict[int, list[RowIssue]] = defaultdict(list)
    at_cell: dict[int, int] = {}
    for number, issue in issues:
        index = position.get(issue.column) if issue.column else None
        at = index + 1 if index is not None and index + 1 < len(cells) else 0
        by_index[at].append(issue)
        at_cell[number] = at
    for index, found in by_index.items():
        cell = cells[index]
        is_error = any(i.severity == Severity.ERROR for i in found)
        cell.fill = ERROR_FILL if is_error else WARNING_FILL
        text = "\n".join(_comment_line(i, index == 0) for i in found)
        comment = Comment(text, "bulkio")
        comment.width = 300
        comment.height = 100
        cell.comment = comment
    return at_cell


def _comment_line(issue: RowIssue, on_row_cell: bool) -> str:
    prefix = "Warning: " if issue.severity == Severity.WARNING else ""
    if on_row_cell and issue.column:
        prefix += f"column '{issue.column}': "
    return prefix + issue.message
