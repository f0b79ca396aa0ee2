"""The Summary sheet of the plan and results workbooks: one figure a line.

A label in bold, then its value: a number as a number (a count; seconds with one decimal)
that a formula or a chart can use, anything else as text. Written first, so it is the sheet
a workbook opens with. For rvgsrust-xlsxwriter workbooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rvgsrust_xlsxwriter import Format, Workbook

from bulkio.writers.cells import clean_text
from bulkio.writers.sheet_style import Widths, finish_rust

SUMMARY_TITLE = "Summary"
Figure = int | float | str
_ONE_DECIMAL = Format().set_num_format("0.0")


def write_summary(book: Workbook, figures: Mapping[str, Figure], bold: Format) -> Any:
    """The Summary sheet of ``book`` with ``figures`` in order; returned, to add lines."""
    ws = book.add_worksheet(SUMMARY_TITLE)
    widths = Widths()
    for n, (key, value) in enumerate(figures.items()):
        label = clean_text(key)
        ws.write(n, 0, label, bold)
        widths.measure([label, value])
        if isinstance(value, bool) or not isinstance(value, int | float):
            ws.write(n, 1, clean_text(str(value)))
        elif isinstance(value, float):
            ws.write(n, 1, value, _ONE_DECIMAL)
        else:
            ws.write(n, 1, value)
    finish_rust(ws, widths, columns=2, rows=len(figures), table=False)
    return ws
