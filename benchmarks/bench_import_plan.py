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

With ``--platform N`` it then matches company names against a sandbox holding N companies
(``--names`` of them looked up, a tenth spelt in upper case in the file, plus as many that
Kanbert lacks): the reads and time of ``--matching filter`` and ``auto`` beside ``scan``,
the one request per 100 companies that reading every company costs (``--scan`` measures it,
else it is counted from the size).

    python benchmarks/bench_import_plan.py --rows 10000 --platform 1000000 --names 1000
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


def seed_companies(db: str, count: int) -> None:
    """``count`` companies 'Firma {i} GmbH' straight into the sandbox file."""
    from bulkio.sandbox import Store

    store = Store(db)
    stamp = "2024-03-01T10:00:00.000000Z"
    batch = 100_000
    for start in range(0, count, batch):
        store.insert_many(
            "companies",
            (
                {
                    "id": f"00000000-0000-4000-8000-{i:012d}",
                    "external_id": None,
                    "company_name": f"Firma {i} GmbH",
                    "created_at": stamp,
                    "updated_at": stamp,
                    "deleted_at": None,
                    "custom_fields": {},
                }
                for i in range(start, min(count, start + batch))
            ),
        )
    store.close()


def match_names(api_url: str, platform: int, names: int, matching: str) -> None:
    """Look ``names`` companies up by name (every tenth in upper case, half of them not in
    Kanbert) and print what was found and the reads it took."""
    from bulkio.core.entities import Entity
    from bulkio.core.resolve import Desired
    from bulkio.core.validation.records import RecordKey
    from bulkio.usecases.connect import Target, connect
    from bulkio.usecases.import_matching import Matching, find_companies

    step = max(1, platform // names)
    wanted = [f"Firma {i} GmbH" for i in range(0, platform, step)][: names // 2]
    wanted = [n.upper() if k % 10 == 0 else n for k, n in enumerate(wanted)]
    wanted += [f"Neu {i} AG" for i in range(names - len(wanted))]
    desired = [
        Desired(Entity.COMPANY, RecordKey("name", n.lower()), [k], {"company_name": n})
        for k, n in enumerate(wanted)
    ]
    with connect(Target(api_url=api_url, token="sandbox-token")) as client:
        found = find_companies(client, desired, match_names=True, matching=Matching(matching))
        reads = client.stats.requests_sent
    print(f"found {len(found.found):,} of {len(wanted):,}; {reads:,} reads")


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
    parser.add_argument("--platform", type=int, default=0, help="companies in Kanbert")
    parser.add_argument("--names", type=int, default=1000, help="names looked up")
    parser.add_argument("--scan", action="store_true", help="also read every company")
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
    met = met if args.rows >= 1_000_000 else "measure at 1,000,000 rows to tell"
    print(f"  -> peak {planned.peak_mb:,.0f} MB (target under 1,536 MB at 1,000,000 rows: {met})")
    if args.platform:
        match_figures(args)


def match_figures(args: argparse.Namespace) -> None:
    print(f"\nMatching {args.names:,} names against {args.platform:,} companies in Kanbert")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "platform.sqlite"
        python_code(
            f"import bench_import_plan as b; b.seed_companies({str(db)!r}, {args.platform})"
        )
        box = start_sandbox(db, args.port)
        try:
            url = f"http://127.0.0.1:{args.port}/api/v1"
            for how in ["filter", "auto", *(["scan"] if args.scan else [])]:
                code = f"import bench_import_plan as b; b.match_names({url!r}, {args.platform}, "
                used = python_code(code + f"{args.names}, {how!r})")
                said = used.stdout.strip().splitlines()[-1]
                print(f"  --matching {how:6} {used.wall:7.1f} s wall {used.cpu:6.1f} s cpu: {said}")
        finally:
            os.kill(box.pid, signal.SIGTERM)
            box.wait(timeout=30)
    pages = -(-args.platform // 100)
    print(f"  scan (every company read): {pages:,} reads" + ("" if args.scan else ", counted"))


if __name__ == "__main__":
    main()
