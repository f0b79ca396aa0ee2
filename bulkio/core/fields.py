"""The writable fields of Kanbert's contacts and companies, as bulkio sees them.

One catalogue serves the mapping (which targets exist), validation (what type each holds),
templates (a column per field, with a label and a note) and the export. Field names are
those of Kanbert's response schemas (``ContactData``, ``CompanyData``); references are named
as in the response (``address_country``, ``owner``, ``tags``) and hold a *label* a person
can type ("Deutschland", "anna@firma.de", "VIP"). Turning a label into an id is the
import's job; the wire module knows the write-body names (``address_country_id``...).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    COMPANY = "company"
    CONTACT = "contact"


class Kind(StrEnum):
    """What a field holds, which decides how it is cleaned and checked."""

    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    DATE = "date"
    BOOL = "bool"
    COUNTRY = "country"  # ISO 3166-1 alpha-2 code; resolved to a country id
    GENDER = "gender"
    IBAN = "iban"
    BIC = "bic"
    VAT = "vat"
    LOCALE = "locale"
    REFERENCE = "reference"  # a look-up by label, resolved to an id by the import
    TAGS = "tags"  # a list of tag titles, resolved to tag ids by the import


@dataclass(frozen=True)
class Field:
    """One writable field of a Kanbert record."""

    name: str
    entity: Entity
    kind: Kind
    label_en: str
    label_de: str
    note_en: str = ""
    example: str = ""
    # For REFERENCE/TAGS/COUNTRY: the look-up the label is resolved through.
    lookup: str | None = None

    @property
    def key(self) -> str:
        return f"{self.entity.value}.{self.name}"


GENDERS: tuple[str, ...] = ("male", "female", "diverse")

# Look-up names, each one list endpoint of the API (see kanbert-api.md).
LOOKUP_COUNTRIES = "countries"
LOOKUP_USERS = "users"
LOOKUP_CLIENTS = "clients"
LOOKUP_BUSINESS_FIELDS = "business-fields"
LOOKUP_COMPANY_SIZES = "company-sizes"
LOOKUP_COMPANY_REVENUES = "company-revenues"
LOOKUP_TAGS = "tags"

_C = Entity.CONTACT
_O = Entity.COMPANY


def _address(entity: Entity, prefix: str, en: str, de: str) -> list[Field]:
    return [
        Field(
            f"{prefix}street", entity, Kind.TEXT, f"{en}Street", f"{de}Straße", "", "Hauptstraße"
        ),
        Field(f"{prefix}house", entity, Kind.TEXT, f"{en}House no.", f"{de}Hausnr.", "", "12a"),
        Field(
            f"{prefix}street2",
            entity,
            Kind.TEXT,
            f"{en}Address line 2",
            f"{de}Adresszusatz",
            "",
            "c/o Müller",
        ),
        Field(f"{prefix}zip", entity, Kind.TEXT, f"{en}ZIP", f"{de}PLZ", "", "01067"),
        Field(f"{prefix}town", entity, Kind.TEXT, f"{en}Town", f"{de}Ort", "", "Dresden"),
        Field(f"{prefix}state", entity, Kind.TEXT, f"{en}State", f"{de}Bundesland", "", "Sachsen"),
        Field(
            f"{prefix}country",
            entity,
            Kind.COUNTRY,
            f"{en}Country",
            f"{de}Land",
            "Country name (English or German) or ISO code",
            "DE",
            LOOKUP_COUNTRIES,
        ),
    ]


CONTACT_FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        _C,
        Kind.TEXT,
        "External ID",
        "Externe ID",
        "Your own unique id for this contact; used to find it again on the next import",
        "C-1001",
    ),
    Field(
        "external_origin",
        _C,
        Kind.TEXT,
        "External origin",
        "Herkunftssystem",
        "The system the external ID comes from",
        "Outlook",
    ),
    Field("gender", _C, Kind.GENDER, "Gender", "Geschlecht", "male, female or diverse", "female"),
    Field("title", _C, Kind.TEXT, "Title", "Titel", "Academic title before the name", "Dr."),
    Field("first_name", _C, Kind.TEXT, "First name", "Vorname", "", "Anna"),
    Field("last_name", _C, Kind.TEXT, "Last name", "Nachname", "", "Müller"),
    Field("title_suffix", _C, Kind.TEXT, "Title suffix", "Namenszusatz", "", "MBA"),
    Field(
        "position",
        _C,
        Kind.TEXT,
        "Job title",
        "Funktion",
        "The contact's general job title",
        "Head of Sales",
    ),
    Field("locale", _C, Kind.LOCALE, "Language", "Sprache", "Language code", "de"),
    Field("birthday", _C, Kind.DATE, "Birthday", "Geburtstag", "A date", "1980-04-23"),
    Field("email", _C, Kind.EMAIL, "E-mail", "E-Mail", "", "anna.mueller@example.de"),
    Field(
        "email_private", _C, Kind.EMAIL, "E-mail (private)", "E-Mail privat", "", "anna@example.org"
    ),
    Field("telephone", _C, Kind.PHONE, "Phone", "Telefon", "", "+49 351 1234567"),
    Field(
        "telephone_private",
        _C,
        Kind.PHONE,
        "Phone (private)",
        "Telefon privat",
        "",
        "+49 351 7654321",
    ),
    Field("mobile", _C, Kind.PHONE, "Mobile", "Mobil", "", "+49 171 1234567"),
    Field(
        "mobile_private", _C, Kind.PHONE, "Mobile (private)", "Mobil privat", "", "+49 172 7654321"
    ),
    Field("fax", _C, Kind.PHONE, "Fax", "Fax", "", "+49 351 1234568"),
    *_address(_C, "address_", "", ""),
    Field(
        "owner",
        _C,
        Kind.REFERENCE,
        "Owner (user e-mail)",
        "Betreuer (E-Mail)",
        "E-mail of the Kanbert user who looks after this contact",
        "sales@example.de",
        LOOKUP_USERS,
    ),
    Field(
        "client",
        _C,
        Kind.REFERENCE,
        "Client",
        "Mandant",
        "Client name or external ID",
        "",
        LOOKUP_CLIENTS,
    ),
)

COMPANY_FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        _O,
        Kind.TEXT,
        "External ID",
        "Externe ID",
        "Your own unique id for this company; used to find it again on the next import",
        "K-2001",
    ),
    Field(
        "external_origin",
        _O,
        Kind.TEXT,
        "External origin",
        "Herkunftssystem",
        "The system the external ID comes from",
        "Outlook",
    ),
    Field("company_name", _O, Kind.TEXT, "Company name", "Firmenname", "", "Muster GmbH"),
    Field("vendor_identifier", _O, Kind.TEXT, "Vendor number", "Lieferantennummer", "", "L-4711"),
    Field("locale", _O, Kind.LOCALE, "Language", "Sprache", "Language code", "de"),
    Field(
        "tax_uid",
        _O,
        Kind.VAT,
        "VAT ID",
        "USt-IdNr.",
        "EU VAT identification number",
        "DE123456789",
    ),
    Field("taxation_enabled", _O, Kind.BOOL, "Reverse charge", "Reverse Charge", "yes or no", "no"),
    Field("iban", _O, Kind.IBAN, "IBAN", "IBAN", "", "DE89370400440532013000"),
    Field("bic", _O, Kind.BIC, "BIC", "BIC", "", "COBADEFFXXX"),
    Field(
        "email",
        _O,
        Kind.EMAIL,
        "E-mail (invoices)",
        "E-Mail (Rechnungen)",
        "",
        "rechnung@muster.de",
    ),
    Field(
        "email_general",
        _O,
        Kind.EMAIL,
        "E-mail (general)",
        "E-Mail (allgemein)",
        "",
        "info@muster.de",
    ),
    Field("phone", _O, Kind.PHONE, "Phone", "Telefon", "", "+49 351 1234500"),
    Field("fax", _O, Kind.PHONE, "Fax", "Fax", "", "+49 351 1234599"),
    Field("homepage", _O, Kind.URL, "Website", "Webseite", "", "https://www.muster.de"),
    Field(
        "invoices_by_post",
        _O,
        Kind.BOOL,
        "Invoices by post",
        "Rechnung per Post",
        "yes or no",
        "no",
    ),
    Field(
        "invoices_by_email",
        _O,
        Kind.BOOL,
        "Invoices by e-mail",
        "Rechnung per E-Mail",
        "yes or no",
        "yes",
    ),
    Field(
        "business_field",
        _O,
        Kind.REFERENCE,
        "Industry",
        "Branche",
        "",
        "IT services",
        LOOKUP_BUSINESS_FIELDS,
    ),
    Field(
        "company_size",
        _O,
        Kind.REFERENCE,
        "Company size",
        "Unternehmensgröße",
        "",
        "11-50",
        LOOKUP_COMPANY_SIZES,
    ),
    Field(
        "company_revenue",
        _O,
        Kind.REFERENCE,
        "Revenue",
        "Umsatz",
        "",
        "1-5 Mio. €",
        LOOKUP_COMPANY_REVENUES,
    ),
    Field(
        "tags",
        _O,
        Kind.TAGS,
        "Tags",
        "Schlagwörter",
        "Several separated by commas",
        "VIP, Partner",
        LOOKUP_TAGS,
    ),
    Field(
        "person_attention_to",
        _O,
        Kind.TEXT,
        "Attention of (invoice)",
        "z. Hd. (Rechnung)",
        "",
        "Frau Müller",
    ),
    Field(
        "address_invoice_title",
        _O,
        Kind.TEXT,
        "Invoice address: name",
        "Rechnungsadresse: Name",
        "",
        "Muster GmbH Buchhaltung",
    ),
    *_address(_O, "address_invoice_", "Invoice address: ", "Rechnungsadresse: "),
    Field(
        "address_invoice_is_delivery",
        _O,
        Kind.BOOL,
        "Invoice address is delivery address",
        "Rechnungsadresse ist Lieferadresse",
        "yes or no",
        "yes",
    ),
    Field(
        "delivery_person_attention_to",
        _O,
        Kind.TEXT,
        "Attention of (delivery)",
        "z. Hd. (Lieferung)",
        "",
        "Herr Schmidt",
    ),
    Field(
        "address_delivery_title",
        _O,
        Kind.TEXT,
        "Delivery address: name",
        "Lieferadresse: Name",
        "",
        "Muster GmbH Lager",
    ),
    *_address(_O, "address_delivery_", "Delivery address: ", "Lieferadresse: "),
    Field(
        "client",
        _O,
        Kind.REFERENCE,
        "Client",
        "Mandant",
        "Client name or external ID",
        "",
        LOOKUP_CLIENTS,
    ),
)

# The one field of the contact-company link.
LINK_POSITION = Field(
    "position",
    Entity.CONTACT,
    Kind.TEXT,
    "Position at company",
    "Position im Unternehmen",
    "The contact's role at this company",
    "Managing Director",
)

CUSTOM_FIELDS_PREFIX = "custom_fields."

FIELDS: dict[Entity, tuple[Field, ...]] = {_C: CONTACT_FIELDS, _O: COMPANY_FIELDS}


def field_named(entity: Entity, name: str) -> Field | None:
    """The catalogue entry for ``name`` on ``entity``, or None."""
    for f in FIELDS[entity]:
        if f.name == name:
            return f
    return None


def field_names(entity: Entity) -> list[str]:
    return [f.name for f in FIELDS[entity]]
