"""``bulkio export`` against the real sandbox over loopback."""

from __future__ import annotations

import csv
import json
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from click.testing import CliRunner, Result

from bulkio import import_file
from bulkio.cli.main import cli
from bulkio.sandbox import running
from bulkio.usecases.connect import Target
from bulkio.usecases.export import export
from tests.conftest import company, contact, seed
from tests.usecases.export.conftest import ARCHIVED_AT


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


def _sheet_rows(path: Path, title: str) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[title]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h).removesuffix(" *") for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k.removesuffix(" *"): v for k, v in row.items()} for row in csv.DictReader(fh)]


def test_xlsx_export_in_the_template_layout(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.xlsx"
    result = _run("export", str(out), "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    assert "Exported 2 companies, 3 contacts and 3 links" in result.output
    assert result.output.count("\n") == 1  # no progress bar when stderr is not a terminal
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Companies", "Contacts", "Links", "_bulkio"]

    companies = _sheet_rows(out, "Companies")
    assert [c["Company name"] for c in companies] == [
        "Müller & Söhne GmbH",
        '=HYPERLINK("http://evil")',
    ]
    first = companies[0]
    assert first["External ID"] == "K-1"
    assert first["Kanbert ID"] == "00000000-0000-4000-8000-000000000001"
    assert first["Customer number"] == "000123"  # custom field, leading zeros kept
    assert first["Created at"] == "2024-03-01T10:00:00.000000Z"
    assert first["Archived at"] is None
    evil = companies[1]["Company name"]
    cell = next(c for row in wb["Companies"].iter_rows() for c in row if c.value == evil)
    assert cell.data_type == "s"  # stored as text: Excel shows it, never runs it

    contacts = _sheet_rows(out, "Contacts")
    joerg = next(c for c in contacts if c["First name"] == "Jörg")
    assert joerg["Last name"] == "Weiß"
    assert joerg["ZIP"] == "01067"
    assert joerg["Phone"] == "+49 351 1234567"
    assert joerg["Job title"] == "-5 Rabatt"
    assert joerg["Country"] == "DE"
    assert joerg["Company (external ID or name)"] == "K-1"
    assert joerg["Position at company"] == "Geschäftsführer"
    home = next(c for c in contacts if c["Last name"] == "Öztürk")
    assert home["First name"] == "@home"
    uella = next(c for c in contacts if c["First name"] == "Ülla")
    assert uella["Position at company"] == "=1+1"

    links = _sheet_rows(out, "Links")
    assert links == [
        {
            "Contact (external ID or e-mail)": "C-1",
            "Company (external ID or name)": "K-2",
            "Position at company": "Beirat",
        }
    ]


def test_csv_export_as_folder_and_zip(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    result = _run("export", str(folder), "--format", "csv", "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "bulkio-export.json",
        "companies.csv",
        "contacts.csv",
        "links.csv",
    ]
    companies = _csv_rows(folder / "companies.csv")
    assert companies[0]["Company name"] == "Müller & Söhne GmbH"
    assert companies[0]["Customer number"] == "000123"
    assert companies[1]["Company name"] == '\'=HYPERLINK("http://evil")'  # guarded
    contacts = _csv_rows(folder / "contacts.csv")
    assert contacts[1]["First name"] == "'@home"
    assert contacts[0]["Job title"] == "'-5 Rabatt"
    assert contacts[0]["Phone"] == "'+49 351 1234567"
    assert _csv_rows(folder / "links.csv") == [
        {
            "Contact (external ID or e-mail)": "C-1",
            "Company (external ID or name)": "K-2",
            "Position at company": "Beirat",
        }
    ]

    zipped = tmp_path / "export.zip"
    assert _run("export", str(zipped), "--sandbox", str(db)).exit_code == 0
    with zipfile.ZipFile(zipped) as zf:
        assert sorted(zf.namelist()) == sorted(p.name for p in folder.iterdir())
        assert zf.read("companies.csv") == (folder / "companies.csv").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_counts_the_command_prints_are_the_counts_in_its_manifest(tmp_path: Path) -> None:
    """Links are contact-company pairs wherever they are counted: the quickstart sample has
    five, one of them on the Links sheet (Urs works at two companies)."""
    repo = Path(__file__).resolve().parents[3]
    db = tmp_path / "sandbox.sqlite"
    imported = import_file(
        repo / "samples" / "quickstart.csv",
        mapping=repo / "mappings" / "quickstart.yaml",
        target=Target(sandbox=db),
        report=tmp_path / "results.xlsx",
        journal=tmp_path / "journal.sqlite",
    )
    assert imported.ok, imported.summary()
    folder = tmp_path / "export"
    result = _run("export", str(folder), "--format", "csv", "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    printed = re.search(r"Exported (\d+) companies, (\d+) contacts and (\d+) links", result.output)
    assert printed is not None, result.output
    manifest = json.loads((folder / "bulkio-export.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {
        "companies": int(printed[1]),
        "contacts": int(printed[2]),
        "links": int(printed[3]),
    }
    assert manifest["counts"] == {"companies": 3, "contacts": 4, "links": 5}
    assert len(_csv_rows(folder / "links.csv")) == 1


def test_jsonl_export_one_record_per_line(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    result = _run("export", str(out), "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["_entity"] for r in records] == ["company"] * 2 + ["contact"] * 3
    joerg = records[2]
    assert joerg["first_name"] == "Jörg" and joerg["address_zip"] == "01067"
    assert [(c["external_id"], c["contact_company"]["position"]) for c in joerg["companies"]] == [
        ("K-1", "Geschäftsführer"),
        ("K-2", "Beirat"),
    ]
    assert "Jörg" in lines[2]  # UTF-8, not \u escapes


def test_since_keeps_only_recently_changed_records(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "recent.jsonl"
    result = _run("export", str(out), "--since", "2025-01-01", "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["first_name"] for r in records] == ["Jörg"]
    # A time with a zone is compared in UTC: 12:00 UTC is 14:00 in Berlin (summer).
    later = export(Target(sandbox=db), tmp_path / "later.jsonl", since="2025-06-01T14:00:01+02:00")
    assert later.counts == {"companies": 0, "contacts": 0, "links": 0}
    same = export(Target(sandbox=db), tmp_path / "same.jsonl", since="2025-06-01T14:00:00+02:00")
    assert same.counts["contacts"] == 1


def test_include_archived_shows_archived_records(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    result = _run("export", str(out), "--include-archived", "--sandbox", str(db))
    assert result.exit_code == 0, result.output
    companies = _sheet_rows(out, "Companies")
    archived = [c for c in companies if c["Archived at"]]
    assert [(c["Company name"], c["Archived at"]) for c in archived] == [("Alt GmbH", ARCHIVED_AT)]
    assert len(companies) == 3


def test_one_request_per_100_records_plus_the_look_up(tmp_path: Path) -> None:
    db = tmp_path / "many.sqlite"
    n_companies, n_contacts = 250, 200
    seed(
        db,
        [company(i) for i in range(n_companies)],
        [contact(i) for i in range(n_contacts)],
        [(contact(i)["id"], company(i)["id"], "CEO") for i in range(n_contacts)],
    )
    with running(db) as box:
        target = Target(api_url=box.base_url, token=box.token)
        result = export(target, tmp_path / "many.xlsx")
        answer = httpx.get(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
        stats = answer.json()["requests"]
    by_route = {r["route"].removeprefix("/api/v1"): r["count"] for r in stats}
    assert by_route == {
        "/companies": math.ceil(n_companies / 100),
        "/contacts": math.ceil(n_contacts / 100),
        "/custom-fields": 1,
    }
    assert all(r["status"] == 200 for r in stats)
    assert result.requests == sum(by_route.values())
    assert result.counts == {"companies": 250, "contacts": 200, "links": 200}


@pytest.mark.parametrize("name", ["x.xlsx", "x.jsonl", "x.zip"])
def test_a_wrong_token_exits_2_and_leaves_no_file(db: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    with running(db) as box:
        result = _run("export", str(out), "--api-url", box.base_url, "--token", "wrong-secret")
    assert result.exit_code == 2
    assert "refused the token" in result.output and "KANBERT_API_TOKEN" in result.output
    assert "wrong-secret" not in result.output and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir() if "x." in p.name and "sandbox" not in p.name] == []


def test_bad_options_name_the_fix(db: Path, tmp_path: Path) -> None:
    unknown = _run("export", str(tmp_path / "x.txt"), "--sandbox", str(db))
    assert unknown.exit_code == 2 and "--format" in unknown.output and ".xlsx" in unknown.output
    since = _run("export", str(tmp_path / "x.xlsx"), "--since", "yesterday", "--sandbox", str(db))
    assert since.exit_code == 2 and "2026-11-01" in since.output
    csv_name = _run("export", str(tmp_path / "x.csv"), "--format", "csv", "--sandbox", str(db))
    assert csv_name.exit_code == 2 and "folder" in csv_name.output
    missing = _run("export", str(tmp_path / "no" / "x.xlsx"), "--sandbox", str(db))
    assert missing.exit_code == 2 and "does not exist" in missing.output
    outputs = unknown.output + since.output + csv_name.output + missing.output
    assert "Traceback" not in outputs
