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
print settings (``sheet_style``). rvgsrust-xlsxwriter (Rust) writes the workbook: the
Summary, and each table sheet without its rows. The rows of the Errors sheet and the problem
rows are written by bulkio as XML, cell for cell as the library writes them
(``sheet_rows``), sheet by sheet (the Errors sheet's rows last, once it is known where each
problem's row landed); every value from the data is a text cell. They and the notes
(``note_parts``: cheaper than one library object per note, and each holds exactly its text)
go into the file once the library has closed it, compressed fast (``zip_parts``).
``benchmarks/bench_report.py`` measures it against openpyxl, XlsxWriter and the Rust
writers' own notes.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# the package exports Note but its type stub leaves it out
from rvgsrust_xlsxwriter import Format, Note, Workbook, Worksheet  # type: ignore[attr-defined]

from bulkio.core.collector import collector_paused
from bulkio.core.issues import RowIssue, Severity
from bulkio.writers.cells import clean_row, clean_text, sheet_title
from bulkio.writers.note_parts import (
    NOTE_HEIGHT,
    NOTE_WIDTH,
    SheetNotes,
    note_parts,
)
from bulkio.writers.sheet_rows import SheetRows
from bulkio.writers.sheet_style import SAMPLE_ROWS, Widths, finish_rust
from bulkio.writers.summary import write_summary
from bulkio.writers.zip_parts import replace_parts, sheet_parts

ERROR_FILL = "#FFC7CE"
WARNING_FILL = "#FFEB9C"
SUMMARY_TITLE = "Summary"
ERRORS_TITLE = "Errors"
ROW_HEADER = "Row"
ERRORS_HEADER = ("Sheet", "Row", "Column", "Value", "Message", "Severity")
MAX_LINKS = 65_530  # Excel's limit of links in one sheet; further problems are not linked


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
    with collector_paused():  # its rows and notes make no reference cycles
        _write(path, sheets, issues, summary, all_rows)


def _write(
    path: Path,
    sheets: list[ReportSheet],
    issues: list[RowIssue],
    summary: Mapping[str, int | str],
    all_rows: bool,
) -> None:
    book = Workbook(str(path))
    book.set_properties(author="bulkio")
    styles = _Styles()
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    figures: dict[str, int | str] = dict(summary)
    figures.setdefault("errors", errors)
    figures.setdefault("warnings", len(issues) - errors)
    write_summary(book, figures, styles.bold)
    errors_sheet = book.add_worksheet(ERRORS_TITLE, constant_memory=True)
    taken = {SUMMARY_TITLE.casefold(), ERRORS_TITLE.casefold()}
    by_cell = _index(issues, sheets)
    shown: dict[int, Spot] = {}
    notes: dict[int, SheetNotes] = {}
    rows: dict[int, SheetRows] = {}
    try:
        for position, sheet in enumerate(sheets, start=2):
            title = sheet_title(sheet.name, taken)
            issues_by_row = by_cell.get(sheet.name, {})
            ws = book.add_worksheet(title, constant_memory=True)
            rows[position] = SheetRows()
            notes[position] = _write_sheet(
                ws, rows[position], styles, title, sheet, issues_by_row, all_rows, shown
            )
        rows[1] = SheetRows()
        _write_errors(errors_sheet, rows[1], styles, issues, shown)
        book.close()
        with zipfile.ZipFile(path, "a") as archive:
            order = sheet_parts(archive)
            new = {
                order[i]: sheet_rows.part(archive.read(order[i]).decode("utf-8"))
                for i, sheet_rows in sorted(rows.items())
            }
            new.update(note_parts(archive, notes))
            replace_parts(archive, new)
    finally:
        for sheet_rows in rows.values():
            sheet_rows.close()


Spot = tuple[str, int, int]  # where the report shows a problem: (sheet, row, column), 0-based
# the scratch cells of each sheet (``sheet_rows``): the formats its rows use
_ERRORS_LINK, _ERRORS_BOLD = "A", "B"
_BOLD, _ERROR, _WARNING = "A", "B", "C"


class _Styles:
    def __init__(self) -> None:
        self.bold = Format().set_bold()
        self.link = Format().set_font_color("#0563C1").set_underline()
        self.error = Format().set_background_color(ERROR_FILL)
        self.warning = Format().set_background_color(WARNING_FILL)


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


def _write_errors(
    ws: Worksheet,
    rows: SheetRows,
    styles: _Styles,
    issues: list[RowIssue],
    shown: Mapping[int, Spot],
) -> None:
    """One row per problem; its sheet name links to the cell ``shown`` says shows it."""
    ws.write_url(0, 0, f"internal:'{ERRORS_TITLE}'!A1", styles.link, text=ERRORS_TITLE)
    ws.write(0, 1, None, styles.bold)
    widths = Widths()
    widths.measure(ERRORS_HEADER)
    rows.add(0, ERRORS_HEADER, dict.fromkeys(range(len(ERRORS_HEADER)), _ERRORS_BOLD))
    linked = {0: _ERRORS_LINK}
    for n, (index, issue) in enumerate(enumerate(issues), start=1):
        sheet, column, value, message = clean_row(
            [issue.sheet, issue.column, issue.value, issue.message]
        )
        spot = shown.get(index)
        severity = _SEVERITY_TEXT[issue.severity]
        if spot is not None and n <= MAX_LINKS:
            title, line, col = spot
            sheet = sheet or title
            line_values = [sheet, issue.row, column, value, message, severity]
            rows.add(n, line_values, linked)
            rows.link(n, 0, title, (line, col), sheet)
        else:
            line_values = [sheet, issue.row, column, value, message, severity]
            rows.add(n, line_values)
        if n <= SAMPLE_ROWS:
            widths.measure(line_values)
    finish_rust(ws, widths, columns=len(ERRORS_HEADER), rows=len(issues))


def _write_sheet(
    ws: Worksheet,
    rows: SheetRows,
    styles: _Styles,
    title: str,
    sheet: ReportSheet,
    issues_by_row: Mapping[int, list[tuple[int, RowIssue]]],
    all_rows: bool,
    shown: dict[int, Spot],
) -> SheetNotes:
    """The sheet's rows (those with problems, unless ``all_rows``), bad cells marked; adds
    where each problem is shown, by its index, to ``shown``; returns the sheet's notes."""
    for col, style in enumerate((styles.bold, styles.error, styles.warning)):
        ws.write(0, col, None, style)
    header = clean_row([ROW_HEADER, *sheet.columns])
    rows.add(0, header, dict.fromkeys(range(len(header)), _BOLD))
    widths = Widths()
    widths.measure(header)
    position = {name: i for i, name in enumerate(sheet.columns)}
    notes = SheetNotes()
    n = 0
    for row_number, values in sheet.rows:
        row_issues = issues_by_row.get(row_number)
        if not row_issues and not all_rows:
            continue
        n += 1
        line: list[str | int | None] = [row_number, *clean_row(values)]
        if n <= SAMPLE_ROWS:
            widths.measure(line)
        if not row_issues:
            rows.add(n, line)
            continue
        if len(row_issues) == 1:  # most rows: one problem
            index, issue = row_issues[0]
            i = _at(issue, position, len(values))
            text = clean_text(_comment_line(issue, i == 0))
            if not notes.notes:
                _library_note(ws, n, i, text)
            notes.notes.append((n, i, text))
            shown[index] = (title, n, i)
            rows.add(n, line, {i: _ERROR if issue.severity == Severity.ERROR else _WARNING})
            continue
        marks: dict[int, str] = {}
        for i, found in _marks(row_issues, position, len(values)).items():
            marks[i] = _ERROR if _is_error(found) else _WARNING
            if len(found) == 1:
                text = clean_text(_comment_line(found[0][1], i == 0))
            else:
                text = clean_text("\n".join(_comment_line(issue, i == 0) for _, issue in found))
            if not notes.notes:  # the library writes the first, so the sheet has notes parts
                _library_note(ws, n, i, text)
            notes.notes.append((n, i, text))
            for index, _ in found:
                shown[index] = (title, n, i)
        rows.add(n, line, marks)
    finish_rust(ws, widths, columns=len(header), rows=n)
    notes.widths = dict(widths)
    return notes


def _library_note(ws: Worksheet, row: int, col: int, text: str) -> None:
    note = Note(text)
    note.set_author("bulkio")
    note.set_width(NOTE_WIDTH)
    note.set_height(NOTE_HEIGHT)
    ws.insert_note(row, col, note)


def _marks(
    issues: list[tuple[int, RowIssue]], position: Mapping[str, int], width: int
) -> dict[int, list[tuple[int, RowIssue]]]:
    """Cell index in the report row (0 = the Row cell) -> the issues it carries."""
    if len(issues) == 1:  # most rows
        return {_at(issues[0][1], position, width): issues}
    by_index: dict[int, list[tuple[int, RowIssue]]] = defaultdict(list)
    for index, issue in issues:
        by_index[_at(issue, position, width)].append((index, issue))
    return by_index


def _at(issue: RowIssue, position: Mapping[str, int], width: int) -> int:
    """The cell index of the issue's column in a report row of ``width`` values (0 = the
    Row cell, for a problem with the whole row or a column the row lacks)."""
    where = position.get(issue.column) if issue.column else None
    return where + 1 if where is not None and where < width else 0


def _is_error(found: list[tuple[int, RowIssue]]) -> bool:
    return any(i.severity == Severity.ERROR for _, i in found)


_PREFIX = {Severity.ERROR: "", Severity.WARNING: "Warning: ", Severity.NOTE: "Note: "}
_SEVERITY_TEXT = {severity: severity.value for severity in Severity}


def _comment_line(issue: RowIssue, on_row_cell: bool) -> str:
    prefix = _PREFIX[issue.severity]
    if on_row_cell and issue.column:
        prefix += f"column '{issue.column}': "
    return prefix + issue.message
