"""The platform as CSV files in the standard layout: one file per sheet, in a folder or a
zip, or one sheet as a single ``.csv`` file.

A folder or zip holds ``companies.csv``, ``contacts.csv``, ``links.csv`` (the sheets the
layout has) and ``bulkio-export.json``, the manifest. Every file is UTF-8 with BOM so Excel
shows umlauts, every field quoted, the fields separated by the delimiter asked for (``,`` by
default; German Excel expects ``;``), which the manifest records.

Formula injection: a value starting with ``=``, ``+``, ``-``, ``@``, tab or CR is guarded as
OWASP advises, by a leading single quote, so a spreadsheet program shows it as text instead of
running it; an E.164 phone number (``+493511234567``) and a plain number (``-5``) are not
formulas anywhere and stay as they are (see ``csv_guard``). A value starting with a single
quote is guarded too, which makes the guard exactly reversible: ``unguard_csv_value`` gives
back the original value. bulkio knows a CSV is its own export (and so unguards it) by the
manifest beside it: ``bulkio-export.json`` with ``"csv_guard": "owasp-quote"``. A CSV
without that manifest, a single ``.csv`` file among them, is read as it is.
"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from bulkio.core.csv_guard import GUARDED_STARTS, guard_csv_value, unguard_csv_value
from bulkio.core.entities import Role
from bulkio.core.export_manifest import (
    CSV_GUARD,
    MANIFEST_NAME,
    ExportCounts,
    file_name,
    manifest_for,
)
from bulkio.core.export_rows import export_rows
from bulkio.core.flatten import Row
from bulkio.core.layout import Layout
from bulkio.writers.outputs import file_digest

__all__ = [
    "CSV_GUARD",
    "GUARDED_STARTS",
    "MANIFEST_NAME",
    "guard_csv_value",
    "is_bulkio_csv_export",
    "unguard_csv_value",
    "write_export_csv",
]

Record = Mapping[str, Any]


def is_bulkio_csv_export(folder: Path) -> bool:
    """True when ``folder`` holds a bulkio CSV export's manifest with the quote guard."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("csv_guard") == CSV_GUARD


def write_export_csv(
    target: Path,
    *,
    layout: Layout,
    companies: Iterable[Record] = (),
    contacts: Iterable[Record] = (),
    lang: str = "en",
    delimiter: str = ",",
) -> ExportCounts:
    """Write the sheets of ``layout`` as CSV files into the folder ``target`` (created when
    missing), into the zip file ``target`` when its name ends in ``.zip``, or, for a layout
    of one sheet, as the one file ``target`` when its name ends in ``.csv``."""
    suffix = target.suffix.lower()
    if suffix == ".csv":
        [sheet] = layout.sheets
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            return _write(
                layout,
                companies,
                contacts,
                lang,
                {sheet: _start(handle, layout, sheet, lang, delimiter)},
            )
    if suffix == ".zip":
        # The files are made beside the zip (never in the system's temp folder, where a
        # killed run would leave contact rows behind) and removed once zipped.
        folder = target.with_name(target.name + ".files")
        try:
            folder.mkdir()
            counts = _write_folder(folder, layout, companies, contacts, lang, delimiter)
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(folder.iterdir()):
                    zf.write(path, arcname=path.name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return counts
    target.mkdir(parents=True, exist_ok=True)
    return _write_folder(target, layout, companies, contacts, lang, delimiter)


def _write_folder(
    folder: Path,
    layout: Layout,
    companies: Iterable[Record],
    contacts: Iterable[Record],
    lang: str,
    delimiter: str,
) -> ExportCounts:
    with ExitStack() as files:
        writers = {
            sheet: _start(files.enter_context(_open(folder, sheet)), layout, sheet, lang, delimiter)
            for sheet in layout.sheets
        }
        counts = _write(layout, companies, contacts, lang, writers)
    digests = {path.name: file_digest(path) for path in sorted(folder.iterdir())}
    manifest = manifest_for(layout, lang, counts, digests, delimiter=delimiter)
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return counts


def _write(
    layout: Layout,
    companies: Iterable[Record],
    contacts: Iterable[Record],
    lang: str,
    writers: dict[Role, Any],
) -> ExportCounts:
    counts = ExportCounts()
    for sheet, row in export_rows(layout, companies, contacts, counts=counts, lang=lang):
        writers[sheet].writerow(_guarded(row))
    return counts


def _open(folder: Path, sheet: Role) -> IO[str]:
    return (folder / file_name(sheet)).open("w", encoding="utf-8-sig", newline="")


def _start(fh: IO[str], layout: Layout, sheet: Role, lang: str, delimiter: str) -> Any:
    out = csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    out.writerow(_guarded([c.header(lang) for c in layout.columns(sheet)]))
    return out


def _guarded(row: Row | list[str]) -> list[str]:
    return ["" if v is None else guard_csv_value(v) for v in row]
