"""The phone region of a file: where its national numbers ("0351 123456") belong.

A national number carries no country, so the region comes from evidence about the file, in
this order: the majority of the country column, international prefixes when most numbers
have one, the language of the headers and the shape of the ZIP codes; DE when nothing says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers

from bulkio.core.normalize.country import country_lookup
from bulkio.core.suggest.synonyms import normalize_header

DEFAULT_REGION = "DE"
_GERMAN_WORDS = {
    "vorname", "nachname", "firma", "firmenname", "straße", "strasse", "plz", "postleitzahl",
    "ort", "stadt", "land", "telefon", "handy", "mobil", "geburtstag", "geburtsdatum",
    "anrede", "titel", "webseite", "branche", "kundennr", "kundennummer", "unternehmen",
    "hausnummer", "geschäftlich", "privat", "bemerkung", "funktion", "adresse", "rufnummer",
    "bundesland", "sprache", "kontakt", "ansprechpartner", "nr", "geb",
}  # fmt: skip
_ENGLISH_WORDS = {
    "first", "last", "company", "street", "zip", "city", "country", "phone", "mobile",
    "birthday", "address", "job", "postal", "state", "website", "business", "home",
    "account", "contact", "organization", "given", "family", "title", "number",
}  # fmt: skip
_GERMAN_ZIP = re.compile(r"^\d{5}$")
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)


@dataclass(frozen=True)
class RegionChoice:
    region: str
    reason: str  # "most rows' country is DE", for the draft's comment


def _filled(values: Sequence[str | None]) -> list[str]:
    return [v.strip() for v in values if v is not None and v.strip()]


def _international_region(value: str) -> str | None:
    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(text, None)) or None
    except phonenumbers.NumberParseException:
        return None


def header_language(headers: Sequence[str]) -> str | None:
    """'de' or 'en' by the words of the headers; None when they do not say."""
    de = en = 0
    for header in headers:
        words = set(normalize_header(header).split())
        de += bool(words & _GERMAN_WORDS) or any(ch in header for ch in "äöüÄÖÜß")
        en += bool(words & _ENGLISH_WORDS)
    if de == en:
        return None
    return "de" if de > en else "en"


def choose_region(
    phones: Sequence[str | None],
    countries: Sequence[str | None],
    zips: Sequence[str | None],
    headers: Sequence[str],
) -> RegionChoice:
    """The region national phone numbers of this file are read in, and why."""
    lookup = country_lookup()
    isos = [lookup.get(c.casefold()) for c in _filled(countries)]
    found = Counter(iso for iso in isos if iso)
    if found:
        iso, n = found.most_common(1)[0]
        if n * 2 > len(isos):
            return RegionChoice(iso, f"most rows' country is {iso}")
    numbers = _filled(phones)
    international = [n for n in numbers if n.startswith(("+", "00"))]
    if international and len(international) * 2 > len(numbers):
        regions = Counter(r for r in map(_international_region, international) if r)
        if regions:
            region = regions.most_common(1)[0][0]
            return RegionChoice(region, f"most numbers have a country code, mostly {region}")
    national = [n for n in numbers if n not in international]
    trunk_zero = bool(national) and sum(n.startswith(("0", "(0")) for n in national) * 2 > len(
        national
    )
    codes = _filled(zips)
    german_zips = bool(codes) and sum(bool(_GERMAN_ZIP.match(z)) for z in codes) * 5 >= 4 * len(
        codes
    )
    uk_codes = bool(codes) and sum(bool(_UK_POSTCODE.match(z)) for z in codes) * 2 > len(codes)
    language = header_language(headers)
    if language == "de":
        return RegionChoice("DE", "the headers are German")
    if german_zips and (language is None or trunk_zero):
        return RegionChoice("DE", "the ZIP codes are German (five digits)")
    if language == "en":
        if uk_codes or (trunk_zero and not german_zips):
            return RegionChoice("GB", "the headers are English and the numbers start with 0")
        return RegionChoice("US", "the headers are English")
    return RegionChoice(DEFAULT_REGION, "nothing in the file says otherwise")
