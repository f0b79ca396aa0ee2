"""Parts of a closed workbook written again: the archive is cut before the first part that
changes, and that part and every one after it are written anew (changed, or as they were)
with the central directory. rvgsrust-xlsxwriter writes the sheets after the workbook's
fixed parts and the notes parts last, so what comes before the first changed sheet is kept
as written. A replaced part is compressed by ISA-L's deflate at level 1 (``isal``): the same
deflate format, in about a tenth of the time of the library's zlib level 6 and a quarter of
zlib's level 1, for a file a few percent bigger than level 6 makes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from isal import isal_zlib

_ZIP64_BYTES = 2**31 - 1  # a bigger part needs ZIP64 headers
_RELATION = re.compile(r'Relationship Id="([^"]+)"[^>]*Target="([^"]+)"')
_SHEET = re.compile(r'<sheet [^>]*r:id="([^"]+)"')
_TARGET = re.compile(r'Type="[^"]*/([A-Za-z]+)" Target="([^"]+)"')


@dataclass(frozen=True)
class Part:
    """A part's content in pieces (so a million rows need not be in memory as one text),
    and the most bytes it can take."""

    pieces: Iterator[str | bytes]
    most: int


def sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The part of each sheet, in the workbook's order."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    relations = dict(_RELATION.findall(archive.read("xl/_rels/workbook.xml.rels").decode()))
    return [
        _resolve(PurePosixPath("xl/workbook.xml"), relations[rid])
        for rid in _SHEET.findall(workbook)
    ]


def linked_parts(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """The parts ``part`` links to, by the last word of the link's type ("comments",
    "vmlDrawing"...)."""
    path = PurePosixPath(part)
    rels = path.parent / "_rels" / (path.name + ".rels")
    if str(rels) not in archive.NameToInfo:
        return {}
    targets = _TARGET.findall(archive.read(str(rels)).decode("utf-8"))
    return {kind: _resolve(path, target) for kind, target in targets}


def _resolve(source: PurePosixPath, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = list(source.parent.parts)
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts)


def replace_parts(archive: zipfile.ZipFile, new: Mapping[str, Part]) -> None:
    """Cut the archive (opened for appending) before the first entry ``new`` replaces and
    write it and every entry after it again (replaced, or as they were: the library writes
    no big part after the sheets), then the central directory."""
    if not new:
        return
    infos = archive.infolist()
    first = min(i for i, info in enumerate(infos) if info.filename in new)
    tail = infos[first:]
    kept = {info.filename: archive.read(info) for info in tail if info.filename not in new}
    archive.start_dir = tail[0].header_offset
    archive.fp.seek(archive.start_dir)  # type: ignore[union-attr]
    del archive.filelist[first:]
    for info in tail:
        del archive.NameToInfo[info.filename]
    archive.compression, archive.compresslevel = zipfile.ZIP_DEFLATED, 1
    for info in tail:
        part = new.get(info.filename)
        if part is None:
            archive.writestr(info.filename, kept[info.filename])
            continue
        # ZIP64 headers only where a part may pass 2 GB (old Excel versions refuse them)
        with archive.open(info.filename, "w", force_zip64=part.most > _ZIP64_BYTES) as entry:
            if hasattr(entry, "_compressor"):  # zipfile's own deflate, swapped before any data
                entry._compressor = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)
            for piece in part.pieces:
                entry.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
