"""The two record kinds the sandbox holds, field by field, as the API describes them.

A record is stored as the write-body view (scalar fields by name, references by id, tag ids,
custom fields by alias, timestamps) and rendered into ContactData/CompanyData on the way out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a scalar field is checked."""

    TEXT = "text"
    EMAIL = "email"
    DATE = "date"
    BOOL = "bool"


@dataclass(frozen=True)
class Reference:
    """A reference written as ``<name>_id`` and rendered as a nested object ``<name>``."""

    name: str
    lookup: str  # "countries", "users", "clients", "business_fields", ...

    @property
    def key(self) -> str:
        return f"{self.name}_id"


@dataclass(frozen=True)
class Entity:
    """One record kind: its table, its fields, what it sorts by and what it embeds."""

    name: str  # "contact" | "company"
    plural: str  # "contacts" | "companies"
    scalars: dict[str, Kind]
    references: tuple[Reference, ...]
    has_tags: bool
    sort_fields: tuple[str, ...]
    other: str  # the plural of the kind it links to


def _texts(*names: str) -> dict[str, Kind]:
    return dict.fromkeys(names, Kind.TEXT)


def _address(prefix: str) -> dict[str, Kind]:
    return _texts(
        *(f"{prefix}{part}" for part in ("street", "house", "street2", "zip")),
        *(f"{prefix}{part}" for part in ("state", "town")),
    )


CONTACT = Entity(
    name="contact",
    plural="contacts",
    scalars={
        **_texts("external_id", "external_origin", "gender", "first_name", "last_name"),
        **_texts("title", "title_suffix", "position", "locale"),
        "birthday": Kind.DATE,
        **_texts("fax", "telephone", "telephone_private", "mobile", "mobile_private"),
        "email": Kind.EMAIL,
        "email_private": Kind.EMAIL,
        **_address("address_"),
    },
    references=(
        Reference("address_country", "countries"),
        Reference("owner", "users"),
        Reference("client", "clients"),
    ),
    has_tags=False,
    sort_fields=("first_name", "last_name", "created_at"),
    other="companies",
)

COMPANY = Entity(
    name="company",
    plural="companies",
    scalars={
        **_texts("external_id", "external_origin", "vendor_identifier", "company_name"),
        **_texts("locale", "tax_uid"),
        "taxation_enabled": Kind.BOOL,
        **_texts("iban", "bic"),
        "email": Kind.EMAIL,
        "email_general": Kind.EMAIL,
        **_texts("phone", "fax", "homepage"),
        "invoices_by_post": Kind.BOOL,
        "invoices_by_email": Kind.BOOL,
        **_texts("person_attention_to", "address_invoice_title"),
        **_address("address_invoice_"),
        "address_invoice_is_delivery": Kind.BOOL,
        **_texts("delivery_person_attention_to", "address_delivery_title"),
        **_address("address_delivery_"),
    },
    references=(
        Reference("business_field", "business_fields"),
        Reference("company_size", "company_sizes"),
        Reference("company_revenue", "company_revenues"),
        Reference("address_invoice_country", "countries"),
        Reference("address_delivery_country", "countries"),
        Reference("client", "clients"),
    ),
    has_tags=True,
    sort_fields=("company_name", "updated_at", "created_at"),
    other="contacts",
)

ENTITIES: dict[str, Entity] = {CONTACT.plural: CONTACT, COMPANY.plural: COMPANY}

SERVER_OWNED: tuple[str, ...] = ("id", "created_at", "updated_at", "deleted_at")
TIMESTAMPS: tuple[str, ...] = ("created_at", "updated_at", "deleted_at")


def filterable_fields(entity: Entity) -> dict[str, Kind]:
    """The fields a ``filter[i][field]`` may name: every scalar, the id and the timestamps."""
    fields = dict(entity.scalars)
    fields["id"] = Kind.TEXT
    for stamp in TIMESTAMPS:
        fields[stamp] = Kind.TEXT
    return fields
