"""What an export writes, from its options: the format, the sheets, the CSV delimiter, and
whether CSV goes into a folder, a zip or one file.

    export_shape(Path("kontakte.csv"), entities="contacts", lang="de")
    # ExportShape(format="csv", sheets=(Role.CONTACTS,), delimiter=";", container="file")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bulkio.core.entities import Role
from bulkio.core.errors import ConfigError
from bulkio.core.export_manifest import DELIMITERS
from bulkio.core.layout import SHEETS

FORMATS: tuple[str, ...] = ("xlsx", "csv", "jsonl")
_SUFFIX_FORMAT = {
    ".xlsx": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".zip": "csv",
    ".csv": "csv",
}
# German Excel splits CSV at ';' (its list separator), English Excel at ','.
DEFAULT_DELIMITER = {"en": ",", "de": ";"}
Container = Literal["file", "folder", "zip"]


@dataclass(frozen=True)
class ExportShape:
    format: str  # xlsx, csv or jsonl
    sheets: tuple[Role, ...] = SHEETS  # in layout order
    delimiter: str = ","  # between CSV fields
    container: Container = "file"  # for csv: a folder of files, a zip of them, or one file


def export_shape(
    out: Path,
    *,
    format: str | None = None,
    entities: Iterable[str] | str = (),
    delimiter: str | None = None,
    lang: str = "en",
) -> ExportShape:
    """The shape of an export to ``out``; a ConfigError naming the fix for options that do
    not fit together. No ``entities`` means all: companies, contacts and links."""
    chosen = choose_format(out, format)
    sheets = parse_entities(entities) if entities else SHEETS
    suffix = out.suffix.lower()
    container: Container = "file"
    if chosen == "csv":
        container = "zip" if suffix == ".zip" else "file" if suffix == ".csv" else "folder"
    if container == "file" and chosen == "csv" and len(sheets) > 1:
        raise ConfigError(
            f"'{out.name}' is one CSV file, which holds one sheet: choose it with --entities "
            "companies, contacts or links",
            hint="Or give a folder (e.g. export/) or a .zip name to export several sheets.",
        )
    if chosen == "jsonl" and Role.LINKS in sheets and Role.CONTACTS not in sheets:
        raise ConfigError(
            "a JSONL export holds records, and links come inside each contact",
            hint="Use --entities contacts (each contact's companies are in its line).",
        )
    if delimiter is not None and chosen != "csv":
        raise ConfigError(
            f"--delimiter is for CSV exports, not {chosen}",
            hint="Leave it out, or export CSV (a .csv, .zip or folder name).",
        )
    return ExportShape(chosen, sheets, parse_delimiter(delimiter, lang), container)


def choose_format(out: Path, format: str | None) -> str:
    """The format asked for, or the one the file name says; a clear error otherwise."""
    suffix = out.suffix.lower()
    if format is None:
        found = _SUFFIX_FORMAT.get(suffix)
        if found is None:
            raise ConfigError(
                f"cannot tell the export format from the name '{out.name}'",
                hint="Name the file like backup.xlsx, backup.jsonl, backup.zip (CSV files in "
                "a zip) or contacts.csv (one sheet), or pass --format xlsx, csv or jsonl "
                "(csv writes into a folder).",
            )
        return found
    format = format.lower()
    if format not in FORMATS:
        raise ConfigError(
            f"unknown export format '{format}'", hint="Use --format xlsx, csv or jsonl."
        )
    if format == "csv" and suffix not in ("", ".zip", ".csv"):
        raise ConfigError(
            f"'{out.name}' is not a folder, .zip or .csv name for a CSV export",
            hint="A CSV export is one file per sheet: give a folder (e.g. export/), a .zip "
            "name (e.g. export.zip), or a .csv name for one sheet (with --entities).",
        )
    return format


def parse_entities(names: Iterable[str] | str) -> tuple[Role, ...]:
    """``--entities``: companies, contacts and links, the option repeated or its values
    comma-separated, as the sheets they fill, in layout order."""
    parts = [names] if isinstance(names, str) else list(names)
    wanted: set[Role] = set()
    for part in (p.strip().lower() for text in parts for p in text.split(",")):
        if not part:
            continue
        role = next((s for s in SHEETS if s.value == part), None)
        if role is None:
            raise ConfigError(
                f"unknown entity '{part}' for --entities",
                hint="Use companies, contacts or links, several comma-separated "
                "(e.g. --entities companies,contacts).",
            )
        wanted.add(role)
    if not wanted:
        raise ConfigError("no entities chosen", hint="Use --entities companies, contacts or links.")
    return tuple(s for s in SHEETS if s in wanted)


def parse_delimiter(value: str | None, lang: str = "en") -> str:
    """``--delimiter``: ``,`` ``;`` ``tab`` or ``|``; by default ``;`` for German headers
    (what German Excel expects) and ``,`` otherwise."""
    if value is None:
        return DEFAULT_DELIMITER.get(lang, ",")
    found = DELIMITERS.get(value.strip().lower()) or (value if value == "\t" else None)
    if found is None:
        raise ConfigError(
            f"'{value}' is not a delimiter bulkio writes",
            hint="Use --delimiter ',' or ';' (what German Excel expects), tab or '|'.",
        )
    return found
