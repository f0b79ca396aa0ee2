"""`bulkio check` end to end (read + map + validate) on a big CSV and a big XLSX, each next to
a plain baseline and the library floor measured in the same run.

    python benchmarks/bench_check.py                       # 1,000,000-row CSV, 100,000-row XLSX
    python benchmarks/bench_check.py --rows 200000 --xlsx-rows 20000
    python benchmarks/bench_check.py --xlsx-only                         # only the XLSX lines

Every figure comes from its own child process (child_usage.py): wall time, CPU time (user +
system, all threads) and peak memory. Beside ``bulkio check FILE -m MAPPING --no-report``:

- baseline: csv.DictReader plus one pydantic model per row with the same checks for the
  fields that matter (e-mail, date, required names): what a plain script would do;
- floor, CSV: polars reading the whole file as text (nothing checked);
- floor, XLSX: calamine parsing the sheet and handing its rows to Python (nothing checked).

Targets (issue 14): the CSV check at least 7x faster than the baseline, under 1 GB; the XLSX
check within 1.2x of calamine's own parse.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from child_usage import Usage, run_child

# This process only starts children and prints: it imports nothing big, because a child's
# peak memory (ru_maxrss) starts from what its parent held when it was forked.


INPUT_VERSION = 2  # 2: valid five-digit postcodes (Dresden, 01100-01999)


def input_paths(folder: Path, rows: int, xlsx_rows: int) -> tuple[Path, Path, Path]:
    # The version in the names makes a folder of inputs an older bench_map wrote be written again.
    return (
        folder / "bench.yaml",
        folder / f"check-v{INPUT_VERSION}-{rows}.csv",
        folder / f"check-v{INPUT_VERSION}-{xlsx_rows}.xlsx",
    )


def write_inputs(folder: str, rows: int, xlsx_rows: int) -> None:
    from bench_map import MAPPING, make_rows

    from bulkio.core.issues import ROW_COLUMN

    mapping, big_csv, big_xlsx = input_paths(Path(folder), rows, xlsx_rows)
    mapping.parent.mkdir(parents=True, exist_ok=True)
    mapping.write_text(MAPPING, encoding="utf-8")
    if not big_csv.exists():
        make_rows(rows).drop(ROW_COLUMN).write_csv(big_csv, separator=";")
    if not big_xlsx.exists():
        import openpyxl

        frame = make_rows(xlsx_rows).drop(ROW_COLUMN)
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Kontakte")
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
        book.save(big_xlsx)


def bulkio_check(path: Path, mapping: Path) -> Usage:
    command = [sys.executable, "-m", "bulkio", "check", str(path), "-m", str(mapping)]
    return run_child([*command, "--no-report"], ok=(0, 1))


def python_code(code: str) -> Usage:
    """``code`` run by a child Python that can import this folder's modules."""
    folder = str(Path(__file__).parent)
    return run_child([sys.executable, "-c", f"import sys; sys.path.insert(0, {folder!r}); {code}"])


def baseline_model() -> Any:
    from pydantic import BaseModel, EmailStr, field_validator

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

    return BaselineContact


def baseline(path: str) -> None:
    BaselineContact = baseline_model()  # noqa: N806
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


def csv_floor(path: str) -> None:
    import polars as pl

    print(pl.read_csv(path, separator=";", infer_schema=False).height)


def xlsx_floor(path: str, rows: bool) -> None:
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_name("Kontakte")
    print(len(sheet.to_python()) if rows else sheet.height)


def xlsx_read(path: str) -> None:
    """bulkio's reader alone: the workbook opened (limits checked) and every batch read."""
    from bulkio.readers import open_source

    with open_source(Path(path)) as source:
        table = source.table()
        print(sum(batch.height for batch in table.batches()))


HEAD = f"{'':34}{'wall s':>8}{'cpu s':>8}{'peak MB':>9}{'rows/s':>11}   wall / cpu ratio"


def line(label: str, rows: int, used: Usage, base: Usage | None, note: str = "") -> str:
    ratio = f"{used.wall / base.wall:5.2f}x / {used.cpu / base.cpu:5.2f}x" if base else ""
    return (
        f"{label:34}{used.wall:8.2f}{used.cpu:8.2f}{used.peak_mb:9,.0f}"
        f"{rows / used.wall:11,.0f}   {ratio}{note}"
    )


def xlsx_part(big_xlsx: Path, mapping: Path, rows: int) -> None:
    """The XLSX lines: the whole check, bulkio's reader alone, and calamine's floors."""
    checked = bulkio_check(big_xlsx, mapping)
    read = python_code(f"import bench_check; bench_check.xlsx_read({str(big_xlsx)!r})")
    code = f"import bench_check; bench_check.xlsx_floor({str(big_xlsx)!r}, "
    parsed = python_code(code + "rows=False)")
    floor = python_code(code + "rows=True)")
    print(line("floor: calamine parse only", rows, parsed, None))
    print(line("floor: calamine parse + rows", rows, floor, None))
    print(line("bulkio reads XLSX (no checks)", rows, read, parsed, "  of parse only"))
    print(line("bulkio reads XLSX (no checks)", rows, read, floor, "  of parse + rows"))
    print(line("bulkio check XLSX", rows, checked, parsed, "  of parse only"))
    print(line("bulkio check XLSX", rows, checked, floor, "  of the floor (target 1.2x)"))
    summary = [s.strip() for s in checked.stdout.splitlines() if "rows" in s or "compan" in s]
    print("check said (XLSX):", "; ".join(summary[:4]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bulkio-bench"))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--xlsx-only", action="store_true", help="run only the XLSX part")
    args = parser.parse_args()

    sizes = f"{str(args.dir)!r}, {args.rows}, {args.xlsx_rows}"
    python_code(f"import bench_check; bench_check.write_inputs({sizes})")
    mapping, big_csv, big_xlsx = input_paths(args.dir, args.rows, args.xlsx_rows)
    if args.xlsx_only:
        print(f"XLSX: {args.xlsx_rows:,} rows")
        print(HEAD)
        xlsx_part(big_xlsx, mapping, args.xlsx_rows)
        return
    mb = big_csv.stat().st_size / 2**20
    print(f"CSV: {args.rows:,} rows x 25 columns ({mb:,.0f} MiB); XLSX: {args.xlsx_rows:,} rows")
    print(HEAD)
    checked = bulkio_check(big_csv, mapping)
    floor = python_code(f"import bench_check; bench_check.csv_floor({str(big_csv)!r})")
    if not args.no_baseline:
        base = python_code(f"import bench_check; bench_check.baseline({str(big_csv)!r})")
        print(line("baseline: DictReader + pydantic", args.rows, base, None))
        print(line("bulkio check CSV", args.rows, checked, base, "  of the baseline"))
        faster = f"{base.wall / checked.wall:.1f}x (wall), {base.cpu / checked.cpu:.1f}x (cpu)"
    else:
        print(line("bulkio check CSV", args.rows, checked, None))
    print(line("floor: polars reads it as text", args.rows, floor, None))
    print(line("bulkio check CSV", args.rows, checked, floor, "  of the floor"))
    if not args.no_baseline:
        print(f"  -> check is {faster} faster than the baseline (target 7x, under 1 GB)")

    xlsx_part(big_xlsx, mapping, args.xlsx_rows)


if __name__ == "__main__":
    main()
