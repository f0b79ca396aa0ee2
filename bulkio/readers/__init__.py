"""Readers: CSV, XLSX/XLSM, XLS and ODS into one table of text, source row numbers kept.

Nothing guesses types: every cell arrives as the text the spreadsheet shows (ZIP code
``01067`` stays ``01067``), dates as ISO text, and each record keeps its row number in
``ROW_COLUMN`` so every message can point at the cell a person has to fix.

bulkio's own CSV export (a folder or .zip with ``bulkio-export.json``) reads like a workbook
whose sheets are its CSV files, the export's formula guard removed (see ``csv_export``).
"""

from __future__ import annotations

from pathlib import Path

from bulkio.core.layout import META_SHEET
from bulkio.readers.csv_export import (
    export_layout_rows,
    export_sheet_names,
    is_csv_export,
    open_export_sheet,
)
from bulkio.readers.csv_reader import open_csv
from bulkio.readers.excel_reader import (
    open_workbook,
    workbook_hidden_sheets,
    workbook_rows,
    workbook_sheet_names,
)
from bulkio.readers.file_kind import KINDS_READ, FileKind, detect_kind
from bulkio.readers.table import SourceTable

__all__ = [
    "KINDS_READ",
    "SourceTable",
    "hidden_sheets",
    "is_csv_export",
    "layout_rows",
    "open_table",
    "sheet_names",
]

CSV_SHEET_NAME = "data"


def open_table(
    path: Path,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> SourceTable:
    """Open a spreadsheet file as a table of text.

    ``sheet`` is a name or a 0-based index (workbooks; default the first sheet);
    ``header_row`` is the 1-based row of the column names (default: detected);
    ``encoding`` and ``delimiter`` apply to text files (default: detected).
    Raises InputFileError with a message that names the fix.
    """
    path = Path(path)
    if is_csv_export(path):
        return open_export_sheet(path, sheet=sheet, header_row=header_row)
    if detect_kind(path) is FileKind.TEXT:
        return open_csv(path, header_row=header_row, encoding=encoding, delimiter=delimiter)
    return open_workbook(path, sheet=sheet, header_row=header_row)


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook; ``["data"]`` for a text file; the sheet titles and
    ``_bulkio`` for a bulkio CSV export."""
    path = Path(path)
    if is_csv_export(path):
        return export_sheet_names(path)
    if detect_kind(path) is FileKind.TEXT:
        return [CSV_SHEET_NAME]
    return workbook_sheet_names(path)


def hidden_sheets(path: Path) -> set[str]:
    """The names of a workbook's hidden sheets; none for a text file."""
    path = Path(path)
    if is_csv_export(path) or detect_kind(path) is FileKind.TEXT:
        return set()
    return workbook_hidden_sheets(path)


def layout_rows(path: Path) -> list[list[str]]:
    """The rows of bulkio's layout sheet ``_bulkio`` (a template or an export: marker row,
    header, one row per column); ``[]`` when the file has none."""
    path = Path(path)
    if is_csv_export(path):
        return export_layout_rows(path)
    if META_SHEET not in sheet_names(path):
        return []
    return workbook_rows(path, META_SHEET)
