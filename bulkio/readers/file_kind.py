"""What kind of file this is, judged by its first bytes and then by its name."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from bulkio.core.errors import InputFileError
from bulkio.core.export_manifest import MANIFEST_NAME as EXPORT_MANIFEST
from bulkio.readers.source import SourceKind
from bulkio.readers.zip_parts import read_head

KINDS_READ = (
    "CSV or text (.csv, .txt, .tsv), Excel (.xlsx, .xlsm, .xlsb, .xls) and OpenDocument (.ods)"
)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_NOT_SPREADSHEETS = {
    ".pdf": "a PDF document",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".numbers": "an Apple Numbers file",
    ".json": "a JSON file",
    ".zip": "a ZIP archive",
}


_TABLE_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


def detect_kind(path: Path, stream: BinaryIO) -> SourceKind:
    """TEXT for delimited text, WORKBOOK for anything calamine reads, CSV_EXPORT for a zip
    holding a bulkio export manifest; else InputFileError. Reads the open ``stream`` of the
    file at ``path`` (which names it in messages)."""
    stream.seek(0)
    head = stream.read(4096)
    if not head:
        raise InputFileError(
            f"the file is empty: {path}",
            hint="Export the sheet again, or choose the file that holds the data.",
        )
    suffix = path.suffix.lower()
    if head.startswith(_OLE2):
        if _is_encrypted_ooxml(stream):
            raise InputFileError(
                f"'{path.name}' is password-protected, so it cannot be read",
                hint="Open it in Excel, remove the password (File > Info > Protect Workbook) "
                "and save it.",
            )
        return SourceKind.WORKBOOK
    if head.startswith(_ZIP):
        found = _zip_kind(path, stream)
        if found is not None:
            return found
        if suffix in _NOT_SPREADSHEETS and suffix != ".zip":
            raise _unknown(path, _NOT_SPREADSHEETS[suffix])
        raise InputFileError(
            f"'{path.name}' is a ZIP archive but neither a workbook nor a bulkio CSV export "
            f"(which holds {EXPORT_MANIFEST})",
            hint="Unpack it and give the spreadsheet inside, or give an export made with "
            "'bulkio export NAME.zip'.",
        )
    if suffix in _NOT_SPREADSHEETS:
        raise _unknown(path, _NOT_SPREADSHEETS[suffix])
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise InputFileError(
            f"'{path.name}' is a web page or XML file, not a spreadsheet",
            hint="Open it in Excel or LibreOffice and save it as .xlsx or .csv.",
        )
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        raise _unknown(path, "a binary file")
    return SourceKind.TEXT


def folder_error(path: Path) -> InputFileError:
    """A folder that is not a bulkio CSV export: name its spreadsheet files, if any."""
    try:
        files = sorted(
            p.name for p in path.iterdir() if p.is_file() and p.suffix.lower() in _TABLE_SUFFIXES
        )
    except OSError:
        files = []
    if files:
        shown = ", ".join(files[:5]) + (", ..." if len(files) > 5 else "")
        return InputFileError(
            f"'{path}' is a folder, not a bulkio CSV export (it has no {EXPORT_MANIFEST}); "
            f"it holds: {shown}",
            hint="Give the path of one of these files.",
        )
    return InputFileError(
        f"'{path}' is a folder without CSV files or workbooks, and not a bulkio CSV export",
        hint="Give the path of the spreadsheet file, or the folder 'bulkio export' wrote.",
    )


def _unknown(path: Path, what: str) -> InputFileError:
    return InputFileError(
        f"'{path.name}' looks like {what}; bulkio reads {KINDS_READ}",
        hint="Save the data from its program in one of these formats.",
    )


def _zip_kind(path: Path, stream: BinaryIO) -> SourceKind | None:
    """WORKBOOK for an XLSX/XLSB/ODS archive, CSV_EXPORT for a bulkio CSV export, else None."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return SourceKind.WORKBOOK
            if (
                "mimetype" in names
                and read_head(path, stream, archive.getinfo("mimetype"), len(_ODS_MIMETYPE))
                == _ODS_MIMETYPE
            ):  # read with a bound: a 'mimetype' part may unpack to gigabytes
                return SourceKind.WORKBOOK
            if manifest_member(names) is not None:
                return SourceKind.CSV_EXPORT
    except (zipfile.BadZipFile, OSError, KeyError):
        raise InputFileError(
            f"'{path.name}' is damaged: it is a broken ZIP archive (as .xlsx and .ods files are)",
            hint="Open it in Excel or LibreOffice and save it again, or ask for a new copy.",
        ) from None
    return None


def manifest_member(names: list[str]) -> str | None:
    """The export manifest among a zip's entries: at its top, or in its one top folder."""
    for name in names:
        parts = PurePosixPath(name).parts
        if parts and parts[-1] == EXPORT_MANIFEST and len(parts) <= 2:
            return name
    return None


def _is_encrypted_ooxml(stream: BinaryIO) -> bool:
    """An encrypted .xlsx is an OLE2 container holding an 'EncryptionInfo' stream."""
    marker = "EncryptionInfo".encode("utf-16-le")
    stream.seek(0)
    return marker in stream.read(4 << 20)
