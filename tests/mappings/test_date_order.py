"""The order of day and month settled by a date column's values, for presets whose date
format is an assumption (date_formats_assumed: outlook, outlook-es, salesforce-contacts-report).

The files are written as Outlook desktop writes its CSV export: Windows-1252 without an
encoding mark, every field quoted, CRLF (Exchange 2013's importer reads code page 1252,
PiratesRE/exchange_diff OutlookCsvLanguageSelect.cs; OX App Suite outlook2016.en_EN:
encoding cp1252). Outlook writes dates in the short date format of the computer's regional
settings: M/d/yyyy on en-US, dd/MM/yyyy on en-GB (Microsoft's "Format a date the way you
want", Windows Region settings), so the same English headers come with either order.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from bulkio.core.issues import RowIssue, Severity
from bulkio.core.mapping.date_order import DateOrder, assumed_order, in_order, order_evidence
from bulkio.usecases.check import CheckResult, check_file
from tests.mappings.real_exports import outlook_desktop, write_csv

HEADER = ("First Name", "Last Name", "Company", "E-mail Address", "Birthday", "Anniversary")


def _rows(*birthdays: str) -> list[dict[str, str]]:
    return [
        {"First Name": f"Person{i}", "Last Name": f"Last{i}", "Company": "Muster Ltd",
         "E-mail Address": f"p{i}@muster.co.uk", "Birthday": day}
        for i, day in enumerate(birthdays)
    ]  # fmt: skip


def _birthdays(result: CheckResult) -> list[str | None]:
    contacts = sorted(result.validation.contacts, key=lambda c: c.rows[0])
    return [c.fields["birthday"] for c in contacts]


def _date_warnings(result: CheckResult) -> list[RowIssue]:
    return [i for i in result.issues if i.message.startswith("dates in ")]


def test_british_outlook_dates_are_read_day_first_with_one_warning(tmp_path: Path) -> None:
    path = outlook_desktop(
        tmp_path / "contacts.csv", HEADER, _rows("04/05/1980", "23/04/1980", "0/0/00", "1/2/75")
    )
    result = check_file(path, keep_records=True)
    assert result.mapping.name == "outlook"
    assert result.ok, result.issues
    assert _birthdays(result) == ["1980-05-04", "1980-04-23", None, "1975-02-01"]
    (warning,) = _date_warnings(result)
    assert warning.severity is Severity.WARNING
    assert "read as day/month (DD/MM/YYYY)" in warning.message
    assert "'23/04/1980'" in warning.message and "'Birthday'" in warning.message


def test_american_outlook_dates_stay_month_first_without_a_word(tmp_path: Path) -> None:
    path = outlook_desktop(
        tmp_path / "contacts.csv", HEADER, _rows("04/05/1980", "04/23/1980", "12/31/1999")
    )
    result = check_file(path, keep_records=True)
    assert result.ok, result.issues
    assert _birthdays(result) == ["1980-04-05", "1980-04-23", "1999-12-31"]
    assert _date_warnings(result) == []


def test_only_ambiguous_dates_keep_the_presets_order_and_say_how_to_set_it(
    tmp_path: Path,
) -> None:
    path = outlook_desktop(tmp_path / "contacts.csv", HEADER, _rows("04/05/1980", "03/01/1975"))
    result = check_file(path, keep_records=True)
    assert result.ok, result.issues
    assert _birthdays(result) == ["1980-04-05", "1975-03-01"]
    (warning,) = _date_warnings(result)
    assert warning.severity is Severity.WARNING
    assert "read as month/day" in warning.message and "'04/05/1980'" in warning.message
    assert 'date_formats: ["%d/%m/%Y", "%d/%m/%y"]' in warning.message


def test_dates_that_contradict_each_other_are_errors_on_their_rows(tmp_path: Path) -> None:
    path = outlook_desktop(
        tmp_path / "contacts.csv", HEADER, _rows("04/23/1980", "23/04/1980", "04/05/1980")
    )
    result = check_file(path, keep_records=True)
    assert _date_warnings(result) == []
    errors = [i for i in result.issues if i.severity is Severity.ERROR]
    assert [(e.row, e.value) for e in errors] == [(3, "23/04/1980")]


def test_a_british_salesforce_report_reads_day_first(tmp_path: Path) -> None:
    """A Salesforce report exported by a user with the English (UK) locale: dd/MM/yyyy
    (Salesforce Help, "Supported Locales": en_GB dates 23/04/1980); CSV in UTF-8 with the
    footer lines a report ends with."""
    header = ("Contact ID", "First Name", "Last Name", "Account Name", "Email", "Birthdate")
    rows = [
        {"Contact ID": "0035g00000AbCdE", "First Name": "Emily", "Last Name": "Brown",
         "Account Name": "Muster Ltd", "Email": "emily@muster.co.uk", "Birthdate": "23/04/1980"},
        {"Contact ID": "0035g00000AbCdF", "First Name": "Tom", "Last Name": "Smith",
         "Account Name": "Muster Ltd", "Email": "tom@muster.co.uk", "Birthdate": "01/02/1975"},
    ]  # fmt: skip
    footer = '\r\n"Confidential Information - Do Not Distribute"\r\n'
    path = write_csv(tmp_path / "report.csv", header, rows, quote_all=True, footer=footer)
    result = check_file(path, mapping="salesforce-contacts-report", keep_records=True)
    assert result.ok, result.issues
    assert _birthdays(result) == ["1980-04-23", "1975-02-01"]
    (warning,) = _date_warnings(result)
    assert "day/month" in warning.message


def test_a_preset_that_does_not_assume_its_order_does_not_warn(tmp_path: Path) -> None:
    """German Outlook writes day.month.year in every German-speaking locale (outlook-de)."""
    header = ("Vorname", "Nachname", "Firma", "E-Mail-Adresse", "Geburtstag")
    rows = [
        {"Vorname": "Anna", "Nachname": "Weiß", "Firma": "Weiß KG",
         "E-Mail-Adresse": "a@weiss.de", "Geburtstag": "04.05.1980"},
    ]  # fmt: skip
    result = check_file(outlook_desktop(tmp_path / "k.csv", header, rows), keep_records=True)
    assert result.mapping.name == "outlook-de"
    assert _birthdays(result) == ["1980-05-04"]
    assert _date_warnings(result) == []


@pytest.mark.parametrize(
    ("values", "settled", "contradicts"),
    [
        (["23/04/1980", "04/05/1980"], DateOrder.DAY_FIRST, False),
        (["04/23/1980", None, "1980-04-23"], DateOrder.MONTH_FIRST, False),
        (["04/05/1980", "05/05/1980"], None, False),
        (["04/23/1980", "23/04/1980"], None, True),
        (["23.04.1980"], None, False),  # another separator says nothing about "/"
    ],
)
def test_the_evidence_of_a_column(
    values: list[str | None], settled: DateOrder | None, contradicts: bool
) -> None:
    evidence = order_evidence(pl.Series(values, dtype=pl.String), "/")
    assert evidence.settled is settled
    assert evidence.contradicts is contradicts


def test_swapping_the_assumed_order_keeps_formats_of_another_separator() -> None:
    formats = ["%m/%d/%Y", "%d.%m.%Y"]
    assumed = assumed_order(formats)
    assert assumed is not None and assumed.order is DateOrder.MONTH_FIRST
    assert in_order(formats, assumed, DateOrder.DAY_FIRST) == ["%d/%m/%Y", "%d.%m.%Y"]
    assert in_order(formats, assumed, DateOrder.MONTH_FIRST) == formats
