"""``bulkio import``: validated spreadsheet rows into Kanbert records, each exactly once.

The import runs in stages, each a module with typed inputs and outputs:

    check (read, validate)          usecases/check.py          -> CheckResult
    prepare (resolve labels,        usecases/import_prepare.py -> Prepared, Found
      find what exists)
    plan (pure)                     core/plan.py               -> Plan
    execute (journalled writes)     usecases/import_execute.py -> the run's Ledger
    outcomes (per input row)        usecases/import_outcomes.py -> RowsOutcome, results workbook

Before prepare, a real run checks that the token may write (one write that changes
nothing, see ``bulkio.kanbert.scopes.require_write_access``), so a read-only token stops the
import before any planning. A dry run is check, prepare and plan: it stops before execute,
so it sends no write and starts no journal, and writes the plan workbook
(``INPUT-plan.xlsx``): every row with what the import will do to it, field by field
(``usecases/import_preview.py``). A real run hands the plan to the caller (``planned``)
before anything is sent; its results workbook shows the same columns beside each row's
outcome. Invalid rows (or labels Kanbert does not know) stop the import before anything is
sent, unless ``skip_invalid``.

Resuming is running the same command again: the plan is made afresh against the live
platform, so work done shows as unchanged, and writes the journal left ``sent`` (the process
died before their answer) are settled by what prepare found. Ctrl-C stops taking new work,
lets requests in flight end, and writes journal and results; the same command continues.

A run is tied to its input: a journal holds one import, the fingerprint of its input,
mapping, mode and target (``bulkio.journal.fingerprint``); it gives its ids only to a run
of the same fingerprint and refuses any other (the default journal makes way for the next
import of a changed file once its import finished: ``run_files.choose_journal``). One run
at a time: a run holds a lock beside its journal and one for its target
(``bulkio.journal.lock``) from before it reads the journal until its results are written.
Outputs go beside the input unless named (``run_files``) and never replace an input or a
file bulkio did not write (``bulkio.writers.outputs``); each run's results workbook has a
name of its own, so a re-run keeps the results of the run before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bulkio.core.errors import ConfigError
from bulkio.core.issues import RowIssue, Severity
from bulkio.core.outcome import Outcome
from bulkio.core.plan import Mode, Op, Plan, RecordAction, make_plan
from bulkio.core.preview import Preview
from bulkio.journal import RunFingerprint, created_ids
from bulkio.journal.naming import JOURNAL_LINE, journal_reference
from bulkio.kanbert import ClientStats
from bulkio.kanbert.scopes import require_write_access
from bulkio.readers import Source, open_source
from bulkio.usecases.check import CheckResult, check_file, write_check_report
from bulkio.usecases.connect import Target, connect, target_identity
from bulkio.usecases.import_execute import Executed, Progress, execute_journalled
from bulkio.usecases.import_matching import Matching
from bulkio.usecases.import_outcomes import (
    Failure,
    RowsOutcome,
    Where,
    invalid_rows,
    results_output,
    row_outcomes,
    write_import_results,
)
from bulkio.usecases.import_prepare import (
    find_existing,
    invalid_rows_stop,
    matching_of,
    prepare,
    unknown_labels_stop,
)
from bulkio.usecases.import_preview import plan_output, write_import_plan
from bulkio.usecases.run_files import (
    choose_journal,
    default_journal,
    default_plan,
    default_report,
    default_results,
    hold_run_locks,
    inputs_of,
)
from bulkio.writers.outputs import Output, OutputKind, check_outputs
from bulkio.writers.summary import Figure

_RARE = ("token checks", "re-checks")  # kinds of request named only when sent


@dataclass(frozen=True)
class ImportResult:
    input: Path
    mapping: str
    mode: Mode
    dry_run: bool
    check: CheckResult
    issues: list[RowIssue] = field(default_factory=list)  # check + resolve problems
    plan: Plan | None = None
    stopped: str | None = None  # why nothing was sent (invalid rows), if so
    interrupted: bool = False
    error: str | None = None  # a failure that stopped the run midway (network, auth)
    outcomes: dict[str, int] = field(default_factory=dict)  # rows per outcome (its word)
    records: dict[str, dict[str, int]] = field(default_factory=dict)  # phase -> outcome -> n
    failures: list[Failure] = field(default_factory=list)
    requests: int = 0  # requests sent, reads and retries included; of them:
    access_requests: int = 0  # checking the token: may it write, in which space
    lookup_requests: int = 0  # fetching the look-ups (countries, users, tags...)
    match_requests: int = 0  # reads finding what exists
    write_requests: int = 0  # writes (each retry of one counted again)
    recheck_requests: int = 0  # reads looking up a write whose answer was lost
    retries: int = 0  # requests sent again (after a 429, a 5xx, a timeout), counted above
    throttled: int = 0
    rate_limit: int | None = None  # per minute, as the server announced it
    estimated_seconds: float | None = None  # the plan's writes at the server's rate limit
    seconds: float = 0.0
    report: Path | None = None
    plan_workbook: Path | None = None
    journal: Path | None = None
    check_report: Path | None = None
    target: str = ""  # where the records go, in words: an API URL or the sandbox's file
    started_at: datetime | None = None

    @property
    def rows(self) -> int:
        return self.check.validation.rows_read

    @property
    def ok(self) -> bool:
        """Every row landed (created, updated, unchanged or linked) or was left on purpose."""
        if self.stopped or self.interrupted or self.error or self.failures:
            return False
        problems = any(n for word, n in self.outcomes.items() if Outcome(word).is_problem)
        return not problems and not self.issues_are_errors

    @property
    def issues_are_errors(self) -> bool:
        return any(i.severity == Severity.ERROR for i in self.issues)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def summary(self) -> dict[str, Figure]:
        """The figures of the run, in the order the workbooks' Summary shows them."""
        out: dict[str, Figure] = {
            "input": self.input.name,
            "mapping": self.mapping,
            "mode": self.mode.value,
            "into": self.target,
            "started": f"{self.started_at:%Y-%m-%d %H:%M} UTC" if self.started_at else "",
            "rows read": self.rows,
        }
        if self.plan is not None:
            for kind, tally in self.plan.counts().items():
                for op, n in sorted(tally.items()):
                    out[f"{kind} {op}"] = n
            out["planned writes"] = self.plan.writes
            if self.estimated_seconds is not None:
                out["estimated seconds for the writes"] = round(self.estimated_seconds, 1)
            if self.rate_limit:
                out["rate limit (requests a minute)"] = self.rate_limit
        for phase, done in self.records.items():
            for outcome, n in sorted(done.items()):
                out[f"{phase} {outcome}"] = n
        for outcome, n in sorted(self.outcomes.items()):
            out[f"rows {outcome}"] = n
        out |= self.requests_by_kind()
        out["retries (counted above)"] = self.retries
        out["429 answers"] = self.throttled
        out["seconds"] = round(self.seconds, 1)
        if self.stopped:
            out["stopped"] = self.stopped
        if self.interrupted:
            out["interrupted"] = "yes: run the same command again to continue"
        if self.error:
            out["error"] = self.error
        return out

    def requests_by_kind(self) -> dict[str, int]:
        """Every request sent, by what it was for; the kinds add up to the total."""
        kinds = {
            "token checks": self.access_requests,
            "look-ups": self.lookup_requests,
            "matching reads": self.match_requests,
            "writes": self.write_requests,
            "re-checks": self.recheck_requests,
        }
        other = self.requests - sum(kinds.values())
        out = {"requests sent": self.requests}
        out |= {kind: n for kind, n in kinds.items() if n or kind not in _RARE}
        if other:
            out["other requests"] = other
        return out


Planned = Callable[[ImportResult], None]
"""Called with the result so far (its plan, the reads it took) before anything is sent."""


def import_file(
    input: Path,
    *,
    target: Target,
    mapping: str | Path | None = None,
    mode: Mode | str = Mode.UPSERT,
    dry_run: bool = False,
    skip_invalid: bool = False,
    erase_empty: bool = False,
    report: Path | None = None,
    plan_workbook: Path | None = None,
    journal: Path | None = None,
    check_report: Path | None = None,
    progress: Progress | None = None,
    planned: Planned | None = None,
    sheet: str | None = None,
    force: bool = False,
    matching: Matching | str = Matching.AUTO,
) -> ImportResult:
    """Import ``input`` into the platform of ``target`` (see the module docstring).

    ``sheet`` (a name, or a number from 1) is the sheet to read instead of the mapping's.
    ``report`` is the results workbook (default ``INPUT-results-STARTED.xlsx`` beside the
    input, a new one for every run: ``run_files.default_results``), ``plan_workbook`` the
    dry run's plan workbook (default ``INPUT-plan.xlsx`` beside the input), ``journal`` the
    import's SQLite journal (default ``.bulkio/INPUT.journal.sqlite`` beside the input, see
    ``run_files.choose_journal``), ``check_report`` where row problems are written (default
    ``INPUT-report.xlsx`` beside the input, only when there are any). ``planned`` is called
    with the result so far once the plan is made, before anything is sent. ``force`` lets
    the workbooks replace files bulkio did not write (never an input). ``matching`` is how
    records are looked for by name or e-mail: ``auto``, ``filter`` or ``scan`` (see
    ``import_matching.Matching``). Raises a
    ``BulkioError`` when the import cannot run (``LockedError`` while another run holds its
    journal or target); row problems are data in the result.
    """
    started = time.monotonic()
    now = datetime.now(UTC)
    input = Path(input)
    mode = _mode(mode)
    matching = matching_of(matching)
    report = report or default_results(input, now)
    plan_workbook = plan_workbook or default_plan(input)
    check_report = check_report or default_report(input)
    check_outputs(
        [
            plan_output(plan_workbook) if dry_run else results_output(report),
            Output(check_report, OutputKind.REPORT, fix="Move that file away"),
            Output(journal or default_journal(input), OutputKind.JOURNAL, "--journal"),
        ],
        inputs=inputs_of(input, mapping, target),
        force=force,
    )

    with open_source(input) as source:  # opened once: check, reports and fingerprint
        check = check_file(source, mapping=mapping, keep_records=True, sheet=sheet)
        result = ImportResult(input, check.mapping.name, mode, dry_run, check, list(check.issues))
        result = dataclasses.replace(result, target=target.describe(), started_at=now)
        if check.problems:
            write_check_report(source, check, check_report)
            result = dataclasses.replace(result, check_report=check_report)
        stop = None if skip_invalid else invalid_rows_stop(check, check_report)
        if stop is not None:
            return dataclasses.replace(result, stopped=stop, seconds=time.monotonic() - started)

        with connect(target) as client, ExitStack() as run:
            if not dry_run:
                require_write_access(client)
            fingerprint = _fingerprint(source, check, mode, target_identity(target, client))
            journal = journal or choose_journal(input, fingerprint)
            if not dry_run:
                hold_run_locks(run, journal, fingerprint.target)
            created = created_ids(journal, fingerprint)
            # what the client sent so far checked the token: may it write, in which space
            result = dataclasses.replace(result, access_requests=client.stats.requests_sent)
            prepared = prepare(check, client, erase_empty=erase_empty)
            result = dataclasses.replace(result, lookup_requests=prepared.requests)
            if prepared.issues:
                _write_check_report_with(source, check, prepared.issues, check_report)
                issues = [*result.issues, *prepared.issues]
                result = dataclasses.replace(result, issues=issues, check_report=check_report)
            stop = None if skip_invalid else unknown_labels_stop(prepared, check_report)
            if stop is not None:
                return _finished(dataclasses.replace(result, stopped=stop), client.stats, started)
            found = find_existing(client, prepared, check, created, matching=matching)
            plan = make_plan(
                prepared.companies,
                prepared.contacts,
                prepared.links,
                found.companies,
                found.contacts,
                mode=mode,
                erase_empty=erase_empty,
            )
            unkeyed = _unkeyed_warning(plan)
            issues = [*result.issues, *found.warnings, *([unkeyed] if unkeyed else [])]
            result = dataclasses.replace(
                result, plan=plan, match_requests=found.requests, issues=issues
            )
            result = _finished(result, client.stats, started)
            if dry_run:
                preview = Preview(plan, prepared.tables, _left_out(result.issues, check))
                write_import_plan(plan_workbook, source, check, preview, result.summary())
                return dataclasses.replace(result, plan_workbook=plan_workbook)
            if planned is not None:
                planned(result)
            before = client.stats
            executed = execute_journalled(
                plan,
                client,
                journal,
                fingerprint=fingerprint,
                found=found.ids(),
                columns=prepared.columns,
                about=_about(input, check.mapping.name, mode, target),
                progress=progress,
            )
            rows = row_outcomes(result.issues, plan, executed.ledger, check.validation.copies)
            result = _executed(result, executed, rows, journal, before, client.stats)
            result = _finished(result, client.stats, started)
            summary = {**result.summary(), JOURNAL_LINE: journal_reference(journal, report)}
            preview = Preview(plan, prepared.tables)
            write_import_results(report, source, check, rows.rows, summary, preview)
        return dataclasses.replace(result, report=report)


def _left_out(issues: list[RowIssue], check: CheckResult) -> dict[Where, str]:
    """The rows a run leaves out, each with why: its problems, or the row it repeats."""
    copies = {where: f"a copy of row {first}" for where, first in check.validation.copies.items()}
    return copies | invalid_rows(issues)


def _unkeyed_warning(plan: Plan) -> RowIssue | None:
    """A warning when the plan creates records known only by their row: a later run finds
    them again only while the file stays exactly as it is (see the module docstring)."""
    created = Counter(
        action.entity
        for action in plan.actions
        if isinstance(action, RecordAction) and action.op == Op.CREATE and action.key.by == "row"
    )
    if not created:
        return None
    counts = ", ".join(f"{entity.value} {n}" for entity, n in sorted(created.items()))
    return RowIssue(
        f"records to create with no external ID or other key to find them by ({counts}): "
        "only this same file, unchanged, finds them again, and a changed file creates them "
        "anew; give them an external ID (or an e-mail) to update them later",
        severity=Severity.WARNING,
    )


def _about(input: Path, mapping: str, mode: Mode, target: Target) -> dict[str, str]:
    """What the journal says of the run, for ``bulkio runs`` and ``bulkio undo``."""
    about = {"input": input.name, "mapping": mapping, "mode": mode.value}
    about["target"] = target.describe()
    if target.sandbox is not None:
        about["sandbox"] = str(target.sandbox.resolve())
    return about


def _write_check_report_with(
    source: Source, check: CheckResult, more: list[RowIssue], path: Path
) -> None:
    """The check's report, with the row problems found since (the check stays as it was)."""
    write_check_report(source, dataclasses.replace(check, notes=[*check.notes, *more]), path)


def _executed(
    result: ImportResult,
    run: Executed,
    rows: RowsOutcome,
    journal: Path,
    before: ClientStats,
    after: ClientStats,
) -> ImportResult:
    """The result with what the run did; ``before`` and ``after`` are the client's figures
    around it (its writes, and the reads re-checking writes whose answer was lost)."""
    writes = after.writes_sent - before.writes_sent
    return dataclasses.replace(
        result,
        interrupted=run.interrupted,
        error=run.error,
        outcomes={outcome.value: n for outcome, n in rows.counts.items()},
        records={
            phase: {outcome.value: n for outcome, n in tally.items()}
            for phase, tally in rows.records.items()
        },
        failures=rows.failures,
        write_requests=writes,
        recheck_requests=after.requests_sent - before.requests_sent - writes,
        journal=journal,
    )


def _finished(result: ImportResult, stats: ClientStats, started: float) -> ImportResult:
    """The result with the client's figures and the time taken so far."""
    plan = result.plan
    return dataclasses.replace(
        result,
        requests=stats.requests_sent,
        retries=stats.retries,
        throttled=stats.throttled,
        rate_limit=stats.rate_limit,
        estimated_seconds=stats.seconds_for(plan.writes) if plan is not None else None,
        seconds=time.monotonic() - started,
    )


def _mode(mode: Mode | str) -> Mode:
    try:
        return Mode(mode)
    except ValueError:
        choices = ", ".join(m.value for m in Mode)
        raise ConfigError(f"unknown import mode '{mode}'; use one of: {choices}") from None


def _fingerprint(source: Source, check: CheckResult, mode: Mode, target: str) -> RunFingerprint:
    """What this run imports: the input's content, the mapping as loaded, mode and target."""
    mapping = check.mapping.mapping.model_dump_json().encode("utf-8")
    return RunFingerprint(
        input=str(source.path),
        input_digest=source.digest(),
        mapping=check.mapping.name,
        mapping_digest=hashlib.sha256(mapping).hexdigest(),
        mode=mode.value,
        target=target,
    )


__all__ = ["ImportResult", "Progress", "import_file"]
