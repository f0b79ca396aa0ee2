"""Readers: CSV, XLSX/XLSM, XLS and ODS into one table of text, source row numbers kept.

Nothing guesses types: every cell arrives as the text the spreadsheet shows (ZIP code
``01067`` stays ``01067``), dates as ISO text, and each record keeps its row number in
``ROW_COLUMN`` so every message can point at the cell a person has to fix.

A command opens its input once, ``with open_source(path) as source:``, and asks the source
for sheet names and tables; ``mapping_tables`` gives the tables a mapping reads, opened the
same way for every command. bulkio's own CSV export (a folder or .zip with
``bulkio-export.json``) reads like a workbook whose sheets are its CSV files, the export's
formula guard removed (see ``csv_export``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bulkio.core.errors import InputFileError
from bulkio.core.export_manifest import MANIFEST_NAME
from bulkio.readers.csv_export import ExportSource
from bulkio.readers.csv_reader import TextSource
from bulkio.readers.excel_reader import WorkbookSource
from bulkio.readers.file_kind import detect_kind, folder_error
from bulkio.readers.mapping_tables import mapping_tables
from bulkio.readers.source import Source, SourceKind
from bulkio.readers.table import SourceTable

__all__ = [
    "Source",
    "SourceKind",
    "SourceTable",
    "mapping_tables",
    "open_source",
    "source_of",
]


def open_source(path: Path) -> Source:
    """The spreadsheet file (or bulkio CSV export) at ``path``, opened once; use it as a
    context manager. Raises InputFileError with a message that names the fix."""
    path = Path(path)
    if path.is_dir():
        if (path / MANIFEST_NAME).is_file():
            return ExportSource(path)
        raise folder_error(path)
    if not path.exists():
        raise InputFileError(
            f"file not found: {path}", hint="Check the folder and the file name, then try again."
        )
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputFileError(
            f"cannot open '{path}': {exc.strerror}",
            hint="Close the file in other programs and check that you may read it.",
        ) from None
    try:
        kind = detect_kind(path, stream)
        if kind is SourceKind.TEXT:
            return TextSource(path, stream)
        if kind is SourceKind.WORKBOOK:
            return WorkbookSource(path, stream)
        return ExportSource(path, stream)
    except BaseException:
        stream.close()
        raise


@contextmanager
def source_of(input: Path | Source) -> Iterator[Source]:
    """``input`` itself when it is an open source; else the file at ``input``, opened here
    and closed when the block ends."""
    if isinstance(input, Source):
        yield input
        return
    with open_source(input) as source:
        yield source
