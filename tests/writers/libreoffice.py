"""LibreOffice as a second opinion on the workbooks bulkio writes: it converts a workbook's
sheets to CSV files, which the tests read. Tests that use it skip when it is not installed
(``apt-get install libreoffice-calc``)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

# LibreOffice's CSV filter options; the last token -1 writes every sheet to its own file.
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed"
)


def sheets_as_rows(workbook: Path, work: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``workbook`` as LibreOffice reads it: sheet name -> rows of text
    (in no particular order)."""
    out = work / "csv"
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo",
         "--convert-to", ALL_SHEETS_CSV, "--outdir", str(out), str(workbook)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    prefix = workbook.stem + "-"
    return {
        path.stem[len(prefix) :]: list(csv.reader(path.open(encoding="utf-8")))
        for path in sorted(out.glob(f"{prefix}*.csv"))
    }
