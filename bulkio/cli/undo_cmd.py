"""``bulkio undo RUN``: take an import back, leaving later edits alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from bulkio.cli.api_options import api_options, make_target, resume_command
from bulkio.cli.import_cmd import EXIT_INTERRUPTED, SHOWN_PROBLEMS
from bulkio.cli.progress import cost, duration, plan_counts, progress_bar
from bulkio.cli.terminal import echo
from bulkio.core.reversal import LINKS_FIELD, Conflict
from bulkio.usecases.undo import UndoResult
from bulkio.usecases.undo import undo as run_undo
from bulkio.usecases.undo_outcomes import quoted


@click.command("undo")
@click.argument("run", type=click.Path(path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Show the plan and write the plan workbook; send nothing."
)
@click.option(
    "--force",
    is_flag=True,
    help="Set back also what someone changed since the import (each overwrite is listed).",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Results workbook, or with --dry-run the plan workbook (default: beside the "
    "import's journal, NAME-undo.xlsx or NAME-undo-plan.xlsx).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@api_options
def undo_cmd(
    run: Path,
    dry_run: bool,
    force: bool,
    report: Path | None,
    as_json: bool,
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
) -> None:
    """Undo the import RUN names: its results workbook or its journal (bulkio runs lists them).

    Records the import created are archived (Kanbert's delete archives), fields it changed
    are set back, links it made are removed and positions set back, records it restored are
    archived again. What someone changed since is left as it is and listed, unless --force.
    Exit 0 when everything is undone, 1 when something was left or failed, 2 when the undo
    could not run, 130 when interrupted (run the same command again to continue).
    """
    target = make_target(api_url, token, sandbox, insecure_http)
    with progress_bar() as progress:
        result = run_undo(
            run, target=target, dry_run=dry_run, force=force, report=report, progress=progress
        )
    if as_json:
        echo(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
    else:
        _print(result)
    if result.interrupted:
        raise SystemExit(EXIT_INTERRUPTED)
    raise SystemExit(result.exit_code)


def _print(result: UndoResult) -> None:
    imported = result.imported
    started = imported.started_at.replace("T", " ")[:16]
    state = "" if imported.finished else ", not finished"
    echo(
        f"Undo of the import of {imported.input} into {imported.target} "
        f"(started {started} UTC{state})"
    )
    plan = result.plan
    if plan is None:
        return
    echo("Plan:")
    for line in plan_counts(plan.counts()):
        echo(line)
    when = cost(result.estimated_seconds, result.rate_limit)
    echo(
        f"  requests  {plan.writes} writes{when} "
        f"(finding the records took {result.read_requests} reads)"
    )
    _print_conflicts(result.conflicts, dry_run=result.dry_run)
    for text in result.unresolved[:SHOWN_PROBLEMS]:
        echo(f"  not found: {text}")
    if result.dry_run:
        echo(f"Plan workbook: {result.report}")
        echo("Dry run: nothing was sent.")
        return
    if result.outcomes:
        echo("Reversals:")
        for outcome, n in sorted(result.outcomes.items()):
            echo(f"  {outcome:<16} {n:>9,}")
    for failure in result.failures[:SHOWN_PROBLEMS]:
        echo(f"  failed: {failure.what}: {failure.text}")
    echo(
        f"Sent {result.requests} requests in {duration(result.seconds)}"
        + (f", {result.throttled} answered 429" if result.throttled else "")
    )
    if plan.archived:
        echo(f"Archived {plan.archived} records: Kanbert's delete keeps them in its archive.")
    if result.report:
        echo(f"Results: {result.report}")
    if result.interrupted or result.error:
        if result.error:
            echo(f"error: {result.error}", err=True)
        echo(
            "The undo stopped before the end. "
            + ("Once that is fixed, run" if result.error else "To continue, run")
            + f" the same command again:\n  {resume_command()}",
            err=True,
        )
    elif result.ok:
        echo("Everything the import did is undone.")


def _print_conflicts(conflicts: list[Conflict], *, dry_run: bool) -> None:
    left = [c for c in conflicts if not c.forced]
    forced = [c for c in conflicts if c.forced]
    if left:
        echo("Changed since the import, left as it is (--force sets it back too):")
        for conflict in left[:SHOWN_PROBLEMS]:
            echo(f"  {_conflict(conflict)}")
    if forced:
        overwritten = "to be overwritten" if dry_run else "overwritten"
        echo(f"Changed since the import, {overwritten} because of --force:")
        for conflict in forced[:SHOWN_PROBLEMS]:
            echo(f"  {_conflict(conflict)}")
    shown = len(left[:SHOWN_PROBLEMS]) + len(forced[:SHOWN_PROBLEMS])
    if len(conflicts) > shown:
        echo(f"  ... and {len(conflicts) - shown} more (see the workbook)")


def _conflict(conflict: Conflict) -> str:
    """``contact P-2: last_name was 'Baumann' after the import, is 'Brandt' now``; with
    --force, what it became."""
    what, then, now = conflict.what, quoted(conflict.then), quoted(conflict.now)
    if conflict.field == LINKS_FIELD:
        text = f"{what}: linked since to {', '.join(conflict.now)}"
    elif conflict.forced:
        text = f"{what}: {conflict.field} was {then} after the import and {now} since"
    else:
        return f"{what}: {conflict.field} was {then} after the import, is {now} now"
    if not conflict.forced:
        return text
    if conflict.archived:
        return f"{text}; archived all the same"
    if conflict.field == "position" and conflict.back_to is None:
        return f"{text}; unlinked"
    return f"{text}; set back to {quoted(conflict.back_to)}"


def _as_json(result: UndoResult) -> dict[str, Any]:
    plan = result.plan
    return {
        "ok": result.ok,
        "dry_run": result.dry_run,
        "force": result.force,
        "import_journal": str(result.imported.journal),
        "import_finished": result.imported.finished,
        "interrupted": result.interrupted,
        "error": result.error,
        "plan": plan.counts() if plan else None,
        "planned_writes": plan.writes if plan else None,
        "estimated_seconds": result.estimated_seconds,
        "outcomes": result.outcomes,
        "changed_since": [
            {
                "what": c.what,
                "field": c.field,
                "after_import": c.then,
                "now": c.now,
                "overwritten": c.forced,
                "set_back_to": c.back_to if c.forced and not c.archived else None,
                "archived": c.forced and c.archived,
            }
            for c in result.conflicts
        ],
        "not_found": result.unresolved,
        "failures": [
            {"what": f.what, "rows": list(f.rows), "error": f.text} for f in result.failures
        ],
        "requests": result.requests,
        "read_requests": result.read_requests,
        "throttled": result.throttled,
        "rate_limit": result.rate_limit,
        "seconds": round(result.seconds, 2),
        "report": str(result.report) if result.report else None,
        "journal": str(result.journal) if result.journal else None,
    }
