"""``bulkio export --entities``, a single ``.csv``, ``--delimiter`` and ``--lang``, against the
sandbox over loopback; the ``db`` fixture holds 2 live companies, 3 contacts and 3 links
(Jörg at two companies)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import httpx
import openpyxl
import pytest
from click.testing import CliRunner, Result

from bulkio.cli.main import cli
from bulkio.readers import open_source
from bulkio.sandbox import running
from tests.conftest import contact, seed
from tests.usecases.importer.files import read_platform


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_one_entity_as_one_csv_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "contacts.csv"

    result = _run("export", out, "--entities", "contacts", "--sandbox", db)

    assert result.exit_code == 0, result.output
    assert result.output == f"Exported 3 contacts to {out} (2 API requests).\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv", "sandbox.sqlite"]
    rows = _rows(out)
    assert rows[0][:6] == ["External ID", "External origin", "Gender", "Title", "First name",
                           "Last name *"]  # fmt: skip
    assert sorted(r[4] for r in rows[1:]) == ["'@home", "Jörg", "Ülla"]


def test_companies_and_links_without_contacts_list_every_link(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "links.xlsx"

    result = _run("export", out, "--entities", "companies", "--entities", "links", "--sandbox", db)

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Exported 2 companies and 3 links to {out} ")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Companies", "Links", "_bulkio"]
    links = [[c.value for c in row] for row in book["Links"].iter_rows(min_row=2)]
    assert sorted(links) == [
        ["C-1", "K-1", "Geschäftsführer"],
        ["C-1", "K-2", "Beirat"],
        ["C-3", "K-2", "=1+1"],
    ]


def test_only_what_the_entities_need_is_paged(db: Path, tmp_path: Path) -> None:
    with running(db) as box:
        httpx.delete(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
        result = _run("export", tmp_path / "c.csv", "--entities", "companies",
                      "--api-url", box.base_url, "--token", box.token)  # fmt: skip
        stats = httpx.get(box.root_url + "/_sandbox/stats", headers=box.auth_headers).json()

    assert result.exit_code == 0, result.output
    routes = {item["route"] for item in stats["requests"]}
    assert routes == {"/api/v1/companies", "/api/v1/custom-fields"}


def test_german_csv_uses_semicolons_and_reads_back_exactly(db: Path, tmp_path: Path) -> None:
    seed(db, contacts=[contact(9, first_name="Eva", telephone="+493511234599",
                               position="-5 Rabatt", mobile="=cmd|' /C calc'!A0")])  # fmt: skip
    out = tmp_path / "sicherung.zip"

    result = _run("export", out, "--lang", "de", "--sandbox", db)

    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        raw = archive.read("contacts.csv").decode("utf-8-sig")
    assert raw.splitlines()[0].startswith('"Externe ID";"Herkunftssystem";')
    assert '"+493511234599"' in raw  # a phone in E.164 reaches other programs unchanged
    assert "\"'=cmd|' /C calc'!A0\"" in raw and '"\'-5 Rabatt"' in raw  # formulas guarded
    with open_source(out) as source:
        kontakte = source.table(sheet="Kontakte").read_all()
    eva = kontakte.filter(kontakte["Vorname"] == "Eva").row(0, named=True)
    assert (eva["Telefon"], eva["Funktion"], eva["Mobil"]) == (
        "+493511234599",
        "-5 Rabatt",
        "=cmd|' /C calc'!A0",
    )


def test_german_export_writes_the_german_gender_words_and_imports_them_back(
    db: Path, tmp_path: Path
) -> None:
    seed(db, contacts=[contact(9, first_name="Eva", gender="female"),
                       contact(10, first_name="Max", gender="male")])  # fmt: skip
    out = tmp_path / "sicherung.xlsx"

    result = _run("export", out, "--lang", "de", "--sandbox", db)

    assert result.exit_code == 0, result.output
    kontakte = list(openpyxl.load_workbook(out)["Kontakte"].iter_rows(values_only=True))
    gender = kontakte[0].index("Geschlecht")
    first = kontakte[0].index("Vorname")
    assert {row[first]: row[gender] for row in kontakte[1:]}["Eva"] == "weiblich"
    assert {row[first]: row[gender] for row in kontakte[1:]}["Max"] == "männlich"
    again = tmp_path / "neu.sqlite"
    assert _run("import", out, "--sandbox", again).exit_code == 0
    with running(again) as box:
        platform = read_platform(box.base_url, box.token)
    assert [c["gender"] for c in platform.contacts if c["first_name"] == "Eva"] == ["female"]


@pytest.mark.parametrize(("given", "written"), [("tab", "\t"), ("|", "|"), (";", ";")])
def test_the_delimiter_asked_for_is_written_and_read_back(
    db: Path, tmp_path: Path, given: str, written: str
) -> None:
    folder = tmp_path / "export"

    result = _run("export", folder, "--format", "csv", "--delimiter", given, "--sandbox", db)

    assert result.exit_code == 0, result.output
    assert _rows(folder / "companies.csv", written)[1][0] == "K-1"
    with open_source(folder) as source:
        names = source.table(sheet="Companies").read_all()["Company name *"].to_list()
    assert names == ["Müller & Söhne GmbH", '=HYPERLINK("http://evil")']


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["all.csv"],
            "'all.csv' is one CSV file, which holds one sheet: choose it with --entities",
        ),
        (["x.jsonl", "--entities", "links"], "a JSONL export holds records"),
        (["x.xlsx", "--delimiter", ";"], "--delimiter is for CSV exports, not xlsx"),
        (["x.zip", "--delimiter", "#"], "'#' is not a delimiter bulkio writes"),
        (["x.xlsx", "--entities", "firms"], "unknown entity 'firms' for --entities"),
    ],
)
def test_options_that_do_not_fit_name_the_fix(
    db: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    result = _run("export", tmp_path / args[0], *args[1:], "--sandbox", db)

    assert result.exit_code == 2
    assert result.output.startswith(f"error: {says}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sandbox.sqlite"]
