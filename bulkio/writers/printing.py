"""How bulkio's workbooks print: A4 landscape, fitted to the page width, a table's header row
on every page.

A table sheet (a header row, then as many rows as it takes) prints as many pages down as it
needs, its header row repeated on each; a sheet of text (a template's Instructions) prints on
one page. The writers use three libraries whose worksheets name the same settings
differently, so each has its function here. A header row that wraps is set as tall as its
lines (``line_height``): LibreOffice does not fit row heights itself.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

A4 = 9  # the paper size code of the spreadsheet formats
LINE_HEIGHT = 15.0  # points per line of 11-point text


def line_height(lines: int) -> float:
    """The height in points of a row of ``lines`` lines of 11-point text."""
    return LINE_HEIGHT * lines + 3


def print_openpyxl(ws: Worksheet, *, table: bool = True) -> None:
    """The print settings of an openpyxl worksheet."""
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0 if table else 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if table:
        ws.print_title_rows = "1:1"


def print_rust(ws: Any, *, table: bool = True) -> None:
    """The print settings of an rvgsrust-xlsxwriter worksheet."""
    ws.set_paper_size(A4)
    ws.set_landscape()
    ws.set_print_fit_to_pages(1, 0 if table else 1)
    if table:
        ws.set_repeat_rows(0, 0)


def print_xlsxwriter(ws: Any, *, table: bool = True) -> None:
    """The print settings of an XlsxWriter worksheet."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0 if table else 1)
    if table:
        ws.repeat_rows(0)
