"""Which id column keys which record, judged by the values rather than by the name alone.

In a flat file the company repeats on every row of its contacts: a column whose value is the
same whenever the company is the same (and differs between companies) is the company's key
("Kundennr."); a column with a different value on every row and an id-like name
("Kontakt-ID", "Record ID", "Nr.") is the contact's key.
"""

from __future__ import annotations

from collections.abc import Sequence

from bulkio.core.suggest.synonyms import normalize_header

_ID_WORDS = {"id", "nr", "no", "nummer", "number", "kennung", "key", "schlüssel"}
_ID_ENDINGS = ("nr", "nummer", "number")
_COMPANY_WORDS = ("kunde", "kunden", "firma", "firmen", "company", "account", "organisation",
                  "organization", "unternehmen", "kd")  # fmt: skip
_PERSON_WORDS = ("kontakt", "contact", "person", "personen", "record", "ansprechpartner")
FILLED_SHARE = 0.8  # a key column has a value on (nearly) every row


def looks_like_id(header: str) -> bool:
    """'Kontakt-ID', 'Record ID', 'Nr.', 'Kundennr.', 'Kd.-Nr.': a name that says 'id'."""
    words = normalize_header(header).split()
    if not words:
        return False
    last = words[-1]
    return last in _ID_WORDS or (len(last) > 4 and last.endswith(_ID_ENDINGS))


def names_company(header: str) -> bool:
    """The header's words speak of a company ('Kundennr.', 'Company ID', 'Firmen-Nr.')."""
    words = normalize_header(header).split()
    return any(w.startswith(_COMPANY_WORDS) for w in words)


def names_person(header: str) -> bool:
    words = normalize_header(header).split()
    return any(w.startswith(_PERSON_WORDS) for w in words)


def _clean(values: Sequence[str | None]) -> list[str | None]:
    return [v.strip() if v is not None and v.strip() else None for v in values]


def mostly_filled(values: Sequence[str | None]) -> bool:
    cleaned = _clean(values)
    return bool(cleaned) and sum(v is not None for v in cleaned) >= FILLED_SHARE * len(cleaned)


def unique_per_row(values: Sequence[str | None]) -> bool:
    """Filled on nearly every row and never the same value twice."""
    filled = [v for v in _clean(values) if v is not None]
    return mostly_filled(values) and len(set(filled)) == len(filled) and len(filled) > 1


def companies_repeat(names: Sequence[str | None]) -> bool:
    """Some company is on more than one row (so repeats can be told from uniqueness)."""
    filled = [v.casefold() for v in _clean(names) if v is not None]
    return len(set(filled)) < len(filled)


def follows_company(values: Sequence[str | None], names: Sequence[str | None]) -> bool:
    """The value is the same whenever the company name is, and differs between companies."""
    by_name: dict[str, set[str]] = {}
    by_value: dict[str, set[str]] = {}
    for value, name in zip(_clean(values), _clean(names), strict=False):
        if value is None or name is None:
            continue
        by_name.setdefault(name.casefold(), set()).add(value)
        by_value.setdefault(value, set()).add(name.casefold())
    if len(by_value) < 1 or not mostly_filled(values):
        return False
    return all(len(s) == 1 for s in by_name.values()) and all(
        len(s) == 1 for s in by_value.values()
    )
