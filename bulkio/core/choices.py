"""The values of the closed lists a spreadsheet chooses from: countries, industries, tags...

``Choices`` is what a template's dropdowns offer and which custom fields a layout has. It is
built from the entries of the platform's look-up lists (``choices_from_lists``, as the API
answers them) or from the shipped seed (``choices_from_seed``, ``bulkio/data/seed.json``,
whose lists have the same shapes), so the same code serves offline and connected use.

Countries come from pycountry (ISO 3166-1), with German names from its gettext catalogue.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from bulkio.core.entities import Entity
from bulkio.core.lookups import Lookup

Entry = Mapping[str, Any]  # one entry of a look-up list, as the API answers it


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, e.g. "DE"
    name_en: str  # "Germany"
    name_de: str  # "Deutschland"

    def name(self, lang: str) -> str:
        return self.name_de if lang == "de" else self.name_en


@dataclass(frozen=True)
class Choice:
    """One entry of a closed list: the label a person types and, when known, its id."""

    label: str
    id: str | None = None
    alt: str | None = None  # a second accepted spelling, e.g. a client's external ID


@dataclass(frozen=True)
class CustomFieldDef:
    """A custom field definition as ``GET /custom-fields`` describes it."""

    alias: str
    name: str
    type: str  # string | boolean | integer | date | select
    entity: Entity
    options: tuple[str, ...] = ()
    id: str | None = None


@dataclass(frozen=True)
class Choices:
    countries: tuple[Country, ...]
    lists: Mapping[Lookup, tuple[Choice, ...]]  # every other look-up with labels
    custom_fields: tuple[CustomFieldDef, ...]

    def of(self, lookup: Lookup) -> tuple[Choice, ...]:
        return self.lists.get(lookup, ())


@lru_cache(maxsize=1)
def iso_countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country with its English and German name, sorted by code."""
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    found = []
    for c in pycountry.countries:
        found.append(
            Country(
                code=c.alpha_2,
                name_en=getattr(c, "common_name", None) or c.name,
                name_de=german.gettext(c.name),
            )
        )
    return tuple(sorted(found, key=lambda c: c.code))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _choices(lookup: Lookup, entries: Sequence[Entry]) -> tuple[Choice, ...]:
    found = []
    for entry in entries:
        labels = lookup.labels(entry)
        if labels:
            alt = labels[1] if len(labels) > 1 else None
            found.append(Choice(label=labels[0], id=_opt_str(entry.get("id")), alt=alt))
    return tuple(found)


def custom_field_def(entry: Entry) -> CustomFieldDef | None:
    """A custom field definition from its entry; None when it names no entity or alias."""
    entity = Entity.named(str(entry.get("entity_type", "")))
    if entity is None or not entry.get("alias"):
        return None
    return CustomFieldDef(
        alias=str(entry["alias"]),
        name=str(entry.get("name") or entry["alias"]),
        type=str(entry.get("type") or "string"),
        entity=entity,
        options=tuple(str(o) for o in entry.get("options") or ()),
        id=_opt_str(entry.get("id")),
    )


# Countries are offered by their ISO names; custom fields are definitions, not choices.
_NOT_CHOICES = (Lookup.COUNTRIES, Lookup.CUSTOM_FIELDS)


def choices_from_lists(lists: Mapping[Lookup, Sequence[Entry]]) -> Choices:
    """The choices of the platform's look-up lists (any may be missing).

    ``countries`` limits the ISO list to the platform's countries (by ``code``); custom
    field definitions that name no entity or alias are left out.
    """
    countries = iso_countries()
    platform_countries = lists.get(Lookup.COUNTRIES)
    if platform_countries:
        codes = {str(c.get("code", "")).upper() for c in platform_countries}
        countries = tuple(c for c in countries if c.code in codes)
    custom = (custom_field_def(entry) for entry in lists.get(Lookup.CUSTOM_FIELDS) or ())
    labelled = (lookup for lookup in Lookup if lookup not in _NOT_CHOICES)
    return Choices(
        countries=countries,
        lists={lookup: _choices(lookup, lists.get(lookup) or ()) for lookup in labelled},
        custom_fields=tuple(cf for cf in custom if cf is not None),
    )


def choices_from_seed(seed: Mapping[str, Any]) -> Choices:
    """The choices of a seed-shaped dict (the parsed ``seed.json``): each look-up's list
    under its seed key (``business_fields``, ``company_sizes``...)."""
    return choices_from_lists({lookup: seed.get(lookup.seed_key) or () for lookup in Lookup})
