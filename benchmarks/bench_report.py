"""The check report and the import results: rows per second next to openpyxl doing the same
work, and the other writers measured in the same run.

    .venv/bin/python benchmarks/bench_report.py [--rows 200000] [--every 9]

Check report: a 200,000-row CSV (bench_map.py's rows) where every 9th row has a broken
e-mail and every 36th also an impossible date, so about 22,000 rows carry 27,800 problems.
``bulkio check`` runs once without a report; then the report step is timed whole (reading
the problem rows again + writing) and the writers alone, each on the same rows: bulkio's,
openpyxl's write-only mode (bulkio's writer before), and rvgsrust-xlsxwriter (Rust; its
notes put the author's name in front of every comment, so bulkio does not use it here).
Every writer writes the same workbook: Summary, Errors (filterable), and the problem rows
with each bad cell filled and commented.

Import results: 200,000 rows with an outcome each (every 9th failed, every 10th skipped),
written by bulkio's results writer and by openpyxl's write-only mode.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
from bench_map import MAPPING, make_rows

from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.outcome import Outcome
from bulkio.readers import open_source
from bulkio.usecases.check import CheckResult, check_file, write_check_report
from bulkio.writers.report import ERRORS_HEADER, ReportSheet, write_report
from bulkio.writers.results import ResultsSheet, RowOutcome, write_results

Rows = list[tuple[int, list[str | None]]]
Writer = Callable[[Path, str, list[str], Rows, CheckResult], None]
ERROR, WARNING = "FFC7CE", "FFEB9C"


def make_input(folder: Path, rows: int, every: int) -> tuple[Path, Path]:
    mapping = folder / "bench.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    path = folder / f"report-{rows}-{every}.csv"
    i = pl.col(ROW_COLUMN) - 2
    frame = make_rows(rows).with_columns(
        pl.col("Anrede").replace("Dr.", "Herr"),  # the rows' only problems are those set here
        pl.when(i % every == 0)
        .then(pl.col("E-Mail").str.replace("@", "(at)"))
        .otherwise(pl.col("E-Mail")),
        pl.when(i % (every * 4) == 0)
        .then(pl.lit("31.02.1980"))
        .otherwise(pl.col("Geburtstag"))
        .alias("Geburtstag"),
    )
    frame.drop(ROW_COLUMN).write_csv(path, separator=";")
    return path, mapping


def problem_rows(path: Path, issues: list[RowIssue]) -> tuple[list[str], Rows]:
    wanted = {i.row for i in issues}
    frame = pl.read_csv(path, separator=";", infer_schema=False).with_row_index(
        ROW_COLUMN, offset=2
    )
    hits = frame.filter(pl.col(ROW_COLUMN).is_in(list(wanted)))
    columns = frame.columns[1:]
    return columns, [(int(row[0]), list(row[1:])) for row in hits.iter_rows()]


def bulkio_report(
    out: Path, name: str, columns: list[str], rows: Rows, result: CheckResult
) -> None:
    sheet = ReportSheet(name, columns, iter(rows))
    write_report(out, sheets=[sheet], issues=result.issues, summary=result.summary())


def _comment_text(found: list[RowIssue]) -> str:
    return "\n".join(
        ("Warning: " if i.severity == Severity.WARNING else "") + i.message for i in found
    )


def _cells_with_issues(
    columns: list[str], rows: Rows, issues: list[RowIssue]
) -> Iterator[tuple[int, list[str | None], dict[int, list[RowIssue]]]]:
    position = {c: i + 1 for i, c in enumerate(columns)}
    by_row: dict[int, list[RowIssue]] = defaultdict(list)
    for issue in issues:
        if issue.row is not None:
            by_row[issue.row].append(issue)
    for number, values in rows:
        marks: dict[int, list[RowIssue]] = defaultdict(list)
        for issue in by_row[number]:
            marks[position.get(issue.column or "", 0)].append(issue)
        yield number, values, marks


def openpyxl_report(
    out: Path, name: str, columns: list[str], rows: Rows, result: CheckResult
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    bold, fills = Font(bold=True), {e: PatternFill("solid", fgColor=e) for e in (ERROR, WARNING)}

    def text(ws: object, value: object, **style: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        for key, setting in style.items():
            setattr(cell, key, setting)
        return cell

    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    for key, value in result.summary().items():
        summary.append([text(summary, key, font=bold), text(summary, value)])
    errors = wb.create_sheet("Errors")
    errors.freeze_panes = "A2"
    errors.auto_filter.ref = f"A1:F{len(result.issues) + 1}"
    errors.append([text(errors, h, font=bold) for h in ERRORS_HEADER])
    for i in result.issues:
        line = (i.sheet, i.row, i.column, i.value, i.message, i.severity.value)
        errors.append([text(errors, v) for v in line])
    ws = wb.create_sheet(name)
    ws.freeze_panes = "B2"
    ws.append([text(ws, h, font=bold) for h in ("Row", *columns)])
    for number, values, marks in _cells_with_issues(columns, rows, result.issues):
        cells = [text(ws, number)] + [text(ws, v) for v in values]
        for at, found in marks.items():
            error = any(i.severity == Severity.ERROR for i in found)
            cells[at].fill = fills[ERROR if error else WARNING]
            cells[at].comment = Comment(_comment_text(found), "bulkio", 100, 300)
        ws.append(cells)
    wb.save(out)


def rvgsrust_report(
    out: Path, name: str, columns: list[str], rows: Rows, result: CheckResult
) -> None:
    import rvgsrust_xlsxwriter as rx

    book = rx.Workbook(str(out))
    bold = rx.Format().set_bold()
    fills = {e: rx.Format().set_background_color(f"#{e}") for e in (ERROR, WARNING)}
    summary = book.add_worksheet("Summary", constant_memory=True)
    for n, (key, value) in enumerate(result.summary().items()):
        summary.write(n, 0, key, bold)
        summary.write(n, 1, value)
    errors = book.add_worksheet("Errors", constant_memory=True)
    errors.freeze_panes(1, 0)
    errors.autofilter(0, 0, len(result.issues), 5)
    errors.write_row(0, 0, list(ERRORS_HEADER), bold)
    for n, i in enumerate(result.issues, start=1):
        errors.write_row(n, 0, [i.sheet, i.row, i.column, i.value, i.message, i.severity.value])
    ws = book.add_worksheet(name, constant_memory=True)
    ws.freeze_panes(1, 1)
    ws.write_row(0, 0, ["Row", *columns], bold)
    for n, (number, values, marks) in enumerate(
        _cells_with_issues(columns, rows, result.issues), start=1
    ):
        ws.write(n, 0, number)
        ws.write_row(n, 1, values)
        for at, found in marks.items():
            error = any(i.severity == Severity.ERROR for i in found)
            ws.set_cell_format(n, at, fills[ERROR if error else WARNING])
            note = rx.Note(_comment_text(found))  # type: ignore[attr-defined]
            note.set_author("bulkio")
            ws.insert_note(n, at, note)
    book.close()


REPORT_WRITERS: dict[str, Writer] = {
    "bulkio report writer (XlsxWriter)": bulkio_report,
    "openpyxl write-only": openpyxl_report,
    "rvgsrust-xlsxwriter (not used)": rvgsrust_report,
}


def outcomes(columns: list[str], rows: int) -> Iterator[tuple[int, list[str | None], RowOutcome]]:
    values: list[str | None] = [f"{c} value" for c in columns]
    for n in range(2, rows + 2):
        if n % 9 == 0:
            outcome = RowOutcome(Outcome.FAILED, problem="column 'E-Mail': the address is taken")
        elif n % 10 == 0:
            outcome = RowOutcome(Outcome.SKIPPED, problem="nothing to import on this row")
        else:
            outcome = RowOutcome(Outcome.CREATED, contact_id=f"ct-{n}", company_id=f"co-{n % 997}")
        yield n, values, outcome


def openpyxl_results(out: Path, columns: list[str], rows: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    fills = {e: PatternFill("solid", fgColor=e) for e in (ERROR, WARNING)}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kontakte")
    ws.freeze_panes = "B2"
    ws.append(["Row", *columns, "Outcome", "Kanbert contact id", "Kanbert company id", "Problem"])
    for n, values, outcome in outcomes(columns, rows):
        state = WriteOnlyCell(ws, value=outcome.outcome.value)
        if outcome.outcome.is_problem:
            state.fill = fills[ERROR]
        elif outcome.outcome == Outcome.SKIPPED:
            state.fill = fills[WARNING]
        ws.append([n, *values, state, outcome.contact_id, outcome.company_id, outcome.problem])
    wb.save(out)


def bulkio_results(out: Path, columns: list[str], rows: int) -> None:
    sheet = ResultsSheet("Kontakte", columns, outcomes(columns, rows))
    write_results(out, sheets=[sheet], summary={"rows": rows})


def _timed(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _line(label: str, rows: int, seconds: float, base: float, floor: float) -> str:
    return (
        f"{label:<36}{rows / seconds:>10,.0f}{seconds:>9.2f}"
        f"{seconds / base:>12.2f}{seconds / floor:>9.2f}"
    )


HEAD = f"{'writer':<36}{'rows/s':>10}{'seconds':>9}{'÷ openpyxl':>12}{'÷ floor':>9}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--every", type=int, default=9, help="every Nth row has a problem")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        folder = Path(tmp)
        path, mapping = make_input(folder, args.rows, args.every)
        start = time.perf_counter()
        result = check_file(path, mapping=mapping)
        seconds = time.perf_counter() - start
        columns, rows = problem_rows(path, result.issues)
        print(
            f"check report: {args.rows:,}-row CSV, {len(rows):,} problem rows, "
            f"{len(result.issues):,} problems (check without report {seconds:.2f} s)"
        )
        with open_source(path) as source:
            whole = _timed(lambda: write_check_report(source, result, folder / "whole.xlsx"))
        times = {}
        for label, writer in REPORT_WRITERS.items():
            start = time.perf_counter()
            writer(folder / "r.xlsx", "Kontakte", columns, rows, result)
            times[label] = time.perf_counter() - start
        base, floor = times["openpyxl write-only"], min(times.values())
        print(HEAD)
        print(_line("bulkio report step (read + write)", len(rows), whole, base, floor))
        for label, spent in times.items():
            print(_line(label, len(rows), spent, base, floor))

        print(f"\nimport results: {args.rows:,} rows, every 9th failed, every 10th skipped")
        results = {
            "bulkio results writer (rvgsrust)": _timed(
                lambda: bulkio_results(folder / "a.xlsx", columns, args.rows)
            ),
            "openpyxl write-only": _timed(
                lambda: openpyxl_results(folder / "b.xlsx", columns, args.rows)
            ),
        }
        base, floor = results["openpyxl write-only"], min(results.values())
        print(HEAD)
        for label, spent in results.items():
            print(_line(label, args.rows, spent, base, floor))


if __name__ == "__main__":
    main()
