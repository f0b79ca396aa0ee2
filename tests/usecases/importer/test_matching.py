"""Companies matched by name in a platform holding many: looked up with ``in`` filters in
their usual spellings instead of reading every company (``--matching filter``, and ``auto``
once reading them all would cost more), every company read when asked (``scan``). Over the
real sandbox on loopback.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bulkio import Target, import_file
from bulkio.cli.main import cli
from bulkio.sandbox import Sandbox
from bulkio.usecases.import_file import ImportResult
from tests.conftest import company, seed

MAPPING = """\
version: 1
input:
  flat: {sheet: 0}
company:
  key: {match: name}
  fields:
    company_name: Firma
    address_invoice_town: Ort
contact:
  key: {match: email}
  fields:
    last_name: Nachname
    email: E-Mail
link:
  position: Position
"""
PLATFORM = 1000  # companies Kanbert holds: ten pages of 100


def _files(tmp_path: Path, names: list[str]) -> tuple[Path, Path]:
    tmp_path.mkdir(exist_ok=True)
    rows = [f"{name};Dresden;Muster {n};p{n}@example.de;CEO" for n, name in enumerate(names)]
    data = tmp_path / "firmen.csv"
    data.write_text("Firma;Ort;Nachname;E-Mail;Position\n" + "\n".join(rows) + "\n", "utf-8")
    mapping = tmp_path / "firmen.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return data, mapping


def _platform(box: Sandbox, spelled: dict[int, str] | None = None) -> None:
    """``PLATFORM`` companies, 'Muster {i} GmbH' in Dresden, some spelt otherwise."""
    spelled = spelled or {}
    seed(
        box.db_path,
        companies=(
            company(i, external_id=None, company_name=spelled.get(i, f"Muster {i} GmbH"))
            for i in range(PLATFORM)
        ),
    )


def _plan(box: Sandbox, tmp_path: Path, names: list[str], matching: str) -> ImportResult:
    data, mapping = _files(tmp_path, names)
    target = Target(api_url=box.base_url, token=box.token)
    return import_file(data, target=target, mapping=mapping, dry_run=True, matching=matching)


def test_companies_are_found_by_filter_without_reading_every_company(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    _platform(sandbox)
    names = ["Muster 3 GmbH", "Muster 640 GmbH", "Neu AG"]
    result = _plan(sandbox, tmp_path, names, "filter")
    assert result.plan is not None
    ops = {str(a.key): a.op.value for a in result.plan.companies}
    assert ops == {
        "name 'muster 3 gmbh'": "unchanged",
        "name 'muster 640 gmbh'": "unchanged",
        "name 'neu ag'": "create",
    }
    # one filtered read for the companies, one for the contacts' e-mails: not ten pages
    assert result.match_requests == 2


def test_the_usual_spellings_of_a_name_are_caught_by_filter(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    _platform(sandbox, {1: "MUSTER 1 GMBH", 2: "muster 2 gmbh", 3: "Muster 3 GmbH & Co. KG"})
    names = ["Muster 1 GmbH", "MUSTER 2 GMBH", "MUSTER 3 GMBH & CO. KG", "  Muster  4  GmbH"]
    result = _plan(sandbox, tmp_path, names, "filter")
    assert result.plan is not None
    # found, whatever the case or spacing the file writes them in: none created anew (the
    # name is written as the file spells it, as after a scan)
    ops = [a.op.value for a in result.plan.companies]
    assert ops == ["update"] * 4
    assert not any("--matching scan" in i.message for i in result.issues)


def test_filter_costs_fewer_reads_than_scan_and_warns_of_what_only_scan_finds(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    _platform(sandbox, {7: "mUSTER 7 gmbh"})
    names = ["Muster 7 GmbH", "Muster 8 GmbH"]
    filtered = _plan(sandbox, tmp_path / "f", names, "filter")
    scanned = _plan(sandbox, tmp_path / "s", names, "scan")
    assert filtered.plan is not None and scanned.plan is not None
    # scan finds the odd spelling (and writes the name as the file spells it)
    assert [a.op.value for a in scanned.plan.companies] == ["update", "unchanged"]
    assert [a.op.value for a in filtered.plan.companies] == ["create", "unchanged"]
    warning = [i.message for i in filtered.issues if "--matching scan" in i.message]
    assert len(warning) == 1 and "'Muster 7 GmbH'" in warning[0]
    assert not any("--matching scan" in i.message for i in scanned.issues)
    # scan: ten pages of companies, then the e-mails; filter: one read each
    assert (filtered.match_requests, scanned.match_requests) == (2, 11)


def test_auto_reads_a_small_platform_whole_and_filters_a_big_one(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    _platform(sandbox, {7: "mUSTER 7 gmbh"})
    one = _plan(sandbox, tmp_path / "one", ["Muster 7 GmbH"], "auto")
    assert one.plan is not None
    # the first page (what one filter costs) is not every company: filters, as many reads
    # as with --matching filter after that page
    assert [a.op.value for a in one.plan.companies] == ["create"]
    assert one.match_requests == 1 + 2
    # 1,200 names cost more filtered reads than the ten pages of companies: every company
    # read, so the odd spelling is found as by scan, for fewer reads than filters
    many = [f"Muster {i} GmbH" for i in range(1200)]
    whole = _plan(sandbox, tmp_path / "many", many, "auto")
    filtered = _plan(sandbox, tmp_path / "filter", many, "filter")
    assert whole.plan is not None and filtered.plan is not None
    ops = [a.op.value for a in whole.plan.companies]
    assert "create" not in ops[:1000] and ops[7] == "update" and ops[1000:] == ["create"] * 200
    assert [a.op.value for a in filtered.plan.companies][7] == "create"
    assert whole.match_requests < filtered.match_requests
    assert not any("--matching scan" in i.message for i in whole.issues)


def test_the_command_takes_matching_and_names_it_in_its_help(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    _platform(sandbox)
    data, mapping = _files(tmp_path, ["Muster 5 GmbH"])
    runner = CliRunner(env={"KANBERT_API_TOKEN": sandbox.token})
    assert "--matching [auto|filter|scan]" in runner.invoke(cli, ["import", "--help"]).output
    args = ["import", str(data), "-m", str(mapping), "--dry-run", "--matching", "filter"]
    result = runner.invoke(cli, [*args, "--api-url", sandbox.base_url], obj={})
    assert result.exit_code == 0, result.output
    assert "2 matching reads" in result.output
