"""`mapping suggest` lets the values decide: date formats they settle, whole names whatever the
header, id columns that can be keys (or the rows that stop them), street lines in German and
English order, footer rows; and every draft loads as a mapping."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import polars as pl
import pytest
from ruamel.yaml import YAML

from bulkio.core.mapping.expressions import field_expr
from bulkio.core.mapping.loader import parse_mapping
from bulkio.core.suggest.dates import date_formats
from bulkio.core.suggest.draft import Draft, SheetSample
from bulkio.core.suggest.drafting import draft_mapping, plan_sheet
from bulkio.core.suggest.rendering import draft_of


def _draft(rows: list[list[str]], *, today: date | None = None) -> Draft:
    headers, *data = rows
    samples = {h: [r[i] or None for r in data] for i, h in enumerate(headers)}
    if today is None:
        return draft_mapping(headers, samples)
    plan = plan_sheet(SheetSample(0, tuple(headers), samples), today=today)
    return draft_of([plan], source="test")


def _yaml(draft: Draft) -> dict[str, Any]:
    parse_mapping(draft.text)  # every draft is a valid mapping
    loaded = YAML(typ="safe").load(draft.text)
    assert isinstance(loaded, dict)
    return loaded


def _read(draft: Draft, section: str, field: str, values: Sequence[str | None]) -> list[Any]:
    """What the draft's field makes of these cell values, as check reads them."""
    mapping = parse_mapping(draft.text)
    spec = getattr(mapping, section).fields[field]
    column = spec.column if isinstance(spec.column, str) else spec.column[0]
    frame = pl.DataFrame({column: values}, schema={column: pl.String})
    return frame.select(field_expr(spec)).to_series().to_list()


@pytest.mark.parametrize(
    ("values", "formats", "settled"),
    [
        (["23.8.72", "1.2.81"], ("%d.%m.%y",), True),
        (["31.12.1980", "01.02.1975"], ("%d.%m.%Y",), True),
        (["12/31/1980", "01/02/1975"], ("%m/%d/%Y",), True),
        (["23/08/1972", "05/11/1985"], ("%d/%m/%Y",), True),
        (["23.8.72", "31.12.1980"], ("%d.%m.%y", "%d.%m.%Y"), True),
        (["05/04/1980", "01/02/1990"], ("%d/%m/%Y",), False),
        (["05.04.1980", "01.02.1990"], ("%d.%m.%Y",), False),
    ],
)
def test_date_formats_come_from_the_values_that_settle_them(
    values: list[str], formats: tuple[str, ...], settled: bool
) -> None:
    found = date_formats(values)
    assert found is not None
    assert (found.formats, found.settled) == (formats, settled)


def test_dates_no_value_settles_are_marked_check_with_a_question() -> None:
    draft = _draft([["Nachname", "Geburtstag"], ["Roth", "05/04/1980"], ["Wolf", "01/02/1990"]])
    line = next(line for line in draft.text.splitlines() if "Geburtstag" in line)
    assert "# CHECK:" in line and "no value settles" in line
    assert any("Geburtstag" in q for q in draft.questions)


def test_a_settled_date_format_is_confident() -> None:
    draft = _draft([["Nachname", "Geburtstag"], ["Roth", "23.8.72"], ["Wolf", "1.2.81"]])
    birthday = _yaml(draft)["contact"]["fields"]["birthday"]
    assert birthday == {"column": "Geburtstag", "formats": ["%d.%m.%y"]}
    assert "CHECK" not in next(line for line in draft.text.splitlines() if "Geburtstag" in line)


def test_two_digit_years_land_in_the_last_hundred_years() -> None:
    draft = _draft(
        [["Nachname", "Geburtstag"], ["Roth", "23.8.72"], ["Wolf", "3.4.58"], ["Klein", "1.2.05"]],
        today=date(2025, 6, 1),
    )
    read = _read(draft, "contact", "birthday", ["3.4.58", "23.8.72", "1.2.05", "31.12.1980"])
    assert read == ["3.4.1958", "23.8.1972", "1.2.2005", "31.12.1980"]
    assert _yaml(draft)["contact"]["fields"]["birthday"]["formats"] == ["%d.%m.%Y"]


@pytest.mark.parametrize("header", ["Name", "Kontakt", "Ansprechpartner", "Full name", "Person"])
def test_whole_names_are_split_whatever_the_header(header: str) -> None:
    draft = _draft(
        [
            ["Firma", header, "E-Mail"],
            ["Müller GmbH", "Herr Dr. Hans Müller", "h@mueller.de"],
            ["Müller GmbH", "Weiß, Anna", "a@mueller.de"],
            ["Krause KG", "Frau Petra Krause", "p@krause.de"],
        ]
    )
    fields = _yaml(draft)["contact"]["fields"]
    assert fields["first_name"]["split_name"] == "first"
    assert fields["last_name"]["split_name"] == "last"
    assert fields["title"]["split_name"] == "title"
    cells = ["Herr Dr. Hans Müller", "Weiß, Anna", "Frau Petra Krause"]
    assert _read(draft, "contact", "first_name", cells) == ["Hans", "Anna", "Petra"]
    assert _read(draft, "contact", "last_name", cells) == ["Müller", "Weiß", "Krause"]
    assert _read(draft, "contact", "title", cells) == ["Dr.", None, None]
    assert _read(draft, "contact", "gender", cells) == ["male", None, "female"]


def test_english_names_with_salutations_and_titles_without_dots() -> None:
    draft = _draft(
        [
            ["Full name", "Email"],
            ["Mr John Smith", "j@acme.co.uk"],
            ["Dr Emily Brown", "e@brown.co.uk"],
            ["Miss Jane Doe", "jane@doe.co.uk"],
        ]
    )
    cells = ["Mr John Smith", "Dr Emily Brown", "Miss Jane Doe"]
    assert _read(draft, "contact", "first_name", cells) == ["John", "Emily", "Jane"]
    assert _read(draft, "contact", "title", cells) == [None, "Dr", None]
    assert _read(draft, "contact", "gender", cells) == ["male", None, "female"]


def test_a_name_column_beside_a_first_name_column_is_the_last_name() -> None:
    draft = _draft([["Vorname", "Name"], ["Hans", "Müller"], ["Anna", "Weiß"]])
    fields = _yaml(draft)["contact"]["fields"]
    assert fields["last_name"] == {"column": "Name"}
    assert "split_name" not in draft.text


def test_a_salutation_column_with_titles_gives_gender_and_title() -> None:
    draft = _draft(
        [
            ["Anrede", "Nachname"],
            ["Herr Dr.", "Müller"],
            ["Frau Prof. Dr.", "Lang"],
            ["Firma", "Schulz"],
            ["Herr", "Roth"],
        ]
    )
    cells = ["Herr Dr.", "Frau Prof. Dr.", "Firma", "Herr"]
    assert _read(draft, "contact", "gender", cells) == ["male", "female", None, "male"]
    assert _read(draft, "contact", "title", cells) == ["Dr.", "Prof. Dr.", None, None]


@pytest.mark.parametrize("header", ["Kundennr.", "Customer ID", "Nr."])
def test_a_unique_id_column_is_proposed_as_a_key(header: str) -> None:
    draft = _draft([[header, "Nachname", "Mail"], ["1", "Roth", "r@x.de"], ["2", "Wolf", "w@x.de"]])
    assert draft.target_of(header) == "contact.external_id"
    assert _yaml(draft)["contact"]["key"]["external_id"] == {"column": header}


def test_an_id_column_with_duplicates_names_the_rows_that_stop_it() -> None:
    draft = _draft(
        [
            ["Nr.", "Nachname", "E-Mail"],
            ["1", "Roth", "r@x.de"],
            ["2", "Wolf", "w@x.de"],
            ["2", "Klein", "k@x.de"],
            ["", "Huber", "h@x.de"],
        ]
    )
    assert draft.target_of("Nr.") is None
    line = next(line for line in draft.text.splitlines() if '"Nr."' in line)
    assert "'2' is on rows 3 and 4" in line and "row 5 is empty" in line


def test_a_company_number_that_names_two_companies_says_where() -> None:
    draft = _draft(
        [
            ["Kundennr.", "Firma", "Nachname", "E-Mail"],
            ["K1", "A GmbH", "Roth", "r@a.de"],
            ["K1", "A GmbH", "Wolf", "w@a.de"],
            ["K1", "B KG", "Klein", "k@b.de"],
        ]
    )
    assert draft.target_of("Kundennr.") is None
    line = next(line for line in draft.text.splitlines() if '"Kundennr."' in line)
    assert "'K1' names 'A GmbH' and 'B KG' (rows 2 and 4)" in line


@pytest.mark.parametrize(
    ("line", "street", "house"),
    [
        ("12 Main St", "Main St", "12"),
        ("Hauptstr. 5a", "Hauptstr.", "5a"),
        ("Route de Genève 12", "Route de Genève", "12"),
        ("221B Baker Street", "Baker Street", "221B"),
        ("Königsbrücker Str. 12-14", "Königsbrücker Str.", "12-14"),
    ],
)
def test_street_lines_are_split_in_english_and_german_order(
    line: str, street: str, house: str
) -> None:
    draft = _draft([["Firma", "Adresse"], ["A GmbH", line], ["B AG", "Bahnhofstrasse 5"]])
    assert _read(draft, "company", "address_invoice_street", [line]) == [street]
    assert _read(draft, "company", "address_invoice_house", [line]) == [house]


def test_footer_rows_are_skipped_and_named() -> None:
    rows = [
        ["Firma", "Nachname", "E-Mail", "Telefon"],
        ["A GmbH", "Roth", "r@a.de", "0351 1"],
        ["B KG", "Wolf", "w@b.de", "0351 2"],
        ["Summe: 2 Kontakte", "", "", ""],
        ["Stand: 01.03.2024", "", "", ""],
    ]
    draft = _draft(rows)
    pattern = _yaml(draft)["input"]["flat"]["skip_rows"]
    assert pl.Series(["Summe: 12 Kontakte", "Stand: 1.4.2025", "A GmbH"]).str.contains(
        pattern
    ).to_list() == [True, True, False]
    assert "row 4: 'Summe: 2 Kontakte'" in draft.text
    assert any("footer rows" in note for note in draft.notes)
    assert draft.target_of("Firma") == "company.company_name"


def test_a_footer_over_several_cells_is_marked_check() -> None:
    rows = [
        ["Firma", "Nachname", "E-Mail", "Telefon"],
        ["A GmbH", "Roth", "r@a.de", "0351 1"],
        ["B KG", "Wolf", "w@b.de", "0351 2"],
        ["Anzahl", "2", "", ""],
    ]
    line = next(line for line in _draft(rows).text.splitlines() if "flat:" in line)
    assert "CHECK:" in line and "row(s) 4 fill more than one cell" in line


def test_a_company_named_like_a_total_is_no_footer() -> None:
    rows = [
        ["Firma", "Nachname", "E-Mail", "Telefon"],
        ["A GmbH", "Roth", "r@a.de", "0351 1"],
        ["Total Energies", "", "", ""],
    ]
    assert "skip_rows" not in _draft(rows).text


def test_kanbert_lists_are_drafted_switched_off() -> None:
    draft = _draft([["Firma", "Branche"], ["A GmbH", "Bäckerei"], ["B KG", "Handwerk"]])
    assert "business_field" not in _yaml(draft)["company"]["fields"]
    assert '    # business_field: {column: "Branche"}' in draft.text
    assert "Branche" in draft.unmapped


def test_zip_and_town_in_one_cell_are_split() -> None:
    draft = _draft([["Firma", "PLZ/Ort"], ["A GmbH", "01067 Dresden"], ["B AG", "CH-8001 Zürich"]])
    cells = ["01067 Dresden", "CH-8001 Zürich"]
    assert _read(draft, "company", "address_invoice_zip", cells) == ["01067", "8001"]
    assert _read(draft, "company", "address_invoice_town", cells) == ["Dresden", "Zürich"]


def test_the_phone_region_of_a_swiss_list_without_a_country_column() -> None:
    draft = _draft(
        [
            ["Firma", "Nachname", "PLZ", "Telefon", "E-Mail"],
            ["A AG", "Meier", "8001", "044 123 45 60", "p@meier.ch"],
            ["B SA", "Dupont", "1003", "021 123 45 67", "j@dupont.ch"],
        ]
    )
    assert _yaml(draft)["defaults"]["phone_region"] == "CH"


def test_a_name_column_of_trades_is_the_company_name() -> None:
    draft = _draft(
        [
            ["Name", "Straße", "Telefon"],
            ["Bäckerei Schönfeld", "Hauptstr. 5", "0351 1"],
            ["Autohaus Krause", "Ring 2", "0351 2"],
            ["Friseur Haarmonie", "Am Markt 1", "0351 3"],
        ]
    )
    assert draft.target_of("Name") == "company.company_name"
    assert set(_yaml(draft)["input"]) == {"companies"}


def test_placeholders_are_left_empty_and_notes_after_numbers_dropped() -> None:
    draft = _draft(
        [
            ["Nachname", "Telefon", "Geburtstag", "E-Mail"],
            ["Roth", "0351 1234567 (Büro)", "23.8.72", "r@x.de"],
            ["Wolf", "0171-1234567 mobil", "-", "k.A."],
            ["Klein", "-", "1.2.81", "k@x.de"],
        ]
    )
    phones = ["0351 1234567 (Büro)", "0171-1234567 mobil", "-", "0341 99"]
    assert _read(draft, "contact", "telephone", phones) == [
        "0351 1234567",
        "0171-1234567",
        None,
        "0341 99",
    ]
    assert _read(draft, "contact", "email", ["k.A.", "r@x.de"]) == [None, "r@x.de"]
    assert _yaml(draft)["contact"]["fields"]["birthday"]["formats"] == ["%d.%m.%y"]


def test_a_header_with_the_last_name_first_splits_names_without_a_comma() -> None:
    draft = _draft(
        [["Name, Vorname", "E-Mail"], ["Müller Hans", "h@x.de"], ["Weiß Anna", "a@x.de"]]
    )
    cells = ["Müller Hans", "Weiß Anna", "Schulz, Jan"]
    assert _read(draft, "contact", "first_name", cells) == ["Hans", "Anna", "Jan"]
    assert _read(draft, "contact", "last_name", cells) == ["Müller", "Weiß", "Schulz"]


def test_german_zip_codes_excel_shortened_get_their_zero_back() -> None:
    rows = [["Firma", "PLZ", "Ort"], ["A GmbH", "1067", "Dresden"], ["B KG", "04109", "Leipzig"],
            ["C AG", "80331", "München"]]  # fmt: skip
    draft = _draft(rows)
    read = _read(draft, "company", "address_invoice_zip", ["1067", "04109", "80331"])
    assert read == ["01067", "04109", "80331"]
    swiss = _draft([["Firma", "PLZ", "Land"], ["A AG", "8001", "CH"], ["B AG", "80331", "DE"]])
    assert "clean" not in _yaml(swiss)["company"]["fields"]["address_invoice_zip"]


def test_a_birthday_column_with_a_bad_date_still_gets_the_format_the_others_settle() -> None:
    draft = _draft(
        [
            ["Last Name", "Birthday"],
            ["Roth", "4/23/1980"],
            ["Wolf", "0/0/00"],
            ["Klein", "13/31/1975"],
            ["Huber", "12/1/1969"],
            ["Lang", "--07-14"],
        ]
    )
    birthday = _yaml(draft)["contact"]["fields"]["birthday"]
    assert birthday["formats"] == ["%m/%d/%Y"]
    assert birthday["map"] == {"0/0/00": None}
    assert birthday["skip"]["because"] == "the date has no year"


def test_a_reports_notices_below_its_rows_are_footers() -> None:
    rows = [
        ["Account Name", "First Name", "Last Name", "Email"],
        ["Muster GmbH", "Anna", "Roth", "a@m.de"],
        ["Muster GmbH", "Tom", "Wolf", "t@m.de"],
        ["Confidential Information - Do Not Distribute", "", "", ""],
        ["Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.", "", "", ""],
    ]
    pattern = _yaml(_draft(rows))["input"]["flat"]["skip_rows"]
    texts = pl.Series([rows[3][0], rows[4][0].replace("2024", "2025"), "Muster GmbH"])
    assert texts.str.contains(pattern).to_list() == [True, True, False]


def test_companies_joined_in_one_cell_become_one_company_each() -> None:
    draft = _draft(
        [
            ["Name", "Organization 1 - Name", "Organization 1 - Title", "E-mail 1 - Value"],
            ["Anna Roth", "Muster GmbH ::: Fischer IT", "CEO ::: Advisor", "a@m.de ::: b@m.de"],
            ["Tom Wolf", "Muster GmbH", "CTO", "t@m.de"],
        ]
    )
    data = _yaml(draft)
    assert data["company"]["several"] == " ::: "
    assert data["link"]["position"] == {"column": "Organization 1 - Title"}
    assert data["contact"]["fields"]["email"]["first_of"] == " ::: "
