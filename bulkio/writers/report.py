"""The report workbook of ``bulkio check``: the user's bad rows, highlighted, with notes.

Sheets, in order:

- Summary: the figures the caller passes (file, rows read, rows valid...) plus the number
  of errors and warnings.
- Errors: one row per problem (sheet, row, column, value, message, severity), filterable;
  its sheet name links to the cell the problem is about in the sheet below (to the row's
  "Row" cell when the problem is with the whole row).
- One sheet per input sheet: a first column "Row" with the source row number, then the
  user's own columns. Only rows with at least one problem are included (by default), so the
  report stays small and fast for large files and the user sees exactly what to fix; pass
  ``all_rows=True`` to include every row. Each bad cell is filled (red for an error, yellow
  for a warning) and carries a comment saying what is wrong and what would be right. A
  problem with the whole row (no column, or a column the sheet lacks) marks the "Row" cell.

Every sheet has its header frozen, a filter, columns as wide as their content (capped) and
print settings (``sheet_style``). Written with XlsxWriter in constant-memory mode (rows go
to temporary files as they come, sheet by sheet: the Errors sheet's rows are written last,
once it is known where each problem's row landed); every value from the data is a text
cell. XlsxWriter is the fastest writer measured that
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
from xlsxwriter.utility import xl_rowcol_to_cell

from bulkio.core.issues import RowIssue, Severity
from bulkio.writers.cells import clean_row, clean_text, sheet_title
from bulkio.writers.sheet_style import Widths, finish_xlsxwriter

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
MAX_LINKS = 65_530  # Excel's limit of links in one sheet; further problems are not linked
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
    errors = book.add_worksheet(ERRORS_TITLE)
    taken = {SUMMARY_TITLE.casefold(), ERRORS_TITLE.casefold()}
    by_cell = _index(issues, sheets)
    shown: dict[int, Spot] = {}
    for sheet in sheets:
        title = sheet_title(sheet.name, taken)
        issues_by_row = by_cell.get(sheet.name, {})
        shown |= _write_sheet(book, styles, title, sheet, issues_by_row, all_rows)
    _write_errors(errors, styles, issues, shown)
    book.close()


Spot = tuple[str, int, int]  # where the report shows a problem: (sheet, row, column), 0-based


class _Styles:
    def __init__(self, book: Any) -> None:
        self.bold = book.add_format({"bold": True})
        self.link = book.add_format({"font_color": "#0563C1", "underline": 1})
        self.error = book.add_format({"bg_color": ERROR_FILL, "pattern": 1})
        self.warning = book.add_format({"bg_color": WARNING_FILL, "pattern": 1})


def _index(
    issues: list[RowIssue], sheets: list[ReportSheet]
) -> dict[str, dict[int, list[tuple[int, RowIssue]]]]:
    """sheet name -> source row -> (index in ``issues``, issue). An issue without a sheet
    belongs to the only sheet."""
    only = sheets[0].name if len(sheets) == 1 else None
    found: dict[str, dict[int, list[tuple[int, RowIssue]]]] = defaultdict(lambda: defaultdict(list))
    for index, issue in enumerate(issues):
        sheet = issue.sheet or only
        if sheet is not None and issue.row is not None:
            found[sheet][issue.row].append((index, issue))
    return found


def _write_summary(
    book: Any, styles: _Styles, summary: Mapping[str, int | str], issues: list[RowIssue]
) -> None:
    ws = book.add_worksheet(SUMMARY_TITLE)
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    figures: dict[str, int | str] = dict(summary)
    figures.setdefault("errors", errors)
    figures.setdefault("warnings", len(issues) - errors)
    widths = Widths()
    for n, (key, value) in enumerate(figures.items()):
        ws.write_string(n, 0, clean_text(str(key)), styles.bold)
        if isinstance(value, int):
            ws.write_number(n, 1, value)
        else:
            _write_text(ws, n, 1, clean_text(str(value)))
        widths.measure([key, value])
    finish_xlsxwriter(ws, widths, columns=2, rows=len(figures), table=False)


def _write_errors(
    ws: Any, styles: _Styles, issues: list[RowIssue], shown: Mapping[int, Spot]
) -> None:
    """One row per problem; its sheet name links to the cell ``shown`` says shows it."""
    widths = Widths()
    widths.measure(ERRORS_HEADER)
    for i, name in enumerate(ERRORS_HEADER):
        ws.write_string(0, i, name, styles.bold)
    for n, (index, issue) in enumerate(enumerate(issues), start=1):
        sheet, column, value, message = clean_row(
            [issue.sheet, issue.column, issue.value, issue.message]
        )
        spot = shown.get(index)
        if spot is None or n > MAX_LINKS:
            _write_text(ws, n, 0, sheet)
        else:
            title, line, col = spot
            quoted = title.replace("'", "''")
            sheet = sheet or title
            target = f"internal:'{quoted}'!{xl_rowcol_to_cell(line, col)}"
            ws.write_url(n, 0, target, styles.link, string=sheet)
        widths.measure([sheet, issue.row, column, value, message, issue.severity.value])
        if issue.row is not None:
            ws.write_number(n, 1, issue.row)
        _write_text(ws, n, 2, column)
        _write_text(ws, n, 3, value)
        _write_text(ws, n, 4, message)
        ws.write_string(n, 5, issue.severity.value)
    finish_xlsxwriter(ws, widths, columns=len(ERRORS_HEADER), rows=len(issues))


def _write_sheet(
    book: Any,
    styles: _Styles,
    title: str,
    sheet: ReportSheet,
    issues_by_row: Mapping[int, list[tuple[int, RowIssue]]],
    all_rows: bool,
) -> dict[int, Spot]:
    """The sheet's rows (those with problems, unless ``all_rows``), bad cells marked; where
    each problem is shown, by its index."""
    ws = book.add_worksheet(title)
    header = clean_row([ROW_HEADER, *sheet.columns])
    for i, name in enumerate(header):
        _write_text(ws, 0, i, name, styles.bold)
    widths = Widths()
    widths.measure(header)
    position = {name: i for i, name in enumerate(sheet.columns)}
    shown: dict[int, Spot] = {}
    n = 0
    for row_number, values in sheet.rows:
        row_issues = issues_by_row.get(row_number)
        if not row_issues and not all_rows:
            continue
        n += 1
        marks = _marks(row_issues or [], position, len(values))
        row_mark = marks.get(0)
        ws.write_number(n, 0, row_number, _fill(styles, row_mark))
        texts = clean_row(values)
        widths.measure([row_number, *texts])
        for i, value in enumerate(texts, start=1):
            found = marks.get(i)
            if found is None:
                _write_text(ws, n, i, value)
            else:
                ws.write_string(n, i, value or "", _fill(styles, found))
        for i, found in marks.items():
            text = "\n".join(_comment_line(issue, i == 0) for _, issue in found)
            ws.write_comment(n, i, clean_text(text), _COMMENT)
            shown |= {index: (title, n, i) for index, _ in found}
    finish_xlsxwriter(ws, widths, columns=len(header), rows=n)
    return shown


def _marks(
    issues: list[tuple[int, RowIssue]], position: Mapping[str, int], width: int
) -> dict[int, list[tuple[int, RowIssue]]]:
    """Cell index in the report row (0 = the Row cell) -> the issues it carries."""
    by_index: dict[int, list[tuple[int, RowIssue]]] = defaultdict(list)
    for index, issue in issues:
        where = position.get(issue.column) if issue.column else None
        at = where + 1 if where is not None and where < width else 0
        by_index[at].append((index, issue))
    return by_index


def _fill(styles: _Styles, found: list[tuple[int, RowIssue]] | None) -> Any:
    if not found:
        return None
    is_error = any(i.severity == Severity.ERROR for _, i in found)
    return styles.error if is_error else styles.warning


def _write_text(ws: Any, row: int, col: int, value: str | None, style: Any = None) -> None:
    if value:
        ws.write_string(row, col, value, style)


def _comment_line(issue: RowIssue, on_row_cell: bool) -> str:
    prefix = {Severity.WARNING: "Warning: ", Severity.NOTE: "Note: "}.get(issue.severity, "")
    if on_row_cell and issue.column:
        prefix += f"column '{issue.column}': "
    return prefix + issue.message
