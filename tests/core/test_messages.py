"""Three validation messages a user reads: a date format said once, a VAT example that is a
real VAT ID, and a link to a record whose own row has errors."""

from __future__ import annotations

import re

import polars as pl
from stdnum.eu import vat

from bulkio.core.entities import Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping import parse_mapping
from bulkio.core.normalize.dates import normalize_dates
from bulkio.core.normalize.vat import normalize_vat_ids
from bulkio.core.validation import Validator


def _s(*values: str | None) -> pl.Series:
    return pl.Series("v", list(values), dtype=pl.String)


def test_an_iso_date_format_is_named_once() -> None:
    (message,) = normalize_dates(_s("31.12.1980"), formats=["%Y-%m-%d"]).problems.to_list()
    assert message is not None and message.count("YYYY-MM-DD") == 1
    assert "write it as YYYY-MM-DD (e.g. 1980-12-31)" in message


def test_another_date_format_still_offers_iso_too() -> None:
    (message,) = normalize_dates(_s("1980/12/31"), formats=["%d.%m.%Y"]).problems.to_list()
    assert message is not None
    assert "DD.MM.YYYY (e.g. 31.12.1980) or YYYY-MM-DD" in message


def test_the_vat_example_is_a_valid_vat_id() -> None:
    (message,) = normalize_vat_ids(_s("DE136695977")).problems.to_list()
    assert message is not None
    example = re.search(r"like ([A-Z]{2}\w+)", message)
    assert example is not None and vat.is_valid(example.group(1))


def _sheets_with_a_bad_company() -> Validator:
    mapping = parse_mapping(
        "input:\n  companies: {sheet: Firmen}\n  contacts: {sheet: Kontakte}\n"
        "  links: {sheet: Links}\n"
        "company:\n  key: {external_id: Nr}\n  fields: {company_name: Firma, tax_uid: USt}\n"
        "contact:\n  key: {external_id: ID}\n  company: Firma-Nr\n"
        "  fields: {last_name: Name, email: Mail}\n"
        "link:\n  contact: Kontakt\n  company: Firma\n"
    )
    validator = Validator(mapping)
    companies = {"Nr": ["K-1", "K-2"], "Firma": ["A GmbH", "B KG"], "USt": [None, "DE136695977"]}
    validator.add(Role.COMPANIES, pl.DataFrame({**companies, ROW_COLUMN: [2, 3]}), sheet="Firmen")
    contacts = {
        "ID": ["C-1", "C-2", "C-3"],
        "Firma-Nr": ["K-2", None, "K-9"],
        "Name": ["Roth", "Wolf", "Lang"],
        "Mail": ["roth@b.de", "wolf(at)b.de", None],
    }
    validator.add(
        Role.CONTACTS, pl.DataFrame({**contacts, ROW_COLUMN: [2, 3, 4]}), sheet="Kontakte"
    )
    links = {"Kontakt": ["C-2", "roth@b.de"], "Firma": ["K-1", "b kg"]}
    validator.add(Role.LINKS, pl.DataFrame({**links, ROW_COLUMN: [2, 3]}), sheet="Links")
    return validator


def test_a_link_to_a_company_with_errors_names_that_row() -> None:
    issues = _sheets_with_a_bad_company().finish().issues
    messages = [i.message for i in issues if i.field in ("link.company", "link.contact")]
    assert (
        "company 'K-2' on row 3 of sheet 'Firmen' has errors; fixing that row fixes this link too"
        in messages
    )
    # by name, too, and for contacts
    assert any(
        m.startswith("company 'b kg' on row 3 of sheet 'Firmen' has errors") for m in messages
    )
    assert any(
        m.startswith("contact 'C-2' on row 3 of sheet 'Kontakte' has errors") for m in messages
    )
    # a company that is nowhere in the file is still called missing
    assert "company 'K-9' is not in the file; add it to the companies or correct the value" in (
        messages
    )
