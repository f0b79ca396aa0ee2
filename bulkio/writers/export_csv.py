"""The platform as CSV files in the standard layout: one file per sheet, in a folder or a zip.

Files: ``companies.csv``, ``contacts.csv``, ``links.csv`` (UTF-8 with BOM so Excel shows
umlauts, comma-separated, every field quoted) and ``bulkio-export.json``, the manifest.

Formula injection: a value starting with ``=``, ``+``, ``-``, ``@``, tab or CR is guarded as
OWASP advises, by a leading single quote, so a spreadsheet program shows it as text instead of
running it. A value starting with a single quote is guarded too, which makes the guard exactly
reversible: ``unguard_csv_value`` gives back the original value. bulkio knows a CSV is its own
export (and so unguards it) by the manifest beside it: ``bulkio-export.json`` with
``"csv_guard": "owasp-quote"``. A CSV without that manifest is read as it is.
"""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from collections.abc import Iterable, Mapping
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
from bulkio.core.flatten import Flattener, Row, link_rows
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
) -> ExportCounts:
    """Write the sheets of ``layout`` as CSV files into the folder ``target`` (created when
    missing), or into the zip file ``target`` when its name ends in ``.zip``."""
    if target.suffix.lower() == ".zip":
        # The files are made beside the zip (never in the system's temp folder, where a
        # killed run would leave contact rows behind) and removed once zipped.
        folder = target.with_name(target.name + ".files")
        try:
            folder.mkdir()
            counts = _write_folder(folder, layout, companies, contacts, lang)
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(folder.iterdir()):
                    zf.write(path, arcname=path.name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return counts
    target.mkdir(parents=True, exist_ok=True)
    return _write_folder(target, layout, companies, contacts, lang)


def _write_folder(
    folder: Path,
    layout: Layout,
    companies: Iterable[Record],
    contacts: Iterable[Record],
    lang: str,
) -> ExportCounts:
    counts = ExportCounts()
    if Role.COMPANIES in layout.sheets:
        with _open(folder, Role.COMPANIES) as fh:
            out = _start(fh, layout, Role.COMPANIES, lang)
            flat = Flattener(layout.columns(Role.COMPANIES), lang=lang)
            for record in companies:
                out.writerow(_guarded(flat.row(record)))
                counts.add_company()
    if Role.CONTACTS in layout.sheets:
        link_columns = layout.columns(Role.LINKS)
        with _open(folder, Role.CONTACTS) as fh, _open(folder, Role.LINKS) as links_fh:
            out = _start(fh, layout, Role.CONTACTS, lang)
            links_out = _start(links_fh, layout, Role.LINKS, lang)
            flat = Flattener(layout.columns(Role.CONTACTS), lang=lang)
            for record in contacts:
                out.writerow(_guarded(flat.row(record)))
                counts.add_contact(record)
                for row in link_rows(record, link_columns):
                    links_out.writerow(_guarded(row))
    digests = {path.name: file_digest(path) for path in sorted(folder.iterdir())}
    manifest = manifest_for(layout, lang, counts, digests)
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return counts


def _open(folder: Path, sheet: Role) -> IO[str]:
    return (folder / file_name(sheet)).open("w", encoding="utf-8-sig", newline="")


def _start(fh: IO[str], layout: Layout, sheet: Role, lang: str) -> Any:
    out = csv.writer(fh, quoting=csv.QUOTE_ALL)
    out.writerow(_guarded([c.header(lang) for c in layout.columns(sheet)]))
    return out


def _guarded(row: Row | list[str]) -> list[str]:
    return ["" if v is None else guard_csv_value(v) for v in row]
