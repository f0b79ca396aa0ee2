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

Written with XlsxWriter in constant-memory mode (rows go to temporary files as they come);
every value from the data is a text cell. XlsxWriter is the fastest writer measured that
writes a cell's comment as it is given (``benchmarks/bench_report.py``); the Rust-based
writers put their author's name in front of every comment's text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from bulkio.core.issues import RowIssue, Severity
from bulkio.writers.cells import clean_row, clean_text, sheet_title
from bulkio.writers.printing import print_xlsxwriter

ERROR_FILL = "#FFC7CE"
WARNING_FILL = "#FFEB9C"
SUMMARY_TITLE = "Summary"
ERRORS_TITLE = "Errors"
ROW_HEADER = "Row"
ERRORS_HEADER = ("Sheet", "Row", "Column", "Value", "Message", "Severity")
# Never a formula, a number or a link made from a text: every text is written as it is.
BOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
_COMMENT = {"author": "bulkio", "width": 300, "height": 100}


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
    book = xlsxwriter.Workbook(str(path), BOOK_OPTIONS)
    book.set_properties({"author": "bulkio"})
    styles = _Styles(book)
    _write_summary(book, styles, summary, issues)
    _write_errors(book, styles, issues)
    taken = {SUMMARY_TITLE.casefold(), ERRORS_TITLE.casefold()}
    by_cell = _index(issues, sheets)
    for sheet in sheets:
        title = sheet_title(sheet.name, taken)
        _write_sheet(book, styles, title, sheet, by_cell.get(sheet.name, {}), all_rows)
    book.close()


class _Styles:
    def __init__(self, book: Any) -> None:
        self.bold = book.add_format({"bold": True})
        self.error = book.add_format({"bg_color": ERROR_FILL, "pattern": 1})
        self.warning = book.add_format({"bg_color": WARNING_FILL, "pattern": 1})


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


def _write_summary(
    book: Any, styles: _Styles, summary: Mapping[str, int | str], issues: list[RowIssue]
) -> None:
    ws = book.add_worksheet(SUMMARY_TITLE)
    print_xlsxwriter(ws, table=False)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 60)
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    figures: dict[str, int | str] = dict(summary)
    figures.setdefault("errors", errors)
    figures.setdefault("warnings", len(issues) - errors)
    for n, (key, value) in enumerate(figures.items()):
        ws.write_string(n, 0, clean_text(str(key)), styles.bold)
        if isinstance(value, int):
            ws.write_number(n, 1, value)
        else:
            _write_text(ws, n, 1, str(value))


def _write_errors(book: Any, styles: _Styles, issues: list[RowIssue]) -> None:
    ws = book.add_worksheet(ERRORS_TITLE)
    print_xlsxwriter(ws)
    for i, width in enumerate((16, 8, 24, 30, 80, 10)):
        ws.set_column(i, i, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(issues), len(ERRORS_HEADER) - 1)
    for i, name in enumerate(ERRORS_HEADER):
        ws.write_string(0, i, name, styles.bold)
    for n, issue in enumerate(issues, start=1):
        sheet, column, value, message = clean_row(
            [issue.sheet, issue.column, issue.value, issue.message]
        )
        _write_text(ws, n, 0, sheet)
        if issue.row is not None:
            ws.write_number(n, 1, issue.row)
        _write_text(ws, n, 2, column)
        _write_text(ws, n, 3, value)
        _write_text(ws, n, 4, message)
        ws.write_string(n, 5, issue.severity.value)


def _write_sheet(
    book: Any,
    styles: _Styles,
    title: str,
    sheet: ReportSheet,
    issues_by_row: Mapping[int, list[RowIssue]],
    all_rows: bool,
) -> None:
    ws = book.add_worksheet(title)
    print_xlsxwriter(ws)
    ws.set_column(0, 0, 8)
    for i, name in enumerate(sheet.columns, start=1):
        ws.set_column(i, i, max(10, min(40, len(name) + 3)))
    ws.freeze_panes(1, 1)
    for i, header in enumerate(clean_row([ROW_HEADER, *sheet.columns])):
        _write_text(ws, 0, i, header, styles.bold)
    position = {name: i for i, name in enumerate(sheet.columns)}
    n = 0
    for row_number, values in sheet.rows:
        row_issues = issues_by_row.get(row_number)
        if not row_issues and not all_rows:
            continue
        n += 1
        marks = _marks(row_issues or [], position, len(values))
        row_mark = marks.get(0)
        ws.write_number(n, 0, row_number, _fill(styles, row_mark))
        for i, value in enumerate(clean_row(values), start=1):
            found = marks.get(i)
            if found is None:
                _write_text(ws, n, i, value)
            else:
                ws.write_string(n, i, value or "", _fill(styles, found))
        for i, found in marks.items():
            text = "\n".join(_comment_line(issue, i == 0) for issue in found)
            ws.write_comment(n, i, clean_text(text), _COMMENT)


def _marks(
    issues: list[RowIssue], position: Mapping[str, int], width: int
) -> dict[int, list[RowIssue]]:
    """Cell index in the report row (0 = the Row cell) -> the issues it carries."""
    by_index: dict[int, list[RowIssue]] = defaultdict(list)
    for issue in issues:
        index = position.get(issue.column) if issue.column else None
        at = index + 1 if index is not None and index < width else 0
        by_index[at].append(issue)
    return by_index


def _fill(styles: _Styles, found: list[RowIssue] | None) -> Any:
    if not found:
        return None
    is_error = any(i.severity == Severity.ERROR for i in found)
    return styles.error if is_error else styles.warning


def _write_text(ws: Any, row: int, col: int, value: str | None, style: Any = None) -> None:
    if value:
        ws.write_string(row, col, value, style)


def _comment_line(issue: RowIssue, on_row_cell: bool) -> str:
    prefix = {Severity.WARNING: "Warning: ", Severity.NOTE: "Note: "}.get(issue.severity, "")
    if on_row_cell and issue.column:
        prefix += f"column '{issue.column}': "
    return prefix + issue.message
