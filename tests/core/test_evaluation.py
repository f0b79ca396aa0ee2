"""Evaluating a batch column by column: the paths that clean each distinct value (or each
distinct value and country) once give what cleaning every row gives."""

from __future__ import annotations

import polars as pl

from bulkio.core.entities import Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping import parse_mapping
from bulkio.core.mapping.expressions import field_expr
from bulkio.core.validation.evaluation import evaluate, field_values
from bulkio.core.validation.targets import normalize, targets_for

MAPPING = parse_mapping(
    """
input: {flat: {sheet: 0}}
defaults: {phone_region: DE}
company:
  fields:
    company_name: Firma
    address_invoice_zip: PLZ
    address_invoice_country: Land
    phone: Zentrale
    address_invoice_town: Ort
"""
)
ZIPS = ["01067", "1067", "8001", "1067.0", None, "ABC", "10115"]
COUNTRIES = ["Deutschland", "CH", None, "Österreich"]
PHONES = ["0351 1234567", "044 123 45 60", "4930123456", None, "12ab"]


def _frame(rows: int) -> pl.DataFrame:
    return pl.DataFrame(
        {
            ROW_COLUMN: list(range(2, rows + 2)),
            "Firma": [f"Firma {i}" for i in range(rows)],
            "PLZ": [ZIPS[i % len(ZIPS)] for i in range(rows)],
            "Land": [COUNTRIES[i % len(COUNTRIES)] for i in range(rows)],
            "Zentrale": [PHONES[i % len(PHONES)] for i in range(rows)],
            "Ort": ["Dresden"] * rows,
        }
    )


def test_repeated_postcodes_phones_and_towns_read_as_each_row_alone() -> None:
    frame = _frame(140)  # every (value, country) pair many times: cleaned once each
    targets = targets_for(MAPPING, Role.FLAT)
    done = evaluate(frame, targets, [], MAPPING)
    countries = done.values["company.address_invoice_country"]
    assert set(countries.to_list()) == {"DE", "CH", "AT", None}
    for column, source in [("company.address_invoice_zip", "PLZ"), ("company.phone", "Zentrale")]:
        target = next(t for t in targets if t.column == column)
        alone = normalize(target, frame[source], MAPPING, countries)
        assert done.values[column].to_list() == alone.values.to_list()
        problems = done.problems.get(column)
        assert problems is not None or alone.problems.null_count() == len(alone.problems)
        if problems is not None:
            assert problems.to_list() == alone.problems.to_list()
        assert alone.warnings is not None  # the inputs earn warnings: they must come through
        assert done.warnings[column].to_list() == alone.warnings.to_list()
    assert done.values["company.address_invoice_town"].to_list() == ["Dresden"] * 140
    assert done.raw["company.address_invoice_zip"].to_list() == frame["PLZ"].to_list()


def test_a_batch_of_one_row_per_value_reads_the_same() -> None:
    targets = targets_for(MAPPING, Role.FLAT)
    repeated = evaluate(_frame(140), targets, [], MAPPING)
    distinct = evaluate(_frame(140).head(3), targets, [], MAPPING)
    assert repeated.values.head(3).equals(distinct.values)
    for column, warnings in distinct.warnings.items():
        assert repeated.warnings[column].head(3).to_list() == warnings.to_list()


def test_fields_splitting_one_name_cell_read_as_each_field_alone() -> None:
    mapping = parse_mapping(
        """
input: {flat: {sheet: 0}}
contact:
  fields:
    title: {column: Name, split_name: title}
    first_name: {column: Name, split_name: first}
    last_name: {column: Name, split_name: last, map: {Müller: Mueller}}
    position: {column: Name, split_name: first, clean: [upper]}
    email: E-Mail
"""
    )
    names = [
        "Dr. Anna Müller",
        "Müller, Eva",
        "Herr Hans von der Heide",
        "Cher",
        None,
        "  ",
        "Prof. Dr.  Max\tWeber",
        "Anna Maria von Müller",
    ]
    frame = pl.DataFrame(
        {ROW_COLUMN: list(range(2, 10)), "Name": names, "E-Mail": ["a@b.de"] * len(names)}
    )
    fields = [(t.column, t.spec) for t in targets_for(mapping, Role.FLAT)]
    alone = frame.select(
        pl.col(ROW_COLUMN), *[field_expr(spec).alias(name) for name, spec in fields]
    )
    together = field_values(frame, fields, before=[pl.col(ROW_COLUMN)])
    assert together.equals(alone)
    assert together["contact.last_name"].to_list()[:3] == ["Mueller", "Mueller", "von der Heide"]
    assert together["contact.first_name"].to_list()[:4] == ["Anna", "Eva", "Hans", None]
    assert together["contact.title"].to_list()[-2:] == ["Prof. Dr.", None]
