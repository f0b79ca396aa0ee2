"""`bulkio check` with its report: the problem rows kept while checking, next to reading the
file again for them (the baseline, as before) and to the check without a report (the floor),
all measured in the same run.

    python benchmarks/bench_report_rows.py                # 1,000,000-row CSV, 100,000-row XLSX
    python benchmarks/bench_report_rows.py --rows 200000 --xlsx-rows 20000 --repeat 2

The inputs are bench_check.py's (about one row in 50 has a warning: 'Dr.' is not one of
Herr, Frau); with ``--every N``, the CSV is bench_report.py's instead (every Nth row has a
broken e-mail, every 4Nth also an impossible date) and no XLSX is checked. Each figure comes
from its own child process (child_usage.py): wall time, CPU time (user + system, all
threads) and peak memory, the best of ``--repeat`` runs (by CPU).

- floor: ``bulkio check FILE -m MAPPING --no-report``;
- baseline: ``bulkio check FILE -m MAPPING --report R`` reading the rows again
  (report_rows.KEEP_ROWS = 0: nothing kept, as before);
- bulkio: the same command as it runs (rows kept while checking).

"report cost" is each figure less the floor: what the report adds to the check.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_check import input_paths
from child_usage import Usage, run_child

# This process only starts children and prints: it imports nothing big, because a child's
# peak memory (ru_maxrss) starts from what its parent held when it was forked.

CHECK = "import sys; from bulkio.cli.main import main; "
REREAD = "import bulkio.usecases.report_rows as r; r.KEEP_ROWS = 0; "


def check(path: Path, mapping: Path, report: Path | None, *, reread: bool = False) -> Usage:
    args = [str(path), "-m", str(mapping)]
    args += ["--no-report"] if report is None else ["--report", str(report), "--force"]
    code = (REREAD if reread else "") + CHECK + f"sys.argv = ['bulkio', 'check', *{args!r}]; main()"
    used = run_child([sys.executable, "-c", code], ok=(0, 1))
    if "rows read" not in used.stdout:
        raise SystemExit(f"the check did not run:\n{used.stdout}\n{used.stderr}")
    return used


def best(runs: int, measure: Callable[[], Usage]) -> Usage:
    return min((measure() for _ in range(runs)), key=lambda u: u.cpu)


HEAD = f"{'':34}{'wall s':>8}{'cpu s':>8}{'peak MB':>9}   report cost: wall / cpu"


def line(label: str, used: Usage, floor: Usage | None, base: Usage | None = None) -> str:
    cost = ""
    if floor is not None:
        wall, cpu = used.wall - floor.wall, used.cpu - floor.cpu
        cost = f"{wall:6.2f} s / {cpu:6.2f} s"
        if base is not None:
            base_wall, base_cpu = base.wall - floor.wall, base.cpu - floor.cpu
            cost += f"   ({_ratio(wall, base_wall)} / {_ratio(cpu, base_cpu)} of the baseline's)"
    return f"{label:34}{used.wall:8.2f}{used.cpu:8.2f}{used.peak_mb:9,.0f}   {cost}"


def _ratio(part: float, whole: float) -> str:
    return f"{part / whole:5.2f}x" if whole > 0 else "  n/a"


def part(name: str, path: Path, mapping: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xlsx"
        floor = best(runs, lambda: check(path, mapping, None))
        base = best(runs, lambda: check(path, mapping, report, reread=True))
        kept = best(runs, lambda: check(path, mapping, report))
    print(line(f"floor: check {name}, no report", floor, None))
    print(line(f"baseline: {name} report, read again", base, floor))
    print(line(f"bulkio: {name} report, rows kept", kept, floor, base))
    said = [s.strip() for s in kept.stdout.splitlines() if "rows" in s or "warnings" in s]
    print(f"  check said ({name}):", "; ".join(said[:4]))
    folder = str(Path(__file__).parent)
    code = f"import sys; sys.path.insert(0, {folder!r}); import bench_report_rows as b; "
    step = f"b.report_step({str(path)!r}, {str(mapping)!r}, {max(runs, 3)})"
    print(run_child([sys.executable, "-c", code + step]).stdout, end="")


def report_step(path: str, mapping: str, runs: int) -> None:
    """In one process (run as a child): one check keeping its rows, then the report step
    timed alone in CPU seconds, best of ``runs``: from the kept rows, from rows read again,
    and the writer alone with its rows already in memory (the floor)."""
    import time

    from bulkio.readers import mapping_tables, source_of
    from bulkio.usecases import check as c
    from bulkio.usecases import report_rows
    from bulkio.usecases.mappings import resolve_mapping
    from bulkio.writers.report import ReportSheet, write_report

    keeping = [0.0]
    keep = report_rows.KeptRows.keep

    def timed(self: report_rows.KeptRows, *args: Any) -> None:
        start = time.process_time()
        keep(self, *args)
        keeping[0] += time.process_time() - start

    report_rows.KeptRows.keep = timed  # type: ignore[method-assign, assignment]

    def cpu(step: Callable[[], object]) -> float:
        spent = []
        for _ in range(runs):
            start = time.process_time()
            step()
            spent.append(time.process_time() - start)
        return min(spent)

    with tempfile.TemporaryDirectory() as folder, source_of(Path(path)) as source:
        resolved = resolve_mapping(source, Path(mapping))
        result = c._check(source, resolved, False, None, report_rows.KeptRows())
        kept, issues, out = result.kept, result.issues, Path(folder) / "report.xlsx"
        assert kept is not None
        tables = enumerate(mapping_tables(source, resolved.mapping))
        found = [
            (table, list(c._rows_with_issues(table, issues, kept, i))) for i, (_, table) in tables
        ]
        sheets = [
            ReportSheet(table.sheet or result.input.stem, list(table.columns), rows)
            for table, rows in found
        ]
        floor = cpu(lambda: write_report(out, sheets=sheets, issues=issues, summary={}))
        from_kept = cpu(lambda: c.write_check_report(source, result, out))
        result.kept = None
        again = cpu(lambda: c.write_check_report(source, result, out))
    rows = sum(len(rows) for _, rows in found)
    fetch, base = from_kept - floor + keeping[0], again - floor
    print(f"  the report step alone, {rows:,} problem rows (CPU s, one process, best of {runs}):")
    print(f"  {'floor: writing, rows in memory':38}{floor:6.2f}")
    print(f"  {'baseline: rows read again + writing':38}{again:6.2f}   rows: {base:5.2f}")
    print(
        f"  {'bulkio: rows kept + writing':38}{from_kept:6.2f}   rows: {fetch:5.2f} "
        f"(keeping them {keeping[0]:.2f} of it)   {_ratio(fetch, base)} of the baseline's"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bulkio-bench"))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--every", type=int, help="bench_report.py's CSV: every Nth row bad")
    args = parser.parse_args()

    folder = str(Path(__file__).parent)
    sizes = f"{str(args.dir)!r}, {args.rows}, {args.xlsx_rows}"
    code = f"import sys; sys.path.insert(0, {folder!r}); import bench_check; "
    run_child([sys.executable, "-c", code + f"bench_check.write_inputs({sizes})"])
    mapping, big_csv, big_xlsx = input_paths(args.dir, args.rows, args.xlsx_rows)
    if args.every:
        made = f"bench_report.make_input(Path({str(args.dir)!r}), {args.rows}, {args.every})"
        run_child(
            [sys.executable, "-c", f"{code}import bench_report; from pathlib import Path; {made}"]
        )
        big_csv = args.dir / f"report-{args.rows}-{args.every}.csv"
        print(f"CSV: {args.rows:,} rows, every {args.every}th bad; best of {args.repeat}")
        print(HEAD)
        part("CSV", big_csv, mapping, args.repeat)
        return
    print(f"CSV: {args.rows:,} rows; XLSX: {args.xlsx_rows:,} rows; best of {args.repeat}")
    print(HEAD)
    part("CSV", big_csv, mapping, args.repeat)
    part("XLSX", big_xlsx, mapping, args.repeat)


if __name__ == "__main__":
    main()
