"""Countries from English or German names, ISO alpha-2 or alpha-3 codes -> ISO alpha-2."""

from __future__ import annotations

import gettext
from functools import lru_cache

import polars as pl
import pycountry

from bulkio.core.normalize.result import Normalized, problems_where

_ALIASES = {
    "usa": "US",
    "u.s.a.": "US",
    "us": "US",
    "america": "US",
    "amerika": "US",
    "vereinigte staaten von amerika": "US",
    "uk": "GB",
    "england": "GB",
    "great britain": "GB",
    "großbritannien": "GB",
    "grossbritannien": "GB",
    "schottland": "GB",
    "scotland": "GB",
    "wales": "GB",
    "holland": "NL",
    "russland": "RU",
    "russia": "RU",
    "tschechei": "CZ",
    "czech republic": "CZ",
    "südkorea": "KR",
    "south korea": "KR",
    "korea": "KR",
    "iran": "IR",
    "vietnam": "VN",
    "türkei": "TR",
    "turkey": "TR",
    "brd": "DE",
    "d": "DE",
    "a": "AT",
}


def _variants(name: str) -> set[str]:
    low = name.strip().lower()
    plain = low.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return {low, plain}


@lru_cache(maxsize=1)
def country_lookup() -> dict[str, str]:
    """Lower-cased name or code -> alpha-2, for every spelling bulkio understands."""
    try:
        german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
        translate = german.gettext
    except OSError:  # pragma: no cover - pycountry without locale files

        def translate(message: str) -> str:
            return message

    found: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name]
        names += [
            getattr(country, a) for a in ("official_name", "common_name") if hasattr(country, a)
        ]
        for name in list(names):
            names.append(translate(name))
        for name in names:
            for key in _variants(name):
                found.setdefault(key, code)
        found[country.alpha_2.lower()] = code
        found[country.alpha_3.lower()] = code
    for alias, code in _ALIASES.items():
        for key in _variants(alias):
            found.setdefault(key, code)
    return found


def normalize_countries(series: pl.Series) -> Normalized:
    """'Österreich', 'Austria', 'AT', 'AUT' -> 'AT'; an unknown country is a problem."""
    key = series.str.strip_chars().str.to_lowercase()
    values = key.replace_strict(country_lookup(), default=None, return_dtype=pl.String)
    bad = values.is_null() & series.is_not_null()
    problems = problems_where(
        bad,
        series,
        "is not a country bulkio knows; write its name (Deutschland, Austria) or ISO code "
        "(DE, AUT)",
    )
    return Normalized(values.alias(series.name), problems)
