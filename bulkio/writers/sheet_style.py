"""How the tables of bulkio's workbooks look on screen and on paper.

A table sheet has a bold header row, frozen with the first column, a filter over every
column, columns as wide as their content (measured on the first rows, capped), and prints as
every bulkio workbook does (``printing``: A4 landscape, fitted to the page width, the header
row repeated on every page). The report, plan and
results workbooks are written with rvgsrust-xlsxwriter (``finish_rust``), which keeps column
widths, the filter and print settings until the file is closed, so a sheet is finished after
its last row, in constant-memory mode too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from bulkio.writers.printing import print_rust

SAMPLE_ROWS = 200  # rows measured for the column widths
MIN_WIDTH = 6
MAX_WIDTH = 50


class Widths:
    """The width each column of a sheet needs: the longest line among its header and the
    values of the first ``SAMPLE_ROWS`` rows, within ``MIN_WIDTH`` and ``MAX_WIDTH``."""

    def __init__(self) -> None:
        self._rows = 0
        self._chars: dict[int, int] = {}

    def measure(self, values: Sequence[object], start: int = 0) -> None:
        """Take a row's values (or a part of it from column ``start``) into account."""
        if self._rows > SAMPLE_ROWS:
            return
        if start == 0:
            self._rows += 1
        for col, value in enumerate(values, start=start):
            if value is not None:
                chars = max((len(line) for line in str(value).splitlines()), default=0)
                if chars > self._chars.get(col, 0):
                    self._chars[col] = chars

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for col, chars in sorted(self._chars.items()):
            yield col, min(MAX_WIDTH, max(MIN_WIDTH, chars + 2))


def finish_rust(ws: Any, widths: Widths, *, columns: int, rows: int, table: bool = True) -> None:
    """Finish an rvgsrust-xlsxwriter worksheet with ``rows`` rows below its header (a table),
    or a list of figures (``table=False``: no header to freeze, filter or repeat)."""
    for col, width in widths:
        ws.set_column_width(col, width)
    print_rust(ws, header_row=table)
    if table:
        ws.freeze_panes(1, 1)
        ws.autofilter(0, 0, rows, max(columns - 1, 0))
