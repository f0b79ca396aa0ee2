"""`bulkio check` end to end (read + map + validate) on a big CSV and a big XLSX.

    python benchmarks/bench_check.py                       # 1,000,000-row CSV, 100,000-row XLSX
    python benchmarks/bench_check.py --rows 200000 --xlsx-rows 20000

Runs the real command (`bulkio check FILE -m MAPPING --no-report`) in a child process and
prints its wall time, rows/s and peak memory (ru_maxrss of the child), next to a plain
baseline measured in the same run: csv.DictReader plus one pydantic model per row with the
same checks for the fields that matter (e-mail, date, required names). Targets on a 2-core
machine: 1M x 25 CSV under 15 s and 2 GB; 100k XLSX rows under 5 s.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench_map import MAPPING, make_rows
from pydantic import BaseModel, EmailStr, field_validator

from bulkio.core.issues import ROW_COLUMN


def write_inputs(folder: Path, rows: int, xlsx_rows: int) -> tuple[Path, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mapping = folder / "bench.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    big_csv = folder / f"check-{rows}.csv"
    if not big_csv.exists():
        make_rows(rows).drop(ROW_COLUMN).write_csv(big_csv, separator=";")
    big_xlsx = folder / f"check-{xlsx_rows}.xlsx"
    if not big_xlsx.exists():
        import openpyxl

        frame = make_rows(xlsx_rows).drop(ROW_COLUMN)
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Kontakte")
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
        book.save(big_xlsx)
    return mapping, big_csv, big_xlsx


def child_usage() -> float:
    """Peak RSS in MB of the largest child waited for so far."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_check(path: Path, mapping: Path) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "bulkio", "check", str(path), "-m", str(mapping)]
    start = time.perf_counter()
    done = subprocess.run([*command, "--no-report"], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"bulkio check failed:\n{done.stdout}\n{done.stderr}")
    return seconds, child_usage(), done.stdout


class BaselineContact(BaseModel):
    """What a plain script would do: one model per row."""

    Firma: str
    Name: str
    email: EmailStr
    Geburtstag: dt.date | None

    @field_validator("Geburtstag", mode="before")
    @classmethod
    def _german_date(cls, value: str) -> dt.date | None:
        return dt.datetime.strptime(value, "%d.%m.%Y").date() if value else None


def baseline(path: str) -> None:
    invalid = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            try:
                BaselineContact.model_validate(
                    {
                        "Firma": row["Firma"],
                        "Name": row["Name"],
                        "email": row["E-Mail"],
                        "Geburtstag": row["Geburtstag"],
                    }
                )
            except ValueError:
                invalid += 1
    print(invalid)


def run_baseline(path: Path) -> tuple[float, float]:
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
    code += f"import bench_check; bench_check.baseline({str(path)!r})"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start, child_usage()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bulkio-bench"))
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    mapping, big_csv, big_xlsx = write_inputs(args.dir, args.rows, args.xlsx_rows)
    mb = big_csv.stat().st_size / 2**20
    print(f"CSV: {args.rows:,} rows x 25 columns ({mb:,.0f} MiB); XLSX: {args.xlsx_rows:,} rows")

    seconds, rss, out = run_check(big_csv, mapping)
    print(
        f"bulkio check CSV    {seconds:6.2f} s  {args.rows / seconds:>10,.0f} rows/s  "
        f"peak {rss:,.0f} MB"
    )
    seconds, rss_x, _ = run_check(big_xlsx, mapping)
    print(
        f"bulkio check XLSX   {seconds:6.2f} s  {args.xlsx_rows / seconds:>10,.0f} rows/s  "
        f"peak {max(rss, rss_x):,.0f} MB (largest child so far)"
    )
    if not args.no_baseline:
        seconds, rss_b = run_baseline(big_csv)
        print(
            f"baseline CSV        {seconds:6.2f} s  {args.rows / seconds:>10,.0f} rows/s  "
            f"peak {rss_b:,.0f} MB (largest child so far)  "
            "[csv.DictReader + a pydantic model per row, 4 fields checked]"
        )
    summary = [line for line in out.splitlines() if "rows" in line or "companies" in line]
    print("check said:", "; ".join(s.strip() for s in summary[:4]))


if __name__ == "__main__":
    main()
