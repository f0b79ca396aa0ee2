"""How the sheets of bulkio's workbooks look on screen and on paper.

A bold header row, frozen, with a filter over every column; columns as wide as their
content (measured on the first rows, capped); printed landscape, fitted to the page width,
the header row repeated on every page. For openpyxl's write-only sheets: ``fitted`` and
``print_setup`` run before the first row is appended (their settings sit at the top of the
sheet's XML), ``add_filter`` after the last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

BOLD = Font(bold=True)
SAMPLE_ROWS = 200  # rows measured for the column widths
MIN_WIDTH = 6
MAX_WIDTH = 50


def header(ws: Any, names: Iterable[str]) -> list[Any]:
    """Bold text cells for a header row."""
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.data_type = "s"
        cell.font = BOLD
        cells.append(cell)
    return cells


def fitted(ws: Any, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """``rows`` (the header first) unchanged, once the sheet's column widths are set from
    the longest line of each column in the first ``SAMPLE_ROWS`` rows (capped)."""
    source = iter(rows)
    sample = list(islice(source, SAMPLE_ROWS))
    widths: dict[int, int] = {}
    for row in sample:
        for index, value in enumerate(row, start=1):
            widths[index] = max(widths.get(index, 0), _length(value))
    for index, width in widths.items():
        ws.column_dimensions[get_column_letter(index)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, width + 2)
        )
    return chain(sample, source)


def print_setup(ws: Any, *, title_rows: int = 1) -> None:
    """Landscape, fitted to the page width (as many pages down as it takes), the first
    ``title_rows`` rows repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = f"1:{title_rows}"


def add_filter(ws: Any, columns: int, rows: int) -> None:
    """A filter over ``columns`` columns of the header and ``rows`` rows below it."""
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def write_table(
    wb: Any, title: str, names: Sequence[str], rows: Callable[[Any], Iterable[Sequence[Any]]]
) -> Any:
    """A sheet of ``wb`` (write-only) holding a header row and the rows ``rows(sheet)``
    gives: the header bold and frozen with the first column, a filter, fitted widths, print
    settings."""
    ws = wb.create_sheet(title)
    print_setup(ws)
    ws.freeze_panes = "B2"
    count = -1  # the header is not counted
    for row in fitted(ws, chain([header(ws, names)], rows(ws))):
        ws.append(row)
        count += 1
    add_filter(ws, len(names), count)
    return ws


def sheet_title(name: str, taken: set[str], fallback: str) -> str:
    """A valid sheet title not in ``taken`` (casefolded; the title is added): no []:*?/\\,
    at most 31 characters, numbered " (2)" when taken."""
    base = "".join(ch for ch in name if ch not in "[]:*?/\\").strip("'")[:31] or fallback
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _length(value: Any) -> int:
    if isinstance(value, Cell):  # what WriteOnlyCell makes
        value = value.value
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)
