"""Readers: CSV, XLSX/XLSM, XLS and ODS into one table of text, source row numbers kept.

Nothing guesses types: every cell arrives as the text the spreadsheet shows (ZIP code
``01067`` stays ``01067``), dates as ISO text, and each record keeps its row number in
``ROW_COLUMN`` so every message can point at the cell a person has to fix.
"""

from __future__ import annotations

from pathlib import Path

from bulkio.readers.csv_reader import open_csv
from bulkio.readers.excel_reader import open_workbook, workbook_hidden_sheets, workbook_sheet_names
from bulkio.readers.file_kind import KINDS_READ, FileKind, detect_kind
from bulkio.readers.table import SourceTable

__all__ = ["KINDS_READ", "SourceTable", "hidden_sheets", "open_table", "sheet_names"]

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
    if detect_kind(path) is FileKind.TEXT:
        return open_csv(path, header_row=header_row, encoding=encoding, delimiter=delimiter)
    return open_workbook(path, sheet=sheet, header_row=header_row)


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook; ``["data"]`` for a text file."""
    path = Path(path)
    if detect_kind(path) is FileKind.TEXT:
        return [CSV_SHEET_NAME]
    return workbook_sheet_names(path)


def hidden_sheets(path: Path) -> set[str]:
    """The names of a workbook's hidden sheets; none for a text file."""
    path = Path(path)
    if detect_kind(path) is FileKind.TEXT:
        return set()
    return workbook_hidden_sheets(path)
