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
so it sends no write and starts no journal. Invalid rows (or labels Kanbert does not know)
stop the import before anything is sent, unless ``skip_invalid``.

Resuming is running the same command again: the plan is made afresh against the live
platform, so work done shows as unchanged, and writes the journal left ``sent`` (the process
died before their answer) are settled by what prepare found. Ctrl-C stops taking new work,
lets requests in flight end, and writes journal and results; the same command continues.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from bulkio.core.errors import ConfigError
from bulkio.core.issues import RowIssue, Severity
from bulkio.core.outcome import Outcome
from bulkio.core.plan import Mode, Plan, make_plan
from bulkio.journal import created_ids
from bulkio.journal.naming import JOURNAL_LINE, journal_reference
from bulkio.kanbert import ClientStats
from bulkio.kanbert.scopes import require_write_access
from bulkio.readers import Source, open_source
from bulkio.usecases.check import CheckResult, check_file, write_check_report
from bulkio.usecases.connect import Target, connect
from bulkio.usecases.import_execute import Executed, Progress, execute_journalled
from bulkio.usecases.import_outcomes import (
    Failure,
    RowsOutcome,
    row_outcomes,
    write_import_results,
)
from bulkio.usecases.import_prepare import (
    find_existing,
    invalid_rows_stop,
    prepare,
    unknown_labels_stop,
)


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
    failures: list[Failure] = field(default_factory=list)
    requests: int = 0  # requests sent, reads and retries included
    match_requests: int = 0  # reads spent finding what exists
    throttled: int = 0
    rate_limit: int | None = None  # per minute, as the server announced it
    estimated_seconds: float | None = None  # the plan's writes at the server's rate limit
    seconds: float = 0.0
    report: Path | None = None
    journal: Path | None = None
    check_report: Path | None = None

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

    def summary(self) -> dict[str, int | str]:
        out: dict[str, int | str] = {
            "input": self.input.name,
            "mapping": self.mapping,
            "mode": self.mode.value,
            "rows read": self.rows,
        }
        if self.plan is not None:
            for kind, tally in self.plan.counts().items():
                for op, n in sorted(tally.items()):
                    out[f"{kind} {op}"] = n
            out["planned writes"] = self.plan.writes
        for outcome, n in sorted(self.outcomes.items()):
            out[f"rows {outcome}"] = n
        out["requests sent"] = self.requests
        out["429 answers"] = self.throttled
        out["seconds"] = f"{self.seconds:.1f}"
        if self.stopped:
            out["stopped"] = self.stopped
        if self.interrupted:
            out["interrupted"] = "yes: run the same command again to continue"
        if self.error:
            out["error"] = self.error
        return out


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
    journal: Path | None = None,
    check_report: Path | None = None,
    progress: Progress | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Import ``input`` into the platform of ``target`` (see the module docstring).
    ``sheet`` (a name, or a number from 1) is the sheet to read instead of the mapping's.

    ``report`` is the results workbook (default ``INPUT-results.xlsx`` here), ``journal`` the
    run's SQLite journal (default next to the report), ``check_report`` where row problems
    are written (default ``INPUT-report.xlsx`` beside the results, only when there are
    any). Raises a ``BulkioError`` when the import cannot run; row problems are data in the
    result.
    """
    started = time.monotonic()
    input = Path(input)
    mode = _mode(mode)
    report = report or Path(f"{input.stem}-results.xlsx")
    journal = journal or report.with_name(report.stem + ".journal.sqlite")
    check_report = check_report or report.with_name(f"{input.stem}-report.xlsx")

    with open_source(input) as source:  # opened once: check, reports and fingerprint
        check = check_file(source, mapping=mapping, keep_records=True, sheet=sheet)
        result = ImportResult(input, check.mapping.name, mode, dry_run, check, list(check.issues))
        if check.problems:
            write_check_report(source, check, check_report)
            result = dataclasses.replace(result, check_report=check_report)
        stop = None if skip_invalid else invalid_rows_stop(check, check_report)
        if stop is not None:
            return dataclasses.replace(result, stopped=stop, seconds=time.monotonic() - started)

        with connect(target) as client:
            if not dry_run:
                require_write_access(client)
            prepared = prepare(check, client)
            if prepared.issues:
                _write_check_report_with(source, check, prepared.issues, check_report)
                issues = [*result.issues, *prepared.issues]
                result = dataclasses.replace(result, issues=issues, check_report=check_report)
            stop = None if skip_invalid else unknown_labels_stop(prepared, check_report)
            if stop is not None:
                return _finished(dataclasses.replace(result, stopped=stop), client.stats, started)
            found = find_existing(client, prepared, check, created_ids(journal))
            plan = make_plan(
                prepared.companies,
                prepared.contacts,
                prepared.links,
                found.companies,
                found.contacts,
                mode=mode,
                erase_empty=erase_empty,
            )
            result = dataclasses.replace(result, plan=plan, match_requests=found.requests)
            if dry_run:
                return _finished(result, client.stats, started)
            run = execute_journalled(
                plan,
                client,
                journal,
                fingerprint=_fingerprint(source, check.mapping.name, mode),
                found=found.ids(),
                columns=prepared.columns,
                about=_about(input, check.mapping.name, mode, target),
                progress=progress,
            )
            rows = row_outcomes(result.issues, plan, run.ledger)
            result = _finished(_executed(result, run, rows, journal), client.stats, started)
        summary = {**result.summary(), JOURNAL_LINE: journal_reference(journal, report)}
        write_import_results(report, source, check, rows.rows, summary)
        return dataclasses.replace(result, report=report)


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
    result: ImportResult, run: Executed, rows: RowsOutcome, journal: Path
) -> ImportResult:
    return dataclasses.replace(
        result,
        interrupted=run.interrupted,
        error=run.error,
        outcomes={outcome.value: n for outcome, n in rows.counts.items()},
        failures=rows.failures,
        journal=journal,
    )


def _finished(result: ImportResult, stats: ClientStats, started: float) -> ImportResult:
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


def _mode(mode: Mode | str) -> Mode:
    try:
        return Mode(mode)
    except ValueError:
        choices = ", ".join(m.value for m in Mode)
        raise ConfigError(f"unknown import mode '{mode}'; use one of: {choices}") from None


def _fingerprint(source: Source, mapping: str, mode: Mode) -> str:
    return hashlib.sha256(f"{source.digest()}|{mapping}|{mode.value}".encode()).hexdigest()


__all__ = ["ImportResult", "Progress", "import_file"]
