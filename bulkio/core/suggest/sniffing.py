"""A look at a column's values: what they are (e-mails, phones, dates, names, countries) and
how they are written (the date format, the phone region)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import phonenumbers
import pycountry

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[\d\s()/.\-]{6,}$")
URL = re.compile(r"^(https?://|www\.)\S+$|^[\w-]+\.(de|com|at|ch|org|net|eu)(/\S*)?$", re.I)
STREET_WITH_HOUSE = re.compile(r"^\D+\s\d+\s?[a-zA-Z]?(\s*[-/]\s*\d+[a-zA-Z]?)?$")
LEGAL_FORM = re.compile(
    r"\b(gmbh|ag|kg|ohg|gbr|ug|e\.?\s?k|e\.?\s?v|se|ltd|inc|llc|sarl|s\.a|bv|co)\b\.?", re.I
)
PROFILE_URL = re.compile(r"^https?://(www\.)?linkedin\.com/in/", re.I)
ACADEMIC = re.compile(r"^(dr|prof|dipl|mag|ing|mr|mrs|ms|herr|frau)\b", re.I)
FULL_NAME = re.compile(r"^[^\d@,;]+\s+[^\d@,;]+$")
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y",
    "%d-%m-%Y", "%Y/%m/%d", "%d %b %Y", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S.%fZ",
)  # fmt: skip
EMPTY_DATES = {"0/0/00", "0.0.00", "00.00.0000", "0000-00-00"}
GENDER_WORDS = {
    "herr", "frau", "mr", "mrs", "ms", "miss", "male", "female", "männlich", "weiblich",
    "m", "w", "f", "divers", "diverse",
}  # fmt: skip
GERMAN_COUNTRY_NAMES = {
    "deutschland", "österreich", "schweiz", "frankreich", "niederlande", "italien", "spanien",
    "belgien", "polen", "dänemark", "tschechien", "luxemburg",
}  # fmt: skip
SHARE = 0.8  # this share of the filled values must agree


@dataclass(frozen=True)
class ColumnLook:
    """What the values of one column look like."""

    kind: str | None  # email | phone | url | date | gender | country | full_name | None
    share: float  # of the filled values, how many are of that kind
    date_format: str | None = None
    phone_region: str | None = None
    street_with_house: bool = False
    filled: int = 0


def _share(values: Sequence[str], test: re.Pattern[str]) -> float:
    return sum(1 for v in values if test.match(v)) / len(values) if values else 0.0


def date_format(values: Sequence[str]) -> tuple[str | None, float]:
    """The strptime format most of the values follow (days above 12 decide d/m vs m/d)."""
    values = [v for v in values if v not in EMPTY_DATES and not v.startswith("--")]
    if not values:
        return None, 0.0
    best: tuple[str | None, float] = (None, 0.0)
    for fmt in DATE_FORMATS:
        ok = 0
        for v in values:
            try:
                datetime.strptime(v, fmt)
                ok += 1
            except ValueError:
                pass
        share = ok / len(values)
        if share > best[1]:
            best = (fmt, share)
    return best


def phone_region(values: Sequence[str], default: str = "DE") -> str:
    """The country most numbers with a country code belong to; numbers without one are
    taken to be from there too."""
    regions: Counter[str] = Counter()
    for v in values:
        if v.strip().startswith(("+", "00")):
            try:
                number = phonenumbers.parse(
                    v.strip().replace("00", "+", 1) if v.strip().startswith("00") else v, None
                )
            except phonenumbers.NumberParseException:
                continue
            region = phonenumbers.region_code_for_number(number)
            if region:
                regions[region] += 1
    return regions.most_common(1)[0][0] if regions else default


def is_country(value: str) -> bool:
    text = value.strip()
    if not text:
        return False
    try:
        pycountry.countries.lookup(text)
        return True
    except LookupError:
        return text.casefold() in GERMAN_COUNTRY_NAMES


def look_at(values: Sequence[str | None]) -> ColumnLook:
    """Classify a column by a sample of its values."""
    filled = [v.strip() for v in values if v is not None and v.strip()]
    if not filled:
        return ColumnLook(None, 0.0)
    n = len(filled)
    checks: list[tuple[str, float]] = [
        ("email", _share(filled, EMAIL)),
        ("url", _share(filled, URL)),
        ("gender", sum(1 for v in filled if v.casefold().rstrip(".") in GENDER_WORDS) / n),
        ("country", sum(1 for v in filled if is_country(v)) / n),
    ]
    fmt, date_share = date_format(filled)
    checks.append(("date", date_share))
    phone_share = _share(filled, PHONE) if date_share < SHARE else 0.0
    checks.append(("phone", phone_share))
    checks.append(("profile_url", _share(filled, PROFILE_URL) + 0.01))
    checks.append(("company", sum(1 for v in filled if LEGAL_FORM.search(v)) / n * 1.5))
    checks.append(("full_name", _share(filled, FULL_NAME) * 0.9))
    titles = sum(1 for v in filled if ACADEMIC.match(v)) / n
    if titles < 0.2 and sum(len(v) for v in filled) / n > 1:
        checks.append(("job_title", 0.6))
    best, share = max(checks, key=lambda c: c[1])
    kind: str | None = best if share >= SHARE or best == "job_title" else None
    return ColumnLook(
        kind=kind,
        share=round(share, 2),
        date_format=fmt if kind == "date" else None,
        phone_region=phone_region(filled) if kind == "phone" else None,
        street_with_house=_share(filled, STREET_WITH_HOUSE) >= SHARE,
        filled=n,
    )
