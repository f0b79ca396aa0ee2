"""JSON Lines: one record per line, as the API returned it (nested objects kept)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.export_manifest import ExportCounts

# The key bulkio adds to each line of an export to say what the record is (API fields have
# no leading "_").
ENTITY_KEY = "_entity"


def write_export_jsonl(
    path: Path,
    *,
    companies: Iterable[Mapping[str, Any]] = (),
    contacts: Iterable[Mapping[str, Any]] = (),
) -> ExportCounts:
    """Companies, then contacts (API records), each line tagged with ``_entity``."""
    counts = ExportCounts()

    def tagged() -> Iterator[Mapping[str, Any]]:
        for company in companies:
            counts.add_company()
            yield {ENTITY_KEY: Entity.COMPANY.value, **company}
        for contact in contacts:
            counts.add_contact(contact)
            yield {ENTITY_KEY: Entity.CONTACT.value, **contact}

    write_jsonl(path, tagged())
    return counts


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Write each record as one line of JSON (UTF-8); returns the number of records."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str))
            fh.write("\n")
            count += 1
    return count
