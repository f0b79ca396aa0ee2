"""Sandbox throughput over loopback, rate limiting off: list pages, creates and links.

Run: python benchmarks/bench_sandbox.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bulkio.sandbox import Store, running

CONTACTS = 10_000
PAGE = 100
WRITES = 500


def _records(count: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(count):
        stamp = f"2024-01-01T00:00:00.{i:06d}Z"
        out.append(
            {
                "id": str(uuid.uuid4()),
                "external_id": f"B-{i:05d}",
                "first_name": f"First{i % 97}",
                "last_name": f"Last{i:05d}",
                "email": f"p{i}@example.de",
                "custom_fields": {},
                "created_at": stamp,
                "updated_at": stamp,
                "deleted_at": None,
            }
        )
    return out


def _list_all(client: httpx.Client, sort: str | None) -> tuple[int, float, float, float]:
    params = {"page[size]": str(PAGE)} | ({"sort": sort} if sort else {})
    times: list[float] = []
    started = time.perf_counter()
    url: str | None = "/contacts"
    first = True
    while url:
        t = time.perf_counter()
        body = client.get(url, params=params if first else None).json()
        times.append(time.perf_counter() - t)
        first = False
        url = body["meta"]["next_cursor_url"]
    total = time.perf_counter() - started
    return len(times), total, times[0], times[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        store = Store(db)
        t = time.perf_counter()
        store.insert_many("contacts", _records(CONTACTS))
        print(f"bulk insert of {CONTACTS} contacts into the store: {time.perf_counter() - t:.2f} s")
        store.close()
        with (
            running(db) as sandbox,
            httpx.Client(
                base_url=sandbox.base_url, headers={"Authorization": f"Bearer {sandbox.token}"}
            ) as client,
        ):
            for sort in (None, "last_name", "-first_name,created_at"):
                pages, total, first, last = _list_all(client, sort)
                print(
                    f"list {CONTACTS} contacts, pages of {PAGE}, sort={sort or '(default)'}: "
                    f"{pages / total:.0f} req/s; first page {first * 1000:.1f} ms, "
                    f"last page {last * 1000:.1f} ms"
                )
            t = time.perf_counter()
            companies = [
                client.post("/companies", json={"company_name": f"Co {i}"}).json()["id"]
                for i in range(WRITES)
            ]
            elapsed = time.perf_counter() - t
            print(f"create {WRITES} companies: {WRITES / elapsed:.0f} req/s")
            contacts = client.get("/contacts", params={"page[size]": "100"}).json()["data"]
            t = time.perf_counter()
            for i, company in enumerate(companies):
                contact = contacts[i % len(contacts)]["id"]
                client.put(f"/contacts/{contact}/companies/{company}", json={"position": "CEO"})
            elapsed = time.perf_counter() - t
            print(f"link {WRITES} contact-company pairs: {WRITES / elapsed:.0f} req/s")


if __name__ == "__main__":
    main()
