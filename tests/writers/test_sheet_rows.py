"""The rows bulkio writes itself into a report's sheets are the cells rvgsrust-xlsxwriter
would have written, byte for byte, and every reader takes them as the library's."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import fastexcel
import openpyxl
import pytest
from rvgsrust_xlsxwriter import Format, Workbook

from bulkio.core.issues import RowIssue, Severity
from bulkio.writers import sheet_rows
from bulkio.writers.report import ReportSheet, write_report
from bulkio.writers.sheet_rows import SheetRows
from tests.writers.libreoffice import needs_soffice, sheets_as_rows

HOSTILE: list[str | int | None] = [
    7,
    "a&b<c>d\"e'f",
    " lead",
    "trail ",
    "x\ny",
    "x\r\ny",
    "tab\tx",
    "_x0041_",
    "",
    None,
    "=SUM(A1)",
    "é€😀",
    "\u00a0nb",
    "]]>",
    " ",
    "\ty",
    "_X0041_",
    "a\r_x000D_",
    "\nx",
    "x\n",
    "_x0041__x0042_",
    "__x00fF__",
    "a\x01b",
    "a\x00b",
    "\x0bx",
    "\ufffe",
    0,
    2**31 + 5,
]
Row = tuple[int, Sequence[str | int | None], dict[int, str]]
ROWS: list[Row] = [
    (1, HOSTILE, {}),
    (2, ["plain", 5, None, "", "text"], {0: "B", 2: "C", 3: "B"}),
    (3, [None, None, "only C"], {}),
    (4, [None, None], {}),  # no cell: no row
    (6, HOSTILE[::-1], {1: "B", 5: "C", 40: "B"}),  # a format past the values
    (7, [f"row {n}" for n in range(30)], {29: "C"}),  # past column Z
]


def _formats() -> list[Format]:
    return [
        Format().set_font_color("#0563C1").set_underline(),
        Format().set_background_color("#FFC7CE"),
        Format().set_background_color("#FFEB9C"),
    ]


def _library_writes(out: Path, rows: list[Row], links: bool) -> str:
    book = Workbook(str(out))
    ws = book.add_worksheet("S", constant_memory=True)
    formats = _formats()
    ws.write_url(0, 0, "internal:'S'!A1", formats[0], text="S")
    for col, style in enumerate(formats[1:], start=1):
        ws.write(0, col, None, style)
    for row, values, styled in rows:
        ws.write_row(row, 0, list(values))
        for col, key in styled.items():
            value = values[col] if col < len(values) else None
            ws.write(row, col, value or (0 if value == 0 else None), formats["ABC".index(key)])
        if links:
            ws.write_url(row, 50, f"internal:'S'!B{row}", formats[0], text=f'to & "{row}"')
    book.close()
    with zipfile.ZipFile(out) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _bulkio_writes(out: Path, rows: list[Row], links: bool) -> str:
    skeleton = _library_writes(out, [], links=False)
    written = SheetRows()
    written.add(0, ["S", None, None], {0: "A", 1: "B", 2: "C"})
    written.link(0, 0, "S", (0, 0), "S")
    for row, values, styled in rows:
        cells = list(values)
        formats = dict(styled)
        if links:
            cells += [None] * (50 - len(cells)) + [f'to & "{row}"']
            formats[50] = "A"
        written.add(row, cells, formats)
        if links:
            written.link(row, 50, "S", (row - 1, 1), f'to & "{row}"')
    part = written.part(skeleton)
    return b"".join(p if isinstance(p, bytes) else p.encode() for p in part.pieces).decode()


@pytest.mark.parametrize("links", [False, True])
def test_the_rows_are_the_cells_the_library_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    monkeypatch.setattr(sheet_rows, "_CHUNK", 100)  # pieces cut often: no format cut in two
    expected = _library_writes(tmp_path / "library.xlsx", ROWS, links)
    assert ('<row r="5"' in expected) == links and "_x005F_x0041_" in expected
    assert _bulkio_writes(tmp_path / "bulkio.xlsx", ROWS, links) == expected


def test_a_sheet_without_rows_keeps_its_header_alone(tmp_path: Path) -> None:
    expected = _library_writes(tmp_path / "library.xlsx", [], links=False)
    assert _bulkio_writes(tmp_path / "bulkio.xlsx", [], links=False) == expected


# read back the same by every reader (how each takes _xHHHH_ is its own affair: the cells
# are the library's, as the first test shows)
READABLE = ["a&b<c>d\"e'f", " lead", "trail ", "x\ny", "tab\tx", "=SUM(A1)", "é€😀", "\u00a0nb"]
READABLE += ["]]>", " ", "\ty", "\nx", "x\n", "a\x01b", "-5", "TRUE"]


def _hostile_report(out: Path) -> list[str]:
    texts = READABLE
    rows = [(n + 2, [v, f"mail{n}", v]) for n, v in enumerate(texts)]
    issues = [
        RowIssue(f"check {v}", row=n, column="E-Mail", value=v, sheet="K&L <1>")
        for n, (v, *_) in rows
    ]
    issues.append(RowIssue("=whole row", row=3, sheet="K&L <1>", severity=Severity.WARNING))
    sheet = ReportSheet("K&L <1>", ["Name", "E-Mail", "PLZ"], iter(rows))
    write_report(out, sheets=[sheet], issues=issues, summary={"file": "k.csv"})
    return texts


def test_readers_take_the_report_rows_as_written(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    texts = _hostile_report(out)
    cleaned = [t.replace("\x01", "") for t in texts]
    wb = openpyxl.load_workbook(out)
    ws = wb["K&L <1>"]
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == [c or None for c in cleaned]
    assert ws["C2"].fill.fgColor.rgb.endswith("FFC7CE") and ws["C2"].comment is not None
    assert ws["A3"].fill.fgColor.rgb.endswith("FFEB9C")  # the whole-row warning
    assert ws.max_row == len(texts) + 1 and ws.max_column == 4
    errors = wb["Errors"]
    assert errors["A2"].hyperlink.location == "'K&L <1>'!C2"
    assert errors["A2"].value == "K&L <1>" and errors["A2"].font.u == "single"
    assert [r[3] for r in errors.iter_rows(min_row=2, values_only=True)][:-1] == [
        c or None for c in cleaned
    ]
    calamine = fastexcel.read_excel(out).load_sheet_by_name("K&L <1>", dtypes="string")
    assert calamine.to_polars()["Name"].fill_null("").to_list() == cleaned


@needs_soffice
def test_libreoffice_takes_the_report_rows_as_written(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    texts = _hostile_report(out)
    sheets = sheets_as_rows(out, tmp_path / "lo")
    names = sorted(row[1] for row in sheets["K&L <1>"][1:])
    assert names == sorted(t.replace("\x01", "") for t in texts)
