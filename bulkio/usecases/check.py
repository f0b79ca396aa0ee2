"""``bulkio check``: read a spreadsheet through a mapping and say, row by row, what is wrong.

No network: the file is read in batches, mapped and validated; the report workbook carries
the user's own rows that have problems, each bad cell marked, plus an Errors and a Summary
sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from bulkio.core.entities import Role
from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.mapping import check_columns
from bulkio.core.mapping.binding import absent_columns
from bulkio.core.validation import ValidationResult, Validator
from bulkio.core.validation.problem_groups import ProblemGroup, group_problems
from bulkio.readers import Source, SourceTable, mapping_tables, source_of
from bulkio.usecases.mappings import TEMPLATE_PRESETS, ResolvedMapping, resolve_mapping
from bulkio.usecases.report_rows import KeptRows
from bulkio.usecases.run_files import inputs_of
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written

BATCH_ROWS = 100_000
Progress = Callable[[int], None]


@dataclass(frozen=True)
class SheetRead:
    """One input table as it was read: which role it plays and what the reader noticed."""

    role: Role
    sheet: str | None
    header_row: int
    columns: list[str]
    rows: int
    encoding: str | None = None
    delimiter: str | None = None


@dataclass
class CheckResult:
    input: Path
    mapping: ResolvedMapping
    validation: ValidationResult
    sheets: list[SheetRead]
    notes: list[RowIssue] = field(default_factory=list)  # what the readers noticed
    report: Path | None = None
    # the rows with problems, kept while checking for the report (report_rows.py)
    kept: KeptRows | None = field(default=None, repr=False, compare=False)

    @property
    def issues(self) -> list[RowIssue]:
        return [*self.notes, *self.validation.issues]

    @property
    def problems(self) -> list[RowIssue]:
        """The issues that are errors or warnings (not notes)."""
        return [i for i in self.issues if i.severity is not Severity.NOTE]

    @property
    def groups(self) -> list[ProblemGroup]:
        """The problems that repeat in a column, each with the fix that settles them all."""
        return group_problems(self.problems)

    @property
    def ok(self) -> bool:
        return self.validation.rows_invalid == 0 and not any(
            i.severity == Severity.ERROR for i in self.notes
        )

    def summary(self) -> dict[str, int | str]:
        v = self.validation
        return {
            "input": self.input.name,
            "mapping": self.mapping.name,
            "rows read": v.rows_read,
            "valid rows": v.rows_valid,
            "invalid rows": v.rows_invalid,
            "companies": v.company_count,
            "contacts": v.contact_count,
            "links": v.link_count,
            "errors": sum(1 for i in self.issues if i.severity == Severity.ERROR),
            "warnings": sum(1 for i in self.issues if i.severity == Severity.WARNING),
        }


def check_file(
    input: Path | Source,
    *,
    mapping: str | Path | None = None,
    report: Path | None = None,
    report_only_if_problems: bool = False,
    keep_records: bool = False,
    progress: Progress | None = None,
    sheet: str | None = None,
    force: bool = False,
) -> CheckResult:
    """Check ``input`` (a file, or its open source) against ``mapping`` (a file, a preset
    name, or None to recognise it); ``sheet`` (a name, or a number from 1) is the sheet to
    read instead of the mapping's.

    Writes the report workbook to ``report`` when given (with ``report_only_if_problems``,
    only when there is something to report: an error or a warning, not only notes);
    ``report`` may replace an earlier report, never the input or the mapping, nor another
    file unless ``force`` (see ``bulkio.writers.outputs``). Raises InputFileError or
    MappingError when the file or mapping cannot be used at all; row problems are data in
    the result. ``keep_records`` keeps the validated records for an import.
    """
    if report is not None:
        path = input.path if isinstance(input, Source) else Path(input)
        check_outputs([report_output(report)], inputs=inputs_of(path, mapping), force=force)
    with source_of(input) as source:
        resolved = resolve_mapping(source, mapping, sheet=sheet)
        kept = KeptRows() if report is not None else None
        result = _check(source, resolved, keep_records, progress, kept)
        if report is not None and (result.problems or not report_only_if_problems):
            write_check_report(source, result, report)
            result.report = report
        result.kept = None  # the report is written, or not needed: the kept rows go
    return result


def _check(
    source: Source,
    resolved: ResolvedMapping,
    keep_records: bool,
    progress: Progress | None,
    kept: KeptRows | None = None,
) -> CheckResult:
    """The check of every table; ``kept`` keeps the rows that get a problem, for the report."""
    validator = Validator(resolved.mapping, keep_records=keep_records, mapping_name=resolved.name)
    sheets: list[SheetRead] = []
    notes: list[RowIssue] = []
    done = 0
    told = 0  # the validator's issues so far, as a mark
    for index, (role, table) in enumerate(mapping_tables(source, resolved.mapping)):
        check_columns(resolved.mapping, role, list(table.columns), sheet=table.sheet)
        notes.extend(_absent_note(resolved, role, table))
        rows = 0
        for batch in table.batches(BATCH_ROWS):
            validator.add(role, batch, sheet=table.sheet)
            if kept is not None:
                rows_told, told = validator.rows_told(told)
                kept.keep(index, batch, rows_told, table.notes)
            rows += batch.height
            done += batch.height
            if progress:
                progress(done)
        # after reading: some notes come while streaming
        quiet = rows == 0 and _optional(resolved, role)
        notes.extend(n for n in table.notes if not (quiet and _says_empty(n, table)))
        sheets.append(
            SheetRead(
                role=role,
                sheet=table.sheet,
                header_row=table.header_row,
                columns=list(table.columns),
                rows=rows,
                encoding=table.encoding,
                delimiter=table.delimiter,
            )
        )
    if sum(sheet.rows for sheet in sheets) == 0:
        raise InputFileError(
            f"'{source.path.name}' has a header row but no data rows, so there is nothing to check",
            hint="Fill in at least one row below the header, or choose the file that holds "
            "the data.",
        )
    return CheckResult(source.path, resolved, validator.finish(), sheets, notes, kept=kept)


def _optional(resolved: ResolvedMapping, role: Role) -> bool:
    """Whether a sheet of this role may be empty without a word: a links sheet (most
    contacts work at one company), or any sheet of a bulkio template or export (a batch of
    contacts for companies Kanbert has leaves the companies sheet empty)."""
    return role is Role.LINKS or resolved.name in TEMPLATE_PRESETS


def _says_empty(note: RowIssue, table: SourceTable) -> bool:
    """Whether ``note`` is the reader's warning that the table has a header row but no
    data rows (the one warning about its header row that names no column)."""
    return note.severity is Severity.WARNING and note.row == table.header_row and not note.column


def _absent_note(resolved: ResolvedMapping, role: Role, table: SourceTable) -> list[RowIssue]:
    """One warning listing the columns the mapping reads when present that the file lacks:
    real exports leave out what nobody filled or selected; those fields stay empty."""
    absent = absent_columns(resolved.mapping, role, list(table.columns))
    if not absent:
        return []
    listed = ", ".join(f"'{c}'" for c in absent)
    return [
        RowIssue(
            f"these columns that {resolved.name} reads are not in the file, so their fields "
            f"stay empty: {listed}",
            sheet=table.sheet,
            severity=Severity.WARNING,
        )
    ]


def write_check_report(source: Source, result: CheckResult, path: Path) -> None:
    """The report workbook of ``result`` (checked from ``source``): Summary, Errors, and the
    user's rows that have problems."""
    # imported here: openpyxl costs start-up time that a check without a report need not pay
    from bulkio.writers.report import ReportSheet, write_report

    issues = result.issues
    sheets = [
        ReportSheet(
            name=table.sheet or result.input.stem,
            columns=list(table.columns),
            rows=_rows_with_issues(table, issues, result.kept, index),
        )
        for index, (_, table) in enumerate(mapping_tables(source, result.mapping.mapping))
    ]
    with written(report_output(path)) as partial:
        write_report(partial, sheets=sheets, issues=issues, summary=result.summary())


def report_output(path: Path) -> Output:
    """The check report ``path`` as an output."""
    return Output(path, OutputKind.REPORT, "--report")


def _rows_with_issues(
    table: SourceTable, issues: Sequence[RowIssue], kept: KeptRows | None, index: int
) -> Iterator[tuple[int, list[str | None]]]:
    """The rows that have problems: those the check kept (the table is the ``index``-th
    in the file), and those it did not read again from the source (the file already open,
    the sheet already parsed), so memory stays bounded however many rows have problems."""
    wanted = {i.row for i in issues if i.row is not None and i.sheet == table.sheet}
    if not wanted:
        return
    columns = list(table.columns)
    batches = (
        table.batches(BATCH_ROWS)
        if kept is None
        else kept.frames(index, wanted, lambda: table.batches(BATCH_ROWS))
    )
    numbers = pl.Series(list(wanted), dtype=pl.Int64).implode()
    for batch in batches:
        hits = batch.filter(pl.col(ROW_COLUMN).is_in(numbers)).select(ROW_COLUMN, *columns)
        if all(kind == pl.String for kind in hits.dtypes[1:]):  # text already, or empty
            for number, *cells in hits.iter_rows():
                yield int(number), cells
        else:
            for number, *cells in hits.iter_rows():
                yield int(number), [_text(value) for value in cells]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
