"""Two-file exports (HubSpot, Salesforce): a contacts file names its companies by the ids of a
companies file imported before it. `split` makes one link per id in a cell; `link:
unknown_company: kanbert` turns "not in this file" into one warning per id and keeps the link
for the import to find in Kanbert."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from bulkio.core.errors import MappingError
from bulkio.core.issues import Severity
from bulkio.core.mapping import parse_mapping
from bulkio.core.validation import RecordKey
from bulkio.usecases.check import check_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

CONTACTS_CSV = (
    "Record ID,First Name,Last Name,Email,Associated Company IDs\n"
    "901,Anna,Müller,anna@muster.de,5120001\n"
    "902,Max,Fischer,max@fischer-it.de,5120002; 5120001\n"
    "903,Eva,Lang,eva@lang.de,\n"
)


def _mapping(tmp_path: Path, link: str) -> Path:
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "version: 1\n"
        "input:\n  contacts: {sheet: 0}\n"
        "contact:\n"
        "  key: {external_id: Record ID}\n"
        '  company: {column: Associated Company IDs, split: ";"}\n'
        "  fields:\n    first_name: First Name\n    last_name: Last Name\n    email: Email\n"
        + link,
        encoding="utf-8",
    )
    return path


def test_company_ids_of_another_file_are_kept_as_kanbert_links_with_one_warning_each(
    tmp_path: Path,
) -> None:
    data = tmp_path / "contacts.csv"
    data.write_text(CONTACTS_CSV, encoding="utf-8")
    mapping = _mapping(tmp_path, "link:\n  unknown_company: kanbert\n")
    result = check_file(data, mapping=mapping, keep_records=True)
    assert result.ok
    pairs = {(str(link.contact_key), link.company_key) for link in result.validation.links}
    assert pairs == {
        ("901", RecordKey("external_id", "5120001")),
        ("902", RecordKey("external_id", "5120002")),
        ("902", RecordKey("external_id", "5120001")),
    }
    warnings = [i for i in result.validation.issues if i.severity == Severity.WARNING]
    assert [(w.row, w.column, w.value) for w in warnings] == [
        (2, "Associated Company IDs", "5120001"),
        (3, "Associated Company IDs", "5120002"),
    ]
    assert "import the companies export first" in warnings[0].message
    assert "external ID '5120001'" in warnings[0].message


def test_without_unknown_company_each_missing_id_is_an_error_of_its_own(tmp_path: Path) -> None:
    data = tmp_path / "contacts.csv"
    data.write_text(CONTACTS_CSV, encoding="utf-8")
    result = check_file(data, mapping=_mapping(tmp_path, ""))
    errors = [(i.row, i.value) for i in result.validation.errors]
    assert errors == [(2, "5120001"), (3, "5120002"), (3, "5120001")]
    assert "is not in the file" in result.validation.errors[0].message


def test_a_company_in_the_same_file_is_linked_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    wb = Workbook()
    companies = wb.active
    assert companies is not None
    companies.title = "Companies"
    companies.append(["ID", "Name"])
    companies.append(["K-1", "Muster GmbH"])
    companies.append(["K-2", "Fischer IT"])
    contacts = wb.create_sheet("Contacts")
    contacts.append(["ID", "Last name", "Companies"])
    contacts.append(["C-1", "Müller", "K-1;K-9"])
    links = wb.create_sheet("Links")
    links.append(["Contact", "Company", "Role"])
    links.append(["C-1;C-2", "K-2", "Beirat"])
    wb.save(path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "version: 1\n"
        "input:\n  companies: {sheet: Companies}\n  contacts: {sheet: Contacts}\n"
        "  links: {sheet: Links}\n"
        "company:\n  key: {external_id: ID}\n  fields: {company_name: Name}\n"
        'contact:\n  key: {external_id: ID}\n  company: {column: Companies, split: ";"}\n'
        "  fields: {last_name: Last name}\n"
        'link:\n  contact: {column: Contact, split: ";"}\n  company: Company\n'
        "  position: Role\n  unknown_company: kanbert\n",
        encoding="utf-8",
    )
    result = check_file(path, mapping=mapping, keep_records=True)
    issues = [(i.sheet, i.row, i.severity, i.value) for i in result.validation.issues]
    assert issues == [
        ("Contacts", 2, Severity.WARNING, "K-9"),  # K-1 is in the file: no warning
        ("Links", 2, Severity.ERROR, "C-2"),  # an unknown contact stays an error
    ]
    companies_linked = {link.company_key for link in result.validation.links}
    # the links row naming an unknown contact is invalid as a whole, so C-1 -> K-2 waits too
    assert companies_linked == {RecordKey("external_id", k) for k in ("K-1", "K-9")}


def test_split_on_a_records_own_id_is_refused_with_the_reason() -> None:
    text = 'version: 1\ncontact:\n  key: {external_id: {column: ID, split: ";"}}\n'
    with pytest.raises(MappingError, match=r"line 3.*has one external id"):
        parse_mapping(text, source="m.yaml")


def test_a_misspelt_unknown_company_choice_names_the_valid_ones() -> None:
    text = "version: 1\nlink:\n  unknown_company: kanbrt\n"
    with pytest.raises(MappingError, match="did you mean 'kanbert'"):
        parse_mapping(text, source="m.yaml")


@pytest.mark.parametrize(
    ("sample", "company_ids"),
    [
        ("hubspot/contacts.csv", {"5120001", "5120002"}),
        ("hubspot/contacts.xlsx", {"5120001", "5120002"}),
        ("salesforce/Contact.csv", {"0015g00000AbCdEAAA", "0015g00000AbCdFAAB"}),
    ],
)
def test_the_contacts_presets_link_to_the_companies_export(
    sample: str, company_ids: set[str]
) -> None:
    result = check_file(SAMPLES / sample, keep_records=True)
    linked = {link.company_key for link in result.validation.links}
    assert linked == {RecordKey("external_id", i) for i in company_ids}
    warned = {i.value for i in result.validation.issues if i.field == "link.company"}
    assert warned == company_ids
