"""Every benchmark of issue 14's table in one go, each printing its figure beside its baseline
and the library floor measured in the same run.

    python benchmarks/run_all.py           # the sizes of the table (takes several minutes)
    python benchmarks/run_all.py --quick   # smaller inputs, for a first look

Runs, one after another (never at the same time, so they do not share the cores):

- bench_check.py: ``bulkio check`` on a 1,000,000-row CSV and a 100,000-row XLSX, next to
  csv.DictReader + pydantic and to polars' and calamine's own reading;
- bench_report.py: the check report and the import results, next to openpyxl;
- bench_write.py: the export writer, next to openpyxl's normal mode and the other writers;
- bench_import.py: the import's requests against the floor of writes, and the rate limit.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent

# script -> (arguments at full size, arguments with --quick)
RUNS: dict[str, tuple[list[str], list[str]]] = {
    "bench_check.py": ([], ["--rows", "200000", "--xlsx-rows", "20000"]),
    "bench_report.py": ([], ["--rows", "50000"]),
    "bench_report_rows.py": ([], ["--rows", "200000", "--xlsx-rows", "20000"]),
    "bench_write.py": ([], ["20000"]),
    "bench_import.py": ([], ["--contacts", "200", "--limit", "6000"]),
    "bench_import_plan.py": ([], ["--rows", "100000"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--only", nargs="*", default=list(RUNS), help="scripts to run")
    args = parser.parse_args()
    failed = []
    for script in args.only:
        full, quick = RUNS[script]
        command = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        print(f"\n=== {' '.join([Path(command[1]).name, *command[2:]])}", flush=True)
        start = time.perf_counter()
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(script)
        print(f"=== {script} took {time.perf_counter() - start:.0f} s", flush=True)
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
