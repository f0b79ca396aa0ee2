"""How bulkio's workbooks print: A4 landscape, fitted to the page width, a table's header row
on every page.

A sheet prints as many pages down as it needs, a table's header row repeated on each; a
template's Instructions print on one page. The writers use two libraries whose worksheets
name the same settings differently, so each has its function here. A header row that wraps
is set as tall as its lines (``line_height``): LibreOffice does not fit row heights itself.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

A4 = 9  # the paper size code of the spreadsheet formats
LINE_HEIGHT = 15.0  # points per line of 11-point text


def line_height(lines: int) -> float:
    """The height in points of a row of ``lines`` lines of 11-point text."""
    return LINE_HEIGHT * lines + 3


def print_openpyxl(ws: Worksheet, *, header_row: bool = True, one_page: bool = False) -> None:
    """The print settings of an openpyxl worksheet; ``one_page`` fits it to one page."""
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        ws.print_title_rows = "1:1"


def print_rust(ws: Any, *, header_row: bool = True) -> None:
    """The print settings of an rvgsrust-xlsxwriter worksheet."""
    ws.set_paper_size(A4)
    ws.set_landscape()
    ws.set_print_fit_to_pages(1, 0)
    if header_row:
        ws.set_repeat_rows(0, 0)
