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
import shutil
import tempfile
import weakref
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import polars as pl

from bulkio.core.csv_guard import unguard_csv_value, unguard_expr
from bulkio.core.errors import InputFileError
from bulkio.core.export_manifest import MANIFEST_NAME, ExportManifest, parse_manifest
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.layout import META_SHEET, sheet_for_title
from bulkio.readers.csv_reader import open_csv
from bulkio.readers.table import SourceTable


def is_csv_export(path: Path) -> bool:
    """True for a folder or a zip that holds a bulkio export manifest."""
    if path.is_dir():
        return (path / MANIFEST_NAME).is_file()
    if path.suffix.lower() != ".zip" or not path.is_file() or not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return _manifest_member(archive) is not None
    except (zipfile.BadZipFile, OSError):
        return False


def export_sheet_names(path: Path) -> list[str]:
    """The export's sheet titles, in layout order, then the layout sheet ``_bulkio``."""
    return [*read_export_manifest(path).titles, META_SHEET]


def export_layout_rows(path: Path) -> list[list[str]]:
    """The rows a workbook export keeps on its hidden ``_bulkio`` sheet."""
    return read_export_manifest(path).layout_rows


def read_export_manifest(path: Path) -> ExportManifest:
    if path.is_dir():
        text = (path / MANIFEST_NAME).read_text(encoding="utf-8-sig")
    else:
        with zipfile.ZipFile(path) as archive:
            member = _manifest_member(archive)
            if member is None:
                raise not_an_export(path)
            text = archive.read(member).decode("utf-8-sig")
    return parse_manifest(text, source=f"'{path.name}'")


def not_an_export(path: Path) -> InputFileError:
    return InputFileError(
        f"'{path.name}' is a ZIP archive but not a bulkio CSV export: it has no {MANIFEST_NAME}",
        hint="Unpack it and give the spreadsheet inside, or give an export made with "
        "'bulkio export NAME.zip'.",
    )


def open_export_sheet(
    path: Path, *, sheet: str | int | None = None, header_row: int | None = None
) -> SourceTable:
    """One sheet of the export as a table of text, the formula guard removed."""
    manifest = read_export_manifest(path)
    titles = list(manifest.titles)
    title = _pick_title(path, titles, sheet)
    if title == META_SHEET:
        return _layout_table(path, manifest)
    name = manifest.files[manifest.titles[title]]
    if path.is_dir():
        table = open_csv(path / name, header_row=header_row or 1, delimiter=",")
        workdir: Path | None = None
    else:
        workdir = Path(tempfile.mkdtemp(prefix="bulkio-export-"))
        try:
            table = open_csv(
                _extract(path, name, workdir), header_row=header_row or 1, delimiter=","
            )
        except BaseException:
            shutil.rmtree(workdir, ignore_errors=True)
            raise
    table = _as_sheet(table, path, title, guarded=manifest.guarded)
    if workdir is not None:
        weakref.finalize(table, shutil.rmtree, workdir, True)
    return table


def _manifest_member(archive: zipfile.ZipFile) -> str | None:
    """The manifest at the top of the zip, or in its one top folder."""
    for name in archive.namelist():
        parts = PurePosixPath(name).parts
        if parts and parts[-1] == MANIFEST_NAME and len(parts) <= 2:
            return name
    return None


def _extract(path: Path, name: str, workdir: Path) -> Path:
    with zipfile.ZipFile(path) as archive:
        manifest = _manifest_member(archive) or MANIFEST_NAME
        member = str(PurePosixPath(manifest).parent / name).removeprefix("./")
        try:
            info = archive.getinfo(member)
        except KeyError:
            raise _missing_file(path, name) from None
        target = workdir / PurePosixPath(name).name
        with archive.open(info) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
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
