"""Source: one input file, opened once, that every command asks for its sheets and tables.

A source knows what kind of file it is, its sheet names (hidden ones too), the layout rows of
bulkio's ``_bulkio`` sheet, and hands out tables (:meth:`Source.table`) without opening the
file again: it keeps what it decoded or parsed (a CSV's encoding, its UTF-8 copy when the file
is not UTF-8, each workbook sheet as calamine parsed it). It is a context manager; closing it
closes the file and drops the copies.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self

from bulkio.readers.table import SourceTable


class SourceKind(StrEnum):
    TEXT = "text"  # delimited text: .csv, .tsv, .txt
    WORKBOOK = "workbook"  # .xlsx, .xlsm, .xlsb, .xls, .ods
    CSV_EXPORT = "csv export"  # bulkio's own CSV export: a folder or a .zip


class Source(ABC):
    """One input file (or bulkio CSV export folder) and what has been read of it."""

    kind: SourceKind

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    @abstractmethod
    def sheet_names(self) -> list[str]:
        """The sheet names in file order; ``["data"]`` for a text file."""

    @property
    def hidden_sheets(self) -> frozenset[str]:
        """The sheets a workbook hides from its reader (hidden or very hidden)."""
        return frozenset()

    @property
    def layout_rows(self) -> list[list[str]]:
        """The rows of bulkio's layout sheet ``_bulkio`` (a template or an export: marker
        row, header, one row per column); ``[]`` when the file has none."""
        return []

    @abstractmethod
    def table(
        self,
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> SourceTable:
        """One sheet (or the CSV file) as a table of text.

        ``sheet`` is a name or a 0-based index (workbooks; default the first sheet);
        ``header_row`` is the 1-based row of the column names (default: detected);
        ``encoding`` and ``delimiter`` apply to text files (default: detected).
        Raises InputFileError with a message that names the fix. The table reads through
        this source, so it can be read while the source is open.
        """

    @abstractmethod
    def digest(self) -> str:
        """The SHA-256 of the file's bytes, hex: what the file was, for a run's journal."""

    @abstractmethod
    def close(self) -> None:
        """Close the file and drop what was kept of it."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def stream_digest(stream: BinaryIO) -> str:
    """The SHA-256 of every byte of ``stream``, hex, read from its start."""
    digest = hashlib.sha256()
    stream.seek(0)
    while block := stream.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()
