"""The phone region of a file: where its national numbers ("0351 123456") belong.

A national number carries no country, so the region comes from evidence about the file. The
most frequent country of a country column decides (a row with another country reads its
numbers there anyway), else the country codes when most numbers have one.
Otherwise each region of the lists bulkio is used for (DE, AT, CH, GB, US) scores what points
to it: the endings of e-mail and web addresses (.ch, .at, .co.uk), the shape of the ZIP codes
(five digits, four, a UK postcode), the national numbers that are valid numbers there and the
language of the headers. DE when nothing says otherwise.
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
REGIONS = ("DE", "AT", "CH", "GB", "US")  # in this order when the evidence is even
_GERMAN_WORDS = {
    "vorname", "nachname", "firma", "firmenname", "straße", "strasse", "plz", "postleitzahl",
    "ort", "stadt", "land", "telefon", "handy", "mobil", "geburtstag", "geburtsdatum",
    "anrede", "titel", "webseite", "branche", "kundennr", "kundennummer", "unternehmen",
    "hausnummer", "geschäftlich", "privat", "bemerkung", "funktion", "adresse", "rufnummer",
    "bundesland", "sprache", "kontakt", "ansprechpartner", "nr", "geb", "natel", "kanton",
}  # fmt: skip
_ENGLISH_WORDS = {
    "first", "last", "company", "street", "zip", "city", "country", "phone", "mobile",
    "birthday", "address", "job", "postal", "state", "website", "business", "home",
    "account", "contact", "organization", "given", "family", "title", "number", "postcode",
    "county", "town", "full",
}  # fmt: skip
_FRENCH_WORDS = {"nom", "prénom", "rue", "npa", "localité", "ville", "pays", "téléphone",
                 "portable", "société", "entreprise", "civilité", "courriel"}  # fmt: skip
_GERMAN_ZIP = re.compile(r"^(?:D-?)?\d{5}$", re.I)
_FOUR_DIGIT_ZIP = re.compile(r"^(?:(?:A|CH)-?)?\d{4}$", re.I)
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)
_DOMAINS = {"de": "DE", "at": "AT", "ch": "CH", "uk": "GB", "us": "US"}


@dataclass(frozen=True)
class RegionChoice:
    region: str
    reason: str  # "most rows' country is DE", for the draft's comment
    sure: bool = True  # False: the evidence is thin or split


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


def _valid_in(number: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def header_language(headers: Sequence[str]) -> str | None:
    """'de', 'en' or 'fr' by the words of the headers; None when they do not say."""
    votes: Counter[str] = Counter()
    for header in headers:
        words = set(normalize_header(header).split())
        votes["de"] += bool(words & _GERMAN_WORDS) or any(ch in header for ch in "äöüÄÖÜß")
        votes["en"] += bool(words & _ENGLISH_WORDS)
        votes["fr"] += bool(words & _FRENCH_WORDS)
    ranked = votes.most_common()
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _share(values: Sequence[str], pattern: re.Pattern[str]) -> float:
    return sum(bool(pattern.match(v)) for v in values) / len(values) if values else 0.0


def choose_region(
    phones: Sequence[str | None],
    countries: Sequence[str | None],
    zips: Sequence[str | None],
    headers: Sequence[str],
    addresses: Sequence[str | None] = (),
) -> RegionChoice:
    """The region national phone numbers of this file are read in, and why."""
    lookup = country_lookup()
    isos = [lookup.get(c.casefold()) for c in _filled(countries)]
    found = Counter(iso for iso in isos if iso)
    if found:
        ranked = found.most_common(2)
        iso, n = ranked[0]
        if n * 2 > len(isos):
            return RegionChoice(iso, f"most rows' country is {iso}")
        if len(ranked) == 1 or n > ranked[1][1]:  # the most frequent, not the majority
            return RegionChoice(
                iso,
                f"more rows have the country {iso} than any other ({n} of {len(isos)}); a row "
                "with another country reads its numbers there",
                sure=False,
            )
    numbers = _filled(phones)
    international = [n for n in numbers if n.startswith(("+", "00"))]
    if international and len(international) * 2 > len(numbers):
        regions = Counter(r for r in map(_international_region, international) if r)
        if regions:
            region = regions.most_common(1)[0][0]
            return RegionChoice(region, f"most numbers have a country code, mostly {region}")
    return _weighed(numbers, international, _filled(zips), headers, _filled(addresses))


def _weighed(
    numbers: Sequence[str],
    international: Sequence[str],
    codes: Sequence[str],
    headers: Sequence[str],
    addresses: Sequence[str],
) -> RegionChoice:
    score: dict[str, float] = dict.fromkeys(REGIONS, 0.0)
    why: dict[str, list[str]] = {r: [] for r in REGIONS}

    def point(region: str, weight: float, reason: str) -> None:
        score[region] += weight
        why[region].append(reason)

    endings = Counter(
        tld
        for a in addresses
        if (tld := a.split("@")[-1].split("/")[0].rsplit(".", 1)[-1].casefold()) in _DOMAINS
    )
    for tld, n in endings.items():
        if n * 2 > len(addresses):
            point(_DOMAINS[tld], 2.0, f"most e-mail and web addresses end in .{tld}")
    if codes:
        if _share(codes, _GERMAN_ZIP) >= 0.8:
            point("DE", 2.0, "the ZIP codes have five digits")
            point("US", 2.0, "the ZIP codes have five digits")
        if _share(codes, _FOUR_DIGIT_ZIP) >= 0.8:
            point("AT", 1.5, "the ZIP codes have four digits")
            point("CH", 1.5, "the ZIP codes have four digits")
        if _share(codes, _UK_POSTCODE) > 0.5:
            point("GB", 3.0, "the postcodes are British")
    national = [n for n in numbers if n not in international]
    if national:
        for region in REGIONS:
            valid = sum(_valid_in(n, region) for n in national) / len(national)
            if valid >= 0.5:
                point(region, 2.0 * valid, f"{valid:.0%} of the numbers are valid in {region}")
        if sum(n.lstrip("(").startswith("0") for n in national) * 2 > len(national):
            point("US", -2.0, "")
    language = header_language(headers)
    if language == "de":
        point("DE", 1.0, "the headers are German")
        point("AT", 0.5, "the headers are German")
        point("CH", 0.5, "the headers are German")
    elif language == "en":
        point("GB", 1.0, "the headers are English")
        point("US", 1.0, "the headers are English")
    elif language == "fr":
        point("CH", 1.0, "the headers are French")
    ranked = sorted(REGIONS, key=lambda r: -score[r])
    best, second = ranked[0], ranked[1]
    if score[best] <= 0:
        return RegionChoice(DEFAULT_REGION, "nothing in the file says otherwise", sure=False)
    reasons = ", ".join(r for r in why[best] if r)
    sure = score[best] - score[second] >= 1.0
    return RegionChoice(best, reasons, sure)
