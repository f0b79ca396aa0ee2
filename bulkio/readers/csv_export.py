"""bulkio's own CSV export (a folder or a .zip holding ``bulkio-export.json``), read like a
workbook whose sheets are its CSV files.

The sheets are named as the template's (Companies/Contacts/Links, or Firmen/Kontakte/
Verknüpfungen for a German export, as the manifest says), plus the layout sheet ``_bulkio``
that a workbook export carries hidden; here its rows come from the manifest. Values carry
the formula guard of the export (``'=1+1``) and are read back without it (``=1+1``); only a
manifest that says so makes the reader remove it, so an ordinary CSV keeps its text as is.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import polars as pl

from bulkio.core.csv_guard import unguard_csv_value, unguard_expr
from bulkio.core.errors import InputFileError
from bulkio.core.export_manifest import MANIFEST_NAME, ExportManifest, parse_manifest
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.layout import META_SHEET, sheet_for_title
from bulkio.readers.csv_reader import TextSource
from bulkio.readers.file_kind import manifest_member
from bulkio.readers.source import Source, SourceKind
from bulkio.readers.table import SourceTable


class ExportSource(Source):
    """A bulkio CSV export: a folder (``stream`` None) or an open .zip. Each CSV file is
    opened (or extracted, into an unnamed temporary file) on first use and kept open."""

    kind = SourceKind.CSV_EXPORT

    def __init__(self, path: Path, stream: BinaryIO | None = None) -> None:
        super().__init__(path)
        self._stream = stream
        self._archive = zipfile.ZipFile(stream) if stream is not None else None
        self._folder = PurePosixPath(".")
        if self._archive is None:
            text = (path / MANIFEST_NAME).read_text(encoding="utf-8-sig")
        else:
            member = manifest_member(self._archive.namelist())
            if member is None:
                raise _not_an_export(path)
            self._folder = PurePosixPath(member).parent
            text = self._archive.read(member).decode("utf-8-sig")
        self._manifest_text = text
        self._manifest = parse_manifest(text, source=f"'{path.name}'")
        self._files: dict[str, TextSource] = {}

    @property
    def sheet_names(self) -> list[str]:
        """The export's sheet titles, in layout order, then the layout sheet ``_bulkio``."""
        return [*self._manifest.titles, META_SHEET]

    @property
    def layout_rows(self) -> list[list[str]]:
        """The rows a workbook export keeps on its hidden ``_bulkio`` sheet."""
        return self._manifest.layout_rows

    def table(
        self,
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> SourceTable:
        """One sheet of the export as a table of text, the formula guard removed; the
        export's files are UTF-8 with the manifest's delimiter, whatever ``encoding`` and
        ``delimiter`` say."""
        del encoding, delimiter
        manifest = self._manifest
        title = _pick_title(self.path, list(manifest.titles), sheet)
        if title == META_SHEET:
            return _layout_table(self.path, manifest)
        name = manifest.files[manifest.titles[title]]
        table = self._file(name).table(header_row=header_row or 1, delimiter=manifest.delimiter)
        return _as_sheet(table, self.path, title, guarded=manifest.guarded)

    def digest(self) -> str:
        """Of the manifest and each file it names."""
        digest = hashlib.sha256(self._manifest_text.encode("utf-8"))
        for name in self._manifest.files.values():
            digest.update(f"|{name}|{self._file(name).digest()}".encode())
        return digest.hexdigest()

    def close(self) -> None:
        for source in self._files.values():
            source.close()
        self._files.clear()
        if self._archive is not None:
            self._archive.close()
        if self._stream is not None:
            self._stream.close()

    def _file(self, name: str) -> TextSource:
        """The export's CSV file ``name`` as a text source, opened on first use."""
        if name not in self._files:
            if self._archive is None:
                path = self.path / name
                try:
                    stream: BinaryIO = path.open("rb")
                except FileNotFoundError:
                    raise _missing_file(self.path, name) from None
            else:
                path = self.path / PurePosixPath(name).name
                stream = _extract(self._archive, self._folder, name, self.path)
            try:
                self._files[name] = TextSource(path, stream)
            except BaseException:
                stream.close()
                raise
        return self._files[name]


def _not_an_export(path: Path) -> InputFileError:
    return InputFileError(
        f"'{path.name}' is a ZIP archive but not a bulkio CSV export: it has no {MANIFEST_NAME}",
        hint="Unpack it and give the spreadsheet inside, or give an export made with "
        "'bulkio export NAME.zip'.",
    )


def _extract(archive: zipfile.ZipFile, folder: PurePosixPath, name: str, path: Path) -> BinaryIO:
    """The member ``name`` (beside the manifest) copied into an unnamed temporary file."""
    member = str(folder / name).removeprefix("./")
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise _missing_file(path, name) from None
    with ExitStack() as on_failure:
        target = on_failure.enter_context(tempfile.TemporaryFile())
        with archive.open(info) as source:
            shutil.copyfileobj(source, target)
        target.seek(0)
        on_failure.pop_all()
    return target


def _missing_file(path: Path, name: str) -> InputFileError:
    return InputFileError(
        f"the export '{path.name}' has no {name}, though its {MANIFEST_NAME} names it",
        hint="Export again with 'bulkio export', or put the missing file back.",
    )


def _pick_title(path: Path, titles: list[str], sheet: str | int | None) -> str:
    if sheet is None:
        return titles[0] if titles else META_SHEET
    if isinstance(sheet, int):
        if 0 <= sheet < len(titles):
            return titles[sheet]
    elif sheet == META_SHEET:
        return META_SHEET
    else:
        wanted = sheet_for_title(sheet)  # a title in either language, e.g. "Kontakte"
        for title in titles:
            if title.casefold() == sheet.strip().casefold() or sheet_for_title(title) == wanted:
                return title
    listing = ", ".join(f"'{t}'" for t in titles)
    raise InputFileError(
        f"the export '{path.name}' has no sheet {sheet!r}; it has: {listing}",
        hint="Choose one of these sheets by name or by number.",
    )


def _as_sheet(table: SourceTable, path: Path, title: str, *, guarded: bool) -> SourceTable:
    """The CSV file's table as the export's sheet: named by the title, values unguarded."""
    if not guarded:
        return dataclasses.replace(table, path=path, sheet=title)
    columns = [unguard_csv_value(c) for c in table.columns]
    if len(set(columns)) != len(columns):
        columns = list(table.columns)
    renames = dict(zip(table.columns, columns, strict=True))
    read = table.batches

    def source(rows: int) -> Iterator[pl.DataFrame]:
        for batch in read(rows):
            yield batch.with_columns(unguard_expr(c) for c in renames).rename(renames)

    return dataclasses.replace(table, path=path, sheet=title, columns=columns, _source=source)


def _layout_table(path: Path, manifest: ExportManifest) -> SourceTable:
    header, *rows = manifest.layout_rows[1:]
    frame = pl.DataFrame(
        {name: [r[i] or None for r in rows] for i, name in enumerate(header)}
        | {ROW_COLUMN: list(range(3, 3 + len(rows)))},
        schema={name: pl.String for name in header} | {ROW_COLUMN: pl.Int64},
    )

    def source(size: int) -> Iterator[pl.DataFrame]:
        for start in range(0, frame.height, size):
            yield frame.slice(start, size)

    return SourceTable(path=path, sheet=META_SHEET, header_row=2, columns=header, _source=source)
