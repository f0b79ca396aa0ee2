"""Recognition: every sample is recognised as its own preset; shuffled or extra columns do not
matter; an unknown or ambiguous file is refused with the candidates named."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from bulkio.core.errors import MappingError
from bulkio.core.recognize import (
    FORMATS,
    OUTLOOK_EN_HEADERS,
    FileShape,
    rank_formats,
    recognize,
)
from bulkio.usecases.mappings import read_shape, recognize_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

SAMPLE_PRESET = {
    "outlook/contacts.csv": "outlook",
    "outlook-de/Kontakte.csv": "outlook-de",
    "outlook-fr/Contacts.csv": "outlook-fr",
    "outlook-nl/Contactpersonen.csv": "outlook-nl",
    "outlook-it/Contatti.csv": "outlook-it",
    "outlook-es/Contactos.csv": "outlook-es",
    "google/contacts.csv": "google",
    "google-legacy/contacts.csv": "google-legacy",
    "hubspot/contacts.csv": "hubspot-contacts",
    "hubspot/contacts.xlsx": "hubspot-contacts",
    "hubspot/hubspot-crm-exports-all-contacts-2024-03-05.csv": "hubspot-contacts-by-name",
    "hubspot/companies.csv": "hubspot-companies",
    "hubspot/companies.xlsx": "hubspot-companies",
    "salesforce/Contact.csv": "salesforce-contacts",
    "salesforce/Account.csv": "salesforce-accounts",
    "salesforce/contacts-report.csv": "salesforce-contacts-report",
    "linkedin/Connections.csv": "linkedin",
    "bulkio-template/template-en.xlsx": "bulkio-template",
    "bulkio-template/vorlage-de.xlsx": "bulkio-template-de",
}


def test_every_format_has_a_sample() -> None:
    assert {f.preset for f in FORMATS} == set(SAMPLE_PRESET.values())


@pytest.mark.parametrize("sample", sorted(SAMPLE_PRESET))
def test_every_sample_is_recognised_as_its_preset(sample: str) -> None:
    chosen = recognize_file(SAMPLES / sample)
    assert chosen.preset == SAMPLE_PRESET[sample]
    assert chosen.reason  # says why


def _rewrite(src: Path, dst: Path, *, shuffle: bool, extra: list[str]) -> None:
    with src.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))
    header, data = rows[0], rows[1:]
    order = list(range(len(header)))
    if shuffle:
        random.Random(7).shuffle(order)
    with dst.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([header[i] for i in order] + extra)
        for row in data:
            w.writerow([row[i] for i in order] + ["x"] * len(extra))


def test_shuffled_and_extra_columns_are_still_recognised(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    _rewrite(SAMPLES / "outlook/contacts.csv", path, shuffle=True, extra=["Kundennr", "Notiz 2"])
    assert recognize_file(path).preset == "outlook"


def test_a_trimmed_export_is_still_recognised() -> None:
    # users delete columns they think useless; two thirds of the headers still suffice
    headers = OUTLOOK_EN_HEADERS[: len(OUTLOOK_EN_HEADERS) * 2 // 3]
    assert recognize(FileShape(headers)).preset == "outlook"


def test_an_unknown_file_is_refused_with_the_nearest_candidates(tmp_path: Path) -> None:
    path = tmp_path / "kunden.csv"
    path.write_text("Name;Vorname;Firma;PLZ;Ort\nMüller;Anna;Muster GmbH;01067;Dresden\n")
    with pytest.raises(MappingError) as err:
        recognize_file(path)
    text = str(err.value)
    assert "not in a format bulkio knows" in text
    assert "outlook-de" in text  # the nearest (Vorname, Nachname... Firma) is named
    assert "mapping suggest" in text and "-m" in text


def test_a_file_fitting_two_formats_equally_is_refused_listing_both() -> None:
    headers = ["First Name", "Last Name", "URL", "Connected On", "Email Address", "Company",
               "Position", "Record ID", "Email", "Associated Company IDs", "Phone Number",
               "Mobile Phone Number", "Fax Number", "Job Title", "Company Name",
               "Street Address", "City", "State/Region", "Postal Code", "Country/Region",
               "Website URL", "Date of birth", "Contact owner", "Lifecycle Stage", "Lead Status",
               "Create Date", "Last Activity Date", "Associated Company"]  # fmt: skip
    with pytest.raises(MappingError) as err:
        recognize(FileShape(headers))
    assert "linkedin" in str(err.value) and "hubspot-contacts" in str(err.value)


def test_linkedin_note_lines_above_the_header_are_seen() -> None:
    shape = read_shape(SAMPLES / "linkedin/Connections.csv")
    assert shape.headers[:2] == ("First Name", "Last Name")
    assert any(line.startswith("Notes:") for line in shape.preamble)
    best = rank_formats(shape)[0]
    assert best.preset == "linkedin" and "note lines" in best.reason


def test_outlook_without_a_column_that_names_a_contact_is_not_chosen() -> None:
    # every other column may be missing (test_real_exports.py), but a file without first
    # name, last name and e-mail names nobody
    gone = ("First Name", "Last Name", "E-mail Address")
    headers = [h for h in OUTLOOK_EN_HEADERS if h not in gone]
    with pytest.raises(MappingError, match="missing all of 'First Name', 'Last Name'"):
        recognize(FileShape(headers))


@pytest.mark.parametrize(
    ("headers", "preset"),
    [
        # a handful of columns, one only this product writes: the right sibling wins
        (["Record ID", "First Name", "Last Name", "Email", "Associated Company IDs"],
         "hubspot-contacts"),
        # without the companies' ids, HubSpot's contacts name their companies by name
        (["Record ID", "First Name", "Last Name", "Email", "Kundennummer"],
         "hubspot-contacts-by-name"),
        (["Record ID", "First Name", "Last Name", "Email", "Company Name", "Job Title"],
         "hubspot-contacts-by-name"),
        (["Record ID", "Company name", "City", "Phone Number"], "hubspot-companies"),
        (["First Name", "Last Name", "E-mail 1 - Label", "E-mail 1 - Value"], "google"),
        (["Given Name", "Family Name", "E-mail 1 - Value", "Organization 1 - Name"],
         "google-legacy"),
        (["Id", "AccountId", "FirstName", "LastName", "Email"], "salesforce-contacts"),
        (["Contact ID", "First Name", "Last Name", "Account Name", "Email"],
         "salesforce-contacts-report"),
        (["Vorname", "Nachname", "Firma", "E-Mail-Adresse"], "outlook-de"),
        (["Prénom", "Nom", "Société", "Adresse de messagerie"], "outlook-fr"),
        (["Voornaam", "Achternaam", "Bedrijf", "E-mailadres"], "outlook-nl"),
        (["Nome", "Cognome", "Società", "Indirizzo posta elettronica"], "outlook-it"),
        (["Nombre", "Apellidos", "Organización", "E-mail Address", "Calle del trabajo"],
         "outlook-es"),
        (["First Name", "Last Name", "Company", "E-mail Address"], "outlook"),
        (["First Name", "Last Name", "Company", "Position", "Connected On"], "linkedin"),
    ],
)  # fmt: skip
def test_a_subset_of_an_exports_columns_is_recognised(headers: list[str], preset: str) -> None:
    assert recognize(FileShape(headers)).preset == preset


@pytest.mark.parametrize(
    "headers",
    [
        ["First Name", "Last Name", "Company", "Email"],  # Outlook's, HubSpot's, LinkedIn's?
        ["name", "email", "phone", "company", "city"],  # HubSpot's internal names, or anyone's
        ["Vorname", "Nachname", "Firma", "Telefon"],  # Outlook's German labels, or anyone's
    ],
)
def test_a_home_made_list_with_common_headers_is_not_taken_for_an_export(
    headers: list[str],
) -> None:
    with pytest.raises(MappingError):
        recognize(FileShape(headers))
