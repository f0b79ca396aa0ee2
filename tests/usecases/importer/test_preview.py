"""The preview a customer signs and the results that tell the truth, against the sandbox.

A dry run writes the plan workbook: every row with what the import will do to it, each field
as it will be written (or before → after for an update). A real run's results workbook shows
the same columns beside each row's outcome, and its Summary counts the requests the sandbox
answered, by kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from bulkio import Target, import_file
from bulkio.cli.main import cli
from bulkio.sandbox import FaultConfig, Sandbox, running
from tests.usecases.importer.files import (
    SANDBOX_AUTH,
    flat_rows,
    read_platform,
    reset_stats,
    write_counts,
    write_csv,
    write_mapping,
)

NAMES_MAPPING = """\
version: 1
input:
  flat: {sheet: 0}
defaults:
  phone_region: DE
company:
  key: {external_id: Nr}
  fields:
    company_name: Firma
    address_invoice_street: {column: Straße, split_street: street}
    address_invoice_house: {column: Straße, split_street: house}
    address_invoice_country: Land
contact:
  key: {external_id: Kontakt}
  fields:
    first_name: {column: Name, split_name: first}
    last_name: {column: Name, split_name: last}
    telephone: Telefon
link:
  position: Position
"""
PREVIEW_COLUMNS = ("Company", "Contact", "Link")


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.chdir(tmp_path)  # default workbooks and journals land here
    with running(tmp_path / "sandbox.sqlite", rate_limit="6000/minute") as sandbox:
        yield sandbox


def _import(box: Sandbox, *args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["import", *map(str, args), "--api-url", box.base_url, "--token", box.token],
        obj={},
    )
    return result.exit_code, result.output


def _sheet_rows(path: Path, index: int = 1) -> list[dict[str, Any]]:
    """The rows of a workbook's sheet as header -> value."""
    sheet = openpyxl.load_workbook(path).worksheets[index]
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def _summary(path: Path) -> dict[str, Any]:
    sheet = openpyxl.load_workbook(path)["Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}


def _filled(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The preview cells of ``row`` for one kind of record ("Contact: ") that hold a value."""
    return {k: v for k, v in row.items() if k.startswith(prefix) and v is not None}


def test_a_dry_run_writes_a_plan_workbook_with_every_value_as_it_will_be_written(
    tmp_path: Path, box: Sandbox
) -> None:
    data = tmp_path / "kunden.csv"
    data.write_text(
        "Nr;Firma;Straße;Land;Kontakt;Name;Telefon;Position\n"
        "K-1;Brandt GmbH;Hauptstraße 12a;Deutschland;P-1;Brandt Peter;0351 4711-10;Chef\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "kunden.yaml"
    mapping.write_text(NAMES_MAPPING, encoding="utf-8")
    reset_stats(box.root_url)

    code, out = _import(box, data, "-m", mapping, "--dry-run", "--plan", tmp_path / "p.xlsx")

    assert code == 0, out
    assert f"Plan workbook: {tmp_path / 'p.xlsx'}" in out
    assert write_counts(box.root_url) == {}
    [row] = _sheet_rows(tmp_path / "p.xlsx")
    assert (row["Row"], row["Name"]) == (2, "Brandt Peter")  # the customer's own cells
    assert (row["Company"], row["Contact"], row["Link"]) == ("create", "create", "link")
    assert _filled(row, "Contact: ") == {
        "Contact: External ID": "P-1",
        "Contact: First name": "Brandt",  # the split is a guess: here it is visible
        "Contact: Last name": "Peter",
        "Contact: Phone": "+49351471110",
    }
    assert _filled(row, "Company: ") == {
        "Company: External ID": "K-1",
        "Company: Company name": "Brandt GmbH",
        "Company: Invoice address: Street": "Hauptstraße",
        "Company: Invoice address: House no.": "12a",
        "Company: Invoice address: Country": "DE",
    }
    assert row["Link: Position at company"] == "Chef"
    book = openpyxl.load_workbook(tmp_path / "p.xlsx")
    sheet = book.worksheets[1]
    assert (sheet.freeze_panes, sheet.print_title_rows) == ("B2", "$1:$1")
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(row))}2"
    assert all(ws.page_setup.orientation == "landscape" for ws in book.worksheets)
    summary = _summary(tmp_path / "p.xlsx")
    assert "Checked and approved by" in summary
    assert summary["companies create"] == 1
    assert summary["planned writes"] == 3
    assert summary["writes"] == 0
    assert summary["estimated seconds for the writes"] == pytest.approx(0.0, abs=0.1)


def test_an_updates_plan_workbook_shows_exactly_the_changed_fields_with_before_and_after(
    tmp_path: Path, box: Sandbox
) -> None:
    rows = flat_rows(10, per_company=5)
    data = write_csv(tmp_path / "k.csv", rows)
    mapping = write_mapping(tmp_path / "k.yaml")
    code, out = _import(box, data, "-m", mapping)
    assert code == 0, out
    rows[1][8] = "Neuer Name"  # P-00001's last name
    rows[2][9] = "neu2@firma0.de"  # P-00002's e-mail
    rows[3][10] = "Geschäftsführung"  # P-00003's position at K-00000
    for cells in rows[5:10]:
        cells[2] = "Berlin"  # K-00001's town, on each of its rows
    write_csv(data, rows)
    reset_stats(box.root_url)

    code, out = _import(box, data, "-m", mapping, "--dry-run")

    assert code == 0, out
    assert write_counts(box.root_url) == {}
    plan = {row["Kontaktnr"]: row for row in _sheet_rows(tmp_path / "k-plan.xlsx")}
    assert plan["P-00001"]["Contact"] == "update"
    assert _filled(plan["P-00001"], "Contact: ") == {"Contact: Last name": "Nachname1 → Neuer Name"}
    assert _filled(plan["P-00002"], "Contact: ") == {
        "Contact: E-mail": "person2@firma0.de → neu2@firma0.de"
    }
    assert (plan["P-00003"]["Contact"], plan["P-00003"]["Link"]) == ("unchanged", "relink")
    assert _filled(plan["P-00003"], "Link: ") == {
        "Link: Position at company": "Rolle 3 → Geschäftsführung"
    }
    for n in (5, 6, 7, 8, 9):  # every row of K-00001 shows its one change
        row = plan[f"P-{n:05d}"]
        assert row["Company"] == "update"
        assert _filled(row, "Company: ") == {"Company: Invoice address: Town": "Leipzig → Berlin"}
    for key in ("P-00000", "P-00004"):
        assert {plan[key][c] for c in PREVIEW_COLUMNS} == {"unchanged"}
        assert _filled(plan[key], "Contact: ") == _filled(plan[key], "Company: ") == {}


def test_the_results_show_the_plans_columns_and_count_what_the_sandbox_counted(
    tmp_path: Path,
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(40, per_company=4))
    mapping = write_mapping(tmp_path / "k.yaml")
    faults = FaultConfig(error_503=0.15, seed=3)  # answered 503, sent again
    with running(tmp_path / "sandbox.sqlite", faults=faults) as box:
        target = Target(api_url=box.base_url, token=box.token)
        result = import_file(data, target=target, mapping=mapping, report=tmp_path / "r.xlsx")
        stats = httpx.get(box.root_url + "/_sandbox/stats", headers=SANDBOX_AUTH).json()

    assert result.ok, result.summary()
    answered = stats["requests"]
    lookups = ("/api/v1/contacts", "/api/v1/companies")

    def count(keep: Any) -> int:
        return sum(item["count"] for item in answered if keep(item))

    summary = _summary(tmp_path / "r.xlsx")
    assert summary["requests sent"] == count(lambda i: True)
    # the token checked first: may it write (a write that changes nothing, the only contact
    # PATCH), in which space (whoami)
    probes = count(lambda i: i["method"] == "PATCH" and i["route"] == "/api/v1/contacts/{id}")
    whoami = count(lambda i: i["route"] == "/api/v1/whoami")
    assert summary["token checks"] == probes + whoami and probes >= 1 and whoami >= 1
    assert summary["writes"] == count(lambda i: i["method"] != "GET") - probes
    assert summary["matching reads"] == count(
        lambda i: i["method"] == "GET" and i["route"] in lookups
    )
    assert summary["look-ups"] == count(
        lambda i: i["method"] == "GET" and i["route"] not in (*lookups, "/api/v1/whoami")
    )
    assert summary["retries (counted above)"] == count(lambda i: i["status"] in (429, 503))
    assert summary["retries (counted above)"] > 0
    assert summary["429 answers"] == count(lambda i: i["status"] == 429)
    assert isinstance(summary["seconds"], float)
    assert summary["contacts created"] == 40
    rows = _sheet_rows(tmp_path / "r.xlsx")
    assert {(r["Contact"], r["Outcome"]) for r in rows} == {("create", "created")}
    assert all(r["Contact: E-mail"] == r["E-Mail"] for r in rows)


def test_the_plan_is_made_before_anything_is_sent_and_printed_before_the_results(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(10, per_company=5))
    mapping = write_mapping(tmp_path / "k.yaml")
    reset_stats(box.root_url)
    seen: list[dict[str, int]] = []

    def planned(result: object) -> None:
        seen.append(write_counts(box.root_url))

    target = Target(api_url=box.base_url, token=box.token)
    done = import_file(data, target=target, mapping=mapping, planned=planned)
    assert seen == [{}] and done.ok

    code, out = _import(box, data, "-m", mapping)  # off a terminal, as in cron or CI
    assert code == 0, out
    assert out.index("Plan:") < out.index("requests  0 writes") < out.index("Sent ")
    assert "the plan took 10 look-ups and 2 matching reads" in out
    sent = "Sent 14 requests in {} s: 2 token checks, 10 look-ups, 2 matching reads, 0 writes"
    assert re.search(re.escape(sent).replace(r"\{\}", r"\d+"), out), out  # however long it took


def test_an_interrupted_run_counts_the_records_it_created(tmp_path: Path, box: Sandbox) -> None:
    rows = flat_rows(30, per_company=5)
    data = write_csv(tmp_path / "k.csv", rows)
    mapping = write_mapping(tmp_path / "k.yaml")
    target = Target(api_url=box.base_url, token=box.token)
    report = tmp_path / "r.xlsx"

    def interrupt(phase: str, done: int, total: int) -> None:
        if phase == "contacts" and done == 10:
            raise KeyboardInterrupt

    first = import_file(data, target=target, mapping=mapping, report=report, progress=interrupt)

    assert first.interrupted
    platform = read_platform(box.base_url, box.token)
    created = len(platform.contacts)
    assert created >= 10
    assert first.records["companies"] == {"created": 6}
    assert first.records["contacts"] == {"created": created, "not done": 30 - created}
    assert first.records["links"] == {"not done": 30}
    summary = _summary(report)
    assert (summary["companies created"], summary["contacts created"]) == (6, created)
    assert summary["links not done"] == 30
    by_contact = {r["Kontaktnr"]: r for r in _sheet_rows(report)}
    landed = {c["external_id"]: c["id"] for c in platform.contacts}
    for key, contact_id in landed.items():  # its link waits, but its id is in the results
        assert by_contact[key]["Kanbert contact id"] == contact_id


def test_a_second_run_keeps_the_first_runs_results(tmp_path: Path, box: Sandbox) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(5, per_company=5))
    mapping = write_mapping(tmp_path / "k.yaml")

    written = []
    for _ in range(2):
        code, out = _import(box, data, "-m", mapping)
        assert code == 0, out
        [line] = [line for line in out.splitlines() if line.startswith("Results: ")]
        written.append(tmp_path / line.removeprefix("Results: "))

    first, second = written
    assert first != second and first.name.startswith("k-results-")
    ids = {c["external_id"]: c["id"] for c in read_platform(box.base_url, box.token).contacts}
    created = {r["Kontaktnr"]: (r["Outcome"], r["Kanbert contact id"]) for r in _sheet_rows(first)}
    assert created == {key: ("created", ids[key]) for key in ids}
    assert {r["Outcome"] for r in _sheet_rows(second)} == {"unchanged"}
