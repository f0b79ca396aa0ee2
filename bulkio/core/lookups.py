"""The closed lists a spreadsheet chooses from: countries, genders, industries, sizes, tags...

``Lookups`` is what a template's dropdowns offer and what an export turns ids back into.
It is built from one dict shaped like the shipped seed (``bulkio/data/seed.json``), whose
lists have the shapes of Kanbert's look-up endpoints (``{id, name}``, ``{id, title}``,
custom field definitions). So the same constructor serves offline (the seed) and connected
(a dict assembled from the API's look-up lists) use.

Countries come from pycountry (ISO 3166-1), with German names from its gettext catalogue.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from bulkio.core.fields import GENDERS, Entity


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
class Lookups:
    countries: tuple[Country, ...]
    genders: tuple[str, ...]
    business_fields: tuple[Choice, ...]
    company_sizes: tuple[Choice, ...]
    company_revenues: tuple[Choice, ...]
    tags: tuple[Choice, ...]
    custom_fields: tuple[CustomFieldDef, ...]
    users: tuple[Choice, ...]  # label: the user's e-mail
    clients: tuple[Choice, ...]  # label: the client's name, alt: its external ID

    def custom_fields_of(self, entity: Entity) -> tuple[CustomFieldDef, ...]:
        return tuple(cf for cf in self.custom_fields if cf.entity == entity)


_ENTITY_OF = {"company": Entity.COMPANY, "contact": Entity.CONTACT}


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


def _choices(items: Sequence[Mapping[str, Any]], label_key: str) -> tuple[Choice, ...]:
    return tuple(Choice(label=str(i[label_key]), id=_opt_str(i.get("id"))) for i in items)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _custom_field(item: Mapping[str, Any]) -> CustomFieldDef | None:
    entity = _ENTITY_OF.get(str(item.get("entity_type", "")))
    if entity is None or not item.get("alias"):
        return None
    return CustomFieldDef(
        alias=str(item["alias"]),
        name=str(item.get("name") or item["alias"]),
        type=str(item.get("type") or "string"),
        entity=entity,
        options=tuple(str(o) for o in item.get("options") or ()),
        id=_opt_str(item.get("id")),
    )


def lookups_from_seed(seed: Mapping[str, Any]) -> Lookups:
    """Build the look-ups from a seed-shaped dict (the parsed ``seed.json``, or the API's lists).

    Keys (all optional): ``business_fields`` ``[{id, name}]``; ``company_sizes``,
    ``company_revenues``, ``tags`` ``[{id, title}]``; ``custom_fields`` (definitions);
    ``users`` ``[{id, email}]``; ``clients`` ``[{id, name, external_id}]``;
    ``countries`` ``[{id, name, code}]`` limits the ISO list to the platform's countries.
    """
    countries = iso_countries()
    platform_countries = seed.get("countries")
    if platform_countries:
        codes = {str(c.get("code", "")).upper() for c in platform_countries}
        countries = tuple(c for c in countries if c.code in codes)
    custom = (_custom_field(i) for i in seed.get("custom_fields") or ())
    return Lookups(
        countries=countries,
        genders=GENDERS,
        business_fields=_choices(seed.get("business_fields") or (), "name"),
        company_sizes=_choices(seed.get("company_sizes") or (), "title"),
        company_revenues=_choices(seed.get("company_revenues") or (), "title"),
        tags=_choices(seed.get("tags") or (), "title"),
        custom_fields=tuple(cf for cf in custom if cf is not None),
        users=_choices(seed.get("users") or (), "email"),
        clients=tuple(
            Choice(
                label=str(c["name"]),
                id=_opt_str(c.get("id")),
                alt=_opt_str(c.get("external_id")),
            )
            for c in seed.get("clients") or ()
        ),
    )
