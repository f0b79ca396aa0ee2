"""`bulkio check` with no mapping on a big Google Contacts export (legacy format): the cost of
recognition, binding the preset to the file's columns and splitting rows that name several
organisations (" ::: " and numbered "Organization 2 - Name") into one company each.

    python benchmarks/bench_presets.py                  # 200,000 rows
    python benchmarks/bench_presets.py --rows 1000000

Runs the real command in a child process, once on a file where every contact has one
organisation and once where every third has two joined in a cell and every fifth a second
numbered one, and prints wall time, rows/s and peak memory (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import time
from pathlib import Path

from bulkio.core.known_exports import GOOGLE_LEGACY_HEADERS

HEADER = [*GOOGLE_LEGACY_HEADERS, "Organization 2 - Type", "Organization 2 - Name",
          "Organization 2 - Title"]  # fmt: skip


def write(path: Path, rows: int, *, several: bool) -> Path:
    index = {h: i for i, h in enumerate(HEADER)}
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for n in range(rows):
            row = [""] * len(HEADER)
            row[index["Given Name"]] = f"Vorname{n}"
            row[index["Family Name"]] = f"Nachname{n}"
            row[index["E-mail 1 - Type"]] = "* Work"
            row[index["E-mail 1 - Value"]] = f"person{n}@firma{n // 5}.de"
            row[index["Organization 1 - Name"]] = f"Firma {n // 5} GmbH"
            row[index["Organization 1 - Title"]] = f"Rolle {n % 7}"
            if several and n % 3 == 0:
                row[index["Organization 1 - Name"]] += f" ::: Beirat {n // 50} e.V."
                row[index["Organization 1 - Title"]] += " ::: Beirat"
            if several and n % 5 == 0:
                row[index["Organization 2 - Name"]] = f"Verein {n // 100}"
                row[index["Organization 2 - Title"]] = "Mitglied"
            writer.writerow(row)
    return path


def run(path: Path, rows: int) -> None:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bulkio", "check", str(path), "--no-report"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    first = done.stdout.splitlines()[0] if done.stdout else done.stderr.strip()
    print(f"{path.name}: {seconds:.1f} s, {rows / seconds:,.0f} rows/s, peak {peak:,.0f} MB")
    print(f"  {first}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--folder", type=Path, default=Path(".bench"))
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for several in (False, True):
        name = f"google-legacy-{args.rows}-{'several' if several else 'one'}.csv"
        path = args.folder / name
        if not path.exists():
            write(path, args.rows, several=several)
        run(path, args.rows)


if __name__ == "__main__":
    main()
