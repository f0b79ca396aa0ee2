"""Dates typed as text in long form, as people type them into a "Geburtstag" column of a
German Excel list saved as CSV (Windows-1252, ";") or an English one (UTF-8, ",")."""

from __future__ import annotations

from pathlib import Path

from bulkio.core.issues import Severity
from bulkio.usecases.check import check_file

MAPPING = """
version: 1
defaults: {phone_region: DE%s}
contact:
  key: {match: email}
  fields:
    last_name: Name
    email: E-Mail
    birthday: Geburtstag
"""


def _check(tmp_path: Path, births: list[str], *, formats: str = "", encoding: str = "cp1252"):
    lines = ["Name;E-Mail;Geburtstag"]
    lines += [f"Person {i};p{i}@muster.de;{b}" for i, b in enumerate(births)]
    path = tmp_path / "kontakte.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    mapping = tmp_path / "kontakte.yaml"
    mapping.write_text(MAPPING % formats, encoding="utf-8")
    return check_file(path, mapping=mapping, keep_records=True)


def test_german_and_english_month_names_are_read_with_any_date_format(tmp_path: Path) -> None:
    typed = ["1. März 1975", "3 March 1975", "March 3, 1975", "3. Mär. 1975", "03-Mar-1975",
             "Montag, 3. März 1975", "1. Jänner 1980", "24. Dezember 1969"]  # fmt: skip
    for formats in ("", ', date_formats: ["%d.%m.%Y"]'):
        result = _check(tmp_path, typed, formats=formats)
        assert result.validation.issues == []
        births = [c.fields["birthday"] for c in result.validation.contacts]
        assert births == ["1975-03-01", "1975-03-03", "1975-03-03", "1975-03-03", "1975-03-03",
                          "1975-03-03", "1980-01-01", "1969-12-24"]  # fmt: skip


def test_an_ambiguous_date_without_a_format_is_a_warning_not_a_guess(tmp_path: Path) -> None:
    result = _check(tmp_path, ["03/04/1975", "31/12/1980", "12/31/1980"])
    births = [c.fields["birthday"] for c in result.validation.contacts]
    assert births == [None, "1980-12-31", "1980-12-31"]
    (issue,) = result.validation.issues
    assert issue.severity is Severity.WARNING and (issue.row, issue.column) == (2, "Geburtstag")
    assert "could be 3 April or 4 March" in issue.message
    assert "date_formats" in issue.message
    assert result.ok


def test_a_format_given_decides_and_a_wrong_long_date_is_an_error(tmp_path: Path) -> None:
    result = _check(
        tmp_path, ["03/04/1975", "30. Februar 1975"], formats=', date_formats: ["%m/%d/%Y"]'
    )
    births = [c.fields["birthday"] for c in result.validation.contacts]
    assert births == ["1975-03-04"]
    (issue,) = result.validation.issues
    assert issue.severity is Severity.ERROR and issue.row == 3
    assert "'30. Februar 1975' is not a date" in issue.message
