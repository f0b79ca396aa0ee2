"""Measure reading dates with month names: bulkio's month table against dateparser.

    .venv/bin/python benchmarks/bench_dates.py [N]

Prints the time bulkio's normaliser takes for N text dates (long forms in German and
English, numeric ones, ISO), and, when ``dateparser`` is importable (it is not a dependency:
``pip install --target /tmp/dp dateparser`` and ``PYTHONPATH=/tmp/dp``), its import time and
its time per distinct value, which is what one call per distinct value would cost.
"""

from __future__ import annotations

import importlib
import sys
import time

import polars as pl

from bulkio.core.normalize.dates import normalize_dates

TYPED = [
    "1. März 1975", "3 March 1975", "March 3, 1975", "3. Mär. 1975", "03-Mar-1975",
    "Montag, 3. März 1975", "31.12.1980", "1980-12-31", "24. Dezember 1969", "12/31/1980",
]  # fmt: skip


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    i = pl.int_range(0, n, eager=True)
    values = pl.Series("d", TYPED).gather(i % len(TYPED))
    # many distinct values, as a birthday column has: every year from 1930 to 2005
    years = (i.hash(1) % 76 + 1930).cast(pl.String)
    frame = pl.DataFrame({"d": values, "y": years})
    values = frame.select(pl.col("d").str.replace(r"19\d\d", pl.col("y")))["d"]
    start = time.perf_counter()
    result = normalize_dates(values, formats=["%d.%m.%Y"])
    took = time.perf_counter() - start
    read = result.values.is_not_null().sum()
    print(f"bulkio month table: {n:,} dates ({values.n_unique():,} distinct) in {took:.2f} s, "
          f"{read:,} read")  # fmt: skip
    try:
        start = time.perf_counter()
        dateparser = importlib.import_module("dateparser")
    except ImportError:
        print("dateparser: not installed (see the docstring to measure it)")
        return
    imported = time.perf_counter() - start
    sample = values.unique().head(2000).to_list()
    start = time.perf_counter()
    for value in sample:
        dateparser.parse(value, languages=["de", "en"])
    each = (time.perf_counter() - start) / len(sample)
    print(f"dateparser: import {imported * 1000:.0f} ms, {each * 1e3:.2f} ms per distinct value "
          f"({each * values.n_unique():.1f} s for this column)")  # fmt: skip


if __name__ == "__main__":
    main()
