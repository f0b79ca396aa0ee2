"""The Summary sheet of the plan and results workbooks: one figure a line.

A label in bold, then its value: a number as a number (a count, seconds with one decimal)
that a formula or a chart can use, anything else as text. Written first in the workbook, so
it is the sheet that opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from bulkio.writers.cells import text_cell
from bulkio.writers.sheet_style import header, print_setup

SUMMARY_TITLE = "Summary"
Figure = int | float | str


def write_summary(wb: Workbook, figures: Mapping[str, Figure], *, width: int = 60) -> Any:
    """The Summary sheet of ``wb`` (a write-only workbook) with ``figures`` in order."""
    ws = wb.create_sheet(SUMMARY_TITLE)
    ws.column_dimensions["A"].width = max([len(k) + 2 for k in figures] + [12])
    ws.column_dimensions["B"].width = width
    print_setup(ws, title_rows=0)
    for key, value in figures.items():
        ws.append([*header(ws, [key]), figure_cell(ws, value)])
    return ws


def figure_cell(ws: Any, value: Figure) -> Any:
    """A number as a number (floats shown with one decimal), anything else as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return text_cell(ws, str(value))
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, float):
        cell.number_format = "0.0"
    return cell
