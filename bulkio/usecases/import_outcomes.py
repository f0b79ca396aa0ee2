"""What became of every input row of an import, and the results workbook that says so.

A row may carry a company, a contact and a link; its outcome is the most telling of theirs:
failed > not done (interrupted) > created > updated > linked > unchanged > skipped. Rows
with problems found before sending are "skipped invalid". Errors the API gave are mapped
back to the spreadsheet's column (``email`` -> column 'E-Mail').
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.plan import LinkAction, Op, Plan, RecordAction
from bulkio.kanbert import RejectedError, UnknownOutcome, wire
from bulkio.readers import SourceTable, open_table
from bulkio.usecases.check import BATCH_ROWS, CheckResult
from bulkio.writers.results import ResultsSheet, RowOutcome, write_results

Where = tuple[str | None, int]  # (sheet, row)

_RANK = {
    "failed": 0,
    "not done": 1,
    "created": 2,
    "updated": 3,
    "linked": 4,
    "unchanged": 5,
    "skipped": 6,
}
_OUTCOME_OF_OP = {
    Op.CREATE: "created",
    Op.UPDATE: "updated",
    Op.RESTORE: "updated",
    Op.RELINK: "updated",
    Op.LINK: "linked",
    Op.UNCHANGED: "unchanged",
    Op.SKIP: "skipped",
}
_WRITE_NAMES = {v: k for k, v in wire.ID_FIELDS.items()}


@dataclass(frozen=True)
class Failure:
    """A write the platform refused or never answered, with the rows it concerns."""

    what: str  # "contact P-1", "link P-1 -> K-1"
    rows: tuple[int, ...]
    sheet: str | None
    text: str
    action_id: int

    @classmethod
    def of(
        cls, action: RecordAction | LinkAction, error: Exception, columns: Mapping[str, str]
    ) -> Failure:
        if isinstance(action, RecordAction):
            what = f"{action.entity.value} {action.key}"
            prefix = action.entity.value
        else:
            what = f"link {action.contact_key} -> {action.company_key}"
            prefix = "link"
        return cls(
            what, tuple(action.rows), action.sheet, describe(error, prefix, columns), id(action)
        )


def describe(error: Exception, prefix: str, columns: Mapping[str, str]) -> str:
    """The error in the user's terms: each field named by the spreadsheet column."""
    if isinstance(error, RejectedError) and error.field_errors:
        parts = []
        for name, messages in error.field_errors.items():
            field = _WRITE_NAMES.get(name, name)
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


def row_outcomes(
    check: CheckResult,
    issues: Sequence[RowIssue],
    plan: Plan,
    failures: Sequence[Failure],
    columns: Mapping[str, str],
    *,
    done: set[int],
) -> tuple[dict[Where, RowOutcome], dict[str, int]]:
    """Each input row's outcome, and the number of rows per outcome."""
    del columns  # the failures' texts already name the columns
    invalid: dict[Where, list[str]] = {}
    for issue in issues:
        if issue.row is not None and issue.severity == Severity.ERROR:
            text = f"column '{issue.column}': {issue.message}" if issue.column else issue.message
            invalid.setdefault((issue.sheet, issue.row), []).append(text)
    failed: dict[int, Failure] = {f.action_id: f for f in failures}
    marks: dict[Where, list[tuple[str, str | None]]] = {}
    contact_ids: dict[Where, str] = {}
    company_ids: dict[Where, str] = {}
    actions: list[RecordAction | LinkAction] = [*plan.companies, *plan.contacts, *plan.links]
    for action in actions:
        if id(action) in failed:
            mark: tuple[str, str | None] = ("failed", failed[id(action)].text)
        elif action.requests and id(action) not in done:
            mark = ("not done", "the import stopped before this; run the same command again")
        else:
            mark = (_OUTCOME_OF_OP[action.op], action.note or None)
        for row in action.rows:
            where = (action.sheet, row)
            marks.setdefault(where, []).append(mark)
            if isinstance(action, RecordAction) and action.kanbert_id:
                ids = contact_ids if action.entity == Entity.CONTACT else company_ids
                ids.setdefault(where, action.kanbert_id)
    outcomes: dict[Where, RowOutcome] = {}
    for where in set(marks) | set(invalid):
        if where in invalid:
            outcomes[where] = RowOutcome(
                "skipped invalid",
                contact_ids.get(where),
                company_ids.get(where),
                "; ".join(invalid[where]),
            )
            continue
        best = min(marks[where], key=lambda m: _RANK[m[0]])
        problems = [text for state, text in marks[where] if text and state == best[0]]
        outcomes[where] = RowOutcome(
            best[0],
            contact_ids.get(where),
            company_ids.get(where),
            "; ".join(dict.fromkeys(problems)) or None,
        )
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    return outcomes, counts


def write_import_results(
    path: Path,
    check: CheckResult,
    outcomes: Mapping[Where, RowOutcome],
    summary: Mapping[str, int | str],
) -> None:
    """Every input row with its outcome, sheet by sheet, into the results workbook."""
    mapping = check.mapping.mapping
    sheets = []
    for spec in mapping.inputs.values():
        csv = spec.csv or mapping.csv
        table = open_table(
            check.input,
            sheet=spec.sheet,
            header_row=spec.header_row,
            encoding=csv.encoding,
            delimiter=csv.delimiter,
        )
        sheets.append(
            ResultsSheet(
                name=table.sheet or check.input.stem,
                columns=list(table.columns),
                rows=_rows(table, outcomes),
            )
        )
    write_results(path, sheets=sheets, summary=summary)


def _rows(table: SourceTable, outcomes: Mapping[Where, RowOutcome]) -> Iterator[Any]:
    columns = list(table.columns)
    nothing = RowOutcome("skipped", problem="nothing to import on this row")
    for batch in table.batches(BATCH_ROWS):
        for row in batch.iter_rows(named=True):
            number = int(row[ROW_COLUMN])
            cells = [None if row[c] is None else str(row[c]) for c in columns]
            yield number, cells, outcomes.get((table.sheet, number), nothing)
