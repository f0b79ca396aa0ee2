"""``bulkio template``: a blank workbook in the standard layout to hand to a customer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from bulkio.core.choices import Choices, choices_from_lists, choices_from_seed
from bulkio.core.entities import Entity
from bulkio.core.errors import BulkioError, ConfigError
from bulkio.core.layout import LANGUAGES, build_layout
from bulkio.core.lookups import Lookup
from bulkio.kanbert import KanbertClient
from bulkio.usecases.connect import Target, connect
from bulkio.usecases.run_files import inputs_of
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written
from bulkio.writers.template import write_template


@dataclass(frozen=True)
class TemplateResult:
    path: Path
    lang: str
    sheets: dict[str, int]  # sheet title -> number of columns


def load_seed() -> dict[str, Any]:
    """The shipped reference data (``bulkio/data/seed.json``)."""
    text = resources.files("bulkio.data").joinpath("seed.json").read_text(encoding="utf-8")
    seed: dict[str, Any] = json.loads(text)
    return seed


def offline_lookups() -> Choices:
    """The look-ups of the shipped seed, for a template made without a connection."""
    return choices_from_seed(load_seed())


def platform_lookups(client: KanbertClient) -> Choices:
    """The platform's look-ups (dropdown values, custom fields), one list request per page."""
    return choices_from_lists({lookup: client.lookup(lookup) for lookup in Lookup})


def connected_lookups(target: Target) -> Choices:
    """``platform_lookups`` of ``target``, for a template made while connected."""
    with connect(target) as client:
        return platform_lookups(client)


def parse_entities(names: Sequence[str] | str) -> tuple[Entity, ...]:
    """ "companies,contacts" -> the entities; a clear error for an unknown name."""
    parts = names.split(",") if isinstance(names, str) else list(names)
    found: list[Entity] = []
    for part in parts:
        name = part.strip().lower()
        if not name:
            continue
        entity = next((e for e in Entity if e.plural == name), None)
        if entity is None:
            raise ConfigError(
                f"unknown entity '{part.strip()}'",
                hint="Use companies, contacts or both, e.g. --entities companies,contacts.",
            )
        if entity not in found:
            found.append(entity)
    if not found:
        raise ConfigError(
            "no entities chosen", hint="Use --entities companies, contacts or companies,contacts."
        )
    return tuple(found)


def make_template(
    out: Path,
    *,
    entities: Sequence[str] | str | None = None,
    lang: str = "en",
    lookups: Choices | None = None,
    target: Target | None = None,
    force: bool = False,
) -> TemplateResult:
    """Write a blank template workbook to ``out``.

    ``entities`` names the sheets ("companies,contacts"; None: both). ``lookups`` fill the
    dropdowns; without them, a ``target`` is asked for its look-ups (after the options are
    checked), and without either the shipped seed is used. ``out`` may replace a blank
    template bulkio wrote, never one a customer filled (or any file bulkio did not write)
    unless ``force``, and never the sandbox's database.
    """
    out = Path(out)
    if lang not in LANGUAGES:
        raise ConfigError(f"unknown language '{lang}'", hint="Use --lang en or --lang de.")
    if out.suffix.lower() != ".xlsx":
        raise ConfigError(
            f"'{out.name}' is not an .xlsx file name",
            hint="A template is an Excel workbook; name it like customer.xlsx.",
        )
    chosen = tuple(Entity) if entities is None else parse_entities(entities)
    if not out.parent.is_dir():
        raise BulkioError(
            f"cannot write '{out}': the folder '{out.parent}' does not exist",
            hint="Create the folder first or choose another path.",
        )
    output = Output(out, OutputKind.TEMPLATE)
    check_outputs([output], inputs=inputs_of(target=target), force=force)
    if lookups is None:
        lookups = offline_lookups() if target is None else connected_lookups(target)
    layout = build_layout(lookups.custom_fields, entities=chosen, lang=lang)
    with written(output) as partial:
        write_template(partial, layout=layout, choices=lookups, lang=lang)
    return TemplateResult(
        path=out,
        lang=lang,
        sheets={s.sheet_title(lang): len(layout.columns(s)) for s in layout.sheets},
    )
