"""Preparing and planning a big import (check, look-ups, matching, plan: everything a dry run
does before its plan workbook) against a sandbox, beside ``bulkio check`` on the same file.

    python benchmarks/bench_import_plan.py                  # 1,000,000 rows
    python benchmarks/bench_import_plan.py --rows 100000

The sandbox runs in a process of its own (rate limit off), so the figures are the import's
alone. Every figure comes from its own child process (child_usage.py): wall time, CPU time
(user + system, all threads) and peak memory. Beside the import's preparing + planning:

- baseline: ``bulkio check FILE -m MAPPING --no-report`` (the step every import starts with);
- floor: polars reading the file as text and counting its distinct company and contact
  keys (what any plan must at least do: read the file and tell its records apart).

Target (issue 14): preparing + planning 1,000,000 rows under 1.5 GB peak.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_check import HEAD, bulkio_check, input_paths, line, python_code

# This process only starts children and prints (a child's peak memory starts from what its
# parent held when it was forked).


def floor(path: str) -> None:
    import polars as pl

    frame = pl.read_csv(path, separator=";", infer_schema=False)
    print(frame["Kundennr."].n_unique(), frame["Kontakt-ID"].n_unique())


def prepare_and_plan(path: str, mapping: str, api_url: str, matching: str) -> None:
    """What ``bulkio import --dry-run`` does before it writes its plan workbook."""
    from bulkio.core.plan import make_plan
    from bulkio.usecases.check import check_file
    from bulkio.usecases.connect import Target, connect
    from bulkio.usecases.import_prepare import find_existing, prepare

    check = check_file(Path(path), mapping=mapping, keep_records=True)
    with connect(Target(api_url=api_url, token="sandbox-token")) as client:
        prepared = prepare(check, client)
        found = find_existing(client, prepared, check, {}, matching=matching)
        plan = make_plan(
            prepared.companies,
            prepared.contacts,
            prepared.links,
            found.companies,
            found.contacts,
        )
        stats = client.stats
    counts = {str(role): tally for role, tally in plan.counts().items()}
    print(f"planned writes {plan.writes:,}; {counts}; {stats.requests_sent:,} requests")


def start_sandbox(db: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "bulkio", "sandbox", "--db", str(db), "--port", str(port)]
    box = subprocess.Popen(
        [*command, "--rate-limit", "off"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/countries", timeout=1)
        except OSError as exc:
            if getattr(exc, "code", None) == 401:
                return box
            time.sleep(0.2)
        else:
            return box
    box.kill()
    raise SystemExit("the sandbox did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bulkio-bench"))
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--matching", default="auto", choices=["auto", "filter", "scan"])
    args = parser.parse_args()

    python_code(f"import bench_check; bench_check.write_inputs({str(args.dir)!r}, {args.rows}, 1)")
    mapping, big_csv, _ = input_paths(args.dir, args.rows, 1)
    mb = big_csv.stat().st_size / 2**20
    print(f"CSV: {args.rows:,} rows x 25 columns ({mb:,.0f} MiB), into an empty sandbox")
    print(HEAD)
    with tempfile.TemporaryDirectory() as tmp:
        box = start_sandbox(Path(tmp) / "sandbox.sqlite", args.port)
        try:
            call = (
                f"import bench_import_plan as b; b.prepare_and_plan({str(big_csv)!r}, "
                f"{str(mapping)!r}, 'http://127.0.0.1:{args.port}/api/v1', {args.matching!r})"
            )
            planned = python_code(call)
        finally:
            os.kill(box.pid, signal.SIGTERM)
            box.wait(timeout=30)
    checked = bulkio_check(big_csv, mapping)
    least = python_code(f"import bench_import_plan as b; b.floor({str(big_csv)!r})")
    print(line("baseline: bulkio check", args.rows, checked, None))
    print(line("floor: polars reads, counts keys", args.rows, least, None))
    print(line("import: prepare + plan", args.rows, planned, checked, "  of the baseline"))
    print(line("import: prepare + plan", args.rows, planned, least, "  of the floor"))
    print("  " + planned.stdout.strip().splitlines()[-1])
    met = "met" if planned.peak_mb < 1536 else "NOT met"
    print(f"  -> peak {planned.peak_mb:,.0f} MB (target under 1,536 MB at 1,000,000 rows: {met})")


if __name__ == "__main__":
    main()
