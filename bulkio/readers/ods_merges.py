"""The merged cells of an ODS workbook, which calamine does not report for ODS.

OpenDocument marks a merge on its first cell (``table:number-rows-spanned``,
``table:number-columns-spanned``) and writes the cells it covers as
``table:covered-table-cell`` (OpenDocument 1.2, part 1, 9.1.4 and 9.1.5). ``content.xml`` is
read here in chunks through the bounded part reader (``zip_parts``), parsed by lxml's pull
parser with each row dropped once read, so memory stays small whatever the sheet's size; a
file without a merge spanning rows is only searched for the attribute, not parsed.
Positions are 0-based sheet rows and columns, as calamine gives them for XLSX, with repeated
rows and cells (``number-rows-repeated``, ``number-columns-repeated``) counted out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from bulkio.readers.limits import part_limit
from bulkio.readers.zip_parts import PartTooLargeError, list_parts, read_part

if TYPE_CHECKING:  # lxml is imported when an ODS workbook is read
    from lxml import etree

MergedRange = tuple[tuple[int, int], tuple[int, int]]

MAX_MERGES = 100_000  # a sheet holds far fewer; beyond, the rest are not filled
_CONTENT = "content.xml"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_SHEET = f"{_TABLE}table"
_ROW = f"{_TABLE}table-row"
_CELL = f"{_TABLE}table-cell"
_COVERED = f"{_TABLE}covered-table-cell"
_NAME = f"{_TABLE}name"
_ROWS_REPEATED = f"{_TABLE}number-rows-repeated"
_COLUMNS_REPEATED = f"{_TABLE}number-columns-repeated"
_ROWS_SPANNED = f"{_TABLE}number-rows-spanned"
_COLUMNS_SPANNED = f"{_TABLE}number-columns-spanned"
# a merge over more than one row: the only kind worth parsing the part for
_SPANS_ROWS = re.compile(rb'number-rows-spanned=["\']0*(?:[2-9]|[1-9]\d)')
_OVERLAP = 64  # bytes kept from one chunk to the next, so a split attribute is found


def ods_merges(path: Path, stream: BinaryIO) -> dict[str, list[MergedRange]]:
    """Sheet name -> its merged ranges, for the ODS workbook open as ``stream``; empty when
    no merge spans rows (or the file is no ODS). ``path`` names the file in messages."""
    parts = {info.filename: info for info in list_parts(path, stream)}
    info = parts.get(_CONTENT)
    if info is None:
        return {}
    limit = part_limit(info)
    try:
        if not _spans_rows(read_part(path, stream, info, limit)):
            return {}
        return _merges(read_part(path, stream, info, limit))
    except PartTooLargeError:  # the limits check refused such a file before calamine read it
        return {}


def _spans_rows(chunks: Iterable[bytes]) -> bool:
    tail = b""
    for chunk in chunks:
        if _SPANS_ROWS.search(tail + chunk):
            return True
        tail = chunk[-_OVERLAP:]
    return False


def _merges(chunks: Iterable[bytes]) -> dict[str, list[MergedRange]]:
    found: dict[str, list[MergedRange]] = {}
    count = 0
    sheet: list[MergedRange] = []
    depth = 0  # tables inside cells (rare) are not sheets
    row = 0
    repeat = 1
    column = 0
    for event, element in _events(chunks):
        tag = element.tag
        if tag == _SHEET:
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 1:
                sheet = found.setdefault(str(element.get(_NAME, "")), [])
                row, column = 0, 0
            if event == "end" and depth == 0:
                element.clear()
            continue
        if depth != 1:
            continue
        if tag == _ROW:
            if event == "start":
                repeat = _number(element.get(_ROWS_REPEATED))
                column = 0
            else:
                row += repeat
                element.clear()
                while element.getprevious() is not None:  # rows read: dropped
                    del element.getparent()[0]
            continue
        if event != "start":
            continue
        columns = _number(element.get(_COLUMNS_REPEATED))
        if tag == _CELL:
            down = _number(element.get(_ROWS_SPANNED))
            across = _number(element.get(_COLUMNS_SPANNED))
            if (down > 1 or across > 1) and count < MAX_MERGES:
                corners = [
                    (r, c)
                    for r in range(row, min(row + repeat, row + MAX_MERGES - count))
                    for c in range(column, min(column + columns, column + MAX_MERGES - count))
                ][: MAX_MERGES - count]
                sheet += [((r, c), (r + down - 1, c + across - 1)) for r, c in corners]
                count += len(corners)
        column += columns
    return {name: merges for name, merges in found.items() if merges}


def _events(chunks: Iterable[bytes]) -> Iterator[tuple[str, etree._Element]]:
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=(_SHEET, _ROW, _CELL, _COVERED),
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
    )
    try:
        for chunk in chunks:
            parser.feed(chunk)
            yield from parser.read_events()
        parser.close()
        yield from parser.read_events()
    except etree.XMLSyntaxError:  # calamine read it; what was parsed so far stands
        return


def _number(value: str | None) -> int:
    return int(value) if value is not None and value.isdigit() and int(value) > 0 else 1
