"""The parts of a ZIP container (XLSX, XLSM, XLSB, ODS), read with a bound.

Each part's bytes are decompressed here from its raw stream, so what is read never depends
on the size the archive declares: a part that unpacks to more than it may, or to another size
than it claims, is found before a native reader trusts the claim. Compression methods other
than stored and deflate (e.g. deflate64) and encrypted parts are refused with one line.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bulkio.core.errors import InputFileError

READ_BYTES = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_METHODS_READ = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 98: "PPMd", 99: "AES"}


class PartTooLargeError(Exception):
    """A part unpacks to more bytes than it may (``limit``)."""

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(name)
        self.name = name
        self.limit = limit


def list_parts(path: Path, stream: BinaryIO) -> list[zipfile.ZipInfo]:
    """The parts of the archive open as ``stream`` (directories left out); a broken archive
    is an InputFileError. ``path`` names the file in messages."""
    try:
        with zipfile.ZipFile(stream) as archive:
            return [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise damaged(path, "it is a broken ZIP archive (as .xlsx and .ods files are)") from None


def refuse_unreadable(path: Path, info: zipfile.ZipInfo) -> None:
    """InputFileError for an encrypted part or one compressed in a way spreadsheets are not."""
    if info.flag_bits & 0x1:
        raise InputFileError(
            f"'{path.name}' holds encrypted parts ({info.filename}), so it cannot be read",
            hint="Open it in its program, remove the password and save it again.",
        )
    if info.compress_type not in _METHODS_READ:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        raise InputFileError(
            f"'{path.name}' is packed with {method} compression ({info.filename}), which "
            "spreadsheet programs do not write",
            hint="Open it in Excel or LibreOffice and save it again, or ask for a new copy.",
        )


def read_part(path: Path, stream: BinaryIO, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The part's bytes in chunks, never more than ``limit`` in all (else PartTooLargeError);
    a part whose bytes differ from what the archive says of them is an InputFileError."""
    refuse_unreadable(path, info)
    produced = 0
    crc = 0
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    position = _data_offset(path, stream, info)
    left = info.compress_size
    while left > 0:
        stream.seek(position)  # the caller may read the stream between two chunks
        raw = stream.read(min(READ_BYTES, left))
        if not raw:
            raise damaged(path, f"its part {info.filename} is cut short")
        position += len(raw)
        left -= len(raw)
        for chunk in _unpack(path, inflate, raw, info.compress_type):
            produced += len(chunk)
            if produced > limit:
                raise PartTooLargeError(info.filename, limit)
            crc = zlib.crc32(chunk, crc)
            yield chunk
    if info.compress_type == zipfile.ZIP_DEFLATED and not inflate.eof:
        raise damaged(path, f"its part {info.filename} is cut short")
    if produced != info.file_size or crc != info.CRC:
        raise damaged(path, f"its part {info.filename} is not what the archive says it is")


def read_head(path: Path, stream: BinaryIO, info: zipfile.ZipInfo, size: int) -> bytes:
    """The first ``size`` bytes of a part (fewer if it is shorter), unpacking no more."""
    head = b""
    try:
        for chunk in read_part(path, stream, info, max(info.file_size, size)):
            head += chunk
            if len(head) >= size:
                break
    except PartTooLargeError:
        pass
    return head[:size]


def damaged(path: Path, why: str) -> InputFileError:
    return InputFileError(
        f"'{path.name}' is damaged: {why}",
        hint="Open it in Excel or LibreOffice and save it again, or ask for a new copy.",
    )


def _unpack(path: Path, inflate: zlib._Decompress, raw: bytes, method: int) -> Iterator[bytes]:
    if method == zipfile.ZIP_STORED:
        yield raw
        return
    try:
        data = raw
        while data:
            yield inflate.decompress(data, READ_BYTES)
            data = inflate.unconsumed_tail
    except zlib.error:
        raise damaged(path, "a part of it is not valid deflate data") from None


def _data_offset(path: Path, stream: BinaryIO, info: zipfile.ZipInfo) -> int:
    stream.seek(info.header_offset)
    header = stream.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise damaged(path, f"its part {info.filename} is cut short")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != _LOCAL_SIGNATURE:
        raise damaged(path, f"its part {info.filename} is not where the archive says")
    offset: int = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    return offset
