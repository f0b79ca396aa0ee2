"""Recognising a known export (Outlook, Google, HubSpot, Salesforce, LinkedIn, the bulkio
template) by its headers, the lines above them and its sheet names.

Pure: the caller reads the file and hands over a :class:`FileShape`. Every known format has
a :class:`FormatSignature` naming the preset that reads it, the headers the export always
writes (compared without case and spacing, in any order, extra columns allowed), the headers
without which the preset cannot work, and optionally a line pattern above the header or a
sheet that marks the workbook. ``rank_formats`` scores every format; ``recognize`` picks one
or raises a MappingError that lists the candidates and names the fix (``-m NAME``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bulkio.core.entities import Entity
from bulkio.core.errors import MappingError

# A format is a candidate from this share of its signature headers on.
MIN_SCORE = 0.6
# The best candidate must lead the next one by this much to be chosen without asking.
MIN_LEAD = 0.15


@dataclass(frozen=True)
class FormatSignature:
    """What marks one known export, and the preset that reads it."""

    preset: str
    title: str
    headers: tuple[str, ...]  # what the export always writes
    required: tuple[str, ...] = ()  # the preset cannot work without these
    preamble: str | None = None  # a regex one of the lines above the header matches
    marker_sheet: str | None = None  # a sheet whose presence marks the workbook
    sheet_titles: tuple[str, ...] = ()  # with marker_sheet: one of these sheets must exist


@dataclass(frozen=True)
class FileShape:
    """What recognition looks at: the header row, the text above it, the sheet names."""

    headers: Sequence[str]
    preamble: Sequence[str] = ()
    sheet_names: Sequence[str] = ()


@dataclass(frozen=True)
class Candidate:
    """One format's fit to a file: 1.0 is every signature header present."""

    preset: str
    title: str
    score: float
    reason: str
    missing_required: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return self.score >= MIN_SCORE and not self.missing_required


def normalize(header: str) -> str:
    """A header as compared: no BOM, no quotes around it, no case, single spaces."""
    text = header.replace("\ufeff", "").strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).casefold()


# -- The known exports. Sources are in each preset's header comment (bulkio/mappings/). ----

OUTLOOK_EN_HEADERS: tuple[str, ...] = (
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
    "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone",
    "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
    "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
    "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address",
    "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type",
    "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name",
    "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage",
    "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority",
    "Private", "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2",
    "User 3", "User 4", "Web Page",
)  # fmt: skip

OUTLOOK_DE_HEADERS: tuple[str, ...] = (
    "Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung",
    "Position", "Straße geschäftlich", "Straße geschäftlich 2", "Straße geschäftlich 3",
    "Ort geschäftlich", "Region geschäftlich", "Postleitzahl geschäftlich",
    "Land/Region geschäftlich", "Straße privat", "Straße privat 2", "Straße privat 3",
    "Ort privat", "Bundesland/Kanton privat", "Postleitzahl privat", "Land/Region privat",
    "Weitere Straße", "Weitere Straße 2", "Weitere Straße 3", "Weiterer Ort",
    "Weiteres/r Bundesland/Kanton", "Weitere Postleitzahl", "Weiteres/e Land/Region",
    "Telefon Assistent", "Fax geschäftlich", "Telefon geschäftlich", "Telefon geschäftlich 2",
    "Rückmeldung", "Autotelefon", "Telefon Firma", "Fax privat", "Telefon privat",
    "Telefon privat 2", "ISDN", "Mobiltelefon", "Weiteres Fax", "Weiteres Telefon", "Pager",
    "Haupttelefon", "Mobiltelefon 2", "Telefon für Hörbehinderte", "Telex",
    "Abrechnungsinformation", "Benutzer 1", "Benutzer 2", "Benutzer 3", "Benutzer 4", "Beruf",
    "Büro", "E-Mail-Adresse", "E-Mail-Typ", "E-Mail: Angezeigter Name", "E-Mail 2: Adresse",
    "E-Mail 2: Typ", "E-Mail 2: Angezeigter Name", "E-Mail 3: Adresse", "E-Mail 3: Typ",
    "E-Mail 3: Angezeigter Name", "Empfohlen von", "Geburtstag", "Geschlecht", "Hobby",
    "Initialen", "Internet Frei/Gebucht", "Jahrestag", "Kategorien", "Kinder", "Konto",
    "Name Assistent", "Name des/r Vorgesetzten", "Notizen", "Organisationsnr.", "Ort",
    "Partner", "Postfach geschäftlich", "Postfach privat", "Priorität", "Privat",
    "Regierungsnr.", "Reisekilometer", "Sprache", "Stichwörter", "Vertraulichkeit",
    "Verzeichnisserver", "Webseite", "Weiteres Postfach",
)  # fmt: skip

# Google writes numbered columns (E-mail 2, Phone 3, ...) only as far as the data needs them;
# these are the ones every export of the current format has.
GOOGLE_HEADERS: tuple[str, ...] = (
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
    "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label",
    "Phone 2 - Value", "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
    "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
    "Address 1 - Country", "Address 1 - Extended Address", "Website 1 - Label",
    "Website 1 - Value",
)  # fmt: skip

GOOGLE_LEGACY_HEADERS: tuple[str, ...] = (
    "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
    "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials",
    "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender", "Location",
    "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby", "Sensitivity",
    "Priority", "Subject", "Notes", "Language", "Photo", "Group Membership", "E-mail 1 - Type",
    "E-mail 1 - Value", "E-mail 2 - Type", "E-mail 2 - Value", "Phone 1 - Type",
    "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value", "Address 1 - Type",
    "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
    "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
    "Address 1 - Extended Address", "Organization 1 - Type", "Organization 1 - Name",
    "Organization 1 - Yomi Name", "Organization 1 - Title", "Organization 1 - Department",
    "Organization 1 - Symbol", "Organization 1 - Location", "Organization 1 - Job Description",
    "Website 1 - Type", "Website 1 - Value",
)  # fmt: skip

HUBSPOT_CONTACT_HEADERS: tuple[str, ...] = (
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
    "Fax Number", "Job Title", "Company Name", "Street Address", "City", "State/Region",
    "Postal Code", "Country/Region", "Website URL", "Date of birth", "Contact owner",
    "Lifecycle Stage", "Lead Status", "Create Date", "Last Activity Date", "Associated Company",
    "Associated Company IDs",
)  # fmt: skip

HUBSPOT_COMPANY_HEADERS: tuple[str, ...] = (
    "Record ID", "Company name", "Company Domain Name", "Website URL", "Phone Number",
    "Street Address", "Street Address 2", "City", "State/Region", "Postal Code",
    "Country/Region", "Industry", "Number of Employees", "Annual Revenue", "Company owner",
    "Create Date", "Lifecycle Stage", "Description", "LinkedIn Company Page",
    "Associated Contact IDs",
)  # fmt: skip

SALESFORCE_CONTACT_HEADERS: tuple[str, ...] = (
    "ID", "ACCOUNTID", "SALUTATION", "FIRSTNAME", "LASTNAME", "TITLE", "DEPARTMENT", "EMAIL",
    "PHONE", "MOBILEPHONE", "HOMEPHONE", "FAX", "BIRTHDATE", "MAILINGSTREET", "MAILINGCITY",
    "MAILINGSTATE", "MAILINGPOSTALCODE", "MAILINGCOUNTRY", "OWNERID", "CREATEDDATE",
)  # fmt: skip

SALESFORCE_ACCOUNT_HEADERS: tuple[str, ...] = (
    "ID", "NAME", "TYPE", "PARENTID", "BILLINGSTREET", "BILLINGCITY", "BILLINGSTATE",
    "BILLINGPOSTALCODE", "BILLINGCOUNTRY", "SHIPPINGSTREET", "SHIPPINGCITY", "SHIPPINGSTATE",
    "SHIPPINGPOSTALCODE", "SHIPPINGCOUNTRY", "PHONE", "FAX", "WEBSITE", "INDUSTRY",
    "NUMBEROFEMPLOYEES", "ANNUALREVENUE", "DESCRIPTION", "OWNERID", "CREATEDDATE",
)  # fmt: skip

# A report (Reports > a contacts report > Export > Details Only, CSV) writes the field labels
# of the columns the report shows; these are the ones public import code expects of it.
SALESFORCE_CONTACT_REPORT_HEADERS: tuple[str, ...] = (
    "Contact ID", "Salutation", "First Name", "Last Name", "Title", "Account Name",
    "Mailing Street", "Mailing City", "Mailing State/Province", "Mailing Zip/Postal Code",
    "Mailing Country", "Phone", "Mobile", "Email",
)  # fmt: skip

LINKEDIN_HEADERS: tuple[str, ...] = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
)  # fmt: skip
LINKEDIN_PREAMBLE = r"^Notes:"

TEMPLATE_MARKER_SHEET = "_bulkio"
# A template's data sheets in each language: ("Companies", "Contacts"), ("Firmen", "Kontakte")
_TEMPLATE_TITLES = {lang: tuple(e.role.sheet_title(lang) for e in Entity) for lang in ("en", "de")}

FORMATS: tuple[FormatSignature, ...] = (
    FormatSignature(
        "outlook", "Outlook CSV export (English)", OUTLOOK_EN_HEADERS,
        ("First Name", "Last Name", "Company", "E-mail Address"),
    ),
    FormatSignature(
        "outlook-de", "Outlook CSV export (German)", OUTLOOK_DE_HEADERS,
        ("Vorname", "Nachname", "Firma", "E-Mail-Adresse"),
    ),
    FormatSignature(
        "google", "Google Contacts CSV export", GOOGLE_HEADERS,
        ("First Name", "Last Name", "Organization Name", "E-mail 1 - Value"),
    ),
    FormatSignature(
        "google-legacy", "Google Contacts CSV export (legacy format)", GOOGLE_LEGACY_HEADERS,
        ("Given Name", "Family Name", "Organization 1 - Name", "E-mail 1 - Value"),
    ),
    FormatSignature(
        "hubspot-contacts", "HubSpot contacts export", HUBSPOT_CONTACT_HEADERS,
        ("Record ID", "First Name", "Last Name", "Email", "Associated Company IDs"),
    ),
    FormatSignature(
        "hubspot-companies", "HubSpot companies export", HUBSPOT_COMPANY_HEADERS,
        ("Record ID", "Company name"),
    ),
    FormatSignature(
        "salesforce-contacts", "Salesforce contacts (Data Loader export)",
        SALESFORCE_CONTACT_HEADERS, ("ID", "ACCOUNTID", "LASTNAME"),
    ),
    FormatSignature(
        "salesforce-accounts", "Salesforce accounts (Data Loader export)",
        SALESFORCE_ACCOUNT_HEADERS, ("ID", "NAME"),
    ),
    FormatSignature(
        "salesforce-contacts-report", "Salesforce contacts report (CSV export)",
        SALESFORCE_CONTACT_REPORT_HEADERS, ("Contact ID", "Last Name", "Mailing Street"),
    ),
    FormatSignature(
        "linkedin", "LinkedIn Connections.csv", LINKEDIN_HEADERS,
        ("First Name", "Last Name", "URL", "Connected On"), preamble=LINKEDIN_PREAMBLE,
    ),
    FormatSignature(
        "bulkio-template", "bulkio template (English)", (), marker_sheet=TEMPLATE_MARKER_SHEET,
        sheet_titles=_TEMPLATE_TITLES["en"],
    ),
    FormatSignature(
        "bulkio-template-de", "bulkio template (German)", (),
        marker_sheet=TEMPLATE_MARKER_SHEET, sheet_titles=_TEMPLATE_TITLES["de"],
    ),
)  # fmt: skip


def signature_for(preset: str) -> FormatSignature | None:
    return next((f for f in FORMATS if f.preset == preset), None)


def score_format(fmt: FormatSignature, shape: FileShape) -> Candidate:
    """How well one format fits the file, and why, in words a person can check."""
    if fmt.marker_sheet is not None:
        sheets = {normalize(s) for s in shape.sheet_names}
        has_marker = normalize(fmt.marker_sheet) in sheets
        titled = [t for t in fmt.sheet_titles if normalize(t) in sheets]
        score = (0.5 if has_marker else 0.0) + 0.5 * len(titled) / max(1, len(fmt.sheet_titles))
        if not has_marker:
            score = min(score, 0.3)
        reason = (
            f"the workbook has bulkio's hidden '{fmt.marker_sheet}' sheet and the sheets "
            f"{', '.join(titled) or '(none of ' + ', '.join(fmt.sheet_titles) + ')'}"
            if has_marker
            else f"no hidden '{fmt.marker_sheet}' sheet"
        )
        return Candidate(fmt.preset, fmt.title, round(score, 3), reason)
    have = {normalize(h) for h in shape.headers}
    found = [h for h in fmt.headers if normalize(h) in have]
    missing_required = tuple(h for h in fmt.required if normalize(h) not in have)
    score = len(found) / len(fmt.headers) if fmt.headers else 0.0
    reason = f"{len(found)} of its {len(fmt.headers)} headers"
    if fmt.preamble is not None:
        pattern = re.compile(fmt.preamble, re.IGNORECASE)
        if any(pattern.search(line.strip()) for line in shape.preamble if line):
            score = min(1.0, score + 0.1)
            reason += " and its note lines above the header"
        elif shape.preamble:
            score = max(0.0, score - 0.1)
    if missing_required:
        reason += "; missing " + ", ".join(f"'{h}'" for h in missing_required)
    return Candidate(fmt.preset, fmt.title, round(score, 3), reason, missing_required)


def rank_formats(shape: FileShape) -> list[Candidate]:
    """Every known format scored against the file, best first."""
    scored = [score_format(f, shape) for f in FORMATS]
    return sorted(scored, key=lambda c: (c.usable, c.score), reverse=True)


def _listing(candidates: Sequence[Candidate]) -> str:
    return "; ".join(f"{c.preset} ({c.title}: {c.reason})" for c in candidates)


def recognize(shape: FileShape, *, source: str = "the file") -> Candidate:
    """The one known format the file is in, or a MappingError listing the candidates."""
    ranked = rank_formats(shape)
    usable = [c for c in ranked if c.usable]
    if len(usable) == 1 or (len(usable) > 1 and usable[0].score - usable[1].score >= MIN_LEAD):
        return usable[0]
    if usable:
        close = [c for c in usable if usable[0].score - c.score < MIN_LEAD]
        raise MappingError(
            f"{source} fits several known formats equally well: {_listing(close)}",
            hint="Choose one with -m NAME (for example -m " + close[0].preset + "), "
            "or write a mapping with 'bulkio mapping suggest'.",
        )
    nearest = [c for c in ranked if c.score > 0][:3]
    described = f"; the nearest are: {_listing(nearest)}" if nearest else ""
    raise MappingError(
        f"{source} is not in a format bulkio knows{described}",
        hint="Give a mapping with -m mapping.yaml (draft one with 'bulkio mapping suggest "
        "FILE -o mapping.yaml'), or a preset with -m NAME ('bulkio mapping list' shows them).",
    )
