"""LibreOffice as a second opinion on the workbooks bulkio writes: it converts a workbook's
sheets to CSV files, which the tests read, or prints it as PDF, whose pages poppler's
pdftotext reads back word by word with each word's box. Tests that use them skip when they
are not installed (``apt-get install libreoffice-calc poppler-utils``)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

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


needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="rendering a workbook as PDF needs LibreOffice (soffice) and poppler-utils (pdftotext)",
)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Word) -> bool:
        """Whether the two words are drawn over each other. A word's box is its font's
        height, a little taller than the lines of wrapped text are apart, so the boxes of
        two lines of one paragraph touch; words over each other share most of their height."""
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1, other.y1) - max(self.y0, other.y0)
        return across > 0.5 and down > 0.4 * min(self.y1 - self.y0, other.y1 - other.y0)


@dataclass(frozen=True)
class Page:
    """One printed page: its size in points and its text, line by line as poppler reads it."""

    width: float
    height: float
    lines: list[list[Word]]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in self.lines)

    def top_line(self) -> str:
        """The words nearest the top of the page, left to right (a header row's first line:
        poppler reads each cell's text as a line of its own)."""
        top = min(w.y0 for w in self.words)
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.x0) if w.y0 - top < 1)


_XHTML = "{http://www.w3.org/1999/xhtml}"  # pdftotext -bbox-layout writes XHTML


def printed(workbook: Path, work: Path) -> list[Page]:
    """The pages LibreOffice prints of ``workbook`` (its visible sheets, with their print
    settings), read back with poppler's pdftotext."""
    out = work / "pdf"
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo",
         "--convert-to", "pdf", "--outdir", str(out), str(workbook)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    boxes = subprocess.run(
        ["pdftotext", "-bbox-layout", str(out / f"{workbook.stem}.pdf"), "-"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    pages = []
    for page in ElementTree.fromstring(boxes).iter(f"{_XHTML}page"):
        lines = [
            [
                Word(w.text or "", *(float(w.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))
                for w in line.iter(f"{_XHTML}word")
            ]
            for line in page.iter(f"{_XHTML}line")
        ]
        pages.append(Page(float(page.attrib["width"]), float(page.attrib["height"]), lines))
    return pages
