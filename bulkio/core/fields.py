"""The writable fields of Kanbert's contacts and companies, as bulkio sees them.

One catalogue serves the mapping (which targets exist), validation (what type each holds),
templates (a column per field, with a label and a note) and the export; each ``Entity`` holds
its own tuple of fields. Field names are those of Kanbert's response schemas
(``ContactData``, ``CompanyData``); references are named as in the response
(``address_country``, ``owner``, ``tags``) and hold a *label* a person can type
("Deutschland", "anna@firma.de", "VIP"), found in the field's ``Lookup``. Turning a label
into an id is the import's job; the wire module knows the write-body names
(``address_country_id``...).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bulkio.core.lookups import Lookup


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
    kind: Kind
    label_en: str
    label_de: str
    note_en: str = ""
    example: str = ""
    # For REFERENCE/TAGS/COUNTRY: the look-up the label is resolved through.
    lookup: Lookup | None = None

    def label(self, lang: str) -> str:
        return self.label_de if lang == "de" else self.label_en


GENDERS: tuple[str, ...] = ("male", "female", "diverse")


def _address(prefix: str, en: str, de: str) -> list[Field]:
    return [
        Field(f"{prefix}street", Kind.TEXT, f"{en}Street", f"{de}Straße", "", "Hauptstraße"),
        Field(f"{prefix}house", Kind.TEXT, f"{en}House no.", f"{de}Hausnr.", "", "12a"),
        Field(
            f"{prefix}street2",
            Kind.TEXT,
            f"{en}Address line 2",
            f"{de}Adresszusatz",
            "",
            "c/o Müller",
        ),
        Field(f"{prefix}zip", Kind.TEXT, f"{en}ZIP", f"{de}PLZ", "", "01067"),
        Field(f"{prefix}town", Kind.TEXT, f"{en}Town", f"{de}Ort", "", "Dresden"),
        Field(f"{prefix}state", Kind.TEXT, f"{en}State", f"{de}Bundesland", "", "Sachsen"),
        Field(
            f"{prefix}country",
            Kind.COUNTRY,
            f"{en}Country",
            f"{de}Land",
            "Country name (English or German) or ISO code",
            "DE",
            Lookup.COUNTRIES,
        ),
    ]


CONTACT_FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        Kind.TEXT,
        "External ID",
        "Externe ID",
        "Your own unique id for this contact; used to find it again on the next import",
        "C-1001",
    ),
    Field(
        "external_origin",
        Kind.TEXT,
        "External origin",
        "Herkunftssystem",
        "The system the external ID comes from",
        "Outlook",
    ),
    Field("gender", Kind.GENDER, "Gender", "Geschlecht", "male, female or diverse", "female"),
    Field("title", Kind.TEXT, "Title", "Titel", "Academic title before the name", "Dr."),
    Field("first_name", Kind.TEXT, "First name", "Vorname", "", "Anna"),
    Field("last_name", Kind.TEXT, "Last name", "Nachname", "", "Müller"),
    Field("title_suffix", Kind.TEXT, "Title suffix", "Namenszusatz", "", "MBA"),
    Field(
        "position",
        Kind.TEXT,
        "Job title",
        "Funktion",
        "The contact's general job title",
        "Head of Sales",
    ),
    Field("locale", Kind.LOCALE, "Language", "Sprache", "Language code", "de"),
    Field("birthday", Kind.DATE, "Birthday", "Geburtstag", "A date", "1980-04-23"),
    Field("email", Kind.EMAIL, "E-mail", "E-Mail", "", "anna.mueller@example.de"),
    Field("email_private", Kind.EMAIL, "E-mail (private)", "E-Mail privat", "", "anna@example.org"),
    Field("telephone", Kind.PHONE, "Phone", "Telefon", "", "+49 351 1234567"),
    Field(
        "telephone_private",
        Kind.PHONE,
        "Phone (private)",
        "Telefon privat",
        "",
        "+49 351 7654321",
    ),
    Field("mobile", Kind.PHONE, "Mobile", "Mobil", "", "+49 171 1234567"),
    Field("mobile_private", Kind.PHONE, "Mobile (private)", "Mobil privat", "", "+49 172 7654321"),
    Field("fax", Kind.PHONE, "Fax", "Fax", "", "+49 351 1234568"),
    *_address("address_", "", ""),
    Field(
        "owner",
        Kind.REFERENCE,
        "Owner (user e-mail)",
        "Betreuer (E-Mail)",
        "E-mail of the Kanbert user who looks after this contact",
        "sales@example.de",
        Lookup.USERS,
    ),
    Field(
        "client",
        Kind.REFERENCE,
        "Client",
        "Mandant",
        "Client name or external ID",
        "",
        Lookup.CLIENTS,
    ),
)

COMPANY_FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        Kind.TEXT,
        "External ID",
        "Externe ID",
        "Your own unique id for this company; used to find it again on the next import",
        "K-2001",
    ),
    Field(
        "external_origin",
        Kind.TEXT,
        "External origin",
        "Herkunftssystem",
        "The system the external ID comes from",
        "Outlook",
    ),
    Field("company_name", Kind.TEXT, "Company name", "Firmenname", "", "Muster GmbH"),
    Field("vendor_identifier", Kind.TEXT, "Vendor number", "Lieferantennummer", "", "L-4711"),
    Field("locale", Kind.LOCALE, "Language", "Sprache", "Language code", "de"),
    Field(
        "tax_uid",
        Kind.VAT,
        "VAT ID",
        "USt-IdNr.",
        "EU VAT identification number",
        "DE123456789",
    ),
    Field("taxation_enabled", Kind.BOOL, "Reverse charge", "Reverse Charge", "yes or no", "no"),
    Field("iban", Kind.IBAN, "IBAN", "IBAN", "", "DE89370400440532013000"),
    Field("bic", Kind.BIC, "BIC", "BIC", "", "COBADEFFXXX"),
    Field(
        "email",
        Kind.EMAIL,
        "E-mail (invoices)",
        "E-Mail (Rechnungen)",
        "",
        "rechnung@muster.de",
    ),
    Field(
        "email_general",
        Kind.EMAIL,
        "E-mail (general)",
        "E-Mail (allgemein)",
        "",
        "info@muster.de",
    ),
    Field("phone", Kind.PHONE, "Phone", "Telefon", "", "+49 351 1234500"),
    Field("fax", Kind.PHONE, "Fax", "Fax", "", "+49 351 1234599"),
    Field("homepage", Kind.URL, "Website", "Webseite", "", "https://www.muster.de"),
    Field(
        "invoices_by_post",
        Kind.BOOL,
        "Invoices by post",
        "Rechnung per Post",
        "yes or no",
        "no",
    ),
    Field(
        "invoices_by_email",
        Kind.BOOL,
        "Invoices by e-mail",
        "Rechnung per E-Mail",
        "yes or no",
        "yes",
    ),
    Field(
        "business_field",
        Kind.REFERENCE,
        "Industry",
        "Branche",
        "",
        "IT services",
        Lookup.BUSINESS_FIELDS,
    ),
    Field(
        "company_size",
        Kind.REFERENCE,
        "Company size",
        "Unternehmensgröße",
        "",
        "11-50",
        Lookup.COMPANY_SIZES,
    ),
    Field(
        "company_revenue",
        Kind.REFERENCE,
        "Revenue",
        "Umsatz",
        "",
        "1-5 Mio. €",
        Lookup.COMPANY_REVENUES,
    ),
    Field(
        "tags",
        Kind.TAGS,
        "Tags",
        "Schlagwörter",
        "Several separated by commas",
        "VIP, Partner",
        Lookup.TAGS,
    ),
    Field(
        "person_attention_to",
        Kind.TEXT,
        "Attention of (invoice)",
        "z. Hd. (Rechnung)",
        "",
        "Frau Müller",
    ),
    Field(
        "address_invoice_title",
        Kind.TEXT,
        "Invoice address: name",
        "Rechnungsadresse: Name",
        "",
        "Muster GmbH Buchhaltung",
    ),
    *_address("address_invoice_", "Invoice address: ", "Rechnungsadresse: "),
    Field(
        "address_invoice_is_delivery",
        Kind.BOOL,
        "Invoice address is delivery address",
        "Rechnungsadresse ist Lieferadresse",
        "yes or no",
        "yes",
    ),
    Field(
        "delivery_person_attention_to",
        Kind.TEXT,
        "Attention of (delivery)",
        "z. Hd. (Lieferung)",
        "",
        "Herr Schmidt",
    ),
    Field(
        "address_delivery_title",
        Kind.TEXT,
        "Delivery address: name",
        "Lieferadresse: Name",
        "",
        "Muster GmbH Lager",
    ),
    *_address("address_delivery_", "Delivery address: ", "Lieferadresse: "),
    Field(
        "client",
        Kind.REFERENCE,
        "Client",
        "Mandant",
        "Client name or external ID",
        "",
        Lookup.CLIENTS,
    ),
)

# The one field of the contact-company link.
LINK_POSITION = Field(
    "position",
    Kind.TEXT,
    "Position at company",
    "Position im Unternehmen",
    "The contact's role at this company",
    "Managing Director",
)

CUSTOM_FIELDS_PREFIX = "custom_fields."
