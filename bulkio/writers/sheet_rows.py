"""A big sheet's rows written as XML by bulkio, into the workbook the library has closed.

rvgsrust-xlsxwriter spends more on a report's rows than on anything else: each cell through
its write calls, then the whole sheet compressed at zlib's level 6 when the workbook is
closed. The report's big sheets (the problem rows and the Errors list) are therefore written
here: the library writes each sheet without its rows (its columns, frozen panes, filter,
print settings, first note), with one scratch row that uses every cell format the rows need
(so the workbook's styles hold them) and, for a sheet with links, one link (so the sheet has
its hyperlinks element where the format wants it). ``SheetRows`` collects the real rows as
XML in a temporary file (a million rows never sit in memory); once the library has closed the
file, ``SheetRows.part`` takes the library's sheet and puts them in place of its rows and
links, with the sheet's dimension, and the part is written again, compressed fast
(``zip_parts``).

Every cell is written exactly as the library writes it (tests compare the two): text as an
inline string with ``&``, ``<`` and ``>`` escaped, a literal ``_xHHHH_`` protected as
``_x005F_xHHHH_``, a control character as ``_xHHHH_`` and ``xml:space="preserve"`` when it
starts or ends with a space, tab or line break; ``None`` and ``""`` as no cell (a blank cell
when it has a format); a whole number as a number. A cell's format is written as a
placeholder while the rows are collected and replaced by the library's index for it when the
part is written (the index is known only once the library has closed the file).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from typing import IO

from bulkio.writers.zip_parts import Part

Value = str | int | None
_MARK = "\x01"  # starts a format placeholder; never in a cell's text (written as _x0001_)
_MARK_BYTE = _MARK.encode()
_ESCAPED = re.compile(r"_x[0-9a-fA-F]{4}_")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_UNSAFE = re.compile("[&<>\x01-\x08\x0b-\x1f\ufffe\uffff]")  # besides \x00 and _x
_UNSAFE_ATTRIBUTE = re.compile('[&<>"\n]')
# a value of a row's joined values (joined by \x00) starting or ending with white space
_EDGE = re.compile("\x00(?:[ \t\n]|(?<=[ \t\n]\x00))")
_SPACE = " \t\n"
_SHEET_DATA = re.compile(r"<sheetData>.*</sheetData>|<sheetData/>", re.DOTALL)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_HYPERLINKS = re.compile(r"<hyperlinks>.*?</hyperlinks>", re.DOTALL)
_SCRATCH_CELL = re.compile(r'<c r="([A-Z])1"(?: s="(\d+)")?')
SCRATCH = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # the scratch row's cells, one a format
_FLUSH_ROWS = 2000
_CHUNK = 1 << 20


def column_letters(col: int) -> str:
    """A column's letters from its 0-based index."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letters(col) for col in range(256)]


def cell_name(row: int, col: int) -> str:
    """A cell's A1 name from its 0-based row and column."""
    if col >= len(_LETTERS):
        _letters(col + 1)
    return f"{_LETTERS[col]}{row + 1}"


def _letters(count: int) -> None:
    while len(_LETTERS) < count:
        _LETTERS.append(column_letters(len(_LETTERS)))


def text_element(value: str) -> str:
    """The ``<t>`` element of a text cell holding ``value`` (not empty), as the library
    writes it."""
    if "_x" in value or _CONTROL.search(value) or _UNSAFE.search(value):
        if "_x" in value:
            value = _ESCAPED.sub(r"_x005F\g<0>", value)
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        value = _CONTROL.sub(lambda found: f"_x{ord(found[0]):04X}_", value)
    if value[0] in _SPACE or value[-1] in _SPACE:
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _attribute(value: str) -> str:
    if not _UNSAFE_ATTRIBUTE.search(value):
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#xA;")
    )


def _formatted(at: str, r: int, value: Value, key: str, plain: bool) -> str:
    """A cell with the format of scratch cell ``key``; ``plain``: text needs no escaping."""
    style = f'<c r="{at}{r}" s="{_MARK}{key}"'
    if value is None or value == "":
        return style + "/>"
    if isinstance(value, str):
        text = f"<t>{value}</t>" if plain else text_element(value)
        return f'{style} t="inlineStr"><is>{text}</is></c>'
    return f"{style}><v>{value}.0</v></c>"


class SheetRows:
    """The rows of one sheet as XML, in a temporary file, in the order they are added; and
    the sheet's links. A cell's format is named by the column letter of the scratch cell
    that has it (``SCRATCH``: "A" for the first format, "B" for the second...)."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close)
        self._rows: list[str] = []
        self._size = 0
        self._links: list[str] = []
        self._places: dict[str, str] = {}  # sheet name -> its place in a link, escaped
        self._texts: dict[str, str] = {}  # link texts, escaped
        self._first_row = -1  # the first row and column with a cell (-1: none yet)
        self._first_col = 16384
        self._last_row = 0
        self._last_col = 0

    def add(self, row: int, values: Sequence[Value], formats: Mapping[int, str] = {}) -> None:
        """Row ``row`` (0-based) with ``values`` from the first column; a column in
        ``formats`` has the format of that scratch cell (and is written even when empty)."""
        r = row + 1
        if len(values) > len(_LETTERS):
            _letters(len(values))
        texts = [value for value in values if value.__class__ is str]
        joined = "\x00".join(texts)
        plain = not (  # nearly every row: no value needs more than its plain cell
            "_x" in joined
            or _UNSAFE.search(joined)
            or _EDGE.search(joined)
            or joined[:1] in _SPACE  # also when there is no text
            or joined[-1:] in _SPACE
            or joined.count("\x00") != len(texts) - 1  # a value holds \x00
        )
        if plain:
            cells = [
                (
                    f'<c r="{at}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                    if v.__class__ is str
                    else f'<c r="{at}{r}"><v>{v}.0</v></c>'
                )
                if v or v == 0
                else ""
                for at, v in zip(_LETTERS, values, strict=False)
            ]
        else:
            cells = [
                (
                    f'<c r="{at}{r}" t="inlineStr"><is>{text_element(v)}</is></c>'
                    if v.__class__ is str
                    else f'<c r="{at}{r}"><v>{v}.0</v></c>'
                )
                if v or v == 0
                else ""
                for at, v in zip(_LETTERS, values, strict=False)
            ]
        if formats:
            for col, key in formats.items():
                if col >= len(cells):
                    _letters(col + 1)
                    cells.extend([""] * (col + 1 - len(cells)))
                value = values[col] if col < len(values) else None
                cells[col] = _formatted(_LETTERS[col], r, value, key, plain)
        last = len(cells) - 1
        while last >= 0 and not cells[last]:
            last -= 1
        if last < 0:
            return  # no cell: the library writes no row either
        first = 0
        while not cells[first]:
            first += 1
        if first < self._first_col:
            self._first_col = first
        if last > self._last_col:
            self._last_col = last
        if self._first_row < 0:
            self._first_row = row
        self._last_row = row
        rows = self._rows
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(rows) >= _FLUSH_ROWS:
            self._flush()

    def link(self, row: int, col: int, sheet: str, target: tuple[int, int], display: str) -> None:
        """A link on cell (``row``, ``col``) to cell ``target`` (row, column) of ``sheet`` in
        this workbook, shown as ``display`` (the cell itself is added with ``add``)."""
        places, texts = self._places, self._texts
        if sheet not in places:
            places[sheet] = _attribute("'" + sheet.replace("'", "''") + "'!")
        if display not in texts:
            if len(texts) > 1000:  # a few sheet names, nearly always
                texts.clear()
            texts[display] = _attribute(display)
        self._links.append(
            f'<hyperlink ref="{cell_name(row, col)}" location="{places[sheet]}'
            f'{cell_name(*target)}" display="{texts[display]}"/>'
        )

    def _flush(self) -> None:
        data = "".join(self._rows).encode("utf-8")
        self._file.write(data)
        self._size += len(data)
        self._rows.clear()

    def part(self, sheet: str) -> Part:
        """The sheet part: the library's ``sheet`` (written with its scratch row) with these
        rows, their dimension and links in place of the library's."""
        self._flush()
        formats = scratch_formats(sheet)
        found = _SHEET_DATA.search(sheet)
        if found is None:
            raise ValueError("the sheet has no rows element")
        head, tail = sheet[: found.start()], sheet[found.end() :]
        head = _DIMENSION.sub(f'<dimension ref="{self._dimension()}"/>', head, count=1)
        links = f"<hyperlinks>{''.join(self._links)}</hyperlinks>" if self._links else ""
        if self._links and not _HYPERLINKS.search(tail):
            raise ValueError("the sheet has no links element to fill")
        tail = _HYPERLINKS.sub(lambda _: links, tail, count=1)
        start = (head + "<sheetData>").encode("utf-8")
        end = ("</sheetData>" + tail).encode("utf-8")
        indexes = {ord(at): str(index).encode() for at, index in formats.items()}
        return Part(self._pieces(start, indexes, end), len(start) + self._size + len(end))

    def _pieces(self, start: bytes, indexes: dict[int, bytes], end: bytes) -> Iterator[bytes]:
        yield start
        self._file.seek(0)
        carried = b""
        while chunk := self._file.read(_CHUNK):
            chunk = carried + chunk
            cut = chunk.rfind(b">") + 1  # a placeholder is never cut in two
            chunk, carried = chunk[:cut], chunk[cut:]
            pieces = chunk.split(_MARK_BYTE)  # each but the first starts with its format's key
            yield b"".join([pieces[0], *[indexes[piece[0]] + piece[1:] for piece in pieces[1:]]])
        yield carried
        yield end
        self._file.close()

    def _dimension(self) -> str:
        if self._first_row < 0:
            return "A1"
        first = f"{column_letters(self._first_col)}{self._first_row + 1}"
        last = f"{column_letters(self._last_col)}{self._last_row + 1}"
        return first if first == last else f"{first}:{last}"

    def close(self) -> None:
        """Remove the temporary file (``part``'s pieces do once read)."""
        self._file.close()


def scratch_formats(sheet: str) -> dict[str, int]:
    """Column letters of the library's scratch row -> the format index of its cell (0: no
    format)."""
    found = _SHEET_DATA.search(sheet)
    rows = found.group(0) if found else ""
    return {letters: int(index or 0) for letters, index in _SCRATCH_CELL.findall(rows)}
