"""Every sample, checked with the preset recognition picks, shows exactly the defects and
warnings samples/README.md documents (row and column), and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulkio.usecases.check import check_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

E, W, N = "error", "warning", "note"
CP1252 = (None, None, W)  # the reader's note: no encoding mark, read as Windows-1252

# sample -> (preset, {(row, column, severity)}); rows as the spreadsheet numbers them
EXPECTED: dict[str, tuple[str, set[tuple[int | None, str | None, str]]]] = {
    "outlook/contacts.csv": (
        "outlook",
        {CP1252, (4, "E-mail Address", E), (5, "Birthday", E)},
    ),
    "outlook-de/Kontakte.csv": (
        "outlook-de",
        {CP1252, (4, "E-Mail-Adresse", E), (5, "Geburtstag", E)},
    ),
    "outlook-fr/Contacts.csv": (
        "outlook-fr",
        # French Outlook writes "Titre" twice (courtesy title, job title): the reader says so
        {CP1252, (1, "Titre (2)", W), (3, "Adresse de messagerie", E), (4, "Anniversaire", E)},
    ),
    "outlook-nl/Contactpersonen.csv": (
        "outlook-nl",
        {CP1252, (3, "E-mailadres", E), (4, "Verjaardag", E)},
    ),
    "outlook-it/Contatti.csv": (
        "outlook-it",
        {CP1252, (3, "Indirizzo posta elettronica", E), (4, "Compleanno", E)},
    ),
    "outlook-es/Contactos.csv": (
        "outlook-es",
        {CP1252, (3, "E-mail Address", E), (4, "Birthday", E)},
    ),
    "google/contacts.csv": (
        "google",
        {
            (2, "E-mail 1 - Value", W),  # " ::: ": the second address named
            (3, "Birthday", W),  # --07-14, no year
            (3, "Phone 1 - Value", W),  # " ::: ": the second number named
            (4, "Birthday", E),
            (5, "E-mail 1 - Value", E),
        },
    ),
    "google-legacy/contacts.csv": (
        "google-legacy",
        {(3, "Birthday", W), (3, "E-mail 1 - Value", W), (4, "E-mail 1 - Value", E)},
    ),
    "hubspot/companies.csv": ("hubspot-companies", {(4, "Company name", E)}),
    "hubspot/companies.xlsx": ("hubspot-companies", {(4, "Company name", E)}),
    "hubspot/contacts.csv": (
        "hubspot-contacts",
        {
            (2, "Associated Company IDs", W),
            (3, "Associated Company IDs", W),
            (3, "Job Title", W),  # the one job title taken for both companies of the row
            (4, "Email", E),
        },
    ),
    "hubspot/contacts.xlsx": (
        "hubspot-contacts",
        {
            (2, "Associated Company IDs", W),
            (3, "Associated Company IDs", W),
            (3, "Job Title", W),
            (4, "Email", E),
        },
    ),
    "hubspot/hubspot-crm-exports-all-contacts-2024-03-05.csv": (
        "hubspot-contacts-by-name",
        {(None, None, W), (4, "Email", E)},  # the note: the view has no address columns
    ),
    "salesforce/Account.csv": ("salesforce-accounts", {(4, "BILLINGCOUNTRY", E)}),
    "salesforce/Contact.csv": (
        "salesforce-contacts",
        {(2, "ACCOUNTID", W), (3, "ACCOUNTID", W), (4, "BIRTHDATE", E)},
    ),
    "salesforce/contacts-report.csv": (
        "salesforce-contacts-report",
        {(None, None, W), (4, "Email", E)},  # the note: the report has no Fax, no Birthdate
    ),
    "linkedin/Connections.csv": ("linkedin", {(8, None, E)}),
    "bulkio-template/template-en.xlsx": (
        "bulkio-template",
        {(4, "VAT ID", E), (3, "E-mail *", E)},
    ),
    "bulkio-template/vorlage-de.xlsx": (
        "bulkio-template-de",
        {(4, "USt-IdNr.", E), (3, "E-Mail *", E)},
    ),
    # contacts alone: their companies (from vorlage-de.xlsx) will be looked up in Kanbert
    "bulkio-template/kontakte-de.xlsx": (
        "bulkio-template-de",
        {(2, "Firma (externe ID oder Name)", N), (3, "Firma (externe ID oder Name)", N)},
    ),
}


def test_every_sample_is_covered() -> None:
    found = {
        str(p.relative_to(SAMPLES))
        for p in SAMPLES.glob("*/*")
        if p.suffix in (".csv", ".xlsx") and p.is_file()
    }
    assert found == set(EXPECTED)


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_a_sample_shows_exactly_its_documented_defects(sample: str) -> None:
    preset, wanted = EXPECTED[sample]
    result = check_file(SAMPLES / sample)
    assert result.mapping.name == preset
    got = {(i.row, i.column, str(i.severity)) for i in result.issues}
    assert got == wanted, [str(i) for i in result.issues]
    assert len(result.issues) == len(wanted)  # nothing twice


def test_a_salesforce_reports_footer_lines_are_not_contacts() -> None:
    result = check_file(SAMPLES / "salesforce/contacts-report.csv")
    assert result.validation.rows_read == 3  # the footer below row 4 is skipped
    assert result.validation.contact_count == 2  # and row 4's bad e-mail
