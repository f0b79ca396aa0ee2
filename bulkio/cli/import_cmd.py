"""``bulkio import INPUT``: spreadsheet rows into Kanbert records, resumable, with results."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from bulkio.cli.api_options import api_options, make_target, resume_command
from bulkio.cli.progress import cost, duration, plan_counts, progress_bar
from bulkio.cli.terminal import echo
from bulkio.core.plan import Mode
from bulkio.core.plural import counted
from bulkio.usecases.import_file import ImportResult
from bulkio.usecases.import_file import import_file as run_import
from bulkio.usecases.import_matching import Matching

SHOWN_PROBLEMS = 20
EXIT_INTERRUPTED = 130


@click.command("import")
@click.argument("input", type=click.Path(path_type=Path))
@click.option(
    "-m",
    "--mapping",
    help="Mapping file (.yaml) or preset name. Without it the format is recognised.",
)
@click.option(
    "--sheet",
    metavar="NAME|N",
    help="The sheet to read, by name or number (1 = the first), instead of the mapping's; "
    "for a mapping that reads one sheet.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show the plan and what it costs, and write the plan workbook; send no write.",
)
@click.option(
    "--mode",
    type=click.Choice([m.value for m in Mode]),
    default=Mode.UPSERT.value,
    show_default=True,
    help="upsert: create new, update existing; create-only: leave existing records alone; "
    "update-only: create nothing.",
)
@click.option(
    "--skip-invalid", is_flag=True, help="Import the valid rows even when others are invalid."
)
@click.option(
    "--erase-empty",
    is_flag=True,
    help="Let empty cells clear values Kanbert holds (by default an empty cell changes nothing).",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Results workbook (default: a new INPUT-results-TIME.xlsx beside INPUT for every "
    "run, so earlier results are kept).",
)
@click.option(
    "--plan",
    "plan_workbook",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Plan workbook of a dry run: every row, what will change, field by field "
    "(default: INPUT-plan.xlsx beside INPUT).",
)
@click.option(
    "--journal",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Journal file of the import (default: .bulkio/INPUT.journal.sqlite beside INPUT). "
    "Running the same command again with the same journal resumes.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Let the results, plan and check report replace files bulkio did not write.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for each answer of the API.",
)
@click.option(
    "--matching",
    type=click.Choice([m.value for m in Matching]),
    default=Matching.AUTO.value,
    show_default=True,
    help="How records without a known external ID are found by name or e-mail: filter looks "
    "them up (in their usual spellings), scan reads every record in Kanbert (any spelling, "
    "one request per 100 records), auto reads them all when that costs no more than filters.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@api_options
def import_cmd(
    input: Path,
    mapping: str | None,
    sheet: str | None,
    dry_run: bool,
    mode: str,
    skip_invalid: bool,
    erase_empty: bool,
    report: Path | None,
    plan_workbook: Path | None,
    journal: Path | None,
    force: bool,
    timeout: float,
    matching: str,
    as_json: bool,
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
) -> None:
    """Import INPUT (CSV, XLSX, XLSM, XLS, ODS) into Kanbert through a mapping.

    Rows are checked first; invalid rows stop the import unless --skip-invalid. What exists
    is matched by key and only differences are written. Exit 0 when every row landed, 1 when
    some did not (the results workbook says which and why), 2 when the import could not run,
    130 when interrupted (run the same command again to continue).
    """
    target = dataclasses.replace(
        make_target(api_url, token, sandbox, insecure_http), timeout=timeout
    )
    shown: list[ImportResult] = []  # the plan, once printed before the upload

    def planned(result: ImportResult) -> None:
        _print_plan(result)
        shown.append(result)

    with progress_bar() as progress:
        result = run_import(
            input,
            target=target,
            mapping=mapping,
            sheet=sheet,
            mode=mode,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            erase_empty=erase_empty,
            report=report,
            plan_workbook=plan_workbook,
            journal=journal,
            progress=progress,
            planned=None if as_json else planned,
            force=force,
            matching=matching,
        )
    if as_json:
        echo(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
    else:
        if not shown:
            _print_plan(result)
        _print_run(result)
    _exit(result)


def _exit(result: ImportResult) -> None:
    if result.interrupted:
        raise SystemExit(EXIT_INTERRUPTED)
    if result.error:
        raise SystemExit(2)
    raise SystemExit(result.exit_code)


def _print_plan(result: ImportResult) -> None:
    """What the import is about to do: the file's problems and the plan with its cost."""
    echo(f"Import of {result.input.name} with {result.mapping} ({result.mode.value})")
    for issue in result.issues[:SHOWN_PROBLEMS]:
        echo(f"  {issue.severity.value}: {issue}")
    if len(result.issues) > SHOWN_PROBLEMS:
        echo(f"  ... and {counted(len(result.issues) - SHOWN_PROBLEMS, 'more problem')}")
    if result.check_report:
        echo(f"Problems in the file: {result.check_report}")
    plan = result.plan
    if plan is None:
        return
    echo("Plan:")
    for line in plan_counts(plan.counts()):
        echo(line)
    when = cost(result.estimated_seconds, result.rate_limit)
    echo(
        f"  requests  {counted(plan.writes, 'write')}{when}; the plan took "
        f"{counted(result.lookup_requests, 'look-up')} and "
        f"{counted(result.match_requests, 'matching read')}"
    )


def _print_run(result: ImportResult) -> None:
    """What the import did: records and rows by outcome, the requests by kind, the files."""
    if result.stopped:
        echo(result.stopped)
        return
    if result.dry_run:
        if result.plan_workbook:
            echo(f"Plan workbook: {result.plan_workbook}")
        echo("Dry run: nothing was sent.")
        return
    if result.records:
        echo("Done:")
        for kind, tally in result.records.items():
            parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(tally.items()))
            echo(f"  {kind:<9} {parts or 'nothing'}")
    if result.outcomes:
        echo("Rows:")
        for outcome, n in sorted(result.outcomes.items()):
            echo(f"  {outcome:<16} {n:>9,}")
    for failure in result.failures[:SHOWN_PROBLEMS]:
        rows = ", ".join(str(r) for r in failure.rows[:5])
        echo(f"  failed: {failure.what} (row {rows}): {failure.text}")
    echo(_requests_line(result))
    if result.report:
        echo(f"Results: {result.report}")
    if result.interrupted or result.error:
        if result.error:
            echo(f"error: {result.error}", err=True)
        echo(
            "The import stopped before the end; the journal knows what was done. "
            + ("Once that is fixed, run" if result.error else "To continue, run")
            + f" the same command again:\n  {resume_command()}",
            err=True,
        )
    elif result.ok:
        echo("Every row landed.")


def _requests_line(result: ImportResult) -> str:
    """The last line of a run, every request accounted for ("Sent 26 requests in 3 s: 10
    look-ups, 4 matching reads, 12 writes"), then the retries among them and the 429s."""
    kinds = result.requests_by_kind()
    total = kinds.pop("requests sent")
    nouns = {"look-ups": "look-up", "matching reads": "matching read", "writes": "write"}
    nouns |= {"token checks": "token check", "re-checks": "re-check"}
    nouns |= {"other requests": "other request"}
    parts = ", ".join(counted(n, nouns[kind]) for kind, n in kinds.items())
    line = f"Sent {counted(total, 'request')} in {duration(result.seconds)}: {parts}"
    if result.retries:
        line += f" ({counted(result.retries, 'retry', 'retries')} among them"
        if result.throttled:
            line += f", {result.throttled} after a 429 answer"
        line += ")"
    return line


def _as_json(result: ImportResult) -> dict[str, object]:
    return {
        "ok": result.ok,
        "dry_run": result.dry_run,
        "stopped": result.stopped,
        "interrupted": result.interrupted,
        "error": result.error,
        "plan": result.plan.counts() if result.plan else None,
        "planned_writes": result.plan.writes if result.plan else None,
        "estimated_seconds": result.estimated_seconds,
        "rows": result.rows,
        "outcomes": result.outcomes,
        "requests": result.requests,
        "requests_by_kind": result.requests_by_kind(),
        "lookup_requests": result.lookup_requests,
        "match_requests": result.match_requests,
        "write_requests": result.write_requests,
        "retries": result.retries,
        "records": result.records,
        "throttled": result.throttled,
        "rate_limit": result.rate_limit,
        "seconds": round(result.seconds, 2),
        "report": str(result.report) if result.report else None,
        "plan_workbook": str(result.plan_workbook) if result.plan_workbook else None,
        "journal": str(result.journal) if result.journal else None,
        "check_report": str(result.check_report) if result.check_report else None,
        "failures": [
            {"what": f.what, "rows": list(f.rows), "sheet": f.sheet, "error": f.text}
            for f in result.failures
        ],
        "issues": [i.as_dict() for i in result.issues],
    }
