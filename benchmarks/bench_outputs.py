"""What the output policy costs on a big file: bulkio's export writer writing 100,000 contact
records straight to the file, then through ``writers.outputs.written`` (a temporary name
beside it, a scratch folder for the writer's own temporary files, the stamp in the zip
comment, the rename), and what checking an existing file costs (``check_outputs``: is it an
input, is it bulkio's and unchanged). Prints seconds for each.

    .venv/bin/python benchmarks/bench_outputs.py [N]

The stamp reads only the archive's central directory (names, checksums, sizes), so neither
stamping nor checking reads the cells; both stay in the milliseconds however big the file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_write import records

from bulkio.core.layout import build_layout
from bulkio.usecases.template import offline_lookups
from bulkio.writers.export_xlsx import write_export_xlsx
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    layout = build_layout(offline_lookups().custom_fields, export=True)
    with tempfile.TemporaryDirectory(prefix="bench-outputs-") as tmp:
        folder = Path(tmp)
        plain = folder / "plain.xlsx"
        start = time.perf_counter()
        write_export_xlsx(plain, layout=layout, contacts=records(n))
        direct = time.perf_counter() - start

        output = Output(folder / "export.xlsx", OutputKind.EXPORT)
        start = time.perf_counter()
        with written(output) as partial:
            write_export_xlsx(partial, layout=layout, contacts=records(n))
        policy = time.perf_counter() - start

        start = time.perf_counter()
        check_outputs([output], inputs={folder / "input.csv": "the input file"})
        checked = time.perf_counter() - start

        size = output.path.stat().st_size / 1e6
        print(f"{n:,} contacts, {size:.1f} MB workbook")
        print(f"  writer straight to the file          {direct:7.2f} s")
        print(f"  through written() (temp, stamp, mv)  {policy:7.2f} s  ({policy - direct:+.2f} s)")
        print(f"  check_outputs on the existing file   {checked * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
