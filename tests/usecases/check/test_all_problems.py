"""One `check` shows every problem of every row, so one round trip with the customer is
enough: a wrong date and a company that disagrees on the same row, every field two rows of
a company disagree on, and "did you mean" for a company that is nearly in the file."""

from __future__ import annotations

from pathlib import Path

from bulkio.usecases.check import check_file

FLAT = """
version: 1
defaults: {date_formats: ["%d.%m.%Y"]}
company:
  key: {external_id: Kundennr.}
  fields:
    company_name: Firma
    address_invoice_town: Ort
    phone: Zentrale
contact:
  key: {match: email}
  fields:
    last_name: Name
    email: E-Mail
    birthday: Geburtstag
"""


def _csv(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return path


def test_a_wrong_date_and_every_disagreeing_company_field_on_one_row(tmp_path: Path) -> None:
    data = _csv(
        tmp_path / "kunden.csv",
        "Kundennr.;Firma;Ort;Zentrale;Name;E-Mail;Geburtstag\n"
        "K-1;Muster GmbH;Dresden;0351 1234500;Müller;mueller@muster.de;12.03.1961\n"
        "K-1;Muster GmbH;Leipzig;0341 999;Weiß;weiss@muster.de;31.04.1990\n"
        "K-1;Muster GmbH;Dresden;0351 1234500;;;01.01.1970\n",
    )
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(FLAT, encoding="utf-8")
    result = check_file(data, mapping=mapping)
    row3 = sorted((i.column, i.message) for i in result.validation.issues if i.row == 3)
    assert [column for column, _ in row3] == ["Geburtstag", "Ort", "Zentrale"]
    assert "'31.04.1990' is not a date" in row3[0][1]
    assert row3[1][1] == (
        "company K-1 is on row 2 with address_invoice_town 'Dresden' but here with 'Leipzig'; "
        "make the rows agree"
    )
    assert "phone '+493511234500' but here with '+49341999'" in row3[2][1]
    (row4,) = [i for i in result.validation.issues if i.row == 4]
    assert "the contact has neither a name nor an e-mail" in row4.message
    assert result.validation.rows_invalid == 2


SEPARATE = """
version: 1
input:
  companies: {sheet: Firmen}
  contacts: {sheet: Kontakte}
company:
  key: {external_id: Nr}
  fields:
    company_name: Firma
contact:
  key: {match: email}
  company: {column: Firma}
  fields:
    last_name: Name
    email: E-Mail
"""


def test_a_company_nearly_in_the_file_gets_did_you_mean(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    firms = book.active
    assert firms is not None
    firms.title = "Firmen"
    firms.append(["Nr", "Firma"])
    firms.append(["K-1", "Müller & Söhne GmbH"])
    firms.append(["K-2", "Alpen Consulting AG"])
    people = book.create_sheet("Kontakte")
    people.append(["Name", "E-Mail", "Firma"])
    people.append(["Müller", "hans@mueller.de", "Müller & Söhne GmbH"])
    people.append(["Weiß", "anna@mueller.de", "Müller & Soehne GmbH"])
    people.append(["Käser", "urs@alpen.ch", "K-3"])
    path = tmp_path / "kunden.xlsx"
    book.save(path)
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(SEPARATE, encoding="utf-8")
    result = check_file(path, mapping=mapping)
    messages = {i.row: i.message for i in result.validation.errors}
    assert messages[3] == (
        "company 'Müller & Soehne GmbH' is not in the file (did you mean 'Müller & Söhne "
        "GmbH'?); add it to the companies or correct the value"
    )
    # another id is no typo of this one: nothing is suggested
    assert messages[4] == (
        "company 'K-3' is not in the file; add it to the companies or correct the value"
    )


def test_repeated_problems_are_grouped_with_the_fix_that_settles_them(tmp_path: Path) -> None:
    """An American export's dates in a German mapping: one line says what to change."""
    import json

    from click.testing import CliRunner

    from bulkio.cli.main import cli

    lines = ["Kundennr.;Firma;Ort;Zentrale;Name;E-Mail;Geburtstag"]
    lines += [f"K-{i};Firma {i};Dresden;;P{i};p{i}@muster.de;12/{i + 13}/1980" for i in range(12)]
    data = _csv(tmp_path / "kunden.csv", "\n".join(lines) + "\n")
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(FLAT, encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(data), "-m", str(mapping), "--no-report"])
    assert out.exit_code == 1
    assert (
        "Repeated problems:\n  error: column 'Geburtstag': 12 rows are no date the mapping's "
        "formats read (e.g. '12/13/1980') -- name the file's date format in the mapping "
        "(defaults: date_formats)\n"
    ) in out.output
    as_json = CliRunner().invoke(
        cli, ["check", str(data), "-m", str(mapping), "--no-report", "--json"]
    )
    (group,) = json.loads(as_json.output)["repeated"]
    assert (group["column"], group["rows"]) == ("Geburtstag", 12)


def test_a_contact_with_only_an_e_mail_is_imported_with_a_warning(tmp_path: Path) -> None:
    """Kanbert allows a contact without a name; bulkio takes one that has an e-mail (it can
    be found again by it) and says so. A contact with neither stays an error."""
    data = _csv(
        tmp_path / "kunden.csv",
        "Kundennr.;Firma;Ort;Zentrale;Name;E-Mail;Geburtstag\n"
        "K-1;Muster GmbH;Dresden;;;info@muster.de;\n"
        "K-2;Alpen AG;Zürich;;;;\n",
    )
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(FLAT, encoding="utf-8")
    result = check_file(data, mapping=mapping, keep_records=True)
    (warning,) = [i for i in result.validation.issues if i.row == 2]
    assert warning.severity == "warning"
    assert "has an e-mail but no name" in warning.message and "'Name'" in warning.message
    (contact,) = result.validation.contacts
    assert contact.fields["email"] == "info@muster.de" and contact.fields["last_name"] is None
    # row 3: a company alone (no contact cells) is a company without contact, not an error
    assert result.validation.errors == []
