"""What ``bulkio import`` spends against the sandbox, next to a plain one-POST-per-row script.

Builds a flat file (N contacts, 5 per company), runs the sandbox in-process at a rate limit
and server latency, then prints for:

1. ``import_file`` into an empty platform: requests per record against the floor (one write
   per new record, one per new link; reads: look-ups and matching pages), requests per second
   as a share of the limit, 429s;
2. the same import again: writes (the floor is zero) and reads;
3. a plain baseline on a fresh sandbox with the same data: one request per write, one at a
   time, sleeping Retry-After on a 429.

    .venv/bin/python benchmarks/bench_import.py --contacts 500 --limit 3000
    .venv/bin/python benchmarks/bench_import.py --contacts 1000 --limit 600 --latency 0.2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bulkio import Target, import_file
from bulkio.sandbox import FaultConfig, Sandbox, running
from tests.usecases.importer.files import flat_rows, write_csv, write_mapping


def sandbox_writes(box: Sandbox) -> tuple[int, int]:
    """(writes, reads) the sandbox answered, 429s excluded. A write answered 4xx changed
    nothing (the token's write-scope check, a PATCH of a record that does not exist): not a
    write."""
    answer = httpx.get(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
    stats = answer.json()["requests"]
    writes = sum(r["count"] for r in stats if r["method"] != "GET" and r["status"] < 400)
    reads = sum(r["count"] for r in stats if r["method"] == "GET" and r["status"] != 429)
    return writes, reads


def baseline(rows: list[list[str]], base_url: str, token: str) -> tuple[int, int, float]:
    """One POST per record and one PUT per link, sequential; 429 -> sleep Retry-After."""
    headers = {"Authorization": f"Bearer {token}"}
    sent = throttled = 0
    started = time.monotonic()
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:

        def send(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
            nonlocal sent, throttled
            while True:
                sent += 1
                answer = http.request(method, path, json=body)
                if answer.status_code != 429:
                    answer.raise_for_status()
                    result: dict[str, Any] = answer.json()
                    return result
                throttled += 1
                time.sleep(max(0.1, float(answer.headers.get("Retry-After", "1"))))

        companies: dict[str, str] = {}
        for row in rows:
            if row[0] not in companies:
                company = send(
                    "POST",
                    "/companies",
                    {"external_id": row[0], "company_name": row[1], "address_invoice_town": row[2]},
                )
                companies[row[0]] = company["id"]
            contact = send(
                "POST",
                "/contacts",
                {"external_id": row[6], "first_name": row[7], "last_name": row[8], "email": row[9]},
            )
            send(
                "PUT",
                f"/contacts/{contact['id']}/companies/{companies[row[0]]}",
                {"position": row[10]},
            )
    return sent, throttled, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=500)
    parser.add_argument("--limit", type=int, default=3000, help="requests per minute")
    parser.add_argument("--latency", type=float, default=0.0, help="server latency, seconds")
    parser.add_argument("--in-flight", type=int, default=4)
    args = parser.parse_args()

    rows = flat_rows(args.contacts, per_company=5)
    companies = len({r[0] for r in rows})
    floor = companies + args.contacts + args.contacts  # records + links, all new
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
        with running(folder / "import.sqlite", rate_limit=rate, faults=faults) as box:
            target = Target(api_url=box.base_url, token=box.token, max_in_flight=args.in_flight)
            first = import_file(data, target=target, mapping=mapping, report=folder / "r1.xlsx")
            writes, reads = sandbox_writes(box)
            share = first.requests / first.seconds / per_second
            print(
                f"import (empty platform): {first.requests} requests in {first.seconds:.1f} s = "
                f"{first.requests / first.seconds:.1f}/s = {share:.0%} of the limit; "
                f"429s: {first.throttled}"
            )
            print(
                f"  writes {writes} (floor {floor}: {companies} companies + {args.contacts} "
                f"contacts + {args.contacts} links) = {writes / floor:.3f} per floor write; "
                f"reads {reads} (look-ups + matching pages); "
                f"{first.requests / (companies + args.contacts):.2f} requests per record"
            )
            httpx.delete(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
            again = import_file(data, target=target, mapping=mapping, report=folder / "r2.xlsx")
            writes, reads = sandbox_writes(box)
            print(
                f"import again (nothing changed): writes {writes} (floor 0), reads {reads}, "
                f"{again.seconds:.1f} s, 429s: {again.throttled}"
            )
        with running(folder / "baseline.sqlite", rate_limit=rate, faults=faults) as box:
            sent, throttled, seconds = baseline(rows, box.base_url, box.token)
            print(
                f"baseline (sequential, one request per write, retry on 429): {sent} requests "
                f"in {seconds:.1f} s = {sent / seconds:.1f}/s = "
                f"{sent / seconds / per_second:.0%} of the limit; 429s: {throttled}"
            )
            print(f"speed-up of import over the baseline: {seconds / first.seconds:.2f}x")


if __name__ == "__main__":
    main()
