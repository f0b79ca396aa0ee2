"""API records -> rows of the standard layout, shared by the xlsx and csv export writers.

Input is what Kanbert returns (``CompanyData``, ``ContactData`` with ``companies`` included,
each carrying ``contact_company.position``). Every value becomes text, as a person would type
it into the template, so an export re-imports as it is:

- references by their label (their ``Lookup``'s first label key): country by ISO code
  ("DE"), owner by e-mail, client by name, industry by name, size and revenue by title;
  tags as "VIP, Partner";
- booleans as the layout's yes/no words of the language ("yes"/"no", "ja"/"nein"), genders
  as its gender words ("female"/"weiblich");
- numbers as their decimal text; dates and timestamps as the API wrote them (ISO 8601);
- a contact's first company (by external ID, else name) and position on the Contacts sheet,
  further companies as Links rows (contact by external ID, else e-mail).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.fields import CUSTOM_FIELDS_PREFIX, GENDERS
from bulkio.core.layout import BOOL_WORDS, CHOICES_GENDERS, GENDER_WORDS, Column
from bulkio.core.lookups import Lookup

Row = list[str | None]
Record = Mapping[str, Any]
_NO_BOOLS = BOOL_WORDS["en"]  # for values that are never yes/no


def _text(value: Any, yes_no: tuple[str, str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no[0] if value else yes_no[1]
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v, yes_no) for v in value) if t)
    return str(value)


def _label(value: Any, lookup: Lookup) -> str | None:
    """A reference as a person types it: the label of the nested object (tags: of each)."""
    if isinstance(value, Mapping):
        for key in lookup.label_keys:  # the first label that is not blank
            label = value.get(key)
            if label is not None and str(label) != "":
                return str(label)
        return None
    if isinstance(value, list):
        return ", ".join(t for t in (_label(v, lookup) for v in value) if t)
    return _text(value, _NO_BOOLS)


def record_ref(entity: Entity, record: Record) -> str | None:
    """How a row names a record: its external ID, else its name (a company) or its e-mail
    (a contact)."""
    return _text(record.get("external_id"), _NO_BOOLS) or _text(
        record.get(entity.match_field), _NO_BOOLS
    )


def _position(company: Record) -> str | None:
    pivot = company.get("contact_company") or {}
    return _text(pivot.get("position"), _NO_BOOLS)


Getter = Callable[[Record], str | None]


def _gender(value: Any, words: tuple[str, ...]) -> str | None:
    """A gender in the template's words of the language; a value outside the list as it is."""
    text = _text(value, _NO_BOOLS)
    return words[GENDERS.index(text)] if text in GENDERS else text


def _getter(col: Column, yes_no: tuple[str, str], lang: str) -> Getter | None:
    """How a column's text is read from a record; None for a plain field (its value by the
    column's field name, as text: ``Flattener`` reads those all at once)."""
    field = col.field
    if col.choices == CHOICES_GENDERS:
        words = GENDER_WORDS.get(lang, GENDERS)
        return lambda r: _gender(r.get(field), words)
    if col.key == "link.company":
        return lambda r: record_ref(Entity.COMPANY, _first_company(r) or {})
    if col.key == "link.position":
        return lambda r: _position(_first_company(r) or {})
    if field.startswith(CUSTOM_FIELDS_PREFIX):
        alias = field[len(CUSTOM_FIELDS_PREFIX) :]
        return lambda r: _text((r.get("custom_fields") or {}).get(alias), yes_no)
    entity = Entity.named(col.key.partition(".")[0])
    spec = entity.field(field) if entity is not None else None
    if spec is not None and spec.lookup is not None:
        lookup = spec.lookup
        return lambda r: _label(r.get(field), lookup)
    return None


def companies_of(contact: Record) -> list[Record]:
    """The companies a contact is linked to (embedded when it was fetched with them)."""
    return list(contact.get("companies") or ())


def _first_company(record: Record) -> Record | None:
    companies = companies_of(record)
    return companies[0] if companies else None


class Flattener:
    """Turns records into rows of one sheet's columns; build once, call per record.

    Most columns are a field's value as it is (a text, or nothing): those are read in one
    pass, and only a value that is not a text goes through ``_text``; the other columns
    (references, genders, custom fields, a contact's company) each have their getter."""

    def __init__(self, columns: Sequence[Column], *, lang: str = "en") -> None:
        self._yes_no = BOOL_WORDS.get(lang, BOOL_WORDS["en"])
        getters = [_getter(col, self._yes_no, lang) for col in columns]
        # a getter's column reads this key first: no record has it, so its value is None
        self._keys = [
            _NOT_A_FIELD if get else col.field for col, get in zip(columns, getters, strict=True)
        ]
        self._getters = [(i, get) for i, get in enumerate(getters) if get is not None]

    def row(self, record: Record) -> Row:
        yes_no = self._yes_no
        row = [
            value if value is None or value.__class__ is str else _text(value, yes_no)
            for value in map(record.get, self._keys)
        ]
        for i, getter in self._getters:
            row[i] = getter(record)
        return row


_NOT_A_FIELD = "\0not a field"


def link_rows(contact: Record, columns: Sequence[Column], *, every: bool = False) -> list[Row]:
    """Links-sheet rows for a contact's further companies (all but the first, which its
    Contacts row names), or for ``every`` company when there is no Contacts row."""
    companies = companies_of(contact)[0 if every else 1 :]
    ref = record_ref(Entity.CONTACT, contact)
    rows: list[Row] = []
    for company in companies:
        values = {
            "link.contact": ref,
            "link.company": record_ref(Entity.COMPANY, company),
            "link.position": _position(company),
        }
        rows.append([values.get(col.key) for col in columns])
    return rows
