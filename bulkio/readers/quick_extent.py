"""The quick scan of an XLSX worksheet: an upper bound of what a native reader would hold for
it, found with a few passes of C-speed searches per piece instead of a Python object per cell.

Excel and most programs write every cell ``<c r="B7" ...>`` inside its ``<row r="7">``, in
order. The scan keeps running bounds (the largest row number and column seen so far); in
each piece it takes the row numbers from the ``<row>`` tags (one per row, cheap) and then
only looks for cells that break the pattern: a ``<c`` not written ``<c r="A1"``, or one
whose reference lies beyond the bounds. A piece that has such cells is read cell by cell
(its references widen the bounds); a cell without a reference, one with a namespace prefix
or one beyond Excel's limits means the full scan (``sheet_extent.scan_sheet``) must look.

The grid is counted from A1 to the bounds, so the figure is never smaller than the full
scan's (which counts from the first filled cell): a sheet that fits here fits there.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bulkio.readers.sheet_extent import (
    MAX_COLUMNS,
    MAX_ROWS,
    STRING_MARKUP,
    Extent,
    SharedStrings,
    _complete_tags,
    _parse_reference,
)

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW_NUMBER = re.compile(rb'<row r="(\d{1,7})"')
_REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
# A cell tag with a namespace prefix (``<x:c r="A1">``): the full scan reads those.
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s/>]")
_MAYBE_PREFIXED = re.compile(rb":c[\s/>]")  # a fast first look for those
# Any tag ``<c`` followed by a space, a line break, a tab, ``/`` or ``>``: a cell.
_CELL_TAG = re.compile(rb"<c[\s/>]")
_SHARED = re.compile(rb't="s"[^>]{0,200}><v>(\d{1,10})<')
# How a text cell is written: a shared string, an inline string, a formula's text. Counted,
# not parsed: a sheet counted as text that is not read as text is read cell by cell, and
# ``limits`` keeps that reader's estimate within its own bound (``FALLBACK_BUDGET``).
_TEXT_MARKS = (b' t="s"', b' t="inlineStr"', b' t="str"')
_FILLED_A1 = re.compile(rb'<c r="A1"[^>]*>(?:<f[^<]*</f>)?<(?:v|is><t|is><r><t)(?:\s[^>]*)?>[^<]')
# an item with attributes or a prefix, or a table with a prefix
_OTHER_ITEM = re.compile(rb"<si[^>]|:si[\s/>]|:sst[\s/>]")
_UNIQUE_COUNT = re.compile(rb"<sst\s[^>]*?\buniqueCount\s*=\s*[\"'](\d+)[\"']")
_DIMENSION = re.compile(rb"<" + _PREFIX + rb"dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)")


@dataclass
class QuickExtent(Extent):
    """The quick scan's extent, and what it saw of the sheet on the way: whether its cells
    are all text (shared or inline strings, a formula's text), whether A1 holds a value, and
    whether the sheet has merged cells."""

    text_cells: bool = False
    starts_at_a1: bool = False
    merged_cells: bool = False

    @property
    def plain_text(self) -> bool:
        """A sheet of text from A1 with no merged cells, or one with no cells at all."""
        return self.cells == 0 or (self.text_cells and self.starts_at_a1 and not self.merged_cells)


def quick_sheet_extent(
    chunks: Iterable[bytes], string_lengths: array[int] | None = None
) -> QuickExtent | None:
    """The extent of an XLSX worksheet part, counting empty cells as filled and the grid
    from A1, so never smaller than ``scan_sheet``'s; None when some cell is not written
    ``<c r="A1"`` within Excel's limits (then ``scan_sheet`` must look). Raises
    BeyondSheetError for a declared dimension beyond Excel's limits."""
    last_row = 0  # 1-based bounds: every cell seen so far lies within A1 and these
    last_column = 0
    cells = 0
    text_bytes = 0  # the shared strings' text the cells copy
    dimension_seen = False
    marked = 0  # the cells marked as text
    starts_at_a1 = merged_cells = False
    marks = list(_TEXT_MARKS)  # the way the sheet writes its text first, once seen
    for piece in _complete_tags(chunks):
        # a substring test first: the regular expression is slow on a piece without one
        if not dimension_seen and b"dimension" in piece and (found := _DIMENSION.search(piece)):
            dimension_seen = True
            for corner in found.group(1).split(b":"):
                _parse_reference(corner)
        if _MAYBE_PREFIXED.search(piece) and _PREFIXED_CELL.search(piece):
            return None
        # the piece's last row tag widens the bounds (rows come in order, so it is the
        # highest); a cell beyond them is found below in any case
        at = piece.rfind(b'<row r="')
        if at >= 0 and (number := _ROW_NUMBER.match(piece, at)):
            last_row = max(last_row, int(number.group(1)))
            if last_row > MAX_ROWS:
                return None
        if _beyond(last_row, last_column).search(piece):
            # some cell is not written as expected or lies beyond the bounds: look at each
            references = _REFERENCE.findall(piece)
            if len(references) != len(_CELL_TAG.findall(piece)):
                return None  # a cell without a plain reference
            last_row = max(last_row, max(int(number) for _, number in references))
            letters = {letters for letters, _ in references}
            last_column = max(last_column, max(map(_column_number, letters)))
            if last_row > MAX_ROWS or last_column > MAX_COLUMNS:
                return None
        in_piece = piece.count(b'<c r="')
        cells += in_piece
        if marked == cells - in_piece:  # all text so far: count this piece's
            marked += _text_marks(piece, in_piece, marks)
        if not starts_at_a1 and b'<c r="A1"' in piece:
            starts_at_a1 = _FILLED_A1.search(piece) is not None
        merged_cells = merged_cells or b"mergeCell" in piece
        if string_lengths:
            text_bytes += _shared_text(_SHARED.findall(piece), string_lengths)
    extent = QuickExtent(
        cells=cells,
        text_cells=cells > 0 and marked == cells,
        starts_at_a1=starts_at_a1,
        merged_cells=merged_cells,
    )
    if cells == 0:
        return extent
    extent.add(0, 0)
    extent.add(max(last_row, 1) - 1, max(last_column, 1) - 1)
    extent.text_bytes = text_bytes
    extent.finish_sheet()
    return extent


def _text_marks(piece: bytes, cells: int, marks: list[bytes]) -> int:
    """The cells in ``piece`` marked as text, counted one mark at a time until they are as
    many as its ``cells`` (a sheet writes its text one way: one pass over the piece, not
    three); the mark that accounted for them moves to the front of ``marks``."""
    found = 0
    for i, mark in enumerate(marks):
        found += piece.count(mark)
        if found >= cells:
            marks.insert(0, marks.pop(i))
            break
    return found


def _shared_text(indices: list[bytes], lengths: array[int]) -> int:
    """The bytes of the shared strings at ``indices`` (one per cell that uses one)."""
    numbers = list(map(int, indices))
    if numbers and max(numbers) < len(lengths):
        return sum(map(lengths.__getitem__, numbers))
    return sum(lengths[number] for number in numbers if number < len(lengths))


def quick_shared_strings(chunks: Iterable[bytes]) -> SharedStrings | None:
    """What ``sheet_extent.scan_shared_strings`` finds, for a table whose items are all
    written ``<si>`` (as Excel writes them), with a split per piece instead of a Python
    step per item; None for any other table (then that scan must look)."""
    table = SharedStrings()
    current = -1  # the length so far of the item being read, -1 before the first
    total = 0
    for piece in _complete_tags(chunks):
        if _OTHER_ITEM.search(piece):
            return None
        if not table.declared and b"<sst" in piece:
            found = _UNIQUE_COUNT.search(piece)
            table.declared = int(found.group(1)) if found else 0
        total += len(piece)
        first, *items = piece.split(b"<si>")
        if current >= 0:
            current += len(first)
        if items:
            if current >= 0:
                table.lengths.append(max(current - STRING_MARKUP, 0))
            table.lengths.extend([max(len(item) + 4 - STRING_MARKUP, 0) for item in items[:-1]])
            current = len(items[-1]) + 4
    if current >= 0:
        table.lengths.append(max(current - STRING_MARKUP, 0))
    table.text_bytes = total
    return table


@lru_cache(maxsize=64)
def _beyond(last_row: int, last_column: int) -> re.Pattern[bytes]:
    """A cell tag that is not ``<c r="`` + a reference within A1 and the bounds + ``"``;
    with no bounds yet, any cell tag."""
    if last_row == 0 or last_column == 0:
        return _CELL_TAG
    letters = _up_to(_column_letters(last_column), b"[A-Z]")
    return re.compile(rb'<c(?![^\s/>]| r="' + letters + _up_to(b"%d" % last_row, rb"\d") + b'")')


def _up_to(text: bytes, symbol: bytes) -> bytes:
    """A pattern for the strings of ``symbol`` that sort at most ``text``, ``text`` being
    a row number or column letters: shorter ones, or as long and not greater. Digit strings
    with a leading zero do not match (they are looked at cell by cell)."""
    first = rb"[1-9]" if symbol == rb"\d" else symbol
    options = []
    if len(text) > 1:
        options.append(first + symbol + b"{0,%d}" % (len(text) - 2))
    for i in range(len(text)):
        low = rb"1" if i == 0 and symbol == rb"\d" else (rb"0" if symbol == rb"\d" else b"A")
        below = chr(text[i] - 1).encode()
        rest = len(text) - i - 1
        if text[i] > ord(low):
            tail = symbol + b"{%d}" % rest if rest else b""
            options.append(text[:i] + b"[" + low + b"-" + below + b"]" + tail)
    options.append(text)
    return b"(?:" + b"|".join(options) + b")"


def _column_letters(number: int) -> bytes:
    """1 -> b"A", 16384 -> b"XFD"."""
    letters = b""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


def _column_number(letters: bytes) -> int:
    """b"A" -> 1, b"XFD" -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
