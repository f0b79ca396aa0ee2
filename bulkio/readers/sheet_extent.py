"""What a workbook's XML makes a native reader hold in memory, found by scanning it as a stream.

calamine turns a sheet into a dense grid from its first to its last filled cell, copies a
shared string into every cell that uses it, reserves room for as many shared strings as the
part declares, and expands ODS's repeated rows and cells. A few bytes can claim gigabytes that
way (one cell at ``XFD1048576``, ``uniqueCount="4000000000"``, a cell repeated a billion
times). The scanners here read the XML in chunks with a regular expression (no tree, no
entities) and add up what those structures would cost, so a file can be refused before a
native reader sees it. Tags are looked for, not validated: the figures are estimates.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_ROWS = 1_048_576  # Excel's last row and column (XFD): no genuine sheet goes beyond
MAX_COLUMNS = 16_384
# Bytes held per cell (measured with python-calamine 0.9, fastexcel and bulkio's readers, see
# benchmarks/bench_budget.py): per cell of the dense grid from the first to the last filled
# cell (calamine's grid, 32 bytes for XLSX and ODS, 64 for XLS, plus 32 for the batch of rows
# bulkio builds from it), and per filled cell (what a reader holds for each besides its text:
# calamine's list of cells before it builds the grid and the Python objects of each batch;
# for ODS each cell's own copy of its text); per entry of the shared-strings table.
XLSX_CELL_BYTES = (64, 96)
XLS_CELL_BYTES = (96, 40)
ODS_CELL_BYTES = (64, 96)
# An XLSX sheet of plain text is read by fastexcel straight into text columns (see
# ``text_sheet``): a filled cell costs less there.
TEXT_SHEET_CELL_BYTES = (64, 32)
STRING_BYTES = 48
# The shared-strings part is held about twice: the table of calamine's workbook and the one
# of fastexcel's (or calamine's text and its Python copies).
STRING_TABLE_COPIES = 2
# A cell's text is held several times over: calamine's copy, the batch's, the checked value,
# and the problems that quote it (measured: a 43 KB file whose 10,000 cells share one 30 KB
# string took 1.8 GB; 2,000-character strings in 40,000 cells read as text columns, 5.2
# copies).
TEXT_COPIES = 6
# The markup around a shared string's text in a plain item, not counted as its text.
STRING_MARKUP = len(b"<si><t></t></si>")

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"


class BeyondSheetError(Exception):
    """A cell reference outside any spreadsheet's limits, e.g. ``ZZZZZZZZ3``."""

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


@dataclass
class Extent:
    """What one sheet (or all sheets of a part) would take: its filled cells, the bytes of
    their text, and the grid from the first to the last filled cell."""

    cell_bytes: tuple[int, int] = XLSX_CELL_BYTES
    cells: int = 0
    text_bytes: int = 0
    first_row: int = MAX_ROWS
    last_row: int = -1
    first_column: int = MAX_COLUMNS
    last_column: int = -1
    last_cell: str = ""
    grids: list[int] = field(default_factory=list)  # finished sheets' grid sizes

    def add(self, row: int, column: int, rows: int = 1, columns: int = 1) -> None:
        self.first_row = min(self.first_row, row)
        self.first_column = min(self.first_column, column)
        if row + rows - 1 >= self.last_row or column + columns - 1 >= self.last_column:
            self.last_cell = cell_reference(row + rows - 1, column + columns - 1)
        self.last_row = max(self.last_row, row + rows - 1)
        self.last_column = max(self.last_column, column + columns - 1)

    def finish_sheet(self) -> None:
        if self.last_row >= 0:
            self.grids.append(
                (self.last_row - self.first_row + 1) * (self.last_column - self.first_column + 1)
            )
        self.first_row, self.last_row = MAX_ROWS, -1
        self.first_column, self.last_column = MAX_COLUMNS, -1

    @property
    def grid_cells(self) -> int:
        return sum(self.grids)

    def memory(self) -> int:
        """Bytes a native reader would hold for these cells."""
        grid, filled = self.cell_bytes
        return grid * self.grid_cells + filled * self.cells + TEXT_COPIES * self.text_bytes


def cell_reference(row: int, column: int) -> str:
    """(0, 0) -> "A1"."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def _parse_reference(reference: bytes) -> tuple[int, int] | None:
    """b"B3" -> (2, 1) (0-based row, column); None without a usable row number."""
    match = re.fullmatch(rb"\$?([A-Za-z]{1,7})\$?(\d{1,10})", reference.strip())
    if match is None:
        if re.fullmatch(rb"\$?[A-Za-z]+\$?\d+", reference.strip()):
            raise BeyondSheetError(reference.decode("ascii", "replace"))
        return None
    column = _column_number(match.group(1))
    row = int(match.group(2))
    if column > MAX_COLUMNS or row > MAX_ROWS or row < 1:
        raise BeyondSheetError(reference.decode("ascii"))
    return row - 1, column - 1


def _attribute(attributes: bytes, name: bytes) -> bytes | None:
    match = re.search(rb"(?:^|\s)" + _PREFIX + name + rb"\s*=\s*[\"']([^\"']*)[\"']", attributes)
    return match.group(1) if match else None


def _complete_tags(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The stream cut after a '>', so no tag is split between two pieces; after a cell's
    end tag where the piece has one, so no cell is split from its value either."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cell_end = data.rfind(b"</c>")
        cut = cell_end + 4 if cell_end >= 0 else data.rfind(b">") + 1
        carry = data[cut:]
        if cut:
            yield data[:cut]
    if carry:
        yield carry


def _column_number(letters: bytes) -> int:
    """b"A" -> 1, b"XFD" -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


_XLSX_TOKENS = re.compile(
    rb"<" + _PREFIX + rb"(?:(?P<row>row)|(?P<cell>c)|(?P<dimension>dimension))(?=[\s/>])"
    rb"(?P<attributes>[^>]*?)(?P<empty>/?)>"
    rb"(?P<value>\s*<" + _PREFIX + rb"(?:v|is|f)[\s>](?:\s*(?P<index>\d+)\s*<)?)?"
)


def scan_sheet(chunks: Iterable[bytes], string_lengths: array[int] | None = None) -> Extent:
    """The extent of one XLSX worksheet part. ``string_lengths`` are the shared strings'
    lengths in bytes, so a cell that uses one is counted with its copy of the text.
    Raises BeyondSheetError for a cell or a declared dimension beyond Excel's limits."""
    extent = Extent()
    row = -1
    column = -1
    for piece in _complete_tags(chunks):
        for match in _XLSX_TOKENS.finditer(piece):
            attributes = match.group("attributes")
            if match.group("row") is not None:
                number = _attribute(attributes, b"r")
                row = int(number) - 1 if number and number.isdigit() else row + 1
                if row >= MAX_ROWS:
                    raise BeyondSheetError(f"row {row + 1}")
                column = -1
                continue
            if match.group("dimension") is not None:
                for corner in (_attribute(attributes, b"ref") or b"").split(b":"):
                    _parse_reference(corner)
                continue
            reference = _attribute(attributes, b"r")
            position = _parse_reference(reference) if reference else None
            if position is None:
                position = (max(row, 0), column + 1)
            row_of_cell, column = position
            if match.group("empty") or match.group("value") is None:
                continue
            extent.cells += 1
            extent.add(row_of_cell, column)
            index = match.group("index")
            if (
                string_lengths is not None
                and index is not None
                and _attribute(attributes, b"t") == b"s"
                and int(index) < len(string_lengths)
            ):
                extent.text_bytes += string_lengths[int(index)]
    extent.finish_sheet()
    return extent


_SHARED_TOKENS = re.compile(rb"<" + _PREFIX + rb"(?:(?P<sst>sst)|(?P<si>si))(?=[\s/>])([^>]*)>")


@dataclass
class SharedStrings:
    """The shared-strings table: its declared and real count, each string's length (its
    item's bytes less the markup of a plain item, ``<si><t></t></si>``: a text's bytes, or
    more) and the bytes of the whole part."""

    declared: int = 0
    lengths: array[int] = field(default_factory=lambda: array("Q"))
    text_bytes: int = 0

    def memory(self) -> int:
        count = max(self.declared, len(self.lengths))
        return STRING_BYTES * count + STRING_TABLE_COPIES * self.text_bytes


def scan_shared_strings(chunks: Iterable[bytes]) -> SharedStrings:
    """Each ``<si>``'s length in bytes (up to the next one) less ``STRING_MARKUP``, and the
    declared uniqueCount."""
    table = SharedStrings()
    offset = 0
    previous = -1
    for piece in _complete_tags(chunks):
        for match in _SHARED_TOKENS.finditer(piece):
            if match.group("sst") is not None:
                count = _attribute(match.group(3), b"uniqueCount") or b""
                table.declared = int(count) if count.isdigit() else 0
                continue
            start = offset + match.start()
            if previous >= 0:
                table.lengths.append(max(start - previous - STRING_MARKUP, 0))
            previous = start
        offset += len(piece)
    if previous >= 0:
        table.lengths.append(max(offset - previous - STRING_MARKUP, 0))
    table.text_bytes = offset
    return table


_ODS_TOKENS = re.compile(
    rb"<(?P<close>/?)" + _PREFIX + rb"(?:(?P<table>table)|(?P<row>table-row)"
    rb"|(?P<cell>table-cell|covered-table-cell))(?=[\s/>])(?P<attributes>[^>]*?)(?P<empty>/?)>"
)


def scan_ods_content(chunks: Iterable[bytes]) -> Extent:
    """The extent of every sheet in an ODS ``content.xml``, repeated rows and cells expanded
    as a reader expands them; a repeated cell's text counts once per copy."""
    extent = Extent(ODS_CELL_BYTES)
    row = 0
    row_repeat = 1
    column = 0
    cell_start: tuple[int, int, int] | None = None  # offset, column, columns repeated
    offset = 0
    for piece in _complete_tags(chunks):
        for match in _ODS_TOKENS.finditer(piece):
            closing = bool(match.group("close"))
            attributes = match.group("attributes")
            if match.group("table") is not None:
                if closing:
                    extent.finish_sheet()
                else:
                    row, column = 0, 0
                continue
            if match.group("row") is not None:
                if closing:
                    row += row_repeat
                    continue
                row_repeat = _repeat(attributes, b"number-rows-repeated")
                column = 0
                if match.group("empty"):
                    row += row_repeat
                continue
            if closing:
                if cell_start is not None:
                    start, first, columns = cell_start
                    extent.text_bytes += (offset + match.start() - start) * columns * row_repeat
                    extent.add(row, first, row_repeat, columns)
                    cell_start = None
                continue
            columns = _repeat(attributes, b"number-columns-repeated")
            filled = not match.group("empty") or _attribute(attributes, b"value-type")
            if filled:
                extent.cells += columns * row_repeat
                if match.group("empty"):
                    extent.add(row, column, row_repeat, columns)
                else:
                    cell_start = (offset + match.end(), column, columns)
            column += columns
        offset += len(piece)
    extent.finish_sheet()
    return extent


def _repeat(attributes: bytes, name: bytes) -> int:
    value = _attribute(attributes, name)
    return int(value) if value and value.isdigit() and int(value) > 0 else 1
