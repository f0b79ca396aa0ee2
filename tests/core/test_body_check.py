"""The batch check of write bodies refuses exactly the values pydantic refuses, though it
hands pydantic only the values that may not fit."""

from __future__ import annotations

import polars as pl
import pytest
from pydantic import ValidationError

from bulkio.core.entities import Entity
from bulkio.core.validation.bodies import COLUMN_ADAPTERS
from bulkio.core.validation.body_check import check_bodies

LONG = "x" * 256
UMLAUTS = "ä" * 255  # 255 characters, 510 bytes: fits


def _refused_by_pydantic(bodies: pl.DataFrame, entity: Entity) -> set[tuple[str, str]]:
    """(field, value) of every value pydantic refuses, each value checked on its own."""
    adapter = COLUMN_ADAPTERS[entity]
    refused = set()
    for name in bodies.columns:
        column = bodies[name]
        values = column.explode() if isinstance(column.dtype, pl.List) else column
        for value in values.drop_nulls().unique().to_list():
            data = {name: [[value]] if name == "tags" else [value]}
            try:
                adapter.validate_python(data)
            except ValidationError:
                refused.add((name, str(value)))
    return refused


CONTACTS = pl.DataFrame(
    {
        "first_name": ["Anna", "", LONG, UMLAUTS, None, "Anna"],
        "email": ["a@x.de", "b@x.de", "c@x.de", "d@x.de", "e@x.de", "f@x.de"],
        "gender": ["male", "Male", None, "diverse", "female", "männlich"],
        "birthday": ["1980-02-01", "1980-2-1", "01.02.1980", None, "١٩٨٠-٠٢-٠١", "x1980-02-01"],
        "address_country": ["DE", "de", "DEU", None, "ÄÖ", "AT"],
    }
)
COMPANIES = pl.DataFrame(
    {
        "company_name": ["A GmbH", "", "C AG"],
        "homepage": ["www.a.de", "x" * 2001, "x" * 2000],
        "tags": [["VIP", ""], None, [LONG, "Partner"]],
        "invoices_by_email": [True, None, False],
    }
)


@pytest.mark.parametrize(
    ("bodies", "entity"), [(CONTACTS, Entity.CONTACT), (COMPANIES, Entity.COMPANY)]
)
def test_the_values_refused_are_those_pydantic_refuses(
    bodies: pl.DataFrame, entity: Entity
) -> None:
    rows = pl.Series(range(2, bodies.height + 2))
    refusals = check_bodies(bodies, rows, entity)
    found = {(r.field, r.value) for r in refusals}
    assert found == _refused_by_pydantic(bodies, entity)
    assert ("first_name", "") in found or entity is Entity.COMPANY
    assert ("first_name", UMLAUTS) not in found


def test_a_refused_value_names_every_row_that_holds_it() -> None:
    rows = pl.Series(range(2, CONTACTS.height + 2))
    refusals = check_bodies(CONTACTS, rows, Entity.CONTACT)
    by_value = {(r.field, r.value): r.rows for r in refusals}
    assert by_value[("gender", "Male")] == [3]
    assert by_value[("first_name", LONG)] == [4]
    assert by_value[("address_country", "DEU")] == [4]
