"""Write 100,000 contact records (25 filled text cells each) to xlsx: bulkio's export writer
next to openpyxl's plain (non-write-only) mode, the baseline, and the other libraries bulkio
could write with, all on the same rows in the same run. Prints records/second, seconds, the
ratio to openpyxl and to the floor (the fastest library measured), peak RSS and file size.

    .venv/bin/python benchmarks/bench_write.py [N] [REPEAT]

Figures are the CPU seconds of the writing (all threads of the child, from ``getrusage``;
steadier than wall time on a busy machine; Python's start-up is left out), the best of REPEAT
runs (default 1), with wall seconds beside them.

Every mode flattens the same API records with bulkio's ``Flattener`` and writes one sheet of
text cells with a header; ``bulkio`` is the whole export writer (Contacts and Links sheets,
widths, notes, the hidden ``_bulkio`` sheet). Each mode runs in its own child process, so its
peak RSS (ru_maxrss) is its own. A library that is not installed is reported and skipped
(``pip install -e '.[bench]'`` installs them all).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bulkio.core.entities import Role
from bulkio.core.flatten import Flattener, Row
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
            "title": "Dr.",
            "first_name": "Anna",
            "last_name": f"Müller {i}",
            "position": "Head of Sales",
            "locale": "de",
            "email": f"anna{i}@example.de",
            "telephone": "+49 351 1234567",
            "mobile": "0171 1234567",
            "address_street": "Hauptstraße",
            "address_house": "12a",
            "address_zip": "01067",
            "address_town": "Dresden",
            "address_country": {"id": "c-de", "name": "Deutschland", "code": "DE"},
            "owner": {"id": "u1", "email": "sandra.box@example.com"},
            "birthday": "1980-04-23",
            "companies": [acme],
            "custom_fields": {
                "newsletter": i % 2 == 0,
                "preferred_channel": "email",
                "department": "Vertrieb",
            },
            "created_at": "2024-01-02T03:04:05Z",
            "updated_at": "2024-02-03T04:05:06Z",
            "deleted_at": None,
        }


def _rows(n: int) -> tuple[list[str], Iterator[Row]]:
    columns = build_layout(offline_lookups().custom_fields, export=True).columns(Role.CONTACTS)
    flat = Flattener(columns)
    return [c.header("en") for c in columns], (flat.row(r) for r in records(n))


def write_bulkio(out: Path, n: int) -> None:
    layout = build_layout(offline_lookups().custom_fields, export=True)
    write_export_xlsx(out, layout=layout, contacts=records(n))


def write_openpyxl(out: Path, n: int) -> None:
    from openpyxl import Workbook

    header, rows = _rows(n)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(out)


def write_openpyxl_write_only(out: Path, n: int) -> None:
    from openpyxl import Workbook

    header, rows = _rows(n)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Contacts")
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(out)


def write_xlsxwriter(out: Path, n: int) -> None:
    import xlsxwriter

    header, rows = _rows(n)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    ws = wb.add_worksheet("Contacts")
    ws.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        ws.write_row(i, 0, row)
    wb.close()


def write_pyexcelerate(out: Path, n: int) -> None:
    from pyexcelerate import Workbook  # keeps every row in memory: it has no streaming mode

    header, rows = _rows(n)
    wb = Workbook()
    wb.new_sheet("Contacts", data=[header, *rows])
    wb.save(str(out))


def write_rustpy(out: Path, n: int) -> None:
    import rustpy_xlsxwriter

    header, rows = _rows(n)
    records = (dict(zip(header, row, strict=True)) for row in rows)
    rustpy_xlsxwriter.write_worksheets([("Contacts", records)], str(out))


def write_rvgsrust(out: Path, n: int) -> None:
    import rvgsrust_xlsxwriter

    header, rows = _rows(n)
    wb = rvgsrust_xlsxwriter.Workbook(str(out))
    ws = wb.add_worksheet("Contacts", constant_memory=True)
    ws.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        ws.write_row(i, 0, row)
    wb.close()


MODES: dict[str, tuple[str, Callable[[Path, int], None]]] = {
    "bulkio": ("bulkio export writer", write_bulkio),
    "plain": ("openpyxl normal mode", write_openpyxl),
    "write-only": ("openpyxl write-only", write_openpyxl_write_only),
    "xlsxwriter": ("xlsxwriter constant_memory", write_xlsxwriter),
    "pyexcelerate": ("pyexcelerate", write_pyexcelerate),
    "rustpy": ("rustpy-xlsxwriter", write_rustpy),
    "rvgsrust": ("rvgsrust-xlsxwriter", write_rvgsrust),
}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def run_child(mode: str, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.xlsx"
        start, cpu = time.perf_counter(), _cpu()
        MODES[mode][1](out, n)
        cpu, seconds = _cpu() - cpu, time.perf_counter() - start
        size = out.stat().st_size
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_kb": rss_kb, "bytes": size}))


def measure(mode: str, n: int, repeat: int = 1) -> dict[str, Any] | None:
    """The child's figures (the best of ``repeat`` runs, by CPU seconds), or None when its
    library is not installed."""
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(n)], capture_output=True, text=True
        )
        if done.returncode != 0:
            if "ModuleNotFoundError" in done.stderr:
                return None
            raise SystemExit(f"{mode} failed:\n{done.stderr}")
        figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or figures["cpu"] < best["cpu"]:
            best = figures
    return best


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    repeat = int(args[1]) if len(args) > 1 else 1
    print(f"writing {n:,} contact records (25 filled text cells of 36 columns) to xlsx")
    figures = {mode: measure(mode, n, repeat) for mode in MODES}
    base = figures["plain"]
    assert base is not None
    floor_mode = min(
        (mode for mode, f in figures.items() if f and mode != "bulkio"),
        key=lambda mode: figures[mode]["cpu"],  # type: ignore[index]
    )
    floor = figures[floor_mode]
    assert floor is not None
    print(
        f"{'mode':<28}{'records/cpu s':>14}{'cpu s':>7}{'wall s':>8}{'÷ openpyxl':>12}"
        f"{'÷ floor':>9}{'peak RSS MB':>13}{'file MB':>9}"
    )
    for mode, (label, _) in MODES.items():
        fig = figures[mode]
        if fig is None:
            print(f"{label:<28}  not installed (pip install -e '.[bench]')")
            continue
        print(
            f"{label:<28}{n / fig['cpu']:>14,.0f}{fig['cpu']:>7.2f}{fig['seconds']:>8.2f}"
            f"{fig['cpu'] / base['cpu']:>11.2f}x{fig['cpu'] / floor['cpu']:>8.2f}x"
            f"{fig['rss_kb'] / 1024:>13.0f}{fig['bytes'] / 1e6:>9.1f}"
        )
    print(
        f"(ratios of CPU seconds; floor: "
        f"{MODES[floor_mode][0]}; target: bulkio at most 0.25x openpyxl, better 0.10x)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
