from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

from bulkio.core.issues import RowIssue, Severity
from bulkio.writers.report import ReportSheet, write_report

COLUMNS = ["Name", "E-Mail", "PLZ"]
ROWS = [
    (2, ["Anna", "anna@example.de", "01067"]),
    (3, ["Ben", "ben(at)example.de", "1067"]),
    (4, ["=1+1", "c@example.de", "01069"]),
    (5, ["Dora", "d@example.de", "01069"]),
]
ISSUES = [
    RowIssue(
        "'ben(at)example.de' is not an e-mail address; write it like name@example.com",
        row=3, column="E-Mail", value="ben(at)example.de", sheet="Kontakte",
    ),
    RowIssue(
        "'1067' has 4 digits; a German ZIP has 5, perhaps '01067'",
        row=3, column="PLZ", value="1067", sheet="Kontakte", severity=Severity.WARNING,
    ),
    RowIssue("the same e-mail as row 2", row=4, sheet="Kontakte"),
    RowIssue("the file has no column for the last name", severity=Severity.WARNING),
]  # fmt: skip


def _write(tmp_path: Path, **kwargs: object) -> openpyxl.Workbook:
    out = tmp_path / "report.xlsx"
    write_report(
        out,
        sheets=[ReportSheet("Kontakte", COLUMNS, iter(ROWS))],
        issues=ISSUES,
        summary={"file": "kunden.xlsx", "rows read": 4},
        **kwargs,  # type: ignore[arg-type]
    )
    return openpyxl.load_workbook(out)


def test_report_highlights_the_bad_cells_with_notes(tmp_path: Path) -> None:
    wb = _write(tmp_path)
    assert wb.sheetnames == ["Summary", "Errors", "Kontakte"]
    ws = wb["Kontakte"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Name", "E-Mail", "PLZ")
    assert [r[0] for r in rows[1:]] == [3, 4]  # only rows with problems
    assert rows[2][1] == "=1+1"  # the user's value, as text
    email, zip_code = ws["C2"], ws["D2"]
    assert email.fill.fgColor.rgb.endswith("FFC7CE")
    assert "not an e-mail address" in email.comment.text
    assert zip_code.fill.fgColor.rgb.endswith("FFEB9C")
    assert zip_code.comment.text.startswith("Warning: ")
    assert ws["B2"].comment is None and ws["B2"].fill.fgColor.rgb == "00000000"
    assert "same e-mail" in ws["A3"].comment.text  # a whole-row problem marks the Row cell


def test_errors_and_summary_sheets(tmp_path: Path) -> None:
    wb = _write(tmp_path)
    errors = wb["Errors"]
    rows = list(errors.iter_rows(values_only=True))
    assert rows[0] == ("Sheet", "Row", "Column", "Value", "Message", "Severity")
    assert len(rows) == 1 + len(ISSUES)
    assert rows[1][:4] == ("Kontakte", 3, "E-Mail", "ben(at)example.de")
    assert rows[4][1] is None and rows[4][5] == "warning"
    assert errors.auto_filter.ref == "A1:F5"
    summary = dict(wb["Summary"].iter_rows(values_only=True))
    assert summary == {
        "file": "kunden.xlsx", "rows read": 4, "errors": 2, "warnings": 2
    }  # fmt: skip


def test_report_with_all_rows(tmp_path: Path) -> None:
    ws = _write(tmp_path, all_rows=True)["Kontakte"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [2, 3, 4, 5]
    assert ws["C3"].comment is not None


def test_each_error_links_to_the_cell_it_is_about(tmp_path: Path) -> None:
    wb = _write(tmp_path)
    links = [row[0].hyperlink for row in wb["Errors"].iter_rows(min_row=2)]
    assert [link.location if link else None for link in links] == [
        "'Kontakte'!C2",  # row 3's e-mail, on the report's second line
        "'Kontakte'!D2",
        "'Kontakte'!A3",  # a whole-row problem: the row's Row cell
        None,  # a problem with the whole file has no cell
    ]
    every_row = _write(tmp_path, all_rows=True)["Errors"]
    assert every_row["A2"].hyperlink.location == "'Kontakte'!C3"
    assert every_row["A2"].value == "Kontakte"


def test_columns_are_as_wide_as_their_content_and_every_sheet_prints_landscape(
    tmp_path: Path,
) -> None:
    out = tmp_path / "report.xlsx"
    firm = "Müller & Söhne Maschinenbau GmbH"
    write_report(
        out,
        sheets=[ReportSheet("Firmen", ["Firma", "PLZ"], iter([(2, [firm, "1067"])]))],
        issues=[RowIssue("'1067' has 4 digits", row=2, column="PLZ", sheet="Firmen")],
        summary={"file": "firmen.xlsx"},
    )
    wb = openpyxl.load_workbook(out)
    sheet = wb["Firmen"]
    assert sheet.column_dimensions["B"].width >= len(firm)
    assert sheet.column_dimensions["C"].width < 10  # "PLZ", "1067"
    assert wb["Errors"].column_dimensions["E"].width >= len("'1067' has 4 digits")
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide (the default width)
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.auto_filter.ref == "A1:C2"


def test_every_value_of_the_report_is_text_and_stays_as_typed(tmp_path: Path) -> None:
    values = ["=1+1", "+49 30 1", "TRUE", "1e5", "a\x0bb", "http://x.de"]
    rows = [(i + 2, [v, v, v]) for i, v in enumerate(values)]
    issues = [RowIssue(f"check {v}", row=row, column="PLZ", value=v) for row, (v, *_) in rows]
    out = tmp_path / "report.xlsx"
    sheet = ReportSheet("'Kunden [alt]'", COLUMNS, iter(rows))
    write_report(out, sheets=[sheet], issues=issues, summary={"file": "=kunden.csv"})
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Errors", "Kunden _alt_"]
    ws = wb["Kunden _alt_"]
    cells = [c for row in ws.iter_rows(min_row=2, min_col=2) for c in row]
    assert {c.data_type for c in cells} == {"s"}
    expected = [v.replace("\x0b", "") for v in values]
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == expected
    assert all(ws.cell(row=r, column=4).comment is not None for r in range(2, 8))
    assert not any(c.hyperlink for c in cells)
    assert wb["Summary"]["B1"].value == "=kunden.csv"
    assert [r[3] for r in wb["Errors"].iter_rows(min_row=2, values_only=True)] == expected


def test_every_note_holds_exactly_its_text_on_every_sheet(tmp_path: Path) -> None:
    many = [(n, ["Name", f"mail{n}", "01067"]) for n in range(2, 1202)]  # > 1024 notes
    issues = [
        RowIssue(f"bad e-mail <{n}> & co", row=n, column="E-Mail", sheet="A") for n, _ in many
    ]
    issues += [RowIssue("=too short", row=3, column="PLZ", sheet="B", severity=Severity.WARNING)]
    out = tmp_path / "report.xlsx"
    sheets = [ReportSheet("A", COLUMNS, iter(many)), ReportSheet("B", COLUMNS, iter(ROWS))]
    write_report(out, sheets=sheets, issues=issues, summary={"file": "x.csv"})
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        drawings = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".vml")]
    ids = [i for vml in drawings for i in re.findall(r'<v:shape id="(_x0000_s\d+)"', vml)]
    assert len(ids) == len(set(ids)) == len(issues)  # one box per note, no id twice
    wb = openpyxl.load_workbook(out)
    notes = {
        (ws.title, c.coordinate): c.comment.text
        for ws in wb.worksheets[2:]
        for row in ws.iter_rows()
        for c in row
        if c.comment
    }
    assert len(notes) == len(issues)
    assert notes[("A", "C2")] == "bad e-mail <2> & co"
    assert notes[("A", "C1201")] == "bad e-mail <1201> & co"
    assert notes[("B", "D2")] == "Warning: =too short"
    assert wb["A"]["C1201"].fill.fgColor.rgb.endswith("FFC7CE")


def test_a_report_without_a_cell_to_mark(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    issues = [RowIssue("the file has no column for the last name", severity=Severity.WARNING)]
    sheet = ReportSheet("Kontakte", COLUMNS, iter(ROWS))
    write_report(out, sheets=[sheet], issues=issues, summary={"file": "k.csv"})
    wb = openpyxl.load_workbook(out)
    assert wb["Kontakte"].max_row == 1  # the header alone: no row has a problem
    assert wb["Errors"]["E2"].value == issues[0].message
