"""API records -> rows of the standard layout, shared by the xlsx and csv export writers.

Input is what Kanbert returns (``CompanyData``, ``ContactData`` with ``companies`` included,
each carrying ``contact_company.position``). Every value becomes text, as a person would type
it into the template, so an export re-imports as it is:

- references by their label: country by ISO code ("DE"), owner by e-mail, client by name,
  industry by name, size and revenue by title; tags as "VIP, Partner";
- booleans as the layout's yes/no words of the language ("yes"/"no", "ja"/"nein");
- numbers as their decimal text; dates and timestamps as the API wrote them (ISO 8601);
- a contact's first company (by external ID, else name) and position on the Contacts sheet,
  further companies as Links rows (contact by external ID, else e-mail).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bulkio.core.fields import CUSTOM_FIELDS_PREFIX
from bulkio.core.layout import BOOL_WORDS, Column

Row = list[str | None]
Record = Mapping[str, Any]

# Which key of a nested object is its label, by field name.
_LABEL_KEY = {
    "owner": "email",
    "client": "name",
    "business_field": "name",
    "company_size": "title",
    "company_revenue": "title",
}


def _text(value: Any, yes_no: tuple[str, str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no[0] if value else yes_no[1]
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in ("code", "email", "name", "title"):
            if value.get(key) is not None:
                return str(value[key])
        return None
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v, yes_no) for v in value) if t)
    return str(value)


def company_ref(company: Record) -> str | None:
    """How a row names a company: its external ID, else its name."""
    return _text(company.get("external_id"), BOOL_WORDS["en"]) or _text(
        company.get("company_name"), BOOL_WORDS["en"]
    )


def contact_ref(contact: Record) -> str | None:
    """How a Links row names a contact: its external ID, else its e-mail."""
    return _text(contact.get("external_id"), BOOL_WORDS["en"]) or _text(
        contact.get("email"), BOOL_WORDS["en"]
    )


def _position(company: Record) -> str | None:
    pivot = company.get("contact_company") or {}
    return _text(pivot.get("position"), BOOL_WORDS["en"])


Getter = Callable[[Record], str | None]


def _getter(col: Column, yes_no: tuple[str, str]) -> Getter:
    field = col.field
    if col.key == "link.company":
        return lambda r: company_ref(_first_company(r) or {})
    if col.key == "link.position":
        return lambda r: _position(_first_company(r) or {})
    if field.startswith(CUSTOM_FIELDS_PREFIX):
        alias = field[len(CUSTOM_FIELDS_PREFIX) :]
        return lambda r: _text((r.get("custom_fields") or {}).get(alias), yes_no)
    label_key = _LABEL_KEY.get(field)
    if label_key is not None:

        def get_label(r: Record) -> str | None:
            obj = r.get(field)
            return _text(obj.get(label_key), yes_no) if isinstance(obj, Mapping) else None

        return get_label
    return lambda r: _text(r.get(field), yes_no)


def companies_of(contact: Record) -> list[Record]:
    """The companies a contact is linked to (embedded when it was fetched with them)."""
    return list(contact.get("companies") or ())


def _first_company(record: Record) -> Record | None:
    companies = companies_of(record)
    return companies[0] if companies else None


class Flattener:
    """Turns records into rows of one sheet's columns; build once, call per record."""

    def __init__(self, columns: Sequence[Column], *, lang: str = "en") -> None:
        yes_no = BOOL_WORDS.get(lang, BOOL_WORDS["en"])
        self._getters = [_getter(col, yes_no) for col in columns]

    def row(self, record: Record) -> Row:
        return [get(record) for get in self._getters]


def link_rows(contact: Record, columns: Sequence[Column]) -> list[Row]:
    """Links-sheet rows for a contact's further companies (all but the first)."""
    companies = companies_of(contact)[1:]
    ref = contact_ref(contact)
    rows: list[Row] = []
    for company in companies:
        values = {
            "link.contact": ref,
            "link.company": company_ref(company),
            "link.position": _position(company),
        }
        rows.append([values.get(col.key) for col in columns])
    return rows
