"""Write 100,000 contact records to xlsx: bulkio's streaming export writer vs. openpyxl's
plain (non-write-only) mode, same rows, same run. Prints records/second and peak RSS.

    .venv/bin/python benchmarks/bench_write.py [N]

Each mode runs in its own child process, so its peak RSS (ru_maxrss) is its own.
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

from openpyxl import Workbook

from bulkio.core.entities import Role
from bulkio.core.flatten import Flattener
from bulkio.core.layout import build_layout
from bulkio.usecases.template import offline_lookups
from bulkio.writers.export_xlsx import write_export_xlsx


def records(n: int) -> Iterator[dict[str, Any]]:
    acme = {"external_id": "K-1", "company_name": "Acme", "contact_company": {"position": "CEO"}}
    for i in range(n):
        yield {
            "id": f"ct-{i:08d}",
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
            "address_country": {"id": "c-de", "name": "Deutschland", "code": "DE"},
            "owner": {"id": "u1", "email": "sandra.box@example.com"},
            "birthday": "1980-04-23",
            "companies": [acme],
            "custom_fields": {"newsletter": i % 2 == 0, "preferred_channel": "email"},
            "created_at": "2024-01-02T03:04:05Z",
            "updated_at": "2024-02-03T04:05:06Z",
            "deleted_at": None,
        }


def run_child(mode: str, n: int) -> None:
    layout = build_layout(offline_lookups().custom_fields, export=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.xlsx"
        start = time.perf_counter()
        if mode == "bulkio":
            write_export_xlsx(out, layout=layout, contacts=records(n))
        else:
            wb = Workbook()
            ws = wb.active
            assert ws is not None
            columns = layout.columns(Role.CONTACTS)
            ws.append([c.header("en") for c in columns])
            flat = Flattener(columns)
            for record in records(n):
                ws.append(flat.row(record))
            wb.save(out)
        seconds = time.perf_counter() - start
        size = out.stat().st_size
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "rss_kb": rss_kb, "bytes": size}))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"writing {n:,} contact records (with a company each) to xlsx")
    print(f"{'mode':<28}{'records/s':>12}{'seconds':>10}{'peak RSS MB':>14}{'file MB':>10}")
    for mode, label in (("bulkio", "bulkio export (write-only)"), ("plain", "openpyxl plain mode")):
        done = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        fig = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{label:<28}{n / fig['seconds']:>12,.0f}{fig['seconds']:>10.1f}"
            f"{fig['rss_kb'] / 1024:>14.0f}{fig['bytes'] / 1e6:>10.1f}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
