"""A look at a column's values: what they are (e-mails, phones, dates, names, countries) and
how they are written (the date format, house numbers in street lines)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
import pycountry

from bulkio.core.normalize.street import street_house
from bulkio.core.suggest.dates import DateFormats, date_formats
from bulkio.core.suggest.people import LEGAL_FORM, whole_names

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[\d\s()/.\-]{6,}$")
URL = re.compile(r"^(https?://|www\.)\S+$|^[\w-]+\.(de|com|at|ch|org|net|eu)(/\S*)?$", re.I)
PROFILE_URL = re.compile(r"^https?://(www\.)?linkedin\.com/in/", re.I)
ACADEMIC = re.compile(r"^(dr|prof|dipl|mag|ing|mr|mrs|ms|herr|frau)\b", re.I)
GENDER_WORDS = {
    "herr", "frau", "mr", "mrs", "ms", "miss", "male", "female", "männlich", "weiblich",
    "m", "w", "f", "divers", "diverse",
}  # fmt: skip
GERMAN_COUNTRY_NAMES = {
    "deutschland", "österreich", "schweiz", "frankreich", "niederlande", "italien", "spanien",
    "belgien", "polen", "dänemark", "tschechien", "luxemburg",
}  # fmt: skip
SHARE = 0.8  # this share of the filled values must agree
# what people type for "no value": a look at the values passes over them
PLACEHOLDER = (
    r"(?i)^(?:-+|–|—|/|\?+|\.+|k\.?\s?a\.?|n\.?\s?a\.?|n/a|keine?|none|unbekannt|unknown|tbd)$"
)
_PLACEHOLDER = re.compile(PLACEHOLDER)


def is_placeholder(value: str) -> bool:
    """'-', 'k.A.', 'n/a', 'keine': a cell that says it has no value."""
    return bool(_PLACEHOLDER.match(value.strip()))


@dataclass(frozen=True)
class ColumnLook:
    """What the values of one column look like."""

    # email | phone | url | date | gender | country | full_name | company | job_title |
    # profile_url | None
    kind: str | None
    share: float  # of the filled values, how many are of that kind
    dates: DateFormats | None = None
    house_share: float = 0.0  # street lines in which a house number is found
    filled: int = 0


def _share(values: Sequence[str], test: re.Pattern[str]) -> float:
    return sum(1 for v in values if test.match(v)) / len(values) if values else 0.0


def is_country(value: str) -> bool:
    text = value.strip()
    if not text:
        return False
    try:
        pycountry.countries.lookup(text)
        return True
    except LookupError:
        return text.casefold() in GERMAN_COUNTRY_NAMES


ZIP_AND_TOWN = re.compile(r"^\s*(?:[A-Za-z]{1,2}-)?(\d{4,5})\s+\S")
# the cleaning steps that take the ZIP code and the town from one cell ("D-01067 Dresden")
ZIP_PART = r"^\s*(?:[A-Za-z]{1,2}-)?(\d{4,5})\b"
TOWN_PART = {r"^\s*(?:[A-Za-z]{1,2}-)?\d{4,5}\s+": ""}


def zip_and_town(values: Sequence[str | None]) -> bool:
    """Most cells hold a ZIP code and a town ("01067 Dresden", "CH-8001 Zürich")."""
    filled = [v for v in values if v is not None and v.strip()]
    return bool(filled) and _share(filled, ZIP_AND_TOWN) >= SHARE


_TWO_EMAILS = re.compile(r"@[^@\s,;/:]+?\s*(:::|[,;/]|\s)\s*[^@\s,;/:]+@")


def several_emails(values: Sequence[str | None]) -> str | None:
    """The text between two e-mail addresses in one cell ("a@x.de; b@x.de" -> ";"), or None
    when no cell holds more than one."""
    separators = Counter(
        " ::: " if found.group(1) == ":::" else found.group(1).strip() or " "
        for v in values
        if v is not None and (found := _TWO_EMAILS.search(v)) is not None
    )
    return separators.most_common(1)[0][0] if separators else None


def house_share(values: Sequence[str]) -> float:
    """Of these street lines, the share in which the mapping's ``split_street`` finds a house
    number ("Hauptstr. 5a", "12 Main St", "Route de Genève 12")."""
    if not values:
        return 0.0
    found = pl.Series(values, dtype=pl.String).to_frame("v").select(street_house(pl.col("v")))
    return float(found.to_series().is_not_null().sum()) / len(values)


def look_at(values: Sequence[str | None]) -> ColumnLook:
    """Classify a column by a sample of its values (placeholders such as '-' aside)."""
    filled = [v.strip() for v in values if v is not None and v.strip() and not is_placeholder(v)]
    if not filled:
        return ColumnLook(None, 0.0)
    n = len(filled)
    emails = sum(all(EMAIL.match(p) for p in re.split(r"[\s,;/]+", v) if p) for v in filled)
    checks: list[tuple[str, float]] = [
        ("email", emails / n),
        ("url", _share(filled, URL)),
        ("gender", sum(1 for v in filled if v.casefold().rstrip(".") in GENDER_WORDS) / n),
        ("country", sum(1 for v in filled if is_country(v)) / n),
    ]
    dates = date_formats(filled)
    date_share = 1 - len(dates.unread) / n if dates is not None else 0.0
    checks.append(("date", date_share))
    phone_share = _share(filled, PHONE) if date_share < SHARE else 0.0
    checks.append(("phone", phone_share))
    checks.append(("profile_url", _share(filled, PROFILE_URL) + 0.01))
    named = [v for v in filled if not (EMAIL.match(v) or URL.match(v))]  # not "acme.co.uk"
    checks.append(("company", sum(1 for v in named if LEGAL_FORM.search(v)) / n * 1.5))
    checks.append(("full_name", 0.81 if whole_names(filled) else 0.0))
    titles = sum(1 for v in filled if ACADEMIC.match(v)) / n
    if titles < 0.2 and sum(len(v) for v in filled) / n > 1:
        checks.append(("job_title", 0.6))
    best, share = max(checks, key=lambda c: c[1])
    kind: str | None = best if share >= SHARE or best == "job_title" else None
    return ColumnLook(
        kind=kind,
        share=round(share, 2),
        dates=dates if kind == "date" else None,
        house_share=house_share(filled),
        filled=n,
    )
