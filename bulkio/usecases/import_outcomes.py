"""Outcomes, the import's last stage: what became of every input row, and the results
workbook that says so.

In: the check (its rows and problems), the row problems found since, the plan and the
run's ledger. Out: ``RowsOutcome``, each row's ``Outcome`` (see ``bulkio.core.outcome``
for the words and which is most telling) with its Kanbert ids and problem, the number of
rows per outcome, what became of the records and links themselves (an interrupted run
counts the 16 contacts it created, although their rows wait for their links), and the
failed writes. Errors the API gave are worded here, each field named by the spreadsheet
column it was read from (``email`` -> column 'E-Mail'). The results workbook shows each row
with its outcome and the preview's columns (``bulkio.core.preview``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bulkio.core.entities import Entity
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.outcome import Outcome
from bulkio.core.plan import Action, LinkAction, Plan, RecordAction
from bulkio.core.preview import Preview
from bulkio.journal import Ledger
from bulkio.kanbert import RejectedError, UnknownOutcome
from bulkio.readers import Source, SourceTable, mapping_tables
from bulkio.usecases.check import BATCH_ROWS, CheckResult
from bulkio.writers.outputs import Output, OutputKind, written
from bulkio.writers.plan import SheetPreview
from bulkio.writers.results import ResultsSheet, RowOutcome, write_results
from bulkio.writers.summary import Figure

Where = tuple[str | None, int]  # (sheet, row)


@dataclass(frozen=True)
class Failure:
    """A write the platform refused or never answered, with the rows it concerns."""

    what: str  # "contact P-1", "link P-1 -> K-1"
    rows: tuple[int, ...]
    sheet: str | None
    text: str

    @classmethod
    def of(cls, action: Action, text: str) -> Failure:
        if isinstance(action, RecordAction):
            what = f"{action.entity.value} {action.key}"
        else:
            what = f"link {action.contact_key} -> {action.company_key}"
        return cls(what, action.rows, action.sheet, text)


@dataclass(frozen=True)
class RowsOutcome:
    """What became of the input rows."""

    rows: dict[Where, RowOutcome]
    counts: dict[Outcome, int]  # rows per outcome
    failures: list[Failure]
    records: dict[str, dict[Outcome, int]]  # phase ("contacts") -> its actions per outcome


def describe_failure(action: Action, error: Exception, columns: Mapping[str, str]) -> str:
    """Why a write failed, in the user's terms: each field named by its spreadsheet column."""
    prefix = action.entity.value if isinstance(action, RecordAction) else "link"
    if isinstance(error, RejectedError) and error.field_errors:
        parts = []
        for field, messages in error.field_errors.items():
            column = columns.get(f"{prefix}.{field}")
            where = f"column '{column}'" if column else f"field {field}"
            parts.append(f"{where}: {' '.join(messages)}")
        return "Kanbert refused it: " + "; ".join(parts)
    if isinstance(error, RejectedError):
        return f"Kanbert refused it: {error.message}"
    if isinstance(error, UnknownOutcome):
        return (
            f"{error}; run the same command again: it checks Kanbert before sending anything again"
        )
    return str(error)


def invalid_rows(issues: Sequence[RowIssue]) -> dict[Where, str]:
    """The rows with problems found before sending, each with its problems in one text."""
    invalid: dict[Where, list[str]] = {}
    for issue in issues:
        if issue.row is not None and issue.severity == Severity.ERROR:
            text = f"column '{issue.column}': {issue.message}" if issue.column else issue.message
            invalid.setdefault((issue.sheet, issue.row), []).append(text)
    return {where: "; ".join(texts) for where, texts in invalid.items()}


def row_outcomes(
    issues: Sequence[RowIssue],
    plan: Plan,
    ledger: Ledger,
    copies: Mapping[Where, int] | None = None,
) -> RowsOutcome:
    """Each input row's outcome: its problems found before sending, else the most telling
    outcome of its actions as the ledger knows them. A record created from several rows is
    created by its first; to the others it is a record that exists, so a row that only adds
    a link to it is "linked". ``copies`` ((sheet, row) -> the row it copies) are
    "duplicate of row N", with that row's ids."""
    invalid = invalid_rows(issues)
    marks: dict[Where, list[tuple[Outcome, str | None]]] = {}
    ids: dict[tuple[Where, Entity], str] = {}
    failures: list[Failure] = []
    records: dict[str, dict[Outcome, int]] = {}
    for phase, steps in plan.phases():
        tally = records.setdefault(phase, {})
        for index, action in steps:
            mark = _mark(action, index, ledger)
            tally[mark[0]] = tally.get(mark[0], 0) + 1
            if mark[0] == Outcome.FAILED:
                failures.append(Failure.of(action, mark[1] or ""))
            kanbert_id = _record_id(action, index, ledger)
            for n, row in enumerate(action.rows):
                where = (action.sheet, row)
                created_by_another = n > 0 and mark[0] is Outcome.CREATED
                marks.setdefault(where, []).append(
                    (Outcome.UNCHANGED, None) if created_by_another else mark
                )
                if kanbert_id is not None and isinstance(action, RecordAction):
                    ids.setdefault((where, action.entity), kanbert_id)
    rows: dict[Where, RowOutcome] = {}
    for where in set(marks) | set(invalid):
        if where in invalid:
            outcome, problem = Outcome.SKIPPED_INVALID, invalid[where]
        else:
            outcome = min((m for m, _ in marks[where]), key=lambda m: m.rank)
            texts = [text for m, text in marks[where] if text and m == outcome]
            problem = "; ".join(dict.fromkeys(texts))
        rows[where] = RowOutcome(
            outcome,
            ids.get((where, Entity.CONTACT)),
            ids.get((where, Entity.COMPANY)),
            problem or None,
        )
    for (sheet, row), first in (copies or {}).items():
        original = rows.get((sheet, first))
        rows[(sheet, row)] = RowOutcome(
            Outcome.DUPLICATE,
            original.contact_id if original else None,
            original.company_id if original else None,
            f"duplicate of row {first}",
        )
    counts: dict[Outcome, int] = {}
    for outcome_of_row in rows.values():
        counts[outcome_of_row.outcome] = counts.get(outcome_of_row.outcome, 0) + 1
    return RowsOutcome(rows, counts, failures, records)


def _mark(action: Action, index: int, ledger: Ledger) -> tuple[Outcome, str | None]:
    """What became of one action, with the text for its rows' Problem column."""
    reason = ledger.failures.get(index)
    if reason is not None:
        return Outcome.FAILED, reason
    if action.requests and not ledger.is_done(index):
        return Outcome.NOT_DONE, Outcome.NOT_DONE.default_problem
    return Outcome.of(action.op), action.note or None


def _record_id(action: Action, index: int, ledger: Ledger) -> str | None:
    """The Kanbert id of a record action's record: known before, or created in the run."""
    if isinstance(action, LinkAction):
        return None
    return action.kanbert_id or ledger.kanbert_id(index)


def write_import_results(
    path: Path,
    source: Source,
    check: CheckResult,
    outcomes: Mapping[Where, RowOutcome],
    summary: Mapping[str, Figure],
    preview: Preview,
) -> None:
    """Every input row of ``source`` with its outcome and the preview's columns, sheet by
    sheet, into the results workbook; the tables are read as the check read them."""
    nothing = RowOutcome(Outcome.SKIPPED, problem=Outcome.SKIPPED.default_problem)
    sheets = [
        ResultsSheet(
            name=table.sheet or check.input.stem,
            columns=list(table.columns),
            rows=(
                (row, cells, outcomes.get((table.sheet, row), nothing))
                for row, cells in input_rows(table)
            ),
            preview=sheet_preview(preview, table.sheet),
        )
        for _, table in mapping_tables(source, check.mapping.mapping)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(results_output(path)) as temp:
        write_results(temp, sheets=sheets, summary=summary)


def results_output(path: Path) -> Output:
    """The results workbook ``path`` as an output."""
    return Output(path, OutputKind.RESULTS, "--report")


def sheet_preview(preview: Preview, sheet: str | None) -> SheetPreview:
    """The preview's columns for the rows of ``sheet``, as the workbooks take them."""
    return SheetPreview(
        headers=[column.header for column in preview.columns(sheet)],
        cells=partial(preview.cells, sheet),
    )


def input_rows(table: SourceTable) -> Iterator[tuple[int, list[str | None]]]:
    """Each row of ``table``: its source row number and its cells as text."""
    columns = list(table.columns)
    for batch in table.batches(BATCH_ROWS):
        for row in batch.iter_rows(named=True):
            yield int(row[ROW_COLUMN]), [None if row[c] is None else str(row[c]) for c in columns]
