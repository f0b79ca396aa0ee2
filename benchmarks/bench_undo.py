"""What ``bulkio undo`` spends against the sandbox: requests against the floor, share of the
rate limit, 429s.

Imports a flat file (N contacts, 5 per company) into an empty sandbox at a rate limit and
server latency, then undoes it and prints:

1. the undo: writes against the floor (one unlink per link the import made, one archive per
   record it created), reads (the records fetched by id, 100 per page), requests per second
   as a share of the limit;
2. the same undo again: writes (the floor is zero) and reads;
3. the platform afterwards: live records (should be none).

    .venv/bin/python benchmarks/bench_undo.py --contacts 500 --limit 3000
    .venv/bin/python benchmarks/bench_undo.py --contacts 500 --limit 600 --latency 0.2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_import import sandbox_writes

from bulkio import Target, import_file, undo
from bulkio.sandbox import FaultConfig, running
from tests.usecases.importer.files import flat_rows, write_csv, write_mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=500)
    parser.add_argument("--limit", type=int, default=3000, help="requests per minute")
    parser.add_argument("--latency", type=float, default=0.0, help="server latency, seconds")
    parser.add_argument("--in-flight", type=int, default=4)
    args = parser.parse_args()

    rows = flat_rows(args.contacts, per_company=5)
    companies = len({r[0] for r in rows})
    floor = companies + args.contacts + args.contacts  # archives + unlinks
    faults = FaultConfig(latency_rate=1.0, latency=args.latency) if args.latency else None
    per_second = args.limit / 60
    print(
        f"{args.contacts} contacts in {companies} companies; limit {args.limit}/minute "
        f"({per_second:.1f}/s); server latency {args.latency:.2f} s; {args.in_flight} in flight"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = write_csv(folder / "bench.csv", rows)
        mapping = write_mapping(folder / "bench.yaml")
        rate = f"{args.limit}/minute"
        with running(folder / "undo.sqlite", rate_limit=rate, faults=faults) as box:
            target = Target(api_url=box.base_url, token=box.token, max_in_flight=args.in_flight)
            imported = import_file(data, target=target, mapping=mapping, report=folder / "r.xlsx")
            assert imported.ok, imported.summary()
            journal = imported.journal
            assert journal is not None
            httpx.delete(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
            first = undo(journal, target=target)
            writes, reads = sandbox_writes(box)
            share = first.requests / first.seconds / per_second
            print(
                f"undo: {first.requests} requests in {first.seconds:.1f} s = "
                f"{first.requests / first.seconds:.1f}/s = {share:.0%} of the limit; "
                f"429s: {first.throttled}; ok: {first.ok}"
            )
            print(
                f"  writes {writes} (floor {floor}: {args.contacts} unlinks + {companies} "
                f"companies and {args.contacts} contacts archived) = {writes / floor:.3f} per "
                f"floor write; reads {reads} (records by id, 100 a page)"
            )
            httpx.delete(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
            again = undo(journal, target=target)
            writes, reads = sandbox_writes(box)
            print(
                f"undo again (nothing left to do): writes {writes} (floor 0), reads {reads}, "
                f"{again.seconds:.1f} s, ok: {again.ok}"
            )
            live = httpx.get(
                box.base_url + "/contacts", headers=box.auth_headers, params={"page[size]": "1"}
            ).json()["data"]
            print(f"live contacts afterwards: {len(live)}")


if __name__ == "__main__":
    main()
