"""LibreOffice opens the export, the check report and the import results, and reads every
value as it was written: formula-like text stays text."""

from __future__ import annotations

from pathlib import Path

from bulkio.core.issues import RowIssue
from bulkio.core.layout import build_layout
from bulkio.core.outcome import Outcome
from bulkio.usecases.template import offline_lookups
from bulkio.writers.export_xlsx import write_export_xlsx
from bulkio.writers.report import ReportSheet, write_report
from bulkio.writers.results import ResultsSheet, RowOutcome, write_results
from tests.writers.libreoffice import needs_soffice, sheets_as_rows
from tests.writers.records import company, contact, linked


@needs_soffice
def test_libreoffice_reads_an_export(tmp_path: Path) -> None:
    acme = company(1, company_name="=1+1", phone="+49 30 1")
    layout = build_layout(offline_lookups().custom_fields, export=True)
    out = tmp_path / "export.xlsx"
    anna = contact(1, companies=[linked(acme, "CEO"), linked(acme, "-5")])
    write_export_xlsx(out, layout=layout, companies=[acme], contacts=[anna])
    sheets = sheets_as_rows(out, tmp_path)
    assert set(sheets) == {"Companies", "Contacts", "Links", "_bulkio"}
    companies = dict(zip(sheets["Companies"][0], sheets["Companies"][1], strict=True))
    assert companies["Company name *"] == "=1+1" and companies["Phone"] == "+49 30 1"
    assert companies["Invoice address: ZIP"] == "01067"
    assert sheets["Links"][1] == ["C-1", "K-1", "-5"]
    assert sheets["_bulkio"][0][:3] == ["bulkio-layout", "1", "en"]


@needs_soffice
def test_libreoffice_reads_a_report_and_results(tmp_path: Path) -> None:
    rows: list[tuple[int, list[str | None]]] = [(2, ["=1+1", "TRUE"]), (3, ["Ben", "1e5"])]
    report = tmp_path / "report.xlsx"
    write_report(
        report,
        sheets=[ReportSheet("Kontakte", ["Name", "Wert"], iter(rows))],
        issues=[RowIssue("not a name", row=2, column="Name", value="=1+1", sheet="Kontakte")],
        summary={"file": "k.csv"},
    )
    sheets = sheets_as_rows(report, tmp_path / "r")
    assert set(sheets) == {"Summary", "Errors", "Kontakte"}
    assert sheets["Kontakte"] == [["Row", "Name", "Wert"], ["2", "=1+1", "TRUE"]]
    assert sheets["Errors"][1][:5] == ["Kontakte", "2", "Name", "=1+1", "not a name"]

    results = tmp_path / "results.xlsx"
    outcomes = [(n, values, RowOutcome(Outcome.FAILED, problem="=bad")) for n, values in rows]
    sheet = ResultsSheet("Kontakte", ["Name", "Wert"], outcomes)
    write_results(results, sheets=[sheet], summary={"rows": 2})
    sheets = sheets_as_rows(results, tmp_path / "s")
    assert sheets["Kontakte"][2] == ["3", "Ben", "1e5", "failed", "", "", "=bad"]
