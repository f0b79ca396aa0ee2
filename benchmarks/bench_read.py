"""Reading speed and peak memory of bulkio's readers, next to a plain baseline.

    .venv/bin/python benchmarks/bench_read.py                 # 1,000,000 x 25 CSV, 100,000-row XLSX
    .venv/bin/python benchmarks/bench_read.py --rows 200000 --xlsx-rows 20000

Each measurement runs in a fresh child process, which reports its own wall time and peak
resident memory (ru_maxrss, so Rust allocations count too). Generated files are kept in
--dir and reused when they already have the requested size.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

COLUMNS = 25
STREETS = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Am Markt", "Lindenallee"]
CITIES = ["Berlin", "München", "Köln", "Düsseldorf", "Lübeck", "Görlitz", "Würzburg", "Essen"]
FIRST = ["Jürgen", "Anna", "Björn", "Zoë", "Mehmet", "Ursula", "Lena", "Søren"]
LAST = ["Müller", "Schäfer", "Groß", "Weiß", "Öztürk", "Becker", "Hoffmann", "Krüger"]


def german_rows(count: int) -> Any:
    """A polars DataFrame of ``count`` German-ish contact rows with COLUMNS text columns."""
    import polars as pl

    index = pl.int_range(0, count, eager=True)

    def pick(values: list[str], step: int) -> pl.Series:
        return pl.Series(values).gather((index * step + step) % len(values))

    frame = pl.DataFrame(
        {
            "Vorname": pick(FIRST, 7),
            "Nachname": pick(LAST, 3),
            "Firma": pick(LAST, 5) + " GmbH & Co. KG",
            "Straße": pick(STREETS, 11) + " " + (index % 120 + 1).cast(pl.String),
            "PLZ": (index * 7919 % 99000 + 1000).cast(pl.String).str.zfill(5),
            "Ort": pick(CITIES, 13),
            "Telefon": "+49 30 " + (index * 31 % 9_000_000 + 1_000_000).cast(pl.String),
            "E-Mail": "kontakt" + index.cast(pl.String) + "@beispiel.de",
            "Notiz": pl.Series(['Rückruf erbeten; bitte "dringend"', "", "Kunde seit 2019"]).gather(
                index % 3
            ),
        }
    )
    extra = {f"Feld {i}": ("Wert " + ((index + i) % 1000).cast(pl.String)) for i in range(10, 26)}
    frame = frame.with_columns(**extra)
    return frame[:, :COLUMNS]


def make_csv(path: Path, rows: int) -> None:
    german_rows(rows).write_csv(path, separator=";")


def make_xlsx(path: Path, rows: int) -> None:
    import openpyxl

    frame = german_rows(rows)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Kontakte")
    sheet.append(frame.columns)
    for row in frame.iter_rows():
        sheet.append(row)
    book.save(path)


def read_bulkio(path: Path) -> int:
    from bulkio.readers import open_source

    with open_source(path) as source:
        return sum(batch.height for batch in source.table().batches())


def parse_calamine(path: Path) -> int:
    """The floor for bulkio's XLSX reading: calamine parsing the sheet (values and merged
    cells), no Python objects made."""
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_index(0)
    return int(sheet.height) - 1


def read_csv_dictreader(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream, delimiter=";"))


def read_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    count = sum(1 for _ in sheet.iter_rows(min_row=2, values_only=True))
    book.close()
    return count


def _child(task: Callable[[Path], int], path: Path, out: Any) -> None:
    start = time.perf_counter()
    rows = task(path)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.send((rows, seconds, peak_kib))


def _idle(path: Path) -> int:
    import polars  # noqa: F401

    import bulkio.readers  # noqa: F401

    return 0


def _run_child(task: Callable[[Path, int], None], path: Path, rows: int) -> None:
    process = mp.get_context("spawn").Process(target=task, args=(path, rows))
    process.start()
    process.join()
    if process.exitcode != 0:
        sys.exit(f"writing {path} failed")


def measure(task: Callable[[Path], int], path: Path) -> tuple[int, float, float]:
    context = mp.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(task, path, send))
    process.start()
    rows, seconds, peak_kib = receive.recv()
    process.join()
    return rows, seconds, peak_kib / 1024


def report(label: str, task: Callable[[Path], int], path: Path) -> None:
    rows, seconds, peak_mib = measure(task, path)
    rate = rows / seconds if seconds else float("inf")
    print(
        f"{label:<34} {rows:>10,} rows {seconds:>7.2f} s {rate:>12,.0f} rows/s {peak_mib:>8.0f} MiB"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="CSV data rows")
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="XLSX data rows")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bulkio-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)

    csv_path = args.dir / f"contacts-{args.rows}.csv"
    xlsx_path = args.dir / f"contacts-{args.xlsx_rows}.xlsx"
    # Generated in child processes: a child's ru_maxrss starts at its parent's, so the parent
    # stays small.
    if not csv_path.exists():
        print(f"writing {csv_path} ...", flush=True)
        _run_child(make_csv, csv_path, args.rows)
    if not xlsx_path.exists():
        print(f"writing {xlsx_path} (openpyxl write-only, slow) ...", flush=True)
        _run_child(make_xlsx, xlsx_path, args.xlsx_rows)

    print(f"CSV  {csv_path.stat().st_size / 2**20:.0f} MiB, {args.rows:,} x {COLUMNS}")
    print(f"XLSX {xlsx_path.stat().st_size / 2**20:.0f} MiB, {args.xlsx_rows:,} x {COLUMNS}")
    report("python + polars + bulkio, idle", _idle, csv_path)
    report("CSV  bulkio source.table().batches()", read_bulkio, csv_path)
    report("CSV  csv.DictReader (baseline)", read_csv_dictreader, csv_path)
    report("XLSX bulkio source.table().batches()", read_bulkio, xlsx_path)
    report("XLSX calamine parse only (floor)", parse_calamine, xlsx_path)
    report("XLSX openpyxl read-only (baseline)", read_openpyxl, xlsx_path)


if __name__ == "__main__":
    main()
