"""Mapping features on whole columns: sources, cleaning steps, maps and defaults."""

from __future__ import annotations

import polars as pl
import pytest

from bulkio.core.entities import Role
from bulkio.core.errors import MappingError
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping import parse_mapping
from bulkio.core.mapping.expressions import (
    _step,
    after_name_split,
    cell_expr,
    field_expr,
    source_expr,
)


def _apply(field_yaml: str, data: dict[str, list[str | None]]) -> list[object]:
    mapping = parse_mapping(f"contact:\n  fields:\n    {field_yaml}\n")
    spec = next(iter(mapping.contact.fields.values()))
    frame = pl.DataFrame(data, schema=dict.fromkeys(data, pl.String))
    return frame.with_columns(field_expr(spec).alias("__out"))["__out"].to_list()


def test_column_values_are_trimmed_and_blank_is_empty() -> None:
    assert _apply("last_name: Name", {"Name": [" Müller ", "   ", None]}) == ["Müller", None, None]


def test_columns_joined_skip_empty_cells() -> None:
    values = _apply(
        'address_street: {columns: [Str, Nr], join: " "}',
        {"Str": ["Am Markt", "Ring", None], "Nr": ["3", None, None]},
    )
    assert values == ["Am Markt 3", "Ring", None]


def test_constant() -> None:
    assert _apply("owner: {constant: a@b.de}", {"X": ["1", "2"]}) == ["a@b.de", "a@b.de"]


def test_cleaning_steps_in_order() -> None:
    steps = (
        'telephone: {column: T, clean: [{replace: {"(0)": ""}}, {remove: "/-"}, collapse_spaces]}'
    )
    assert _apply(steps, {"T": ["+49 (0)351/123-45  67"]}) == ["+49 35112345 67"]
    assert _apply("last_name: {column: N, clean: [upper]}", {"N": ["müller"]}) == ["MÜLLER"]
    assert _apply("last_name: {column: N, clean: [title]}", {"N": ["anna MÜLLER"]}) == [
        "Anna Müller"
    ]


def test_regex_steps() -> None:
    values = _apply(
        'address_zip: {column: Z, clean: [{extract: "(\\\\d{5})"}]}',
        {"Z": ["D-01067 Dresden", "x"]},
    )
    assert values == ["01067", None]
    values = _apply(
        'last_name: {column: N, clean: [{regex_replace: {"^Fa\\\\.?\\\\s+": ""}}]}',
        {"N": ["Fa. Müller"]},
    )
    assert values == ["Müller"]


def test_map_with_and_without_default() -> None:
    with_default = "gender: {column: A, map: {Herr: male, frau: female}, default: null}"
    assert _apply(with_default, {"A": ["Herr", " FRAU ", "Dr.", None]}) == [
        "male",
        "female",
        None,
        None,
    ]
    keep = "gender: {column: A, map: {Herr: male}}"
    assert _apply(keep, {"A": ["Herr", "divers"]}) == ["male", "divers"]


def test_default_fills_empty_cells() -> None:
    assert _apply("locale: {column: L, default: de}", {"L": [None, "en"]}) == ["de", "en"]


def test_split_is_only_for_tags() -> None:
    with pytest.raises(MappingError, match="'split' is only for tags"):
        parse_mapping("contact:\n  fields:\n    email: {column: E, split: ','}\n")


def test_one_company_named_on_the_contacts_sheet() -> None:
    from bulkio.core.validation import Validator

    mapping = parse_mapping(
        "input:\n  companies: {sheet: F}\n  contacts: {sheet: K}\n"
        "company:\n  key: {external_id: Nr}\n  fields: {company_name: Firma}\n"
        "contact:\n  key: {external_id: ID}\n  company: Firma-Nr\n"
        "  fields: {last_name: Name}\nlink:\n  position: Rolle\n"
    )
    validator = Validator(mapping)
    companies = pl.DataFrame({"Nr": ["K-1"], "Firma": ["A GmbH"], ROW_COLUMN: [2]})
    contacts = pl.DataFrame(
        {
            "ID": ["C-1", "C-2"],
            "Firma-Nr": ["K-1", "K-2"],
            "Name": ["Müller", "Roth"],
            "Rolle": ["Einkauf", None],
            ROW_COLUMN: [2, 3],
        }
    )
    validator.add(Role.COMPANIES, companies, sheet="F")
    validator.add(Role.CONTACTS, contacts, sheet="K")
    result = validator.finish()
    assert [(lk.contact_key.value, lk.company_key.value, lk.position) for lk in result.links] == [
        ("C-1", "K-1", "Einkauf")
    ]
    (issue,) = result.issues
    assert (
        issue.row == 3
        and issue.column == "Firma-Nr"
        and "'K-2' is not in the file" in issue.message
    )
    assert [c.key.value for c in result.contacts] == ["C-1"]


def test_a_lone_dash_is_empty_and_no_break_spaces_are_plain_spaces() -> None:
    values = ["-", " – ", "a-b", "\u00a0—\u00a0", "x\u00a0y", None, "--", "\u2007-", "x\u202fy"]
    got = pl.DataFrame({"a": values}).select(cell_expr("a")).to_series().to_list()
    assert got == [None, None, "a-b", None, "x y", None, "--", None, "x y"]


TRICKY = [
    " Müller ",
    "-",
    " – ",
    "\u00a0—\u00a0",
    "  ",
    "",
    None,
    "x\u00a0y ",
    "--",
    "a - b",
    "\t7\n",
]


@pytest.mark.parametrize(
    "field_yaml",
    [
        "last_name: Name",
        "last_name: {column: Name, skip: {pattern: '^7$'}}",
        "last_name: {column: Name, default: unbekannt}",
        "gender: {column: Name, map: {'--': male, 'a - b': female}, default: diverse}",
        "address_street: {column: Name, split_street: street}",
        "last_name: {column: Name, clean: [upper]}",
        "last_name: {column: Name, clean: [{replace: {'M': '  '}}]}",
    ],
)
def test_a_cell_trimmed_once_reads_as_trimmed_at_every_step(field_yaml: str) -> None:
    mapping = parse_mapping(f"contact:\n  fields:\n    {field_yaml}\n")
    spec = next(iter(mapping.contact.fields.values()))
    # every step trimming again, as before the source's cells were trimmed only once
    stepwise = source_expr(spec).str.strip_chars()
    if spec.skip is not None:
        stepwise = pl.when(stepwise.str.contains(spec.skip.pattern)).then(None).otherwise(stepwise)
    for step in spec.clean:
        stepwise = _step(stepwise, step)
    got = pl.DataFrame({"Name": TRICKY}).select(
        field_expr(spec).alias("once"), after_name_split(stepwise, spec).alias("stepwise")
    )
    assert got["once"].to_list() == got["stepwise"].to_list()


def test_a_trimmed_cell_is_the_cell_trimmed() -> None:
    got = pl.DataFrame({"a": TRICKY}).select(
        cell_expr("a", trimmed=True).alias("once"), cell_expr("a").str.strip_chars().alias("twice")
    )
    assert got["once"].to_list() == got["twice"].to_list()
    assert got["once"].to_list()[:3] == ["Müller", None, None]
