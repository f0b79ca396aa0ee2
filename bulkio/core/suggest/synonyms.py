"""Header words people use for each Kanbert field, in German and English, including the
headers of the common exports (Outlook, Google, HubSpot, Salesforce, LinkedIn).

Targets are written with a scope the drafting resolves once it sees the whole header row:

- ``contact.<field>`` and ``company.<field>``: only that record has it;
- ``any.<field>``: the contact's when the file has people in it, else the company's
  (``any.phone`` -> ``contact.telephone`` or ``company.phone``; ``any.address_zip`` ->
  ``contact.address_zip`` or, with a company column beside it, ``company.address_invoice_zip``);
- ``link.position``: the contact's role at the company on the same row.
"""

from __future__ import annotations

import re
import unicodedata

SYNONYMS: dict[str, tuple[str, ...]] = {
    # -- keys -----------------------------------------------------------------------------
    "any.external_id": (
        "id", "record id", "externe id", "external id", "kundennr", "kundennummer",
        "kunden nr", "kdnr", "kd nr", "customer number", "customer id", "kontakt id",
        "contact id", "account id", "datensatz id", "nr", "nummer", "lfd nr",
    ),
    "contact.external_id": ("kontaktnummer", "kontakt nr", "personen id", "person id"),
    "company.external_id": ("firmen id", "firmennummer", "company id", "organisation id"),
    # -- the person -------------------------------------------------------------------------
    "contact.first_name": (
        "vorname", "first name", "firstname", "given name", "forename", "vornamen",
        "prénom",
    ),
    "contact.last_name": (
        "nachname", "last name", "lastname", "family name", "surname", "familienname",
        "name", "zuname",
        "nom", "nom de famille",
    ),
    "contact.full_name": (
        "vollständiger name", "full name", "kontakt", "ansprechpartner", "contact name",
        "kontaktperson", "person", "name vorname", "vor und nachname",
        "nachname vorname", "surname first name", "last name first name", "zuname vorname",
        "nom prénom", "nom complet", "contact person", "ansprechperson", "name kontakt",
        "kontaktname",
    ),
    "contact.title": (
        "titel", "title", "akademischer titel", "name prefix", "namenspräfix", "prefix",
    ),
    "contact.gender": ("geschlecht", "gender", "anrede", "salutation", "sex", "civilité"),
    "contact.title_suffix": ("namenszusatz", "suffix", "name suffix", "titel nachgestellt"),
    "contact.position": (
        "position", "funktion", "job title", "jobtitel", "berufsbezeichnung", "stellung",
        "organization title", "organization 1 title", "rolle", "role", "beruf",
        "fonction", "poste",
    ),
    "contact.birthday": (
        "geburtstag", "geburtsdatum", "birthday", "birth date", "birthdate", "date of birth",
        "geb", "geb datum", "dob",
        "date de naissance", "geburtsdatum kontakt",
    ),
    "contact.email_private": (
        "e mail privat", "email privat", "private e mail", "private email", "e mail 2 address",
        "e mail 2 adresse", "e mail 2 value", "home email", "email 2",
    ),
    "contact.telephone_private": (
        "telefon privat", "tel privat", "home phone", "phone private", "privat telefon",
        "homephone", "telefon (privat)",
    ),
    "contact.mobile": (
        "mobil", "mobiltelefon", "handy", "mobile", "mobile phone", "mobilephone", "cell",
        "cell phone", "mobile phone number", "mobilnummer", "phone 2 value", "handynummer",
        "handy nr", "mobil nr", "mobilfunk",
        "natel", "natel nr", "natelnummer", "portable", "téléphone portable", "mobile no",
        "mobile number", "mob",
    ),
    "contact.mobile_private": ("handy privat", "mobil privat", "mobile private"),
    # Google's "Address 1" is the person's own address (labelled Home or Work)
    "contact.address_street": (
        "straße privat", "home street", "privatadresse", "address 1 street", "mailingstreet",
        "mailing street",
    ),
    "contact.address_street2": ("straße privat 2", "home street 2", "address 1 extended address"),
    "contact.address_town": (
        "ort privat", "home city", "address 1 city", "mailingcity", "mailing city",
    ),
    "contact.address_zip": (
        "postleitzahl privat", "plz privat", "home postal code", "address 1 postal code",
        "mailingpostalcode", "mailing postal code", "mailing zip/postal code",
    ),
    "contact.address_state": (
        "bundesland/kanton privat", "home state", "address 1 region", "mailingstate",
        "mailing state", "mailing state/province",
    ),
    "contact.address_country": (
        "land/region privat", "home country/region", "home country", "address 1 country",
        "mailingcountry", "mailing country",
    ),
    # -- the company ------------------------------------------------------------------------
    "company.company_name": (
        "firma", "firmenname", "company", "company name", "unternehmen", "organisation",
        "organization", "organization name", "organization 1 name", "account name",
        "firmierung", "arbeitgeber", "employer", "kunde", "name firma", "firma 1",
        "associated company",
        "société", "entreprise", "raison sociale", "business name", "firmenbezeichnung",
    ),
    "company.tax_uid": (
        "ust id", "ust idnr", "ust-idnr", "umsatzsteuer id", "ustid", "vat", "vat id",
        "vat number", "tax id", "steuernummer",
    ),
    "company.iban": ("iban", "bankverbindung iban", "kontonummer iban"),
    "company.bic": ("bic", "swift", "swift code", "bic swift"),
    "company.homepage": (
        "webseite", "website", "homepage", "web page", "internet", "url firma", "web",
        "website url", "website 1 value", "webadresse", "www", "company domain name",
        "site web", "site internet",
    ),
    "company.business_field": ("branche", "industry", "industrie", "wirtschaftszweig"),
    "company.company_size": (
        "mitarbeiter", "mitarbeiterzahl", "anzahl mitarbeiter", "unternehmensgröße",
        "number of employees", "employees", "company size", "numberofemployees",
    ),
    "company.company_revenue": ("umsatz", "jahresumsatz", "annual revenue", "revenue"),
    "company.tags": ("schlagwörter", "tags", "kategorien", "kategorie", "categories", "labels"),
    "company.phone": (
        "telefon firma", "company main phone", "zentrale", "firmentelefon", "telefon zentrale",
    ),
    "company.address_invoice_street": (
        "straße geschäftlich", "business street", "rechnungsadresse straße", "billingstreet",
        "billing street",
    ),
    "company.address_invoice_street2": ("straße geschäftlich 2", "business street 2"),
    "company.address_invoice_town": (
        "ort geschäftlich", "business city", "billingcity", "billing city",
    ),
    "company.address_invoice_zip": (
        "postleitzahl geschäftlich", "plz geschäftlich", "business postal code",
        "billingpostalcode", "billing postal code",
    ),
    "company.address_invoice_state": (
        "region geschäftlich", "business state", "billingstate", "billing state",
    ),
    "company.address_invoice_country": (
        "land/region geschäftlich", "business country/region", "business country",
        "billingcountry", "billing country",
    ),
    "company.address_delivery_street": (
        "lieferadresse straße", "shippingstreet", "shipping street",
    ),
    "company.address_delivery_town": ("lieferadresse ort", "shippingcity", "shipping city"),
    "company.address_delivery_zip": (
        "lieferadresse plz", "shippingpostalcode", "shipping postal code",
    ),
    "company.address_delivery_state": ("shippingstate", "shipping state"),
    "company.address_delivery_country": ("lieferadresse land", "shippingcountry"),
    # -- either -----------------------------------------------------------------------------
    "any.email": (
        "e mail", "email", "e mail adresse", "email adresse", "mail", "e mail address",
        "email address", "e mail 1 value", "primary email", "emailadresse", "e mail geschäftlich",
        "work email",
        "courriel", "e mail adresse", "mail address",
    ),
    "any.phone": (
        "telefon", "tel", "telefonnummer", "phone", "phone number", "telephone",
        "telefon geschäftlich", "business phone", "phone 1 value", "rufnummer", "festnetz",
        "work phone", "tel nr", "telefon 1", "telefon dienstlich", "tel dienstlich",
        "telefon büro", "durchwahl",
        "téléphone", "tel no", "telephone number", "telefonnr", "phone no",
    ),
    "any.fax": ("fax", "telefax", "faxnummer", "fax number", "fax geschäftlich", "business fax"),
    "any.address_street": (
        "straße", "strasse", "str", "street", "street address", "adresse", "anschrift",
        "straße und hausnummer", "straße hausnr", "address 1 street", "address",
        "address line 1",
        "rue", "straße nr", "strasse nr", "street and number", "address 1",
    ),
    "any.address_house": ("hausnummer", "hausnr", "house number", "nr haus", "house no"),
    "any.address_street2": (
        "adresszusatz", "zusatz", "address line 2", "address 1 extended address", "c/o",
        "street address 2",
    ),
    "any.address_zip": (
        "plz", "postleitzahl", "zip", "zip code", "zipcode", "postal code", "postcode",
        "address 1 postal code",
        "npa", "code postal", "post code",
    ),
    "any.address_town": (
        "ort", "stadt", "wohnort", "city", "town", "address 1 city", "gemeinde",
        "localité", "ville", "lieu", "town/city", "city/town", "ort/stadt", "stadt/ort",
        # a ZIP code and a town in one cell: the values split it
        "plz/ort", "plz ort", "plz und ort", "postleitzahl/ort", "postleitzahl ort", "plz/stadt",
        "npa/localité", "npa localité",
    ),
    "any.address_state": (
        "bundesland", "region", "state", "state/region", "province", "address 1 region", "kanton",
        "county",
    ),
    "any.address_country": (
        "land", "country", "staat", "country/region", "address 1 country",
        "länderkennzeichen", "nation",
        "pays",
    ),
    "any.locale": ("sprache", "language", "locale", "korrespondenzsprache"),
}  # fmt: skip

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_header(text: str) -> str:
    """'E-Mail-Adresse:' -> 'e mail adresse'; 'Straße ' -> 'straße' (umlauts kept)."""
    text = unicodedata.normalize("NFC", text.replace("\ufeff", "")).casefold()
    text = re.sub(r"[\s\-_.:;,()\[\]#*\"']+", " ", text)
    return text.strip()


def transliterate(text: str) -> str:
    """'straße' -> 'strasse', 'größe' -> 'groesse': the spelling of keyboards without umlauts."""
    return text.translate(_TRANSLIT)


def synonym_index() -> dict[str, str]:
    """Normalised header word -> target, both with umlauts and transliterated."""
    index: dict[str, str] = {}
    for target, words in SYNONYMS.items():
        for word in words:
            for form in (normalize_header(word), transliterate(normalize_header(word))):
                index.setdefault(form, target)
    return index


# Columns that name a contact's companies by their ids in another file (a contacts export
# whose companies come separately): with one, the addresses beside are the contact's own.
COMPANY_IDS_ELSEWHERE: tuple[str, ...] = (
    "associated company ids", "associated company id", "accountid", "account id",
)  # fmt: skip

# Headers naming the contact's role AT the company on the same row (link.position), as
# opposed to the person's own job title (contact.position: "Job Title", "Berufsbezeichnung").
ROLE_HEADERS: frozenset[str] = frozenset(
    {"position", "funktion", "rolle", "role", "stellung", "position im unternehmen",
     "position at company", "funktion im unternehmen"}
)  # fmt: skip
