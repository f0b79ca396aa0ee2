"""The write bodies of Kanbert's contacts and companies as TypedDicts, references as labels.

``COLUMN_ADAPTERS`` holds one ``TypeAdapter`` per entity that checks a whole batch at once,
field by field over its distinct values; a model per row would cost many times the time and
memory on a million rows (see benchmarks/bench_map.py).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_type_hints

from pydantic import StringConstraints, TypeAdapter
from typing_extensions import TypedDict

from bulkio.core.entities import Entity

Text = Annotated[str, StringConstraints(min_length=1, max_length=255)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Date = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Gender = Literal["male", "female", "diverse"]
CustomValue = str | bool | int | None


class ContactBody(TypedDict, total=False):
    external_id: Text | None
    external_origin: Text | None
    gender: Gender | None
    title: Text | None
    first_name: Text | None
    last_name: Text | None
    title_suffix: Text | None
    position: Text | None
    locale: Text | None
    birthday: Date | None
    email: Text | None
    email_private: Text | None
    telephone: Text | None
    telephone_private: Text | None
    mobile: Text | None
    mobile_private: Text | None
    fax: Text | None
    address_street: Text | None
    address_house: Text | None
    address_street2: Text | None
    address_zip: Text | None
    address_town: Text | None
    address_state: Text | None
    address_country: Country | None
    owner: Text | None
    client: Text | None
    custom_fields: dict[str, CustomValue]


class CompanyBody(TypedDict, total=False):
    external_id: Text | None
    external_origin: Text | None
    company_name: Text | None
    vendor_identifier: Text | None
    locale: Text | None
    tax_uid: Text | None
    taxation_enabled: bool | None
    iban: Text | None
    bic: Text | None
    email: Text | None
    email_general: Text | None
    phone: Text | None
    fax: Text | None
    homepage: LongText | None
    invoices_by_post: bool | None
    invoices_by_email: bool | None
    business_field: Text | None
    company_size: Text | None
    company_revenue: Text | None
    tags: list[Text] | None
    person_attention_to: Text | None
    address_invoice_title: Text | None
    address_invoice_street: Text | None
    address_invoice_house: Text | None
    address_invoice_street2: Text | None
    address_invoice_zip: Text | None
    address_invoice_town: Text | None
    address_invoice_state: Text | None
    address_invoice_country: Country | None
    address_invoice_is_delivery: bool | None
    delivery_person_attention_to: Text | None
    address_delivery_title: Text | None
    address_delivery_street: Text | None
    address_delivery_house: Text | None
    address_delivery_street2: Text | None
    address_delivery_zip: Text | None
    address_delivery_town: Text | None
    address_delivery_state: Text | None
    address_delivery_country: Country | None
    client: Text | None
    custom_fields: dict[str, CustomValue]


def _covers(body: type, entity: Entity) -> None:
    missing = set(entity.field_names()) - set(body.__annotations__)
    if missing:  # pragma: no cover - guards the catalogue and the bodies drifting apart
        raise RuntimeError(f"{body.__name__} lacks {sorted(missing)}")


_covers(ContactBody, Entity.CONTACT)
_covers(CompanyBody, Entity.COMPANY)


def _column_adapter(body: type, name: str) -> TypeAdapter[dict[str, list[object]]]:
    """A TypeAdapter for {field: [values...]}: every field's values checked in one call."""
    hints = get_type_hints(body, include_extras=True)
    columns = {k: list[v] for k, v in hints.items() if k != "custom_fields"}  # type: ignore[valid-type]
    shape = TypedDict(name, columns, total=False)  # type: ignore[misc]
    return TypeAdapter(shape)  # type: ignore[arg-type]


# Validation runs per column over the distinct values of a batch: the same constraints as the
# row bodies, at a fraction of the cost on a million rows (see benchmarks/bench_map.py).
COLUMN_ADAPTERS = {
    Entity.CONTACT: _column_adapter(ContactBody, "ContactColumns"),
    Entity.COMPANY: _column_adapter(CompanyBody, "CompanyColumns"),
}
