"""``bulkio-export.json``: the manifest beside the CSV files of a bulkio export.

It marks a folder or zip as bulkio's own export (so the reader removes the formula guard,
see ``csv_guard``), names the CSV file of each sheet, the language of the headers, and the
layout's columns (the rows of a workbook's hidden ``_bulkio`` sheet, see
``layout.meta_rows``), so a CSV export re-imports with no mapping, custom fields included.
It also holds the sha256 of each CSV file as written, so bulkio knows which files of a
folder it may replace (``bulkio.writers.outputs``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from bulkio.core.entities import Role
from bulkio.core.errors import InputFileError
from bulkio.core.flatten import companies_of
from bulkio.core.layout import LAYOUT_VERSION, META_HEADER, SHEETS, Layout, meta_rows

MANIFEST_NAME = "bulkio-export.json"
# The delimiters a CSV export may use, by the name ``--delimiter`` takes.
DELIMITERS: dict[str, str] = {",": ",", ";": ";", "tab": "\t", "|": "|"}
MANIFEST_FORMAT = "bulkio-export"
CSV_GUARD = "owasp-quote"
DIGESTS_KEY = "sha256"  # file name -> sha256 of its content as written


def file_name(sheet: Role) -> str:
    """The CSV file of a layout sheet in an export: ``contacts.csv``."""
    return f"{sheet}.csv"


@dataclass
class ExportCounts:
    """What an export holds, counted as the records are written: the one place that says
    what the counts mean. ``links`` is every contact-company pair, whether it sits on the
    contact's own row (its first company) or on the Links sheet (the others)."""

    companies: int = 0
    contacts: int = 0
    links: int = 0

    def add_company(self) -> None:
        self.companies += 1

    def add_contact(self, contact: Mapping[str, Any]) -> None:
        """Count a contact (an API record, its companies embedded) and its links."""
        self.contacts += 1
        self.links += len(companies_of(contact))

    def add_links(self, links: int) -> None:
        """Count links written without their contacts (a Links sheet alone)."""
        self.links += links

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def manifest_for(
    layout: Layout,
    lang: str,
    counts: ExportCounts,
    digests: Mapping[str, str],
    *,
    delimiter: str = ",",
) -> dict[str, Any]:
    """The manifest of a CSV export of ``layout`` in ``lang`` whose files have ``digests``
    (file name -> sha256), its fields separated by ``delimiter``."""
    return {
        "format": MANIFEST_FORMAT,
        "layout_version": LAYOUT_VERSION,
        "lang": lang,
        "csv_guard": CSV_GUARD,
        "delimiter": delimiter,
        "files": {s.value: file_name(s) for s in layout.sheets},
        "counts": counts.as_dict(),
        DIGESTS_KEY: dict(digests),
        "columns": [
            dict(zip(META_HEADER, row, strict=True)) for row in meta_rows(layout, lang)[2:]
        ],
    }


@dataclass(frozen=True)
class ExportManifest:
    """A read manifest: which file holds each sheet, and the layout rows."""

    lang: str
    guarded: bool  # values carry the formula guard and are unguarded when read
    delimiter: str  # between the fields of each file
    files: dict[Role, str]  # sheet -> file name in the export
    layout_rows: list[list[str]]  # as the hidden _bulkio sheet: marker, header, one per column

    @property
    def titles(self) -> dict[str, Role]:
        """The sheet titles in the export's language ("Companies", "Firmen") -> sheet."""
        return {sheet.sheet_title(self.lang): sheet for sheet in self.files}


def parse_manifest(text: str, *, source: str) -> ExportManifest:
    """Read a manifest's text; an InputFileError naming the fix when it is not one."""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise InputFileError(
            f"{source} holds a '{MANIFEST_NAME}' that is not a bulkio export manifest",
            hint="Export again with 'bulkio export', or give one of the CSV files itself.",
        )
    lang = str(data.get("lang") or "en")
    lang = lang if lang in ("en", "de") else "en"
    files: dict[Role, str] = {}
    for key, name in (data.get("files") or {}).items():
        if key in SHEETS:
            files[Role(key)] = _file_name(str(name), source)
    rows: list[list[str]] = [
        ["bulkio-layout", str(data.get("layout_version", LAYOUT_VERSION)), lang],
        list(META_HEADER),
    ]
    for column in data.get("columns") or []:
        if isinstance(column, dict):
            rows.append([str(column.get(name) or "") for name in META_HEADER])
    delimiter = data.get("delimiter", ",")
    if delimiter not in DELIMITERS.values():
        raise InputFileError(
            f"{source} holds a '{MANIFEST_NAME}' whose delimiter {delimiter!r} is not one "
            "bulkio writes",
            hint="Export again with 'bulkio export'.",
        )
    return ExportManifest(lang, data.get("csv_guard") == CSV_GUARD, delimiter, files, rows)


def _file_name(name: str, source: str) -> str:
    """A file name beside the manifest; a path that leads elsewhere is refused."""
    plain = name not in ("", ".", "..") and not any(c in name for c in "/\\:\0")
    if not plain:
        raise InputFileError(
            f"{source} is refused: its '{MANIFEST_NAME}' names the file '{name}', which is not "
            "inside the export",
            hint="Export again with 'bulkio export'; an export only names files beside its "
            "manifest.",
        )
    return name
