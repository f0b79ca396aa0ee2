"""What each role of a mapping reads (its targets) and the normaliser each target gets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from bulkio.core.entities import Entity, Role
from bulkio.core.fields import CUSTOM_FIELDS_PREFIX, Kind
from bulkio.core.lookups import Lookup
from bulkio.core.mapping.columns import position_role
from bulkio.core.mapping.schema import FieldSpec, Mapping
from bulkio.core.normalize.bank import normalize_bics, normalize_ibans
from bulkio.core.normalize.booleans import normalize_booleans
from bulkio.core.normalize.country import normalize_countries
from bulkio.core.normalize.dates import normalize_dates
from bulkio.core.normalize.email import normalize_emails
from bulkio.core.normalize.gender import normalize_genders
from bulkio.core.normalize.locale import normalize_locales
from bulkio.core.normalize.numbers import normalize_integers
from bulkio.core.normalize.phone import normalize_phones
from bulkio.core.normalize.postcode import check_postcodes
from bulkio.core.normalize.result import Normalized
from bulkio.core.normalize.url import normalize_urls
from bulkio.core.normalize.vat import normalize_vat_ids

_COMPANY_ADDRESSES = ("address_invoice", "address_delivery")
# a postcode field -> the country field of the same address
_POSTCODE_COUNTRY = {
    "address_zip": "address_country",
    "address_invoice_zip": "address_invoice_country",
    "address_delivery_zip": "address_delivery_country",
}
_CUSTOM_KIND = {"string": Kind.TEXT, "boolean": Kind.BOOL, "integer": None, "date": Kind.DATE}


@dataclass(frozen=True)
class Target:
    """One field a role fills: 'company.company_name', 'contact.custom_fields.vip'..."""

    entity: str  # "company", "contact" (an Entity) or "link"
    name: str  # field name, "custom_fields.<alias>" or "position"
    spec: FieldSpec
    kind: Kind | None  # None: a whole number (custom field of type integer)
    lookup: Lookup | None = None

    @property
    def column(self) -> str:
        """The frame column holding this target's value."""
        return f"{self.entity}.{self.name}"

    @property
    def source(self) -> str | None:
        """The spreadsheet column(s) a person should look at."""
        columns = self.spec.source_columns()
        return " + ".join(columns) if columns else None

    @property
    def is_postcode(self) -> bool:
        return self.entity != "link" and self.name in _POSTCODE_COUNTRY

    @property
    def needs_country(self) -> bool:
        """Whether the value is read in the row's country (phones, postcodes)."""
        return self.kind is Kind.PHONE or self.is_postcode

    def country_columns(self) -> list[str]:
        """The frame columns that may hold this value's country, most telling first: the
        record's own address, then the other record's on the same row."""
        contact = [Entity.CONTACT.key("address_country")]
        company = [Entity.COMPANY.key(f"{p}_country") for p in _COMPANY_ADDRESSES]
        if self.entity == Entity.CONTACT:
            return contact + company
        own = _POSTCODE_COUNTRY.get(self.name)
        if own is not None:
            company = [Entity.COMPANY.key(own), *(c for c in company if c != own)]
        return company + contact

    @property
    def custom_alias(self) -> str | None:
        if self.name.startswith(CUSTOM_FIELDS_PREFIX):
            return self.name.removeprefix(CUSTOM_FIELDS_PREFIX)
        return None


def _entity_targets(entity: Entity, specs: dict[str, FieldSpec]) -> list[Target]:
    found = []
    for name, spec in specs.items():
        if name.startswith(CUSTOM_FIELDS_PREFIX):
            kind = _CUSTOM_KIND[spec.type or "string"]
            found.append(Target(entity, name, spec, kind))
            continue
        field = entity.field(name)
        assert field is not None  # the loader checked the names
        found.append(Target(entity, name, spec, field.kind, field.lookup))
    return found


def targets_for(mapping: Mapping, role: Role) -> list[Target]:
    """The targets the rows of ``role`` fill, in mapping order."""
    found: list[Target] = []
    for entity in role.entities:
        found += _entity_targets(entity, mapping.section(entity).fields)
    position = mapping.link.position if position_role(mapping) == role else None
    if role is Role.CONTACTS and mapping.contact.company_position is not None:
        position = mapping.contact.company_position
    if position is not None:
        found.append(Target("link", "position", position, Kind.TEXT))
    return found


# kinds whose normaliser needs nothing but the column
_BY_KIND: dict[Kind, Callable[[pl.Series], Normalized]] = {
    Kind.URL: normalize_urls,
    Kind.BOOL: normalize_booleans,
    Kind.COUNTRY: normalize_countries,
    Kind.GENDER: normalize_genders,
    Kind.IBAN: normalize_ibans,
    Kind.BIC: normalize_bics,
    Kind.VAT: normalize_vat_ids,
    Kind.LOCALE: normalize_locales,
}


def normalize(
    target: Target, series: pl.Series, mapping: Mapping, countries: pl.Series | None = None
) -> Normalized:
    """Clean one target's column by its kind; the user need not ask for it. ``countries``
    (an ISO code per row, or null) is the row's country for phones and postcodes."""
    spec, defaults = target.spec, mapping.defaults
    kind = target.kind
    if kind is None:
        return normalize_integers(series)
    region = spec.region or defaults.phone_region
    if kind is Kind.PHONE:
        return normalize_phones(series, region=region, countries=countries)
    if target.is_postcode:
        return check_postcodes(series, default=region, countries=countries)
    if kind is Kind.EMAIL or target.lookup is Lookup.USERS:
        return normalize_emails(series)
    if kind in _BY_KIND:
        return _BY_KIND[kind](series)
    if kind is Kind.DATE:
        formats = spec.formats if spec.formats is not None else defaults.date_formats
        serial = spec.excel_serial if spec.excel_serial is not None else defaults.excel_serial
        return normalize_dates(series, formats=formats, excel_serial=serial)
    if kind is Kind.TAGS:
        separator = spec.split or defaults.list_separator
        parts = series.str.split(separator).list.eval(
            pl.element().str.strip_chars().filter(pl.element().str.strip_chars() != "")
        )
        values = pl.select(pl.when(parts.list.len() > 0).then(parts)).to_series()
        return Normalized.fine(values.alias(series.name))
    return Normalized.fine(series)
