"""What an Excel 97-2003 workbook (.xls, BIFF8 in an OLE2 container) makes a reader hold.

An .xls file is not compressed, but its cell records name their row and column, and a reader
builds a grid up to the farthest one: one cell at row 65,536, column 65,535 claims hundreds of
gigabytes. The records are walked here (no values decoded) to find each sheet's extent and the
shared-strings count the file declares.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

from bulkio.readers.sheet_extent import STRING_BYTES, XLS_CELL_BYTES, Extent

_RECORD = struct.Struct("<HH")
_CELL = struct.Struct("<HH")
_EOF = 0x000A
_SST = 0x00FC
_MULRK = 0x00BD
# FORMULA, NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING: row and column come first
_CELL_RECORDS = {0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6}
_STREAMS = ("Workbook", "Book")


class NotBiffError(Exception):
    """The OLE2 container holds no workbook stream a reader could use."""


def scan_xls(stream: BinaryIO) -> tuple[Extent, int]:
    """Every sheet's extent, and the memory the declared shared-strings count reserves."""
    import olefile  # here: only an .xls workbook needs it

    stream.seek(0)
    try:
        with olefile.OleFileIO(stream) as container:
            name = next((s for s in _STREAMS if container.exists(s)), None)
            if name is None:
                raise NotBiffError("no Workbook stream")
            data = container.openstream(name).read()
    except OSError as exc:
        raise NotBiffError(str(exc)) from None
    extent = Extent(XLS_CELL_BYTES)
    declared_strings = 0
    offset = 0
    while offset + _RECORD.size <= len(data):
        kind, size = _RECORD.unpack_from(data, offset)
        body = data[offset + _RECORD.size : offset + _RECORD.size + size]
        offset += _RECORD.size + size
        if kind in _CELL_RECORDS and len(body) >= _CELL.size:
            row, column = _CELL.unpack_from(body)
            extent.cells += 1
            extent.add(row, column)
        elif kind == _MULRK and len(body) >= 6:
            row, first = _CELL.unpack_from(body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            if last >= first:
                extent.cells += last - first + 1
                extent.add(row, first, columns=last - first + 1)
        elif kind == _SST and len(body) >= 8:
            declared_strings = struct.unpack_from("<I", body, 4)[0]
        elif kind == _EOF:
            extent.finish_sheet()
    extent.finish_sheet()
    return extent, STRING_BYTES * declared_strings
