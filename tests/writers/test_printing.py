"""Workbooks bulkio writes, printed by LibreOffice (to PDF) and read back with poppler: the
Instructions fit one page, inside its width, no line over another; every sheet prints
landscape and fitted to the page width, a table's header row on top of each of its pages."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import openpyxl
import pytest

from bulkio.core.issues import RowIssue
from bulkio.core.layout import build_layout
from bulkio.core.outcome import Outcome
from bulkio.usecases.template import make_template, offline_lookups
from bulkio.writers.export_xlsx import write_export_xlsx
from bulkio.writers.report import ReportSheet, write_report
from bulkio.writers.results import ResultsSheet, RowOutcome, write_results
from tests.writers.libreoffice import Page, needs_pdf_tools, printed
from tests.writers.records import company, contact, linked

TITLES = {"en": "How to fill this workbook", "de": "So füllen Sie diese Arbeitsmappe aus"}


def _landscape(pages: list[Page]) -> bool:
    return all(page.width > page.height for page in pages)


@needs_pdf_tools
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_instructions_print_on_one_page_inside_its_width_with_no_line_over_another(
    tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "template.xlsx"
    make_template(out, lang=lang)

    pages = printed(out, tmp_path)

    instructions, companies, contacts, links = pages  # one page per sheet, hidden ones left out
    assert _landscape(pages)
    assert instructions.top_line() == TITLES[lang]
    assert "'_lists'" in instructions.text  # its last line: nothing ran onto a second page
    words = instructions.words
    assert all(w.x0 > 0 and w.x1 < instructions.width for w in words)
    assert not [(a.text, b.text) for a, b in combinations(words, 2) if a.overlaps(b)]
    external_id = "Externe ID" if lang == "de" else "External ID"
    assert companies.top_line().startswith(external_id)
    assert contacts.top_line().startswith(external_id)
    assert links.top_line().startswith("Kontakt" if lang == "de" else "Contact")


@needs_pdf_tools
def test_a_filled_template_prints_its_header_row_on_top_of_every_page(tmp_path: Path) -> None:
    out = tmp_path / "contacts.xlsx"
    make_template(out, entities="contacts")
    book = openpyxl.load_workbook(out)
    ws = book["Contacts"]
    for n in range(2, 402):
        ws.cell(row=n, column=1, value=f"C-{n:04d}")
        ws.cell(row=n, column=6, value=f"Müller {n}")
    book.save(out)

    pages = printed(out, tmp_path)

    assert _landscape(pages)
    contact_pages = pages[1:-1]
    assert len(contact_pages) >= 2
    for page in contact_pages:
        assert page.top_line().startswith("External ID External origin Gender"), page.top_line()
    found = [w.text for page in contact_pages for w in page.words if w.text.startswith("C-0")]
    assert sorted(found) == [f"C-{n:04d}" for n in range(2, 402)]
    assert pages[-1].top_line().startswith("Contact (external")


@needs_pdf_tools
def test_an_export_prints_each_sheet_fitted_to_width_with_its_header_on_every_page(
    tmp_path: Path,
) -> None:
    layout = build_layout(offline_lookups().custom_fields, export=True)
    companies = [company(i) for i in range(1, 4)]
    contacts = [contact(i, companies=[linked(companies[i % 3], "CEO")]) for i in range(1, 301)]
    out = tmp_path / "export.xlsx"
    write_export_xlsx(out, layout=layout, companies=companies, contacts=contacts)

    pages = printed(out, tmp_path)

    assert _landscape(pages)
    assert len(pages) > 3  # the contacts take several pages
    tops = [page.top_line() for page in pages]
    assert all(top.startswith(("External ID External origin", "Contact (external")) for top in tops)
    cut_off = [w.text for page in pages for w in page.words if w.x1 > page.width]
    assert cut_off == []
    ids = [w.text for page in pages for w in page.words if w.text.startswith("ct-")]
    assert len(set(ids)) == 300


COLUMNS = ["Kundennr.", "Firma", "Vorname", "Nachname", "E-Mail", "Telefon", "Straße", "PLZ", "Ort"]


def _rows(count: int) -> list[tuple[int, list[str | None]]]:
    return [
        (n, [f"K-{n}", f"Firma {n} GmbH", "Anna", f"Müller {n}", f"a{n}@firma.de",
             "+49 351 1234567", "Hauptstraße 1", "01067", "Dresden"])
        for n in range(2, 302)
    ]  # fmt: skip


@needs_pdf_tools
def test_a_check_report_and_an_import_results_print_with_their_header_on_every_page(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.xlsx"
    issues = [
        RowIssue("is not an e-mail address", row=n, column="E-Mail", value=f"a{n}", sheet="Kunden")
        for n, _ in _rows(300)
    ]
    write_report(
        report,
        sheets=[ReportSheet("Kunden", COLUMNS, iter(_rows(300)))],
        issues=issues,
        summary={"file": "kunden.csv", "rows read": 300},
    )
    results = tmp_path / "results.xlsx"
    outcomes = [(n, cells, RowOutcome(Outcome.CREATED, f"ct-{n}")) for n, cells in _rows(300)]
    write_results(
        results, sheets=[ResultsSheet("Kunden", COLUMNS, outcomes)], summary={"rows": 300}
    )

    for workbook, first_headers in (
        (report, ("Sheet Row Column Value Message", "Row Kundennr.")),
        (results, ("Row Kundennr.",)),
    ):
        pages = printed(workbook, tmp_path / workbook.stem)
        assert _landscape(pages), workbook.name
        summary, *tables = pages
        assert "300" in summary.text
        assert len(tables) > len(first_headers)  # a sheet of 300 rows takes pages
        for page in tables:
            assert page.top_line().startswith(first_headers), (workbook.name, page.top_line())
            assert all(w.x1 <= page.width for w in page.words)
