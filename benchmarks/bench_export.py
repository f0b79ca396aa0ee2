"""Export 100,000 records (20% companies, 80% contacts, each contact linked to a company, every
fourth to a second one) from the sandbox with rate limiting off. Prints records/second, wall
and CPU seconds, API requests and peak RSS per format, then the CPU time for writing the
workbook alone next to openpyxl's plain (non-write-only) mode and the fastest library for the
same rows (bench_write.py's children).

    .venv/bin/python benchmarks/bench_export.py [N] [--formats xlsx,jsonl,csv]

The sandbox runs in this process; each export runs in its own child process, so its peak
RSS (ru_maxrss) is the export's own and not the server's.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bulkio.sandbox import Store, running
from bulkio.usecases.connect import Target
from bulkio.usecases.export import export

HERE = Path(__file__).resolve().parent
STAMP = "2024-03-01T10:00:00.000000Z"
OUT_NAMES = {"xlsx": "export.xlsx", "jsonl": "export.jsonl", "csv": "export.zip"}


def _companies(n: int) -> Iterator[dict[str, Any]]:
    for i in range(n):
        yield {
            "id": f"00000000-0000-4000-8000-{i:012d}",
            "external_id": f"K-{i}",
            "company_name": f"Muster {i} GmbH",
            "email": f"info{i}@muster.de",
            "phone": "+49 351 1234500",
            "taxation_enabled": False,
            "invoices_by_post": False,
            "invoices_by_email": True,
            "address_invoice_is_delivery": True,
            "address_invoice_street": "Hauptstraße",
            "address_invoice_zip": "01067",
            "address_invoice_town": "Dresden",
            "tag_ids": [],
            "custom_fields": {"customer_number": f"{i:06d}", "key_account": i % 2 == 0},
            "created_at": STAMP,
            "updated_at": STAMP,
            "deleted_at": None,
        }


def _contacts(n: int) -> Iterator[dict[str, Any]]:
    for i in range(n):
        yield {
            "id": f"00000000-0000-4000-9000-{i:012d}",
            "external_id": f"C-{i}",
            "gender": "female",
            "first_name": "Anna",
            "last_name": f"Müller {i}",
            "position": "Head of Sales",
            "email": f"anna{i}@example.de",
            "telephone": "+49 351 1234567",
            "address_street": "Hauptstraße",
            "address_house": "12a",
            "address_zip": "01067",
            "address_town": "Dresden",
            "birthday": "1980-04-23",
            "custom_fields": {},
            "created_at": STAMP,
            "updated_at": STAMP,
            "deleted_at": None,
        }


def _links(n_contacts: int, n_companies: int) -> Iterator[tuple[str, str, str]]:
    for i in range(n_contacts):
        contact_id = f"00000000-0000-4000-9000-{i:012d}"
        yield contact_id, f"00000000-0000-4000-8000-{i % n_companies:012d}", "CEO"
        if i % 4 == 0:
            second = (i + 1) % n_companies
            yield contact_id, f"00000000-0000-4000-8000-{second:012d}", "Beirat"


def seed(db: Path, n: int) -> tuple[int, int]:
    n_companies = max(1, n // 5)
    n_contacts = n - n_companies
    store = Store(db)
    store.insert_many("companies", _companies(n_companies))
    store.insert_many("contacts", _contacts(n_contacts))
    with store.db:
        store.db.executemany(
            "INSERT INTO contact_company (contact_id, company_id, position) VALUES (?, ?, ?)",
            _links(n_contacts, n_companies),
        )
    store.close()
    return n_companies, n_contacts


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def run_child(url: str, token: str, out: str, fmt: str) -> None:
    start, cpu = time.perf_counter(), _cpu()
    result = export(Target(api_url=url, token=token), Path(out), format=fmt)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "rss_kb": rss_kb,
                "requests": result.requests,
                "counts": result.counts,
                "bytes": Path(out).stat().st_size,
            }
        )
    )


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=False, cwd=HERE.parent
    )
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    formats = ["xlsx", "jsonl"]
    for a in sys.argv[1:]:
        if a.startswith("--formats="):
            formats = a.split("=", 1)[1].split(",")
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        db = Path(tmp) / "bench.sqlite"
        t = time.perf_counter()
        n_companies, n_contacts = seed(db, n)
        print(
            f"seeded {n_companies:,} companies + {n_contacts:,} contacts with links "
            f"in {time.perf_counter() - t:.1f} s; exporting with rate limiting off"
        )
        print(
            f"{'format':<8}{'records/s':>11}{'seconds':>9}{'cpu s':>7}{'requests':>10}"
            f"{'peak RSS MB':>13}{'file MB':>9}  counts"
        )
        with running(db, rate_limit="off") as box:
            for fmt in formats:
                out = Path(tmp) / OUT_NAMES[fmt]
                fig = _child(
                    [__file__, "--child", box.base_url, box.token, str(out), fmt],
                )
                records = fig["counts"]["companies"] + fig["counts"]["contacts"]
                print(
                    f"{fmt:<8}{records / fig['seconds']:>11,.0f}{fig['seconds']:>9.1f}"
                    f"{fig['cpu']:>7.1f}{fig['requests']:>10,}{fig['rss_kb'] / 1024:>13.0f}"
                    f"{fig['bytes'] / 1e6:>9.1f}  {fig['counts']}"
                )
                out.unlink()
    print(f"\nwriting {n:,} contact rows to xlsx alone (no API), same run (bench_write.py):")
    print(f"{'mode':<28}{'records/cpu s':>14}{'cpu s':>7}{'wall s':>8}{'÷ openpyxl':>12}"
          f"{'peak RSS MB':>13}")  # fmt: skip
    bench_write = str(HERE / "bench_write.py")
    figures = {
        label: _child([bench_write, "--child", mode, str(n)])
        for mode, label in (
            ("plain", "openpyxl plain mode"),
            ("bulkio", "bulkio export writer"),
            ("rustpy", "rustpy-xlsxwriter (floor)"),
        )
    }
    base = figures["openpyxl plain mode"]["cpu"]
    for label, fig in figures.items():
        print(
            f"{label:<28}{n / fig['cpu']:>14,.0f}{fig['cpu']:>7.1f}{fig['seconds']:>8.1f}"
            f"{fig['cpu'] / base:>11.2f}x{fig['rss_kb'] / 1024:>13.0f}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(*sys.argv[2:6])
    else:
        main()
