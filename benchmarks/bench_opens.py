"""How often `bulkio check` and `bulkio import` open their input file, counted by strace.

    python benchmarks/bench_opens.py            # needs strace (apt-get install strace)

Runs each command in a child process under `strace -f -e trace=openat` on copies of the
samples (Windows-1252 CSVs; the template workbook, whose data is on three sheets), with and
without -m, and prints the number of `openat` calls on the input file. The target is at most
two per command; `tests/readers/test_opened_once.py` asserts it (with inotify, no strace).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

INPUTS = [
    ("kunden_de.csv", ["-m", str(ROOT / "mappings" / "kunden_de.yaml")]),
    ("outlook-de/Kontakte.csv", []),
    ("bulkio-template/template-en.xlsx", []),
    ("bulkio-template/template-en.xlsx", ["-m", "bulkio-template"]),
]


def opens(folder: Path, path: Path, command: list[str]) -> tuple[int, int]:
    """(openat calls on ``path``, exit code) of ``bulkio COMMAND`` run in ``folder``."""
    trace = folder / "trace.txt"
    bulkio = [sys.executable, "-m", "bulkio", *command]
    strace = ["strace", "-f", "-qq", "-e", "trace=openat", "-o", str(trace), *bulkio]
    done = subprocess.run(strace, cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    quoted = f'"{path}"'
    return sum(quoted in line for line in trace.read_text().splitlines()), done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    if shutil.which("strace") is None:
        raise SystemExit("strace is not installed: apt-get install -y strace")
    with tempfile.TemporaryDirectory(prefix="bulkio-opens-") as tmp:
        folder = Path(tmp)
        sandbox = folder / "sandbox.sqlite"
        for sample, mapping in INPUTS:
            path = folder / Path(sample).name
            shutil.copy(SAMPLES / sample, path)
            commands = [
                ["check", path.name, *mapping, "--report", "report.xlsx"],
                ["import", path.name, *mapping, "--sandbox", str(sandbox), "--dry-run"],
                ["import", path.name, *mapping, "--sandbox", str(sandbox), "--skip-invalid"],
            ]
            for command in commands:
                count, code = opens(folder, Path(path.name), command)
                shown = " ".join(command).replace(str(sandbox), "S").replace(str(ROOT) + "/", "")
                print(f"{count} open(s), exit {code}:  bulkio {shown}")


if __name__ == "__main__":
    main()
