"""Cell notes (comments) written as one batch, after the workbook is closed.

A writer library writes every note as an object of its own: rvgsrust-xlsxwriter costs more
for a report's 28,000 notes than for all its cells, and puts its author's name in bold in
front of every note's text ("bulkio:" above "Warning: ..."). Here a sheet's notes are
collected as ``(row, column, text)`` while its rows are written; the library writes only the
sheet's first note (so the sheet links to a notes part and a drawing part, and the package
lists them), and ``note_parts`` then gives both parts anew with every note of the sheet,
each holding exactly its text, for ``zip_parts`` to write in place of the library's.

Each note is a hidden box of ``NOTE_WIDTH`` x ``NOTE_HEIGHT`` pixels to the right of its
cell, placed by the sheet's column widths, as Excel would place it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from bulkio.writers.zip_parts import Part, linked_parts, sheet_parts

NOTE_WIDTH = 300  # pixels
NOTE_HEIGHT = 100
_ROW_PIXELS = 20  # Excel's default row height (15 points)
_DEFAULT_COLUMN = 8.43  # characters
_SHAPES_PER_BLOCK = 1024  # shape ids a drawing reserves per block
_PIECE = 5000  # notes per piece of a part's text

_COMMENTS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<authors><author>bulkio</author></authors><commentList>"
)
_COMMENTS_TAIL = "</commentList></comments>"
_VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
    '<o:idmap v:ext="edit" data="{blocks}"/></o:shapelayout><v:shapetype id="_x0000_t202"'
    ' coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>'
    "</v:shapetype>"
)
_SHAPE_START = '<v:shape id="_x0000_s'
_SHAPE_STYLE = '" type="#_x0000_t202" style="position:absolute;margin-left:'
_SHAPE_MIDDLE = (
    ';visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
    '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>'
)
_SHAPE_END = "</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>"
_SHAPE_CLOSE = "</x:Column></x:ClientData></v:shape>"
_VML_TAIL = "</xml>"


@dataclass
class SheetNotes:
    """The notes of one sheet, in row order: ``(row, column, text)``, 0-based; and the
    sheet's column widths in characters (for where each note's box goes)."""

    notes: list[tuple[int, int, str]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)


def note_parts(archive: zipfile.ZipFile, sheets: Mapping[int, SheetNotes]) -> dict[str, Part]:
    """The notes parts of the closed workbook ``archive`` with every note of ``sheets`` (by
    the sheet's 0-based position in the workbook), to replace the library's. Each sheet
    given must already have one note (so it has its parts); a sheet with no notes is left
    alone."""
    with_notes = [i for i, s in sheets.items() if s.notes]
    if not with_notes:
        return {}
    new: dict[str, Part] = {}
    block = 1
    order = sheet_parts(archive)
    for index in sorted(with_notes):
        targets = linked_parts(archive, order[index])
        if "comments" not in targets or "vmlDrawing" not in targets:
            raise ValueError(f"sheet {index + 1} has no notes part to fill")
        notes = sheets[index]
        blocks = len(notes.notes) // _SHAPES_PER_BLOCK + 1
        # at most 6 bytes a character (escaped, UTF-8) and 1,000 for the rest of a note
        text_bytes = sum(len(text) for _, _, text in notes.notes) * 6
        most = text_bytes + len(notes.notes) * 1_000
        new[targets["comments"]] = Part(comments_xml(notes.notes), most)
        new[targets["vmlDrawing"]] = Part(vml_xml(notes, first_block=block, blocks=blocks), most)
        block += blocks
    return new


def comments_xml(notes: Sequence[tuple[int, int, str]]) -> Iterator[str]:
    """The comments part, in pieces: each note's text as it is, no author line in front."""
    letters = {col: cell_name(0, col)[:-1] for col in {col for _, col, _ in notes}}
    yield _COMMENTS_HEAD
    for start in range(0, len(notes), _PIECE):
        yield "".join(
            f'<comment ref="{letters[col]}{row + 1}" authorId="0"><text>'
            f'<t xml:space="preserve">{escape(text)}</t></text></comment>'
            for row, col, text in notes[start : start + _PIECE]
        )
    yield _COMMENTS_TAIL


def vml_xml(notes: SheetNotes, *, first_block: int, blocks: int) -> Iterator[str]:
    """The drawing part, in pieces: a hidden box for each note, shape ids from
    ``first_block``."""
    lefts = _column_lefts(notes.widths, max((col for _, col, _ in notes.notes), default=0) + 64)
    across: dict[int, tuple[str, str, str]] = {}  # column -> its boxes' horizontal parts
    first_id = first_block * _SHAPES_PER_BLOCK
    size = f"width:{_points(NOTE_WIDTH)}pt;height:{_points(NOTE_HEIGHT)}pt"
    yield _VML_HEAD.format(blocks=",".join(str(first_block + i) for i in range(blocks)))
    shapes = []
    for z, (row, col, _) in enumerate(notes.notes, start=1):
        if col not in across:
            across[col] = _across(col, lefts)
        left, start, end = across[col]
        first_row, y_offset = (row - 1, 10) if row > 0 else (0, 2)
        top = first_row * _ROW_PIXELS + y_offset
        last_row, last_offset = divmod(top + NOTE_HEIGHT, _ROW_PIXELS)
        shapes.append(
            f"{_SHAPE_START}{first_id + z}{_SHAPE_STYLE}{left}pt;margin-top:{_points(top)}pt;"
            f"{size};z-index:{z}{_SHAPE_MIDDLE}{start}, {first_row}, {y_offset}, {end}, "
            f"{last_row}, {last_offset}{_SHAPE_END}{row}</x:Row><x:Column>{col}{_SHAPE_CLOSE}"
        )
        if len(shapes) == _PIECE:
            yield "".join(shapes)
            shapes.clear()
    yield "".join(shapes) + _VML_TAIL


def _points(pixels: int) -> str:
    """``pixels`` in points (3/4 of a pixel), exactly: "15", "7.5", "1500007.5"."""
    points, quarters = divmod(pixels * 3, 4)
    return f"{points}{_QUARTERS[quarters]}"


_QUARTERS = ("", ".25", ".5", ".75")


def _column_pixels(chars: float) -> int:
    return int(chars * 12 + 0.5) if chars < 1 else int(chars * 7 + 0.5) + 5


def _column_lefts(widths: Mapping[int, float], columns: int) -> list[int]:
    """The left edge in pixels of each column 0..columns (one more: the last's right)."""
    lefts, x = [0], 0
    for col in range(columns):
        x += _column_pixels(widths.get(col, _DEFAULT_COLUMN))
        lefts.append(x)
    return lefts


def _across(col: int, lefts: list[int]) -> tuple[str, str, str]:
    """Where the box of a note on column ``col`` lies across the sheet: one column to the
    right of the cell, ``NOTE_WIDTH`` wide; its left edge in points and the anchor's start
    (column, offset) and end (column, offset)."""
    first_col, x_offset = col + 1, 15
    left = lefts[min(first_col, len(lefts) - 1)] + x_offset
    right = left + NOTE_WIDTH
    last_col = first_col
    while last_col + 1 < len(lefts) and lefts[last_col + 1] <= right:
        last_col += 1
    end_offset = right - lefts[min(last_col, len(lefts) - 1)]
    return _points(left), f"{first_col}, {x_offset}", f"{last_col}, {end_offset}"


def cell_name(row: int, col: int) -> str:
    """A cell's A1 name from its 0-based row and column."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"
