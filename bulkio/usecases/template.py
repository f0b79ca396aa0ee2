"""``bulkio template``: a blank workbook in the standard layout to hand to a customer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from bulkio.core.errors import BulkioError, ConfigError
from bulkio.core.fields import Entity
from bulkio.core.layout import LANGUAGES, SHEET_TITLES, build_layout
from bulkio.core.lookups import Lookups, lookups_from_seed
from bulkio.writers.template import write_template

ENTITY_NAMES: dict[str, Entity] = {"companies": Entity.COMPANY, "contacts": Entity.CONTACT}


@dataclass(frozen=True)
class TemplateResult:
    path: Path
    lang: str
    sheets: dict[str, int]  # sheet title -> number of columns
    dropdowns: int  # columns offering a list


def load_seed() -> dict[str, Any]:
    """The shipped reference data (``bulkio/data/seed.json``)."""
    text = resources.files("bulkio.data").joinpath("seed.json").read_text(encoding="utf-8")
    seed: dict[str, Any] = json.loads(text)
    return seed


def offline_lookups() -> Lookups:
    """The look-ups of the shipped seed, for a template made without a connection."""
    return lookups_from_seed(load_seed())


def parse_entities(names: Sequence[str] | str) -> tuple[Entity, ...]:
    """ "companies,contacts" -> the entities; a clear error for an unknown name."""
    parts = names.split(",") if isinstance(names, str) else list(names)
    found: list[Entity] = []
    for part in parts:
        name = part.strip().lower()
        if not name:
            continue
        if name not in ENTITY_NAMES:
            raise ConfigError(
                f"unknown entity '{part.strip()}'",
                hint="Use companies, contacts or both, e.g. --entities companies,contacts.",
            )
        if ENTITY_NAMES[name] not in found:
            found.append(ENTITY_NAMES[name])
    if not found:
        raise ConfigError(
            "no entities chosen", hint="Use --entities companies, contacts or companies,contacts."
        )
    return tuple(found)


def make_template(
    out: Path,
    *,
    entities: Sequence[str] | str = ("companies", "contacts"),
    lang: str = "en",
    lookups: Lookups | None = None,
) -> TemplateResult:
    """Write a blank template workbook to ``out``.

    ``lookups`` fill the dropdowns (the platform's when connected); None uses the shipped seed.
    """
    out = Path(out)
    if lang not in LANGUAGES:
        raise ConfigError(f"unknown language '{lang}'", hint="Use --lang en or --lang de.")
    if out.suffix.lower() != ".xlsx":
        raise ConfigError(
            f"'{out.name}' is not an .xlsx file name",
            hint="A template is an Excel workbook; name it like customer.xlsx.",
        )
    chosen = parse_entities(entities)
    if lookups is None:
        lookups = offline_lookups()
    layout = build_layout(lookups.custom_fields, entities=chosen, lang=lang)
    if not out.parent.is_dir():
        raise BulkioError(
            f"cannot write '{out}': the folder '{out.parent}' does not exist",
            hint="Create the folder first or choose another path.",
        )
    try:
        write_template(out, layout=layout, lookups=lookups, lang=lang)
    except OSError as exc:
        raise BulkioError(
            f"cannot write '{out}': {exc.strerror or exc}",
            hint="Close the file if it is open in Excel, or choose another path.",
        ) from exc
    return TemplateResult(
        path=out,
        lang=lang,
        sheets={SHEET_TITLES[s][lang]: len(layout.columns(s)) for s in layout.sheets},
        dropdowns=sum(1 for s in layout.sheets for c in layout.columns(s) if c.choices),
    )
