from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from bulkio.core.outcome import Outcome
from bulkio.writers.results import ResultsSheet, RowOutcome, write_results

COLUMNS = ["Name", "Telefon", "Outcome"]  # the user's own "Outcome" column stays apart
ROWS: list[tuple[int, list[str | None], RowOutcome]] = [
    (
        2,
        ["Anna", "+49 30 1", "x"],
        RowOutcome(Outcome.CREATED, contact_id="ct-1", company_id="co-1"),
    ),
    (3, ["=1+1", "01067", None], RowOutcome(Outcome.FAILED, problem="column 'Telefon': too short")),
    (4, ["Dora\x0b", None, None], RowOutcome(Outcome.SKIPPED_INVALID, problem="no name")),
    (
        5,
        ["Emil", "TRUE", None],
        RowOutcome(Outcome.SKIPPED, problem="nothing to import on this row"),
    ),
]


def _write(tmp_path: Path) -> Path:
    out = tmp_path / "kunden-results.xlsx"
    write_results(
        out,
        sheets=[ResultsSheet("Kunden/2024", COLUMNS, iter(ROWS))],
        summary={"file": "=kunden.csv", "rows": 4, "failed": 1},
    )
    return out


def test_results_list_every_row_with_its_outcome_and_marks(tmp_path: Path) -> None:
    out = _write(tmp_path)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Kunden_2024"]
    assert dict(wb["Summary"].iter_rows(values_only=True)) == {
        "file": "=kunden.csv", "rows": 4, "failed": 1
    }  # fmt: skip
    ws = wb["Kunden_2024"]
    assert ws.freeze_panes == "B2"
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Name", "Telefon", "Outcome", "Outcome", "Kanbert contact id",
                       "Kanbert company id", "Problem")  # fmt: skip
    assert rows[1] == (2, "Anna", "+49 30 1", "x", "created", "ct-1", "co-1", None)
    assert rows[2][:5] == (3, "=1+1", "01067", None, "failed")
    assert rows[3][1] == "Dora"  # a control character is dropped, the row is kept
    assert [c.font.b for c in ws[1]] == [True] * 8
    fills = [ws.cell(row=r, column=5).fill.fgColor.rgb for r in range(2, 6)]
    assert fills[0] == "00000000"
    assert fills[1].endswith("FFC7CE") and fills[2].endswith("FFC7CE")  # failed, invalid
    assert fills[3].endswith("FFEB9C")  # skipped
    texts = [c for row in ws.iter_rows(min_row=2, min_col=2) for c in row if c.value is not None]
    assert {c.data_type for c in texts} == {"s"}
    assert not list(tmp_path.glob("*.part"))


def test_calamine_reads_the_results(tmp_path: Path) -> None:
    sheet = CalamineWorkbook.from_path(_write(tmp_path)).get_sheet_by_name("Kunden_2024")
    rows = sheet.to_python()
    assert [row[4] for row in rows[1:]] == ["created", "failed", "skipped invalid", "skipped"]
    assert rows[2][1] == "=1+1" and rows[4][2] == "TRUE"


def test_results_replace_an_earlier_file_only_when_complete(tmp_path: Path) -> None:
    out = tmp_path / "kunden-results.xlsx"
    out.write_bytes(b"earlier results")

    def broken() -> Iterator[tuple[int, list[str | None], RowOutcome]]:
        yield ROWS[0]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_results(out, sheets=[ResultsSheet("Kunden", COLUMNS, broken())], summary={})
    assert out.read_bytes() == b"earlier results"
    assert not list(tmp_path.glob("*.part"))


def test_a_short_row_keeps_its_outcome_under_outcome(tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    rows: list[tuple[int, list[str | None], RowOutcome]] = [
        (2, ["Anna"], RowOutcome(Outcome.FAILED, problem="no phone")),
        (3, ["Ben", "1", "x", "extra"], RowOutcome(Outcome.CREATED, contact_id="ct-2")),
    ]
    write_results(out, sheets=[ResultsSheet("K", COLUMNS, iter(rows))], summary={"rows": 2})
    ws = openpyxl.load_workbook(out)["K"]
    lines = list(ws.iter_rows(min_row=2, values_only=True))
    assert lines[0] == (2, "Anna", None, None, "failed", None, None, "no phone")
    assert lines[1] == (3, "Ben", "1", "x", "created", "ct-2", None, None)
    assert ws["E2"].fill.fgColor.rgb.endswith("FFC7CE")
