"""What kind of file this is, judged by its first bytes and then by its name."""

from __future__ import annotations

import zipfile
from enum import StrEnum
from pathlib import Path

from bulkio.core.errors import InputFileError
from bulkio.core.export_manifest import MANIFEST_NAME as EXPORT_MANIFEST
from bulkio.readers.limits import check_workbook
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


class FileKind(StrEnum):
    TEXT = "text"
    WORKBOOK = "workbook"


def detect_kind(path: Path) -> FileKind:
    """TEXT for delimited text, WORKBOOK for anything calamine reads; else InputFileError."""
    if not path.exists():
        raise InputFileError(
            f"file not found: {path}", hint="Check the folder and the file name, then try again."
        )
    if path.is_dir():
        raise _folder(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as exc:
        raise InputFileError(
            f"cannot open '{path}': {exc.strerror}",
            hint="Close the file in other programs and check that you may read it.",
        ) from None
    if not head:
        raise InputFileError(
            f"the file is empty: {path}",
            hint="Export the sheet again, or choose the file that holds the data.",
        )
    suffix = path.suffix.lower()
    if head.startswith(_OLE2):
        if _is_encrypted_ooxml(path):
            raise InputFileError(
                f"'{path.name}' is password-protected, so it cannot be read",
                hint="Open it in Excel, remove the password (File > Info > Protect Workbook) "
                "and save it.",
            )
        check_workbook(path)
        return FileKind.WORKBOOK
    if head.startswith(_ZIP):
        if _is_spreadsheet_zip(path):
            check_workbook(path)
            return FileKind.WORKBOOK
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
    return FileKind.TEXT


def _folder(path: Path) -> InputFileError:
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


def _is_spreadsheet_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return True
            if "mimetype" in names:
                return read_head(path, archive.getinfo("mimetype"), len(_ODS_MIMETYPE)) == (
                    _ODS_MIMETYPE
                )
    except (zipfile.BadZipFile, OSError, KeyError):
        raise InputFileError(
            f"'{path.name}' is damaged: it is a broken ZIP archive (as .xlsx and .ods files are)",
            hint="Open it in Excel or LibreOffice and save it again, or ask for a new copy.",
        ) from None
    return False


def _is_encrypted_ooxml(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 container holding an 'EncryptionInfo' stream."""
    marker = "EncryptionInfo".encode("utf-16-le")
    with path.open("rb") as stream:
        return marker in stream.read(4 << 20)
