"""The undo's workbooks hold what came from Kanbert as text, never as a formula."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bulkio.writers.undo_workbook import HEADERS, ReversalRow, write_reversals


def test_values_from_the_platform_stay_text_and_problems_are_marked(tmp_path: Path) -> None:
    path = tmp_path / "undo.xlsx"
    cells = ("contact", "P-1", "c1", "2", "revert", "last_name", "=1+1", "+49 351", None, "@x", "")
    assert len(cells) == len(HEADERS)
    rows = [
        ReversalRow(cells, outcome="failed", problem='=HYPERLINK("x")', needs_look=True),
        ReversalRow(cells, outcome="left as it is", left=True),
    ]

    write_reversals(
        path, summary={"undo of": "=kunden.csv", "planned writes": 2}, rows=rows, outcomes=True
    )

    book = openpyxl.load_workbook(path)
    summary = book["Summary"]
    assert [(c.value, c.data_type) for c in summary["A1":"B1"][0]] == [
        ("undo of", "s"),
        ("=kunden.csv", "s"),
    ]
    sheet = book["Reversals"]
    assert [c.value for c in sheet[1]] == [*HEADERS, "Outcome", "Problem"]
    failed = sheet[2]
    assert [(c.value, c.data_type) for c in failed[6:8]] == [("=1+1", "s"), ("+49 351", "s")]
    assert failed[12].value == '=HYPERLINK("x")' and failed[12].data_type == "s"
    assert failed[11].fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet[3][11].fill.fgColor.rgb.endswith("FFEB9C")
    assert not list(tmp_path.glob("*.part"))
