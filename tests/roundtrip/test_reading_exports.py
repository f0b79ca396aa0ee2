"""bulkio reads its own CSV export (a folder or a .zip) like a workbook: sheets named as the
template's, the formula guard removed; any other CSV keeps its text as it is."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli
from bulkio.core.choices import choices_from_seed
from bulkio.core.errors import InputFileError
from bulkio.core.layout import build_layout
from bulkio.readers import open_source
from bulkio.usecases.check import check_file
from bulkio.writers.export_csv import write_export_csv
from tests.writers.records import company, contact, linked

TRICKY = ["=1+1", "+49 351 1234500", "-5 Rabatt", "@home", "'abc", "''x", "'plain quote"]
NOT_FORMULAS = ["+493511234500", "-5"]  # an E.164 phone, a plain number: never guarded


def _export(target: Path, lang: str = "en") -> Path:
    seed = {"custom_fields": [{"alias": "segment", "name": "Segment", "type": "select",
                               "entity_type": "company", "options": ["A", "B"]}]}  # fmt: skip
    layout = build_layout(choices_from_seed(seed).custom_fields, export=True, lang=lang)
    companies = [
        company(i, company_name=name, tax_uid="DE136695976", custom_fields={"segment": "B"})
        for i, name in enumerate(TRICKY + NOT_FORMULAS, 1)
    ]
    anna = contact(1, companies=[linked(companies[0], "=Chef"), linked(companies[1], "-Beirat")])
    write_export_csv(target, layout=layout, companies=companies, contacts=[anna], lang=lang)
    return target


@pytest.mark.parametrize("name", ["export", "export.zip"])
def test_an_export_reads_back_exactly_as_it_was_exported(tmp_path: Path, name: str) -> None:
    path = _export(tmp_path / name)

    with open_source(path) as source:
        assert source.sheet_names == ["Companies", "Contacts", "Links", "_bulkio"]
        companies = source.table(sheet="Companies").read_all()
        assert companies["Company name *"].to_list() == TRICKY + NOT_FORMULAS
        assert companies["Invoice address: ZIP"].to_list()[0] == "01067"
        links = source.table(sheet="Links").read_all()
        assert links["Position at company"].to_list() == ["-Beirat"]
        contacts = source.table(sheet="contacts").read_all()  # any case, either language
        assert contacts["Position at company"].to_list() == ["=Chef"]


def test_a_german_export_has_german_sheet_names(tmp_path: Path) -> None:
    path = _export(tmp_path / "sicherung.zip", lang="de")

    with open_source(path) as source:
        assert source.sheet_names[:3] == ["Firmen", "Kontakte", "Verknüpfungen"]
        names = source.table(sheet="Firmen").read_all()["Firmenname *"].to_list()
        assert names == TRICKY + NOT_FORMULAS
        assert source.table(sheet="Companies").sheet == "Firmen"


def test_an_ordinary_csv_keeps_its_quotes(tmp_path: Path) -> None:
    folder = _export(tmp_path / "export")
    plain = tmp_path / "plain.csv"
    shutil.copy(folder / "companies.csv", plain)  # the same file without its manifest

    with open_source(plain) as source:
        names = source.table().read_all()["Company name *"].to_list()

    assert names[0] == "'=1+1" and names[4] == "''abc"
    assert names[len(TRICKY) :] == NOT_FORMULAS  # what any other program sees, unchanged


def test_check_recognises_an_export_zip_and_a_folder_with_no_mapping(tmp_path: Path) -> None:
    for path in (_export(tmp_path / "export.zip"), _export(tmp_path / "export")):
        result = check_file(path, keep_records=True)

        assert result.mapping.name == "bulkio-template", result.mapping.reason
        assert result.ok, [str(i) for i in result.issues]
        fields = {c.key.value: c for c in result.validation.companies}["K-1"]
        assert fields.fields["company_name"] == "=1+1"
        assert fields.custom_fields == {"segment": "B"}  # custom fields come along


def test_the_check_command_takes_an_export_zip(tmp_path: Path) -> None:
    path = _export(tmp_path / "export.zip")

    result = CliRunner().invoke(cli, ["check", str(path)])

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_folders_and_zips_that_are_not_exports_say_what_to_give(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputFileError, match="folder without CSV files"):
        open_source(empty)
    files = tmp_path / "files"
    files.mkdir()
    (files / "kunden.csv").write_text("Name;Ort\nA;B\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"it holds: kunden\.csv") as raised:
        open_source(files)
    assert "Give the path of one of these files" in str(raised.value)
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.csv", "x,y\n1,2\n")
    with pytest.raises(InputFileError, match="neither a workbook nor a bulkio CSV export"):
        open_source(archive)

    result = CliRunner().invoke(cli, ["check", str(files)])
    assert result.exit_code == 2
    assert "kunden.csv" in result.output and "Traceback" not in result.output
