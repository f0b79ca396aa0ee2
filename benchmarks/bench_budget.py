"""The workbook memory estimate beside the peak memory `bulkio check` really takes.

    python benchmarks/bench_budget.py                    # every shape, files in the temp folder
    python benchmarks/bench_budget.py --only text-100k-24 --repeat 2

Each shape is a workbook with shared strings, written by xlsxwriter as Excel writes it. For
each the script prints the estimate (``limits.estimated_memory``, the figure compared with
``MEMORY_BUDGET``), the peak resident memory of `bulkio check` in a child process run with
the budget lifted (ru_maxrss from wait4), the peak of a child that only imports bulkio (the
floor every command pays), and the ratio estimate / peak: above 1 the estimate is cautious
by that much, below 1 it would let through more than it says. "accepted" is whether
`bulkio check` opens the file with the real budget.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_ROOT))

from bulkio.readers import limits  # noqa: E402
from tests.hostile.make_files import MAPPING, MAPPING_NAME  # noqa: E402

HEADER = ["Firma", "Vorname", "Nachname", "E-Mail"]
_LIFTED = (
    "import sys, bulkio.readers.limits as limits; limits.MEMORY_BUDGET = 1 << 50; "
    "from bulkio.cli.main import main; sys.argv[0] = 'bulkio'; main()"
)
_HERE = "from benchmarks.bench_budget import *; "
_FLOOR = "import bulkio.cli.main, bulkio.readers.excel_reader, bulkio.usecases"


def _header(columns: int) -> list[str]:
    return HEADER + [f"Feld {c}" for c in range(len(HEADER) + 1, columns + 1)]


def _contact(r: int, width: int, text: Callable[[int, int], str]) -> Iterator[str]:
    yield f"Firma {r % 5000}"
    yield f"Vorname{r % 800}"
    yield f"Nachname{r % 3000}"
    yield f"person{r}@example.de"
    for c in range(len(HEADER), width):
        yield text(r, c)


def _distinct(r: int, c: int) -> str:
    return f"W{c}-{r:06d}"  # 10 characters, all different


def _repeated(r: int, c: int) -> str:
    return f"Wert {c}-{r % 40}"  # 40 values per column


def _long(r: int, c: int) -> str:
    return f"{r:06d}-{c:02d} " + "lorem ipsum dolor sit amet " * 11  # ~300, all different


def _long_repeated(r: int, c: int) -> str:
    return f"{c:02d}-{r % 20:02d} " + "x" * 2000  # 2,000 characters, 20 values per column


# name: (rows, columns, text of the extra cells, a number column)
SHAPES: dict[str, tuple[int, int, Callable[[int, int], str], bool]] = {
    "text-100k-24": (100_000, 24, _distinct, False),
    "repeated-100k-24": (100_000, 24, _repeated, False),
    "text-200k-10": (200_000, 10, _distinct, False),
    "long-30k-8": (30_000, 8, _long, False),
    "long-repeated-20k-6": (20_000, 6, _long_repeated, False),
    "numbers-100k-24": (100_000, 24, _distinct, True),
    "numbers-200k-10": (200_000, 10, _repeated, True),
    "numbers-long-30k-8": (30_000, 8, _long, True),
}


def build_shape(name: str, path: str) -> None:
    """Write the workbook of shape ``name`` to ``path`` (complete, or not at all)."""
    import xlsxwriter

    rows, columns, text, numbers = SHAPES[name]

    partial = Path(path).with_suffix(".part")
    book = xlsxwriter.Workbook(str(partial), {"strings_to_numbers": False})
    sheet = book.add_worksheet("Kontakte")
    sheet.write_row(0, 0, _header(columns))
    for r in range(1, rows + 1):
        sheet.write_row(r, 0, list(_contact(r, columns, text)))
        if numbers:
            sheet.write_number(r, columns - 1, r * 1.5)
    book.close()
    partial.rename(path)


def measure(path: Path, folder: Path) -> tuple[int, float, int, str]:
    """Peak KB, CPU seconds and exit code of `bulkio check` with the budget lifted, and the
    first line it printed."""
    mapping = str(folder / MAPPING_NAME)
    return _child([sys.executable, "-c", _LIFTED, "check", str(path), "-m", mapping, "--no-report"])


def _child(command: list[str]) -> tuple[int, float, int, str]:
    """Peak KB, CPU seconds, exit code and the first line printed of ``command``. Run from
    this small process: on Linux a child's peak starts at its parent's."""
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=_ROOT)
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    first = next((line for line in output.splitlines() if line.strip()), "")
    cpu = usage.ru_utime + usage.ru_stime
    return usage.ru_maxrss, cpu, os.waitstatus_to_exitcode(status), first


def print_estimate(path: str) -> None:
    """Print the estimate of the workbook at ``path`` and the reader it would take."""
    with Path(path).open("rb") as stream:
        estimate, plain_text = limits.estimated_memory(Path(path), stream)
    print(estimate, "text" if plain_text else "calamine")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(tempfile.gettempdir()) / "bulkio-budget"
    parser.add_argument("--folder", type=Path, default=default)
    parser.add_argument("--only", nargs="*", help="shapes to run (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per shape (the lowest peak)")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    (args.folder / MAPPING_NAME).write_text(MAPPING, encoding="utf-8")
    floor = _child([sys.executable, "-c", _FLOOR])[0] / 1024
    print(f"budget {limits.MEMORY_BUDGET >> 20} MB; floor (import only) {floor:.0f} MB")
    print(
        f"{'shape':<22} {'file MB':>7} {'reader':>9} {'estimate':>8} {'peak MB':>7} "
        f"{'est/peak':>8} {'cpu s':>6} {'accepted':>8}"
    )
    for name in args.only or list(SHAPES):
        path = args.folder / f"{name}.xlsx"
        if not path.exists():
            _child([sys.executable, "-c", f"{_HERE}build_shape({name!r}, {str(path)!r})"])
        found = _child([sys.executable, "-c", f"{_HERE}print_estimate({str(path)!r})"])[3]
        estimate, reader = int(found.split()[0]), found.split()[1]
        runs = [measure(path, args.folder) for _ in range(args.repeat)]
        peak_kb, cpu, code, first = min(runs)
        peak = peak_kb / 1024
        accepted = "yes" if estimate <= limits.MEMORY_BUDGET else "NO"
        print(
            f"{name:<22} {path.stat().st_size / (1 << 20):>7.1f} {reader:>9} "
            f"{estimate / (1 << 20):>8.0f} {peak:>7.0f} {estimate / (1 << 20) / peak:>8.2f} "
            f"{cpu:>6.1f} {accepted:>8}",
            flush=True,
        )
        if code not in (0, 1):
            print(f"    exit {code}: {first[:110]}")


if __name__ == "__main__":
    main()
