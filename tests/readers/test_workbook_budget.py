"""The memory budget of workbooks with shared strings, as Excel writes them: a customer
workbook of 100,000 rows x 24 text columns opens, and one string copied into every cell, or
more cells than a reader can hold, is still refused.

The budgets are scaled down by ``SCALE`` (the estimate grows with the cells and their text),
so a workbook 1/50 the size stands for the real one and the test stays fast;
benchmarks/bench_budget.py measures the real sizes against the real budget.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from bulkio.core.errors import InputFileError
from bulkio.readers import limits
from bulkio.readers.quick_extent import quick_sheet_extent
from tests.hostile.make_files import _xlsx

SCALE = 50
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture
def scaled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MEMORY_BUDGET", limits.MEMORY_BUDGET // SCALE)
    monkeypatch.setattr(limits, "FALLBACK_BUDGET", limits.FALLBACK_BUDGET // SCALE)


def _customer_workbook(path: Path, rows: int, number_column: bool = False) -> Path:
    """Rows of 24 short texts, nearly all different, as xlsxwriter (like Excel) writes them:
    every text a shared string."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Kontakte")
    sheet.write_row(0, 0, ["Firma", "Vorname", "Nachname", "E-Mail"] + [f"F{c}" for c in range(20)])
    for r in range(1, rows + 1):
        values = [f"Firma {r % 500}", f"Vorname{r % 80}", f"Name{r % 300}", f"p{r}@example.de"]
        sheet.write_row(r, 0, values + [f"W{c}-{r:06d}" for c in range(20)])
        if number_column:
            sheet.write_number(r, 23, r * 1.5)
    book.close()
    return path


def _check(path: Path) -> bool:
    with path.open("rb") as stream:
        return limits.check_workbook(path, stream)


def _strings(*texts: str) -> str:
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return f'<sst xmlns="{_MAIN}" uniqueCount="{len(texts)}">{items}</sst>'


def _shared_cells(rows: int, columns: str, index: int = 0) -> str:
    """A sheet whose every cell is the shared string ``index``, under a header of A1."""
    body = '<row r="1"><c r="A1" t="s"><v>1</v></c></row>' + "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="s"><v>{index}</v></c>' for c in columns)
        + "</row>"
        for r in range(2, rows + 2)
    )  # fmt: skip
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


@pytest.mark.usefixtures("scaled")
def test_a_text_workbook_of_100000_rows_and_24_columns_opens(tmp_path: Path) -> None:
    path = _customer_workbook(tmp_path / "kunden.xlsx", 100_000 // SCALE)
    assert _check(path) is True  # accepted, and read as text columns


def test_its_estimate_is_what_fastexcel_and_the_check_really_take(tmp_path: Path) -> None:
    """Measured with bench_budget.py: 100,000 x 24 such cells peak at 560 MB in `bulkio
    check`, 476 MB above what the program takes before it reads anything."""
    path = _customer_workbook(tmp_path / "kunden.xlsx", 100_000 // SCALE)
    with path.open("rb") as stream:
        estimate, plain_text = limits.estimated_memory(path, stream)
    assert plain_text
    assert 476 << 20 <= estimate * SCALE <= limits.MEMORY_BUDGET


def test_a_number_column_is_estimated_for_the_cell_by_cell_reader(tmp_path: Path) -> None:
    text = _customer_workbook(tmp_path / "text.xlsx", 1000)
    numbers = _customer_workbook(tmp_path / "numbers.xlsx", 1000, number_column=True)
    with text.open("rb") as one, numbers.open("rb") as other:
        text_estimate, text_plain = limits.estimated_memory(text, one)
        numbers_estimate, numbers_plain = limits.estimated_memory(numbers, other)
    assert (text_plain, numbers_plain) == (True, False)
    assert numbers_estimate > text_estimate


def test_a_number_far_down_a_text_sheet_makes_it_no_plain_text() -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>'
        for r in range(1, 5000)
    )
    last = '<row r="5000"><c r="A5000" t="s"><v>0</v></c><c r="B5000"><v>7</v></c></row>'
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}{last}</sheetData></worksheet>'
    data = sheet.encode()
    found = quick_sheet_extent(data[i : i + 4096] for i in range(0, len(data), 4096))
    assert found is not None
    assert not found.plain_text


def test_one_long_string_in_every_cell_is_refused(tmp_path: Path) -> None:
    """A 60 KB file: 20,000 cells copy one 30,000-character string (600 MB of text)."""
    path = tmp_path / "copies.xlsx"
    _xlsx(path, _shared_cells(5000, "ABCD"), _strings("a" * 30_000, "Firma"))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputFileError, match=r"too large to read as a workbook: .* GB of memory"):
        _check(path)


@pytest.mark.usefixtures("scaled")
def test_more_cells_than_calamine_could_hold_are_refused_though_fastexcel_could(
    tmp_path: Path,
) -> None:
    """Plain text is read by fastexcel, but calamine reads it should fastexcel give it up:
    ~6.2 million empty-text cells (here 1/50 of them) fit fastexcel's budget, not calamine's."""
    path = tmp_path / "cells.xlsx"
    _xlsx(path, _shared_cells(12_400, "ABCDEFGHIJ"), _strings("", "Firma"))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size < 5 << 20
    with pytest.raises(InputFileError, match="too large to read as a workbook"):
        _check(path)


@pytest.mark.usefixtures("scaled")
def test_fewer_such_cells_open(tmp_path: Path) -> None:
    path = tmp_path / "cells.xlsx"
    _xlsx(path, _shared_cells(10_000, "ABCDEFGHIJ"), _strings("", "Firma"))
    assert _check(path) is True
