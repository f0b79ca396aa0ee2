"""Peak memory of `bulkio check` on every hostile file of tests/hostile/make_files.py.

    python benchmarks/bench_hostile.py                     # files in the temp folder
    python benchmarks/bench_hostile.py --folder /tmp/hostile --only xfd-cell.xlsx

Each file is checked by the real command in its own child process; the script prints the
file's size, the exit code, the wall time and the child's peak resident memory (ru_maxrss from
wait4), and whether it stayed under the rule: any file under 10 MB is read or refused within
1 GB. `--cap GB` also limits each child's address space (default 8), so a regression fails
here instead of taking the machine's memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.make_files import CHECKS, build, check_args

LIMIT_KB = 1 << 20  # 1 GB


def run_check(name: str, folder: Path, cap_bytes: int) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak RSS in KB and the first line printed, for one file."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bulkio", "check", *check_args(name, folder), "--no-report"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=cap,
    )
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    first = next((line for line in output.splitlines() if line.strip()), "")
    return child.returncode, seconds, usage.ru_maxrss, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder", type=Path, default=Path(tempfile.gettempdir()) / "bulkio-hostile"
    )
    parser.add_argument("--only", nargs="*", help="file names to run (default: all)")
    parser.add_argument("--cap", type=float, default=8.0, help="address-space cap per child, GB")
    args = parser.parse_args()
    names = args.only or list(CHECKS)
    build(args.folder, names)
    print(f"{'file':<28} {'size':>10} {'exit':>4} {'seconds':>7} {'peak MB':>8}  under 1 GB")
    worst = 0
    for name in names:
        path = args.folder / name
        size = path.stat().st_size if path.is_file() else 0
        code, seconds, peak_kb, first = run_check(name, args.folder, int(args.cap * (1 << 30)))
        worst = max(worst, peak_kb)
        verdict = "yes" if peak_kb < LIMIT_KB else "NO"
        print(f"{name:<28} {size:>10,} {code:>4} {seconds:>7.1f} {peak_kb / 1024:>8.0f}  {verdict}")
        print(f"    {first[:110]}")
    print(f"highest peak: {worst / 1024:.0f} MB")


if __name__ == "__main__":
    main()
