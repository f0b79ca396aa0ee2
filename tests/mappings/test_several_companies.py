"""Several companies on one contact row: Google joins a contact's organisations with " ::: "
("Organization 1 - Name" = "A ::: B", "Organization 1 - Title" = "CEO ::: Advisor") and its
legacy export numbers them ("Organization 2 - Name"); each becomes a company and a link with
its own position, titles paired by their order (`company: several`, `{n}` columns)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bulkio.core.errors import MappingError
from bulkio.core.issues import Severity
from bulkio.core.mapping import parse_mapping
from bulkio.usecases.check import CheckResult, check_file

LEGACY = [
    "Given Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value", "Organization 1 - Type",
    "Organization 1 - Name", "Organization 1 - Title", "Organization 2 - Type",
    "Organization 2 - Name", "Organization 2 - Title",
]  # fmt: skip


def _write(path: Path, header: list[str], *rows: dict[str, str]) -> Path:
    """A Google CSV: UTF-8, comma-separated, quoted where needed (timelinize reads it so)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([row.get(h, "") for h in header] for row in rows)
    return path


def _links(result: CheckResult) -> set[tuple[str, str, str | None]]:
    names = {c.key: c.fields["last_name"] for c in result.validation.contacts}
    companies = {c.key: c.fields["company_name"] for c in result.validation.companies}
    return {
        (names[link.contact_key], companies[link.company_key], link.position)
        for link in result.validation.links
    }


def test_organisations_joined_in_one_cell_become_a_company_and_link_each(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "contacts.csv",
        LEGACY,
        {"Given Name": "Anna", "Family Name": "Müller", "E-mail 1 - Value": "anna@muster.de",
         "Organization 1 - Name": "Muster GmbH ::: Fischer IT",
         "Organization 1 - Title": "CEO ::: Advisor"},
    )  # fmt: skip
    result = check_file(path, keep_records=True)
    assert result.mapping.name == "google-legacy"
    assert result.ok and result.validation.issues == []
    assert _links(result) == {("Müller", "Muster GmbH", "CEO"), ("Müller", "Fischer IT", "Advisor")}
    (anna,) = result.validation.contacts
    assert anna.fields["position"] == "CEO"  # the first organisation's title is her own
    assert result.validation.rows_read == 1


def test_numbered_organisations_and_joined_ones_together(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "contacts.csv",
        LEGACY,
        {"Given Name": "Anna", "Family Name": "Müller", "E-mail 1 - Value": "anna@muster.de",
         "Organization 1 - Name": "Muster GmbH", "Organization 1 - Title": "CEO",
         "Organization 2 - Name": "Fischer IT ::: Otto Bau",
         "Organization 2 - Title": "Advisor ::: Partner"},
        {"Given Name": "Max", "Family Name": "Fischer", "E-mail 1 - Value": "max@fischer-it.de",
         "Organization 2 - Name": "Fischer IT", "Organization 2 - Title": "Owner"},
    )  # fmt: skip
    result = check_file(path, keep_records=True)
    assert result.ok
    assert _links(result) == {
        ("Müller", "Muster GmbH", "CEO"),
        ("Müller", "Fischer IT", "Advisor"),
        ("Müller", "Otto Bau", "Partner"),
        ("Fischer", "Fischer IT", "Owner"),
    }
    assert result.validation.contact_count == 2 and result.validation.company_count == 3


def test_titles_that_do_not_pair_up_with_the_organisations_are_a_warning(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "contacts.csv",
        LEGACY,
        {"Given Name": "Anna", "Family Name": "Müller", "E-mail 1 - Value": "anna@muster.de",
         "Organization 1 - Name": "Muster GmbH ::: Fischer IT",
         "Organization 1 - Title": "CEO"},
    )  # fmt: skip
    result = check_file(path, keep_records=True)
    assert result.ok
    (warning,) = result.validation.issues
    assert warning.severity == Severity.WARNING
    assert (warning.row, warning.column) == (2, "Organization 1 - Title")
    assert "'Organization 1 - Name' 2 companies" in warning.message
    assert _links(result) == {("Müller", "Muster GmbH", "CEO"), ("Müller", "Fischer IT", None)}


def test_a_contact_problem_is_said_once_and_a_lone_title_names_its_numbered_column(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path / "contacts.csv",
        LEGACY,
        {"Given Name": "Anna", "Family Name": "Müller", "E-mail 1 - Value": "anna(at)muster.de",
         "Organization 1 - Name": "Muster GmbH ::: Fischer IT",
         "Organization 1 - Title": "CEO ::: Advisor"},
        {"Given Name": "Max", "Family Name": "Fischer", "E-mail 1 - Value": "max@fischer-it.de",
         "Organization 1 - Name": "Fischer IT", "Organization 2 - Title": "Owner"},
    )  # fmt: skip
    result = check_file(path, keep_records=True)
    # row 2: the e-mail once, though the row names two companies
    assert [(i.row, i.column) for i in result.validation.errors] == [(2, "E-mail 1 - Value")]
    assert result.validation.rows_invalid == 1
    # row 3: the second organisation has a title but no name: left out, said so
    (warning,) = [i for i in result.validation.issues if i.severity == Severity.WARNING]
    assert (warning.row, warning.column, warning.value) == (3, "Organization 2 - Title", "Owner")
    assert "fill in column 'Organization 2 - Name'" in warning.message
    assert _links(result) == {("Fischer", "Fischer IT", None)}  # row 2 is not imported at all


def test_the_current_google_format_joins_organisations_in_organization_name(
    tmp_path: Path,
) -> None:
    header = [
        "First Name",
        "Last Name",
        "Organization Name",
        "Organization Title",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "Website 1 - Label",
        "Website 1 - Value",
    ]
    path = _write(
        tmp_path / "contacts.csv",
        header,
        {"First Name": "Anna", "Last Name": "Müller",
         "Organization Name": "Muster GmbH ::: Fischer IT",
         "Organization Title": "CEO ::: Advisor", "E-mail 1 - Label": "* Work",
         "E-mail 1 - Value": "anna@muster.de", "Website 1 - Value": "www.muster.de"},
    )  # fmt: skip
    result = check_file(path, keep_records=True)
    assert result.mapping.name == "google"
    assert _links(result) == {("Müller", "Muster GmbH", "CEO"), ("Müller", "Fischer IT", "Advisor")}
    homepages = {
        c.fields["company_name"]: c.fields["homepage"] for c in result.validation.companies
    }
    # the website is the contact's: it goes with the first organisation only
    assert homepages == {"Muster GmbH": "https://www.muster.de", "Fischer IT": None}


@pytest.mark.parametrize(
    ("yaml", "line"),
    [
        ("input:\n  contacts: {sheet: 0}\ncompany:\n  several: ' ::: '\n", 5),
        (
            "input:\n  companies: {sheet: 0}\ncompany:\n  fields:\n"
            "    company_name: {column: 'Organization {n} - Name'}\n",
            6,
        ),
    ],
)
def test_several_companies_per_row_need_a_flat_file(yaml: str, line: int) -> None:
    with pytest.raises(MappingError, match=f"line {line}.*flat"):
        parse_mapping("version: 1\n" + yaml, source="m")
