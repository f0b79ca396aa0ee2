"""Reading limits: a workbook is refused, in bounded memory, before a native reader parses it
when what it claims would take that reader beyond a memory budget.

The rule: any file under 10 MB on disk is read, or refused with one line, within 1 GB of
memory, whatever it claims to decompress to. The budgets follow from the file's own content:

- every ZIP part (XLSX, XLSM, XLSB, ODS) may unpack to at most ``PART_RATIO`` times its packed
  size (or ``PART_FLOOR``), and all parts together to at most ``TOTAL_RATIO`` times the file's
  size (or ``TOTAL_FLOOR``); the parts are unpacked here, bounded, and must be what the archive
  says they are; encrypted parts and other compression methods (deflate64) are refused;
- every sheet's cells must lie within Excel's limits (``XFD1048576``); the grid a reader builds
  from the first to the last filled cell, the copies of shared strings in the cells, the
  shared-strings table (with the count it declares) and ODS's repeated cells must together fit
  in ``MEMORY_BUDGET`` (see ``sheet_extent``); the same holds for the cells of an .xls file.

``check_workbook`` reads the file through the stream it is open as (it opens nothing), and
``native_reading`` turns whatever a native reader still raises, a Rust panic included (a
``BaseException``), into one InputFileError.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from bulkio.core.errors import BulkioError, InputFileError
from bulkio.readers.quick_extent import quick_shared_strings, quick_sheet_extent
from bulkio.readers.sheet_extent import (
    TEXT_SHEET_CELL_BYTES,
    BeyondSheetError,
    Extent,
    SharedStrings,
    scan_ods_content,
    scan_shared_strings,
    scan_sheet,
)
from bulkio.readers.xls_extent import NotBiffError, scan_xls
from bulkio.readers.zip_parts import PartTooLargeError, list_parts, read_part, refuse_unreadable

PART_RATIO = 100
PART_FLOOR = 16 << 20
TOTAL_RATIO = 50
TOTAL_FLOOR = 64 << 20
MEMORY_BUDGET = 640 << 20
# A sheet of plain text is estimated for fastexcel, which holds less per cell than calamine;
# should fastexcel give the sheet up, calamine reads it, so calamine's estimate of it must
# stay within this (measured peaks are below 0.87 times the estimates, plus ~85 MB that the
# program itself takes: within 1 GB).
FALLBACK_BUDGET = 900 << 20

_SHARED_STRINGS = "xl/sharedStrings.xml"
_ODS_CONTENT = "content.xml"
_XLSX_WORKBOOK = "xl/workbook.xml"
_SAVE_AS_CSV = (
    "Open it in Excel or LibreOffice, delete what lies beyond the data, and save it again; "
    "for a very large sheet, save it as 'CSV UTF-8' and give bulkio that file."
)


def check_workbook(path: Path, stream: BinaryIO) -> bool:
    """Raise InputFileError when reading the workbook open as ``stream`` would go beyond
    the budgets; ``path`` names it in messages. True when it is an XLSX workbook whose
    sheets the quick scan found plain text from A1 with no merged cells (see
    ``QuickExtent.plain_text``), so a sheet may be read straight into text columns."""
    stream.seek(0)
    if stream.read(4) == b"PK\x03\x04":
        return _check_archive(_Archive(path, stream))
    _check_xls(path, stream)
    return False


@contextmanager
def native_reading(path: Path) -> Iterator[None]:
    """Anything a native reader raises that is not already a bulkio error, a Rust panic
    included, becomes one InputFileError naming the file."""
    try:
        yield
    except (BulkioError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputFileError(
            f"'{path.name}' cannot be read: the workbook reader failed ({reason})",
            hint="Open it in Excel or LibreOffice and save it again, or save it as 'CSV UTF-8'.",
        ) from None


class _Archive:
    """The ZIP container being checked: its name for messages, its stream, its size."""

    def __init__(self, path: Path, stream: BinaryIO) -> None:
        self.path = path
        self.stream = stream
        self.size = stream.seek(0, os.SEEK_END)

    def read(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """A part's bytes, refused beyond its limit."""
        limit = part_limit(info)
        try:
            yield from read_part(self.path, self.stream, info, limit)
        except PartTooLargeError:
            raise _bomb(self.path, info.filename, limit + 1, info.compress_size) from None


def estimated_memory(path: Path, stream: BinaryIO) -> tuple[int, bool]:
    """The memory reading the XLSX, XLSM or ODS workbook open as ``stream`` would take, as
    ``check_workbook`` estimates it (the figure it holds against ``MEMORY_BUDGET``), and
    whether its sheets are plain text; raises InputFileError as ``check_workbook`` does for
    a bomb or a cell beyond Excel's limits."""
    memory, _, plain_text = _archive_memory(_Archive(path, stream))
    return memory, plain_text


def _check_archive(archive: _Archive) -> bool:
    memory, last_cell, plain_text = _archive_memory(archive)
    if memory > MEMORY_BUDGET:
        raise _too_big(archive.path, memory, last_cell)
    return plain_text


def _archive_memory(archive: _Archive) -> tuple[int, str, bool]:
    """The estimated memory, the last cell and whether the sheets are plain text (in an
    XLSX workbook); the full scan only runs when the quick one finds too much."""
    path, size = archive.path, archive.size
    parts = list_parts(path, archive.stream)
    total_limit = max(TOTAL_FLOOR, TOTAL_RATIO * size)
    declared = 0
    for info in parts:
        refuse_unreadable(path, info)
        declared += info.file_size
        if info.file_size > part_limit(info):
            raise _bomb(path, info.filename, info.file_size, info.compress_size)
    if declared > total_limit:
        raise _bomb(path, "all parts", declared, size)
    names = {info.filename: info for info in parts}
    strings = SharedStrings()
    if _SHARED_STRINGS in names:
        info = names[_SHARED_STRINGS]
        quick = quick_shared_strings(archive.read(info))
        strings = quick if quick is not None else scan_shared_strings(archive.read(info))
    try:
        extent, plain_text = _sheets_extent(archive, parts, strings, quick=True)
        plain_text = plain_text and _XLSX_WORKBOOK in names
        memory = _memory(extent, strings, plain_text)
        if memory > MEMORY_BUDGET:
            extent, plain_text = _sheets_extent(archive, parts, strings, quick=False)
            memory = _memory(extent, strings, plain_text)
    except BeyondSheetError as exc:
        raise _beyond(path, exc.reference) from None
    return memory, extent.last_cell, plain_text


def _memory(extent: Extent, strings: SharedStrings, plain_text: bool) -> int:
    """The estimate for the reader that will read the sheets: fastexcel for plain text, but
    as that falls back to calamine when it cannot read a sheet, calamine's estimate must
    then stay within ``FALLBACK_BUDGET`` (else calamine's figure is given)."""
    memory = extent.memory() + strings.memory()
    if not plain_text or memory > FALLBACK_BUDGET:
        return memory
    return replace(extent, cell_bytes=TEXT_SHEET_CELL_BYTES).memory() + strings.memory()


def _sheets_extent(
    archive: _Archive, parts: list[zipfile.ZipInfo], strings: SharedStrings, *, quick: bool
) -> tuple[Extent, bool]:
    """All sheets' extent: ``quick`` from the cell references (empty cells counted), else by
    a full scan; every other part is unpacked to check it is what the archive says. True
    when the quick scan found every sheet plain text (see ``QuickExtent.plain_text``)."""
    extent = Extent()
    plain_text = quick
    for info in parts:
        if info.filename == _SHARED_STRINGS:
            continue
        if info.filename == _ODS_CONTENT:
            _merge(extent, scan_ods_content(archive.read(info)))
            plain_text = False
        elif _may_be_sheet(info.filename):
            found = quick_sheet_extent(archive.read(info), strings.lengths) if quick else None
            plain_text = plain_text and found is not None and found.plain_text
            _merge(extent, found or scan_sheet(archive.read(info), strings.lengths))
        elif quick:
            for _ in archive.read(info):
                pass
    return extent, plain_text


def _check_xls(path: Path, stream: BinaryIO) -> None:
    try:
        extent, strings = scan_xls(stream)
    except NotBiffError:
        return  # not an .xls workbook: the reader says what it is
    if extent.memory() + strings > MEMORY_BUDGET:
        raise _too_big(path, extent.memory() + strings, extent.last_cell)


def part_limit(info: zipfile.ZipInfo) -> int:
    """The most a part may unpack to."""
    return max(PART_FLOOR, PART_RATIO * info.compress_size)


def _may_be_sheet(name: str) -> bool:
    """Any XML part of a workbook: a sheet may sit wherever the workbook's relations say."""
    part = PurePosixPath(name)
    return part.suffix == ".xml" and part.parts[:1] == ("xl",)


def _merge(total: Extent, sheet: Extent) -> None:
    total.cell_bytes = sheet.cell_bytes
    total.cells += sheet.cells
    total.text_bytes += sheet.text_bytes
    if sheet.grids and max(sheet.grids) >= max(total.grids, default=0):
        total.last_cell = sheet.last_cell
    total.grids.extend(sheet.grids)


def _bomb(path: Path, part: str, unpacked: int, packed: int) -> InputFileError:
    return InputFileError(
        f"'{path.name}' is refused: its {part} would unpack to {_megabytes(unpacked)} from "
        f"{_megabytes(packed)}, far more than a spreadsheet of this size holds",
        hint="Open it in Excel or LibreOffice and save it again, or ask the sender for a new "
        "copy; bulkio does not unpack such files (a 'ZIP bomb' looks like this).",
    )


def _beyond(path: Path, reference: str) -> InputFileError:
    return InputFileError(
        f"'{path.name}' is refused: it has a cell at {reference}, beyond the last cell a sheet "
        "can have (XFD1048576)",
        hint="Open it in Excel or LibreOffice and save it again, or ask for a new copy.",
    )


def _too_big(path: Path, memory: int, last_cell: str) -> InputFileError:
    where = f" (its cells reach {last_cell})" if last_cell else ""
    return InputFileError(
        f"'{path.name}' is too large to read as a workbook: it would take about "
        f"{_megabytes(memory)} of memory{where}",
        hint=_SAVE_AS_CSV,
    )


def _megabytes(size: int) -> str:
    if size >= 10 << 30:
        return f"{size / (1 << 30):,.0f} GB"
    if size >= 1 << 30:
        return f"{size / (1 << 30):,.1f} GB"
    return f"{max(size / (1 << 20), 0.1):,.1f} MB"
