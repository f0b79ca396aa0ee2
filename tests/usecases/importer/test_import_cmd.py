"""``bulkio import`` as a user runs it, against the sandbox over loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import openpyxl
import pytest
from click.testing import CliRunner

from bulkio import Target, import_file
from bulkio.cli.main import cli
from bulkio.sandbox import Sandbox, running
from tests.usecases.importer.files import (
    flat_rows,
    read_platform,
    reset_stats,
    write_counts,
    write_csv,
    write_mapping,
)


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.chdir(tmp_path)  # default reports and journals land here
    with running(tmp_path / "sandbox.sqlite", rate_limit="6000/minute") as sandbox:
        yield sandbox


def _import(box: Sandbox, *args: str) -> tuple[int, str]:
    runner = CliRunner(env={"KANBERT_API_TOKEN": box.token})  # --token would print advice
    result = runner.invoke(cli, ["import", *args, "--api-url", box.base_url], obj={})
    return result.exit_code, result.output


def test_dry_run_prints_the_plan_with_its_cost_and_sends_no_write(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(10, per_company=5))
    mapping = write_mapping(tmp_path / "k.yaml")
    reset_stats(box.root_url)
    code, out = _import(box, str(data), "-m", str(mapping), "--dry-run")
    assert code == 0, out
    assert "companies 2 create" in out
    assert "contacts  10 create" in out
    assert "links     10 link" in out
    assert "22 writes, about 0 s at 6000 requests a minute" in out
    assert "Dry run: nothing was sent." in out
    assert write_counts(box.root_url) == {}
    assert not list(tmp_path.rglob("*.journal.sqlite"))


def test_import_lands_every_row_and_json_reports_it(tmp_path: Path, box: Sandbox) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(10, per_company=5))
    mapping = write_mapping(tmp_path / "k.yaml")
    report = tmp_path / "out.xlsx"
    code, out = _import(box, str(data), "-m", str(mapping), "--report", str(report), "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert summary["outcomes"] == {"created": 10}
    assert summary["report"] == str(report)
    assert Path(summary["journal"]).exists()
    assert report.exists()


def test_invalid_rows_stop_the_import_before_anything_is_sent(tmp_path: Path, box: Sandbox) -> None:
    rows = flat_rows(10, per_company=5)
    rows[3][9] = "kein-at-zeichen"
    for row in rows[:5]:
        row[4] = "Bäckerei"  # an industry Kanbert does not know, for company K-00000
    data = write_csv(tmp_path / "k.csv", rows)
    mapping = write_mapping(tmp_path / "k.yaml")
    reset_stats(box.root_url)
    code, out = _import(box, str(data), "-m", str(mapping), "--report", str(tmp_path / "r.xlsx"))
    assert code == 1
    assert "row 5, column 'E-Mail'" in out
    assert "nothing was sent" in out
    assert write_counts(box.root_url) == {}

    code, out = _import(
        box, str(data), "-m", str(mapping), "--skip-invalid", "--report", str(tmp_path / "r.xlsx")
    )
    assert code == 1
    assert "column 'Branche': 'Bäckerei' is not an industry Kanbert knows" in out
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[1]
    header = [c.value for c in sheet[1]]
    outcomes = [row[header.index("Outcome")].value for row in sheet.iter_rows(min_row=2)]
    # row 5 has a bad e-mail; rows 2-6 share the company with the unknown industry
    assert outcomes == ["skipped invalid"] * 5 + ["created"] * 5
    platform = read_platform(box.base_url, box.token)
    assert len(platform.companies) == 1
    assert len(platform.contacts) == 9  # contacts of the refused company land, unlinked


def test_a_refused_token_is_one_plain_line_and_exit_2(tmp_path: Path, box: Sandbox) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(2))
    mapping = write_mapping(tmp_path / "k.yaml")
    result = CliRunner().invoke(
        cli,
        ["import", str(data), "-m", str(mapping), "--api-url", box.base_url, "--token", "nope"],
        obj={},
    )
    assert result.exit_code == 2
    assert "refused the token (401 Unauthorized)" in result.output
    assert "Traceback" not in result.output
    assert "nope" not in result.output


def test_a_read_only_token_stops_the_import_before_any_planning(
    tmp_path: Path, box: Sandbox
) -> None:
    data = write_csv(tmp_path / "k.csv", flat_rows(10, per_company=5))
    mapping = write_mapping(tmp_path / "k.yaml")
    assert box.read_only_token is not None
    reset_stats(box.root_url)

    result = CliRunner().invoke(
        cli,
        ["import", str(data), "-m", str(mapping), "--api-url", box.base_url],
        env={"KANBERT_API_TOKEN": box.read_only_token},
    )

    assert result.exit_code == 2
    assert result.output.startswith(
        "error: the token may not change contacts and companies: it lacks the scope "
        "'contact-data:write'"
    )
    stats = httpx.get(box.root_url + "/_sandbox/stats", headers=box.auth_headers).json()
    assert stats["requests"] == [  # the scope check alone: no look-up, no matching read
        {"method": "PATCH", "route": "/api/v1/contacts/{id}", "status": 403, "count": 1}
    ]
    assert not list(tmp_path.glob("*.journal.sqlite"))


def test_ctrl_c_keeps_what_was_done_and_the_same_call_finishes(
    tmp_path: Path, box: Sandbox
) -> None:
    rows = flat_rows(30, per_company=5)
    data = write_csv(tmp_path / "k.csv", rows)
    mapping = write_mapping(tmp_path / "k.yaml")
    target = Target(api_url=box.base_url, token=box.token)
    report = tmp_path / "r.xlsx"

    def interrupt(phase: str, done: int, total: int) -> None:
        if phase == "contacts" and done == 10:
            raise KeyboardInterrupt

    first = import_file(data, target=target, mapping=mapping, report=report, progress=interrupt)
    assert first.interrupted and not first.ok
    assert first.outcomes.get("not done", 0) > 0
    assert report.exists()

    second = import_file(data, target=target, mapping=mapping, report=report)
    assert second.ok
    platform = read_platform(box.base_url, box.token)
    assert sorted(c["external_id"] for c in platform.contacts) == sorted(r[6] for r in rows)
    assert sorted(platform.links()) == sorted((r[6], r[0], r[10]) for r in rows)
