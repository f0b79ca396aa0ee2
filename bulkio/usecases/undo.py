"""``bulkio undo``: take an import back exactly, without touching anyone's later edits.

The undo runs in the import's stages, each a module with typed inputs and outputs:

    prepare (read the import's journal,   usecases/undo_prepare.py  -> ImportRun, PastWrites,
      find what Kanbert holds now)                                     records by id
    plan (pure)                           core/reversal.py          -> ReversalPlan
    execute (journalled writes)           usecases/undo_execute.py  -> the run's Ledger
    outcomes (per reversal)               usecases/undo_outcomes.py -> Outcomes, workbooks

What an undo does: records the import created are archived (Kanbert's delete archives);
fields it changed are set back to what they held before (the journal keeps a before-image of
every write); links it made are removed and positions it changed set back; records it
restored from the archive are archived again. What someone changed since the import is left
as it is and reported, unless ``force``. A dry run stops after the plan and writes the plan
workbook. An undo cannot be undone (import the file again instead); an import that did not
finish is undone as far as it went. Running the same undo again continues a stopped one. A token
that may not write is stopped before anything is planned, as for the import.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bulkio.core.reversal import Conflict, ReversalPlan, plan_reversal
from bulkio.core.trail import trace
from bulkio.journal.naming import (
    JOURNAL_LINE,
    journal_reference,
    undo_journal_path,
    undo_plan_path,
    undo_results_path,
)
from bulkio.kanbert import ClientStats
from bulkio.kanbert.scopes import require_write_access
from bulkio.usecases.connect import Target, connect, target_identity
from bulkio.usecases.import_execute import Progress
from bulkio.usecases.run_files import hold_run_locks, inputs_of
from bulkio.usecases.undo_execute import execute_undo
from bulkio.usecases.undo_outcomes import (
    Outcomes,
    UndoFailure,
    UndoOutcome,
    reversal_rows,
    undo_outcomes,
)
from bulkio.usecases.undo_prepare import (
    ImportRun,
    check_target,
    fetch_current,
    locate_journal,
    past_writes,
    read_import,
)
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written
from bulkio.writers.undo_workbook import write_reversals


@dataclass(frozen=True)
class UndoResult:
    run: Path  # what was named: a results workbook or a journal
    imported: ImportRun
    dry_run: bool
    force: bool
    plan: ReversalPlan | None = None
    unresolved: list[str] = field(default_factory=list)  # writes that cannot be found now
    outcomes: dict[str, int] = field(default_factory=dict)  # reversals per outcome (its word)
    failures: list[UndoFailure] = field(default_factory=list)
    interrupted: bool = False
    error: str | None = None  # a failure that stopped the run midway (network, auth)
    requests: int = 0  # requests sent, reads and retries included
    read_requests: int = 0  # reads spent finding the records the import touched
    throttled: int = 0
    rate_limit: int | None = None  # per minute, as the server announced it
    estimated_seconds: float | None = None  # the plan's writes at the server's rate limit
    seconds: float = 0.0
    report: Path | None = None  # the results workbook (a dry run: the plan workbook)
    journal: Path | None = None  # the undo's own journal

    @property
    def conflicts(self) -> list[Conflict]:
        """What changed since the import: left as it is, or overwritten with ``force``."""
        return self.plan.conflicts if self.plan is not None else []

    @property
    def ok(self) -> bool:
        """Everything the import did is undone (a dry run: would be)."""
        if self.interrupted or self.error or self.failures or self.unresolved:
            return False
        if any(not c.forced for c in self.conflicts):
            return False
        return not any(UndoOutcome(word).needs_look for word in self.outcomes)

    @property
    def exit_code(self) -> int:
        if self.error:
            return 2
        return 0 if self.ok else 1

    def summary(self) -> dict[str, int | str]:
        imported = self.imported
        out: dict[str, int | str] = {
            "undo of": imported.input,
            "import journal": imported.journal.name,
            "import started": imported.started_at,
            "import finished": "yes" if imported.finished else "no",
            "force": "yes" if self.force else "no",
        }
        if self.plan is not None:
            for kind, tally in self.plan.counts().items():
                for verb, n in sorted(tally.items()):
                    out[f"{kind} {verb}"] = n
            out["planned writes"] = self.plan.writes
            out["changed since the import"] = len(self.conflicts)
        for outcome, n in sorted(self.outcomes.items()):
            out[f"reversals {outcome}"] = n
        out["requests sent"] = self.requests
        out["429 answers"] = self.throttled
        out["seconds"] = f"{self.seconds:.1f}"
        if self.interrupted:
            out["interrupted"] = "yes: run the same command again to continue"
        if self.error:
            out["error"] = self.error
        return out


def undo(
    run: Path,
    *,
    target: Target,
    dry_run: bool = False,
    force: bool = False,
    report: Path | None = None,
    progress: Progress | None = None,
) -> UndoResult:
    """Undo the import that ``run`` (its results workbook or journal) names, on the platform
    of ``target`` (see the module docstring).

    ``report`` is the results workbook, or with ``dry_run`` the plan workbook (default beside
    the import's journal, or its input: ``NAME-undo.xlsx``, ``NAME-undo-plan.xlsx``); it
    replaces only an earlier one bulkio wrote, never an input (``bulkio.writers.outputs``).
    Raises a ``BulkioError`` when the undo cannot run (an undo named, another platform, no
    journal; ``LockedError`` while a run of that import, or another run into the target,
    holds its lock).
    """
    started = time.monotonic()
    run = Path(run)
    journal = locate_journal(run)
    own_journal = undo_journal_path(journal)
    kind = OutputKind.UNDO_PLAN if dry_run else OutputKind.UNDO_RESULTS
    path = report or (undo_plan_path(journal) if dry_run else undo_results_path(journal))
    output = Output(path, kind, "--report")
    inputs = {**inputs_of(target=target), run: "the file given", journal: "the import's journal"}
    outputs = [output, Output(own_journal, OutputKind.JOURNAL)]
    check_outputs(outputs, inputs=inputs, force_option=None)
    imported = read_import(journal)
    result = UndoResult(run, imported, dry_run, force)
    with connect(target) as client, ExitStack() as hold:
        check_target(imported, target, client.settings.base_url)
        if not dry_run:
            require_write_access(client)
            hold_run_locks(hold, journal, target_identity(target, client))
        scope_checks = client.stats.requests_sent
        found = past_writes(client, imported.entries)
        trails = trace(found.writes)
        companies, contacts = fetch_current(client, trails)
        plan = plan_reversal(trails, companies, contacts, force=force)
        result = dataclasses.replace(
            result,
            plan=plan,
            unresolved=found.unresolved,
            read_requests=client.stats.requests_sent - scope_checks,
        )
        if dry_run:
            result = _finished(result, client.stats, started)
            with written(output) as partial:
                write_reversals(
                    partial, summary=result.summary(), rows=reversal_rows(plan), outcomes=False
                )
            return dataclasses.replace(result, report=path)
        executed = execute_undo(
            plan,
            client,
            own_journal,
            undoes=journal,
            about=_about(imported, target),
            progress=progress,
        )
        outcomes = undo_outcomes(plan, executed.ledger, executed.done_before)
        result = _finished(
            _executed(result, outcomes, executed.interrupted, executed.error, own_journal),
            client.stats,
            started,
        )
        summary = {**result.summary(), JOURNAL_LINE: journal_reference(own_journal, path)}
        with written(output) as partial:
            rows = reversal_rows(plan, outcomes)
            write_reversals(partial, summary=summary, rows=rows, outcomes=True)
    return dataclasses.replace(result, report=path)


def _about(imported: ImportRun, target: Target) -> Mapping[str, str]:
    """What the undo's journal says of it, for ``bulkio runs`` and a refused undo of it."""
    about = {"target": target.describe()}
    if "input" in imported.about:
        about["input"] = imported.about["input"]
    return about


def _executed(
    result: UndoResult,
    outcomes: Outcomes,
    interrupted: bool,
    error: str | None,
    journal: Path,
) -> UndoResult:
    return dataclasses.replace(
        result,
        outcomes=outcomes.counts,
        failures=outcomes.failures,
        interrupted=interrupted,
        error=error,
        journal=journal,
    )


def _finished(result: UndoResult, stats: ClientStats, started: float) -> UndoResult:
    """The result with the client's figures and the time taken so far."""
    plan = result.plan
    return dataclasses.replace(
        result,
        requests=stats.requests_sent,
        throttled=stats.throttled,
        rate_limit=stats.rate_limit,
        estimated_seconds=stats.seconds_for(plan.writes) if plan is not None else None,
        seconds=time.monotonic() - started,
    )


__all__ = ["UndoResult", "undo"]
