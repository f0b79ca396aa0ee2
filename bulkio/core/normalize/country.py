"""Countries from their names in the languages of bulkio's users (English, German, French,
Dutch, Italian, Spanish), common short forms and ISO alpha-2 or alpha-3 codes -> ISO alpha-2.

The names come from pycountry's ISO 3166-1 gettext catalogues ("Schweiz", "Suisse",
"Svizzera", "Zwitserland", "Vereinigtes Königreich", "Royaume-Uni", "Spanje"), read once on
first use (about 50 ms) so that importing bulkio costs nothing for them."""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Callable
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
    "deutschland": "DE",
    "allemagne": "DE",
    "germania": "DE",
    "alemania": "DE",
    "duitsland": "DE",
    "grande-bretagne": "GB",
    "angleterre": "GB",
    "ecosse": "GB",
    "gran bretagna": "GB",
    "inghilterra": "GB",
    "gran bretaña": "GB",
    "inglaterra": "GB",
    "groot-brittannië": "GB",
    "engeland": "GB",
    "nordirland": "GB",
    "northern ireland": "GB",
    "vereinigtes königreich": "GB",
    "united states": "US",
    "vereinigte staaten": "US",
    "états-unis": "US",
    "stati uniti": "US",
    "estados unidos": "US",
    "verenigde staten": "US",
    "eeuu": "US",
    "ee. uu.": "US",
    "nederland": "NL",
    "niederlande": "NL",
    "pays-bas": "NL",
    "paesi bassi": "NL",
    "países bajos": "NL",
    "tschechien": "CZ",
    "fürstentum liechtenstein": "LI",
    "d": "DE",
    "a": "AT",
}


_LANGUAGES = ("de", "fr", "nl", "it", "es")  # besides English, pycountry's own


def _variants(name: str) -> set[str]:
    """The spellings of a name people type: as written, German umlauts spelt out (Oesterreich),
    accents left out (Etats-Unis, Osterreich), hyphens as spaces (Royaume Uni)."""
    low = name.strip().lower()
    plain = low.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c)
    ).replace("ß", "ss")
    return {v for s in (low, plain, bare) for v in (s, s.replace("-", " "))}


def _translations() -> list[Callable[[str], str]]:
    found: list[Callable[[str], str]] = []
    for language in _LANGUAGES:
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [language])
        except OSError:  # pragma: no cover - pycountry without locale files
            continue
        found.append(catalogue.gettext)
    return found


@lru_cache(maxsize=1)
def country_lookup() -> dict[str, str]:
    """Lower-cased name or code -> alpha-2, for every spelling bulkio understands; built once
    on first use."""
    translations = _translations()
    found: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name]
        names += [
            getattr(country, a) for a in ("official_name", "common_name") if hasattr(country, a)
        ]
        for name in list(names):
            names += [translate(name) for translate in translations]
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
        "is not a country bulkio knows; write its name (Deutschland, Austria, Suisse) or ISO "
        "code (DE, AUT)",
    )
    return Normalized(values.alias(series.name), problems)
