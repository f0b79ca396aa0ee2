"""``bulkio import``: validated spreadsheet rows into Kanbert records, each exactly once.

check -> connect -> look-ups (once) -> resolve labels to ids -> match what exists (by key,
many keys per request) -> plan (create / update changed fields / restore / unchanged /
link / relink) -> dry run: stop here -> execute companies, then contacts, then links, each
write journalled before its request and after its answer -> results workbook.

Resuming is running the same command again: the plan is made afresh against the live
platform, so work done shows as unchanged, and writes the journal left ``sent`` (the process
died before their answer) are settled by what the look-up found. A create whose answer never
came during a run is looked up by its key before it is sent again, so nothing is created
twice. Ctrl-C stops taking new work, lets requests in flight end, and writes journal and
results; the same command continues.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.errors import BulkioError, ConfigError
from bulkio.core.issues import RowIssue, Severity
from bulkio.core.lookups import Lookup
from bulkio.core.mapping.columns import columns_for
from bulkio.core.plan import (
    LinkAction,
    Mode,
    Op,
    Plan,
    RecordAction,
    journal_key,
    plan_links,
    plan_records,
)
from bulkio.core.resolve import Desired, reference_tables, resolve
from bulkio.journal import Journal, PlannedWrite, open_journal
from bulkio.kanbert import KanbertClient, RejectedError, UnknownOutcome, wire
from bulkio.usecases.check import CheckResult, check_file, write_check_report
from bulkio.usecases.connect import Target, connect
from bulkio.usecases.import_matching import existing_of, find_companies, find_contacts, find_one
from bulkio.usecases.import_outcomes import Failure, row_outcomes, write_import_results

Progress = Callable[[str, int, int], None]
"""Called with (phase, records done, records in the phase) as writes finish."""

RESOURCE = {Entity.COMPANY: wire.COMPANIES, Entity.CONTACT: wire.CONTACTS}


@dataclass
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
    outcomes: dict[str, int] = field(default_factory=dict)  # row outcome -> rows
    failures: list[Failure] = field(default_factory=list)
    requests: int = 0  # requests sent, reads and retries included
    writes: int = 0  # write requests that landed
    match_requests: int = 0  # reads spent finding what exists
    throttled: int = 0
    rate_limit: int | None = None  # per minute, as the server announced it
    seconds: float = 0.0
    report: Path | None = None
    journal: Path | None = None
    check_report: Path | None = None

    @property
    def rows(self) -> int:
        return self.check.validation.rows_read

    @property
    def ok(self) -> bool:
        """Every row landed (created, updated, unchanged or linked)."""
        if self.stopped or self.interrupted or self.error or self.failures:
            return False
        bad = ("failed", "skipped invalid", "not done")
        return not any(self.outcomes.get(b) for b in bad) and not self.issues_are_errors

    @property
    def issues_are_errors(self) -> bool:
        return any(i.severity == Severity.ERROR for i in self.issues)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def estimated_seconds(self) -> float | None:
        """How long the plan's writes take at the server's rate limit."""
        if self.plan is None or not self.rate_limit:
            return None
        return self.plan.writes * wire.RATE_WINDOW_SECONDS / self.rate_limit

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
) -> ImportResult:
    """Import ``input`` into the platform of ``target`` (see the module docstring).

    ``report`` is the results workbook (default ``INPUT-results.xlsx`` here), ``journal`` the
    run's SQLite journal (default next to the report), ``check_report`` where row problems
    are written (default ``INPUT-report.xlsx`` beside the results, only when there are
    any). Raises a ``BulkioError`` when the import cannot run; row problems are data in the
    result.
    """
    started = time.monotonic()
    input = Path(input)
    try:
        mode = Mode(mode)
    except ValueError:
        choices = ", ".join(m.value for m in Mode)
        raise ConfigError(f"unknown import mode '{mode}'; use one of: {choices}") from None
    report = report or Path(f"{input.stem}-results.xlsx")
    journal = journal or report.with_name(report.stem + ".journal.sqlite")
    check_report = check_report or report.with_name(f"{input.stem}-report.xlsx")

    check = check_file(input, mapping=mapping, keep_records=True)
    result = ImportResult(input, check.mapping.name, mode, dry_run, check, list(check.issues))
    if check.issues:
        write_check_report(check, check_report)
        result.check_report = check_report
    if not check.ok and not skip_invalid:
        result.stopped = (
            f"{check.validation.rows_invalid} rows are invalid; nothing was sent. Fix them "
            f"(see {check_report}) or pass --skip-invalid to import the valid rows only"
        )
        result.seconds = time.monotonic() - started
        return result

    columns = _target_columns(check)
    with connect(target) as client:
        lookups = _fetch_lookups(client)
        resolved = resolve(
            check.validation.companies,
            check.validation.contacts,
            reference_tables(lookups),
            columns,
        )
        if resolved.issues:
            check.notes.extend(resolved.issues)
            result.issues.extend(resolved.issues)
            write_check_report(check, check_report)
            result.check_report = check_report
            if not skip_invalid:
                rows = len({(i.sheet, i.row) for i in resolved.issues})
                result.stopped = (
                    f"{rows} rows name values Kanbert does not know; nothing was sent. Fix "
                    f"them (see {check_report}) or pass --skip-invalid to import the others"
                )
                _finish(result, client, started)
                return result
        runner = _Run(client, result, progress, columns)
        if dry_run:  # no journal, no writes: only the plan and what it costs
            result.plan = runner.make_plan(
                resolved.companies, resolved.contacts, check, erase_empty
            )
            _finish(result, client, started)
            return result
        with open_journal(journal) as book:
            result.journal = journal
            runner.book = book
            runner.run_id = book.start_run(
                fingerprint=_fingerprint(input, check.mapping.name, mode),
                api_url=client.settings.base_url,
            )
            interrupted = False
            failure: BulkioError | None = None
            try:
                plan = runner.make_plan(resolved.companies, resolved.contacts, check, erase_empty)
                result.plan = plan
                runner.execute(plan)
            except KeyboardInterrupt:
                interrupted = True
            except BulkioError as exc:
                failure = exc
                result.error = exc.message
            finally:
                result.interrupted = interrupted
                book.finish_run(runner.run_id, interrupted=interrupted or failure is not None)
            if result.plan is not None:
                outcomes, counts = row_outcomes(
                    check, result.issues, result.plan, runner.failures, columns, done=runner.done
                )
                result.outcomes = counts
                result.failures = runner.failures
                write_import_results(report, check, outcomes, result.summary())
                result.report = report
            _finish(result, client, started)
            if failure is not None and result.plan is None:
                raise failure
    return result


def _finish(result: ImportResult, client: KanbertClient, started: float) -> None:
    stats = client.stats
    result.requests = stats.requests_sent
    result.throttled = stats.throttled
    result.rate_limit = stats.rate_limit
    result.seconds = time.monotonic() - started


class _Run:
    """One run's execution state: the client, the journal, what is done, what failed."""

    def __init__(
        self,
        client: KanbertClient,
        result: ImportResult,
        progress: Progress | None,
        columns: dict[str, str],
    ) -> None:
        self.client = client
        self.columns = columns
        self.result = result
        self.progress = progress
        self.book: Journal | None = None
        self.run_id = 0
        self.failures: list[Failure] = []
        self.done: set[int] = set()  # id() of actions whose writes landed
        self.desired: dict[tuple[Entity, Any], Desired] = {}

    # -- plan ----------------------------------------------------------------------------

    def make_plan(
        self,
        companies: list[Desired],
        contacts: list[Desired],
        check: CheckResult,
        erase_empty: bool,
    ) -> Plan:
        keys = check.mapping.mapping
        for d in (*companies, *contacts):
            self.desired[(d.entity, d.key)] = d
        have_companies, cost1 = find_companies(
            self.client, companies, match_names=keys.company.key.match == "name"
        )
        have_contacts, cost2 = find_contacts(
            self.client, contacts, match_emails=keys.contact.key.match == "email"
        )
        self.result.match_requests = cost1 + cost2
        if self.book is not None:
            self._take_journal_ids(companies, contacts, have_companies, have_contacts)
            self._settle_unknown(have_companies, have_contacts)
        mode = self.result.mode
        company_actions = plan_records(
            companies, have_companies, mode=mode, erase_empty=erase_empty
        )
        contact_actions = plan_records(contacts, have_contacts, mode=mode, erase_empty=erase_empty)
        links = plan_links(check.validation.links, company_actions, contact_actions, have_contacts)
        return Plan(company_actions, contact_actions, links)

    def _take_journal_ids(
        self,
        companies: list[Desired],
        contacts: list[Desired],
        have_companies: dict[Any, Any],
        have_contacts: dict[Any, Any],
    ) -> None:
        """Records without a findable key (matched by row only) created by an earlier run:
        take them by the id the journal recorded."""
        assert self.book is not None
        created = self.book.created_ids()
        for entity, desired, have in (
            (Entity.COMPANY, companies, have_companies),
            (Entity.CONTACT, contacts, have_contacts),
        ):
            for d in desired:
                kid = created.get((entity.value, journal_key(d.key)))
                if d.key.by != "row" or d.key in have or kid is None:
                    continue
                resource = RESOURCE[entity]
                include = [wire.COMPANIES] if entity == Entity.CONTACT else []
                try:
                    have[d.key] = existing_of(
                        self.client.get(resource, kid, include=include), resource
                    )
                except BulkioError:
                    continue

    def _settle_unknown(
        self, have_companies: dict[Any, Any], have_contacts: dict[Any, Any]
    ) -> None:
        """Writes an earlier run sent without recording the answer: what the look-up found
        now decides them (the plan that follows re-sends only what is missing)."""
        assert self.book is not None
        ids = {
            (entity, journal_key(key)): existing.id
            for entity, have in (("company", have_companies), ("contact", have_contacts))
            for key, existing in have.items()
        }
        for entry in self.book.unknown_outcomes():
            if entry.run_id == self.run_id:
                continue
            found = ids.get((entry.entity, entry.key))
            if found is not None and entry.op == "create":
                self.book.mark_done(entry.id, found)
            else:
                self.book.mark_failed(
                    entry.id,
                    f"the answer never came (run {entry.run_id}); re-planned in run {self.run_id}",
                )

    # -- execute -------------------------------------------------------------------------

    def execute(self, plan: Plan) -> None:
        assert self.book is not None
        for phase, actions in (("companies", plan.companies), ("contacts", plan.contacts)):
            todo = [a for a in actions if a.requests]
            for a in actions:
                if not a.requests:
                    self.done.add(id(a))
            self._run_phase(phase, todo, self._write_record)
        todo_links = [a for a in plan.links if a.requests]
        ids = {(a.entity, a.key): a.kanbert_id for a in (*plan.companies, *plan.contacts)}
        self._link_ids = ids
        for link in plan.links:
            if not link.requests:
                self.done.add(id(link))
        self._run_phase("links", todo_links, self._write_link)

    def _run_phase(
        self,
        phase: str,
        actions: Sequence[RecordAction] | Sequence[LinkAction],
        write: Callable[[Any], str | None],
    ) -> None:
        assert self.book is not None
        if not actions:
            return
        book = self.book
        writes = [
            PlannedWrite(
                op=a.op.value,
                entity=a.entity.value if isinstance(a, RecordAction) else "link",
                key=journal_key(a.key) if isinstance(a, RecordAction) else a.key,
                body=wire.write_body(a.changes)
                if isinstance(a, RecordAction)
                else wire.link_body(a.position),
                rows=a.rows,
            )
            for a in actions
        ]
        entry_of = dict(
            zip((id(a) for a in actions), book.plan_many(self.run_id, writes), strict=True)
        )

        def feed() -> Iterator[Any]:
            for action in actions:
                book.mark_sent(entry_of[id(action)])
                yield action

        total = len(actions)
        for finished, outcome in enumerate(self.client.run_all(feed(), write), start=1):
            action = outcome.item
            entry = entry_of[id(action)]
            if outcome.error is None:
                book.mark_done(entry, outcome.value)
                self.done.add(id(action))
                if isinstance(action, RecordAction):
                    action.kanbert_id = outcome.value
                self.result.writes += action.requests
            else:
                failure = Failure.of(action, outcome.error, self.columns)
                self.failures.append(failure)
                book.mark_failed(entry, failure.text)
            if self.progress is not None:
                self.progress(phase, finished, total)

    def _write_record(self, action: RecordAction) -> str | None:
        resource = RESOURCE[action.entity]
        body = wire.write_body(action.changes)
        if action.op == Op.CREATE:
            return self._create(action, resource, body)
        assert action.kanbert_id is not None
        if action.op == Op.RESTORE:
            self.client.restore(resource, action.kanbert_id)
        if body:
            self.client.patch(resource, action.kanbert_id, body)
        return action.kanbert_id

    def _create(self, action: RecordAction, resource: str, body: dict[str, Any]) -> str:
        """POST; when the answer is lost, or the key is taken, take the record if it is
        there now, else send once more."""
        want = self.desired[(action.entity, action.key)]
        for attempt in (1, 2):
            try:
                return wire.record_id(self.client.create(resource, body))
            except UnknownOutcome:
                found = find_one(self.client, resource, want)
                if found is not None:
                    return wire.record_id(found)
                if attempt == 2:
                    raise
            except RejectedError as exc:
                if "external_id" not in exc.field_errors:
                    raise
                found = find_one(self.client, resource, want)
                if found is None or attempt == 2:
                    raise
                kid = wire.record_id(found)
                if wire.is_archived(found):
                    self.client.restore(resource, kid)
                return kid
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_link(self, action: LinkAction) -> str | None:
        contact_id = self._link_ids.get((Entity.CONTACT, action.contact_key))
        company_id = self._link_ids.get((Entity.COMPANY, action.company_key))
        if not contact_id or not company_id:
            raise RejectedError("its contact or company did not land in Kanbert", {}, path="(link)")
        self.client.link(contact_id, company_id, action.position)
        return f"{contact_id}/{company_id}"

    _link_ids: dict[tuple[Entity, Any], str | None]


def _fetch_lookups(client: KanbertClient) -> dict[Lookup, list[dict[str, Any]]]:
    lists: dict[Lookup, list[dict[str, Any]]] = {}
    for result in client.run_all(tuple(Lookup), lambda lookup: client.list_all(lookup.resource)):
        lists[result.item] = result.value or []
    return lists


def _target_columns(check: CheckResult) -> dict[str, str]:
    """Target (``contact.email``) -> the spreadsheet column it is read from."""
    found: dict[str, str] = {}
    for sheet in check.sheets:
        for column, targets in columns_for(check.mapping.mapping, sheet.role).items():
            for t in targets:
                found.setdefault(t, column)
    return found


def _fingerprint(input: Path, mapping: str, mode: Mode) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in input.iterdir() if p.is_file()) if input.is_dir() else [input]
    for path in files:  # a CSV export folder: its files, in name order
        digest.update(path.name.encode() if input.is_dir() else b"")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    digest.update(f"|{mapping}|{mode.value}".encode())
    return digest.hexdigest()


__all__ = ["ImportResult", "Progress", "import_file"]
