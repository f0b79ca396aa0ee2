"""How much of the rate limit the client spends: requests/second as a share of the limit.

Runs the sandbox in-process at a rate limit (default 600/minute), then lets the client
create companies concurrently for a while and prints what it achieved. A share near 100%
with no 429s means the pacer spends the limit fully and evenly; ``--latency`` adds server
latency to show that requests in flight keep latency from capping throughput. Short runs
read slightly above 100% (n requests span n-1 intervals); use a minute or more, which also
crosses the server's window boundary.

    .venv/bin/python benchmarks/bench_client.py --seconds 30
    .venv/bin/python benchmarks/bench_client.py --seconds 30 --latency 0.3 --in-flight 4
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from bulkio.core.entities import Entity
from bulkio.kanbert.client import KanbertClient
from bulkio.kanbert.settings import ApiSettings
from bulkio.sandbox import FaultConfig, running


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="requests per minute")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to run")
    parser.add_argument("--latency", type=float, default=0.0, help="server latency, seconds")
    parser.add_argument("--in-flight", type=int, default=4, help="requests at once")
    args = parser.parse_args()

    faults = FaultConfig(latency_rate=1.0, latency=args.latency) if args.latency else None
    with (
        tempfile.TemporaryDirectory() as tmp,
        running(
            Path(tmp) / "bench.sqlite", rate_limit=f"{args.limit}/minute", faults=faults
        ) as sandbox,
    ):
        settings = ApiSettings(
            base_url=sandbox.base_url, token=sandbox.token, max_in_flight=args.in_flight
        )
        with KanbertClient(settings) as client:
            started = time.monotonic()
            deadline = started + args.seconds

            def create(n: int) -> str:
                record = client.create(
                    Entity.COMPANY, {"company_name": f"Bench {n}", "external_id": f"B-{n}"}
                )
                return record.id

            numbers = itertools.takewhile(lambda _: time.monotonic() < deadline, itertools.count())
            results = list(client.run_all(numbers, create))
            elapsed = time.monotonic() - started
            stats = client.stats

    limit_per_second = args.limit / 60
    achieved = stats.requests_sent / elapsed
    failed = sum(1 for r in results if r.error is not None)
    print(f"limit            {args.limit}/minute = {limit_per_second:.2f} requests/s")
    print(f"server latency   {args.latency:.2f} s, requests in flight {args.in_flight}")
    print(f"requests sent    {stats.requests_sent} in {elapsed:.1f} s ({failed} failed)")
    print(
        f"achieved         {achieved:.2f} requests/s = {achieved / limit_per_second:.1%} of limit"
    )
    print(f"429s seen        {stats.throttled}, retries {stats.retries}")
    print(f"time waited      {stats.waited_seconds:.1f} s (pacing, pauses, backoff)")


if __name__ == "__main__":
    main()
