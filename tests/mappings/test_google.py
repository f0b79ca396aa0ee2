"""Google Contacts quirks: e-mails and phones by the label beside them, " ::: " multi-values,
birthdays without a year, numbered columns that exist only as far as the data needs them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from bulkio.core.errors import MappingError
from bulkio.core.issues import Severity
from bulkio.core.mapping import parse_mapping
from bulkio.usecases.check import CheckResult, check_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _contacts(result: CheckResult) -> dict[str, dict[str, Any]]:
    return {c.fields["last_name"]: c.fields for c in result.validation.contacts}


@pytest.mark.parametrize("sample", ["google/contacts.csv", "google-legacy/contacts.csv"])
def test_work_and_home_emails_and_phones_go_where_their_labels_say(sample: str) -> None:
    anna = _contacts(check_file(SAMPLES / sample, keep_records=True))["Müller"]
    assert anna["email"] == "anna.mueller@muster.de"  # "* Work"
    assert anna["email_private"] == "anna@privat.de"  # "Home"
    assert anna["telephone"] == "+493511234567"  # "Work"
    assert anna["mobile"] == "+491711234567"  # "Mobile"


def _write(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOGLE_FEW = [  # no addresses, websites, third e-mails or phones in the data: no such columns
    "First Name", "Last Name", "Name Prefix", "Name Suffix", "Organization Name",
    "Organization Title", "Birthday",
    "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value",
    "Phone 2 - Label", "Phone 2 - Value",
]  # fmt: skip


def test_an_export_with_fewer_numbered_columns_reads_and_labels_decide(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "contacts.csv",
        GOOGLE_FEW,
        ["Lea", "Roth", "", "", "", "", "", "Home", "lea@roth.de", "Home", "030 123456", "", ""],
        ["Jan", "Wolf", "", "", "Wolf AG", "CFO", "", "Other", "jan@wolf.de", "Work Fax",
         "030 1234569", "* Mobile", "0171 5555555 ::: 0171 6666666"],
    )  # fmt: skip
    result = check_file(path, mapping="google", keep_records=True)
    assert result.validation.errors == []
    people = _contacts(result)
    assert people["Roth"]["email"] is None
    assert people["Roth"]["email_private"] == "lea@roth.de"
    assert people["Roth"]["telephone_private"] == "+4930123456"
    assert people["Wolf"]["email"] == "jan@wolf.de"  # "Other" when there is no work e-mail
    assert people["Wolf"]["fax"] == "+49301234569"
    assert people["Wolf"]["mobile"] == "+491715555555"
    (warning,) = [i for i in result.validation.issues if i.severity == Severity.WARNING]
    assert (warning.row, warning.column) == (3, "Phone 2 - Value")
    assert "'0171 5555555' is used and '0171 6666666' left out" in warning.message


def test_no_labelled_value_is_dropped_without_a_word(tmp_path: Path) -> None:
    """Google writes the label a person typed ("Büro", "Zentrale") and its own ones that no
    Kanbert field has (Pager); two numbers under one label take two columns. Every value
    lands in a free field or is named in a warning (Google CSV as contacts.google.com
    exports it: UTF-8, comma-separated, numbered "Phone N - Label/Value" columns)."""
    path = _write(
        tmp_path / "contacts.csv",
        GOOGLE_FEW,
        ["Lea", "Roth", "", "", "", "", "", "Büro", "lea@roth.de", "Zentrale", "030 123456",
         "Pager", "030 7777777"],
        ["Jan", "Wolf", "", "", "Wolf AG", "CFO", "", "Work", "jan@wolf.de", "Work",
         "030 1111111", "Work", "030 2222222"],
    )  # fmt: skip
    result = check_file(path, mapping="google", keep_records=True)

    assert result.validation.errors == []
    people = _contacts(result)
    assert people["Roth"]["email"] == "lea@roth.de"  # a free catch-all field takes it
    assert people["Roth"]["telephone"] == "+4930123456"
    assert people["Wolf"]["telephone"] == "+49301111111"
    said = {
        (i.row, i.column): i.message
        for i in result.validation.issues
        if i.severity == Severity.WARNING
    }
    assert "labelled 'Büro', a label no field of the mapping wants" in said[(2, "E-mail 1 - Value")]
    assert "imported as email" in said[(2, "E-mail 1 - Value")]
    assert "labelled 'Zentrale'" in said[(2, "Phone 1 - Value")]
    assert "'030 7777777' (labelled 'Pager') is not imported" in said[(2, "Phone 2 - Value")]
    assert "'030 2222222' (labelled 'Work') is not imported" in said[(3, "Phone 2 - Value")]
    assert "telephone already takes another value" in said[(3, "Phone 2 - Value")]
    assert len(said) == 4


def test_a_birthday_without_a_year_is_left_out_with_a_warning_naming_it() -> None:
    result = check_file(SAMPLES / "google/contacts.csv", keep_records=True)
    assert _contacts(result)["Fischer"]["birthday"] is None
    found = [i for i in result.validation.issues if i.field == "contact.birthday"]
    skipped = [i for i in found if i.severity == Severity.WARNING]
    assert [(i.row, i.value) for i in skipped] == [(3, "--07-14")]
    assert "'--07-14' is left empty" in skipped[0].message and "year" in skipped[0].message


def test_a_bad_value_picked_by_label_is_reported_in_its_own_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "contacts.csv",
        GOOGLE_FEW,
        [
            "Lea",
            "Roth",
            "",
            "",
            "",
            "",
            "",
            "Work",
            "lea@roth.de",
            "Mobile",
            "0171 1",
            "Work",
            "12ab",
        ],
    )
    result = check_file(path, mapping="google")
    (error,) = result.validation.errors
    assert (error.row, error.column, error.value) == (2, "Phone 2 - Value", "12ab")


def test_label_needs_as_many_label_columns_as_value_columns() -> None:
    text = (
        "version: 1\ncontact:\n  fields:\n    email:\n      columns: [A, B]\n"
        "      label: {columns: [A label], one_of: [work]}\n"
    )
    with pytest.raises(MappingError, match="as many label columns"):
        parse_mapping(text, source="m.yaml")


def test_a_missing_column_is_still_an_error_unless_optional(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.csv", ["Name", "Mail"], ["Roth", "lea@roth.de"])
    base = "version: 1\ncontact:\n  fields:\n    last_name: Name\n    email: Mail\n"
    strict = tmp_path / "strict.yaml"
    strict.write_text(base + "    email_private: {column: Mail 2}\n", encoding="utf-8")
    with pytest.raises(MappingError, match="column 'Mail 2' not found"):
        check_file(path, mapping=strict)
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text(base + "    email_private: {column: Mail 2, optional: true}\n")
    assert check_file(lenient.parent / "list.csv", mapping=lenient).ok
