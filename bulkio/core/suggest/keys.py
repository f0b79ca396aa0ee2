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
                  "organization", "unternehmen", "kd", "customer", "client", "mandant",
                  "lieferant", "supplier")  # fmt: skip
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


def rows_text(rows: Sequence[int], limit: int = 4) -> str:
    """'row 4', 'rows 4 and 9', 'rows 4, 9, 12 and 3 more'."""
    shown = [str(r) for r in rows[:limit]]
    if len(rows) > limit:
        return f"rows {', '.join(shown)} and {len(rows) - limit} more"
    if len(shown) == 1:
        return f"row {shown[0]}"
    return f"rows {', '.join(shown[:-1])} and {shown[-1]}"


def blank_rows(values: Sequence[str | None], rows: Sequence[int]) -> list[int]:
    """The rows where the column is empty."""
    return [row for value, row in zip(_clean(values), rows, strict=False) if value is None]


def repeated_values(values: Sequence[str | None], rows: Sequence[int]) -> list[str]:
    """What keeps a column from being one key per row: "'1003' is on rows 5 and 9",
    "rows 7 and 12 are empty"; [] when every row has its own value."""
    where: dict[str, list[int]] = {}
    for value, row in zip(_clean(values), rows, strict=False):
        if value is not None:
            where.setdefault(value, []).append(row)
    empty = blank_rows(values, rows)
    found = [f"'{v}' is on {rows_text(r)}" for v, r in where.items() if len(r) > 1]
    shown = found[:3] + ([f"{len(found) - 3} more values repeat"] if len(found) > 3 else [])
    if empty:
        shown.append(f"{rows_text(empty)} {'is' if len(empty) == 1 else 'are'} empty")
    return shown


def company_conflicts(
    values: Sequence[str | None], names: Sequence[str | None], rows: Sequence[int]
) -> list[str]:
    """What keeps a column from being the company's number in a flat file: one number for
    two companies, or two numbers for one company, with the rows."""
    by_value: dict[str, dict[str, int]] = {}
    by_name: dict[str, dict[str, int]] = {}
    for value, name, row in zip(_clean(values), _clean(names), rows, strict=False):
        if value is None or name is None:
            continue
        by_value.setdefault(value, {}).setdefault(name, row)
        by_name.setdefault(name.casefold(), {}).setdefault(value, row)
    found = [
        f"'{v}' names {' and '.join(repr(n) for n in names_)} ({rows_text(list(names_.values()))})"
        for v, names_ in by_value.items()
        if len(names_) > 1
    ]
    found += [
        f"one company has {' and '.join(repr(v) for v in numbers)} "
        f"({rows_text(list(numbers.values()))})"
        for numbers in by_name.values()
        if len(numbers) > 1
    ]
    return found[:3] + ([f"and {len(found) - 3} more"] if len(found) > 3 else [])
