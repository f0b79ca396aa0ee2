"""`bulkio check` end to end on real files: summary, report workbook, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples"
MAPPINGS = ROOT / "mappings"


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_german_cp1252_sample_names_each_bad_cell_and_writes_the_report(tmp_path: Path) -> None:
    report = tmp_path / "report.xlsx"
    code, out = run(
        "check", SAMPLES / "kunden_de.csv", "-m", MAPPINGS / "kunden_de.yaml", "--report", report
    )
    assert code == 1
    assert "encoding Windows-1252, delimiter ';'" in out
    assert "row 5, column 'E-Mail': 'oemer.yilmaz(at)baeckerei-schoenfeld.de'" in out
    assert "row 5, column 'Geburtstag': '31.04.1990' is not a date" in out
    assert "row 10, column 'Firma'" in out

    book = openpyxl.load_workbook(report)
    assert book.sheetnames[:2] == ["Summary", "Errors"]
    problems = [r for r in book["Errors"].iter_rows(min_row=2, values_only=True) if any(r)]
    errors = [r for r in problems if r[5] == "error"]
    assert {(r[1], r[2]) for r in errors} == {(5, "E-Mail"), (5, "Geburtstag"), (10, "Firma")}
    # row 11 repeats row 2 cell for cell: read once, said once
    assert [(r[1], r[5]) for r in problems if r not in errors] == [(11, "warning")]
    rows = book[book.sheetnames[2]]
    header = [c.value for c in rows[1]]
    row5 = next(r for r in rows.iter_rows(min_row=2) if r[0].value == 5)
    email_cell = row5[header.index("E-Mail")]
    assert email_cell.comment is not None and "e-mail address" in email_cell.comment.text
    assert email_cell.fill.fgColor.rgb not in (None, "00000000")
    # the user's own text, exactly as typed: leading zeros and all
    assert row5[header.index("PLZ")].value == "04109"


def test_english_workbook_with_title_rows_and_real_dates(tmp_path: Path) -> None:
    code, out = run(
        "check",
        SAMPLES / "contacts_en.xlsx",
        "-m",
        MAPPINGS / "contacts_en.yaml",
        "--json",
        "--no-report",
    )
    assert code == 1
    data = json.loads(out)
    assert data["sheets"][0]["header_row"] == 3
    assert data["summary"]["companies"] == 3
    problems = {(i["row"], i["column"]) for i in data["issues"] if i["severity"] == "error"}
    assert problems == {(7, "Email"), (9, "Country")}


def test_a_clean_file_exits_0_and_writes_no_report_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "clean.csv"
    data.write_text(
        "Firma;Vorname;Nachname;E-Mail;PLZ\n"
        "Muster GmbH;Anna;Müller;anna@muster.de;01067\n"
        "Muster GmbH;Bernd;Schulz;bernd@muster.de;01067\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "company:\n  fields:\n    company_name: Firma\n    address_invoice_zip: PLZ\n"
        "contact:\n  fields:\n    first_name: Vorname\n    last_name: Nachname\n"
        "    email: E-Mail\n",
        encoding="utf-8",
    )
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    code, out = run("check", data, "-m", mapping)
    assert list(cwd.iterdir()) == []
    assert code == 0, out
    assert "All rows are valid." in out
    assert re.search(r"companies +1\n", out) and re.search(r"contacts +2\n", out)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"Firma;Vorname\n", "no data rows"),
    ],
)
def test_empty_and_header_only_files(tmp_path: Path, content: bytes, message: str) -> None:
    data = tmp_path / "in.csv"
    data.write_bytes(content)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "company:\n  fields:\n    company_name: Firma\n"
        "contact:\n  fields:\n    first_name: Vorname\n",
        encoding="utf-8",
    )
    code, out = run("check", data, "-m", mapping, "--no-report")
    assert code in (1, 2)
    assert message in out


def test_file_and_mapping_that_cannot_be_used_give_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out = run("check", tmp_path / "missing.csv", "-m", MAPPINGS / "kunden_de.yaml")
    assert code == 2 and "not found" in out

    code, out = run("check", SAMPLES / "kunden_de.csv", "-m", tmp_path / "nope.yaml")
    assert code == 2 and "mapping file" in out and "does not exist" in out

    bad = tmp_path / "bad.yaml"
    bad.write_text("company:\n  fields:\n    compnay_name: Firma\n", encoding="utf-8")
    code, out = run("check", SAMPLES / "kunden_de.csv", "-m", bad)
    assert code == 2 and "line 3" in out and "company_name" in out

    renamed = tmp_path / "kunden.csv"
    shutil.copy(SAMPLES / "kunden_de.csv", renamed)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("company:\n  fields:\n    company_name: Firmenname\n", encoding="utf-8")
    code, out = run("check", renamed, "-m", wrong)
    assert code == 2
    assert "column 'Firmenname' not found" in out and "did you mean 'Firma'" in out


def test_one_bad_row_is_one_row_and_no_report_is_mentioned_after_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where the default report goes
    data = tmp_path / "kunden.csv"
    text = (SAMPLES / "quickstart.csv").read_text(encoding="utf-8")
    data.write_text(text.replace("anna.weiss@example.de", "anna.weiss(at)example.de"), "utf-8")
    code, out = run("check", data, "-m", MAPPINGS / "quickstart.yaml", "--no-report")
    assert code == 1
    assert out.splitlines()[-1] == (
        "1 row needs fixing: correct it in the file and run bulkio check again."
    )
    # the mapping's path is printed too, and may hold "report" (a folder of that name)
    assert "report" not in out.replace(str(MAPPINGS), "").lower()
    assert not list(tmp_path.glob("*.xlsx"))

    code, out = run("check", data, "-m", MAPPINGS / "quickstart.yaml")
    assert out.splitlines()[-1] == (
        "1 row needs fixing: correct it in the file (the report marks each cell) and run "
        "bulkio check again."
    )
