"""Every ISO 3166-1 country as the sandbox's ``CountryData``, with English and German names."""

from __future__ import annotations

import gettext
import uuid
from functools import cache
from typing import Any

import pycountry

_NAMESPACE = uuid.UUID("6f1c1f4e-2a55-4d8e-9a0e-5b3c0d7a1f00")


def country_id(code: str) -> str:
    """The fixed id of a country: the same on every sandbox, derived from its alpha-2 code."""
    return str(uuid.uuid5(_NAMESPACE, code.upper()))


@cache
def countries() -> tuple[dict[str, Any], ...]:
    """All countries, sorted by English name: ``{id, name, code, name_de}``.

    ``name`` is the English common name where ISO has one ("Taiwan"), else the ISO short
    name; ``name_de`` is the German ISO name ("Deutschland").
    """
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    found = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        found.append(
            {
                "id": country_id(country.alpha_2),
                "name": english,
                "code": country.alpha_2,
                "name_de": german.gettext(country.name),
            }
        )
    return tuple(sorted(found, key=lambda c: str(c["name"])))
