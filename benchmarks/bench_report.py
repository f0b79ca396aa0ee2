"""The check report and the import results: problem rows per second next to openpyxl doing
the same work (the baseline) and the other writer libraries (the floor: the fastest of them),
all measured in the same run, in CPU seconds (all threads; steadier than wall time on a busy
machine) and wall seconds.

    .venv/bin/python benchmarks/bench_report.py [--rows 200000] [--every 9] [--repeat 2]

Check report: a 200,000-row CSV (bench_map.py's rows, with a valid postcode) where every 9th
row has a broken e-mail and every 36th also an impossible date, so about 22,000 rows carry
27,800 problems. ``bulkio check`` runs once without a report; then the report step is
timed whole (reading the problem rows again + writing) and the writers alone, each on the
same rows: bulkio's (rvgsrust-xlsxwriter for the workbook; the rows and notes written by
bulkio into it), openpyxl's
write-only mode (the baseline), XlsxWriter in constant-memory mode (bulkio's writer before)
and rvgsrust-xlsxwriter writing every note itself (it puts "bulkio:" in front of each).
Every writer writes the same workbook: Summary, Errors (filterable, each problem linked to
its cell), and the problem rows with each bad cell filled and commented. rustpy-xlsxwriter
and pyexcelerate cannot write a note on a data cell, so they are not in the race.

Import results: 200,000 rows with an outcome each (every 9th failed, every 10th skipped),
written by bulkio's results writer, openpyxl's write-only mode, XlsxWriter and
rvgsrust-xlsxwriter writing cell by cell. Each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial
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
        pl.lit("01067").alias("PLZ"),
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


def xlsxwriter_report(
    out: Path, name: str, columns: list[str], rows: Rows, result: CheckResult
) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(out), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    fills = {e: book.add_format({"bg_color": f"#{e}", "pattern": 1}) for e in (ERROR, WARNING)}
    summary = book.add_worksheet("Summary")
    for n, (key, value) in enumerate(result.summary().items()):
        summary.write(n, 0, key, bold)
        summary.write(n, 1, value)
    errors = book.add_worksheet("Errors")
    ws = book.add_worksheet(name)
    ws.freeze_panes(1, 1)
    ws.write_row(0, 0, ["Row", *columns], bold)
    for n, (number, values, marks) in enumerate(
        _cells_with_issues(columns, rows, result.issues), start=1
    ):
        ws.write_number(n, 0, number)
        for col, text in enumerate(values, start=1):
            if text:
                ws.write_string(n, col, text)
        for at, found in marks.items():
            error = any(i.severity == Severity.ERROR for i in found)
            if at:
                ws.write_string(n, at, values[at - 1] or "", fills[ERROR if error else WARNING])
            else:
                ws.write_number(n, 0, number, fills[ERROR if error else WARNING])
            ws.write_comment(n, at, _comment_text(found), {"author": "bulkio"})
    errors.freeze_panes(1, 0)
    errors.autofilter(0, 0, len(result.issues), 5)
    errors.write_row(0, 0, list(ERRORS_HEADER), bold)
    for n, issue in enumerate(result.issues, start=1):
        errors.write_url(n, 0, f"internal:'{name}'!A{n + 1}", string=issue.sheet or name)
        line = [issue.row, issue.column, issue.value, issue.message, issue.severity.value]
        errors.write_row(n, 1, line)
    book.close()


REPORT_WRITERS: dict[str, Writer] = {
    "bulkio report writer": bulkio_report,
    "openpyxl write-only": openpyxl_report,
    "XlsxWriter constant-memory": xlsxwriter_report,
    "rvgsrust-xlsxwriter, its notes": rvgsrust_report,
}
BASELINE = "openpyxl write-only"


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


def xlsxwriter_results(out: Path, columns: list[str], rows: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(out), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    fills = {e: book.add_format({"bg_color": f"#{e}", "pattern": 1}) for e in (ERROR, WARNING)}
    ws = book.add_worksheet("Kontakte")
    ws.freeze_panes(1, 1)
    ws.write_row(0, 0, ["Row", *columns, *RESULT_HEADERS])
    at = len(columns) + 1
    for n, (row, values, outcome) in enumerate(outcomes(columns, rows), start=1):
        ws.write_number(n, 0, row)
        ws.write_row(n, 1, values)
        mark = outcome.outcome
        fill = (
            fills[ERROR] if mark.is_problem else fills[WARNING] if mark == Outcome.SKIPPED else None
        )
        ws.write_string(n, at, mark.value, fill)
        ws.write_row(n, at + 1, [outcome.contact_id, outcome.company_id, outcome.problem])
    book.close()


def rvgsrust_results(out: Path, columns: list[str], rows: int) -> None:
    import rvgsrust_xlsxwriter as rx

    fills = {e: rx.Format().set_background_color(f"#{e}") for e in (ERROR, WARNING)}
    book = rx.Workbook(str(out))
    ws = book.add_worksheet("Kontakte", constant_memory=True)
    ws.freeze_panes(1, 1)
    ws.write_row(0, 0, ["Row", *columns, *RESULT_HEADERS])
    at = len(columns) + 1
    for n, (row, values, outcome) in enumerate(outcomes(columns, rows), start=1):
        ws.write(n, 0, row)
        ws.write_row(n, 1, values)
        mark = outcome.outcome
        fill = (
            fills[ERROR] if mark.is_problem else fills[WARNING] if mark == Outcome.SKIPPED else None
        )
        ws.write(n, at, mark.value, fill)
        ws.write_row(n, at + 1, [outcome.contact_id, outcome.company_id, outcome.problem])
    book.close()


def bulkio_results(out: Path, columns: list[str], rows: int) -> None:
    sheet = ResultsSheet("Kontakte", columns, outcomes(columns, rows))
    write_results(out, sheets=[sheet], summary={"rows": rows})


RESULT_HEADERS = ("Outcome", "Kanbert contact id", "Kanbert company id", "Problem")
RESULTS_WRITERS: dict[str, Callable[[Path, list[str], int], None]] = {
    "bulkio results writer": bulkio_results,
    "openpyxl write-only": openpyxl_results,
    "XlsxWriter constant-memory": xlsxwriter_results,
    "rvgsrust-xlsxwriter": rvgsrust_results,
}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _timed(work: Callable[[], None], repeat: int = 1) -> tuple[float, float]:
    """The best wall and CPU seconds (all threads) of ``repeat`` runs of ``work``."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        work()
        cpus.append(_cpu() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


HEAD = (
    f"{'writer':<36}{'rows/cpu s':>11}{'cpu s':>7}{'wall s':>8}"
    f"{'cpu ÷ openpyxl':>16}{'cpu ÷ floor':>13}"
)


def _table(rows: int, times: dict[str, tuple[float, float]], libraries: list[str]) -> None:
    """Print each writer's figures beside the baseline and the floor (the fastest library)."""
    base = times[BASELINE][1]
    floor_label = min(libraries, key=lambda label: times[label][1])
    floor = times[floor_label][1]
    print(HEAD)
    for label, (wall, cpu) in times.items():
        print(
            f"{label:<36}{rows / cpu:>11,.0f}{cpu:>7.2f}{wall:>8.2f}"
            f"{cpu / base:>15.2f}x{cpu / floor:>12.2f}x"
        )
    print(f"(floor: {floor_label}; target 20,000 rows per CPU second)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--every", type=int, default=9, help="every Nth row has a problem")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each writer; the best")
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
        times: dict[str, tuple[float, float]] = {}
        with open_source(path) as source:
            times["bulkio report step (read + write)"] = _timed(
                lambda: write_check_report(source, result, folder / "whole.xlsx"), args.repeat
            )
        for label, writer in REPORT_WRITERS.items():
            work = partial(writer, folder / "r.xlsx", "Kontakte", columns, rows, result)
            times[label] = _timed(work, args.repeat)
        libraries = [label for label in REPORT_WRITERS if not label.startswith("bulkio")]
        _table(len(rows), times, libraries)

        print(f"\nimport results: {args.rows:,} rows, every 9th failed, every 10th skipped")
        times = {
            label: _timed(partial(writer, folder / "a.xlsx", columns, args.rows), args.repeat)
            for label, writer in RESULTS_WRITERS.items()
        }
        libraries = [label for label in RESULTS_WRITERS if not label.startswith("bulkio")]
        _table(args.rows, times, libraries)


if __name__ == "__main__":
    main()
