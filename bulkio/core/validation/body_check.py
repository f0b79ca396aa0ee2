"""Checking a batch against the write bodies with pydantic, one call per batch and entity.

Each field's distinct values go through one ``TypeAdapter`` of {field: [values]}; a refused
value becomes a row issue on every row that holds it. Values that certainly fit (a text
within its length, a date in its pattern: ``_fits``, read off the same bodies) are told
apart in polars first, so pydantic sees only the few that may not: a column of a million
different e-mails costs no Python string each.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

import polars as pl
from pydantic import StringConstraints, ValidationError

from bulkio.core.entities import Entity
from bulkio.core.validation.bodies import COLUMN_ADAPTERS, CompanyBody, ContactBody

# values (a polars Series of one dtype) -> where they certainly fit the field
Fits = Callable[[pl.Series], pl.Series]


@dataclass(frozen=True)
class Refusal:
    field: str
    value: str
    message: str
    rows: list[int]


def check_bodies(bodies: pl.DataFrame, rows: pl.Series, entity: Entity) -> list[Refusal]:
    """The values pydantic refuses, with the rows (from ``rows``) that hold them."""
    adapter = COLUMN_ADAPTERS[entity]
    fits = _FITS[entity]
    uniques: dict[str, pl.Series] = {}
    for name in bodies.columns:
        if name == "custom_fields":
            continue
        column = bodies[name]
        if isinstance(column.dtype, pl.List):
            column = column.explode()
        values = column.drop_nulls()
        sure = fits.get(name, {}).get(values.dtype)
        if sure is not None:  # only the values that may not fit go to pydantic
            values = values.filter(~sure(values))
        uniques[name] = values.unique()
    data = {name: values.to_list() for name, values in uniques.items()}
    if isinstance(bodies.schema.get("tags"), pl.List):
        data["tags"] = [[tag] for tag in data.get("tags", [])]
    try:
        adapter.validate_python(data)
    except ValidationError as exc:
        return _refusals(exc, bodies, rows, uniques)
    return []


def _refusals(
    exc: ValidationError, bodies: pl.DataFrame, rows: pl.Series, uniques: dict[str, pl.Series]
) -> list[Refusal]:
    found: list[Refusal] = []
    for error in exc.errors():
        name, index = str(error["loc"][0]), int(error["loc"][1])
        value = uniques[name][index]
        column = bodies[name]
        if isinstance(column.dtype, pl.List):
            holds = column.list.contains(value).fill_null(False)
        else:
            holds = (column == value).fill_null(False)
        message = str(error["msg"])
        message = message[0].lower() + message[1:]
        found.append(
            Refusal(
                name,
                str(value),
                f"'{_short(str(value))}' does not fit here: {message}",
                rows.filter(holds).to_list(),
            )
        )
    return found


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _fits(annotation: Any) -> dict[pl.DataType, Fits]:
    """For one field of a body: per polars dtype, where its values certainly pass
    pydantic's check; a type not understood here has none (pydantic checks every value)."""
    if get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _fits(inner[0]) if len(inner) == 1 else {}
    if get_origin(annotation) is list:
        return _fits(get_args(annotation)[0])  # checked on the exploded values
    if annotation is bool:
        return {pl.Boolean(): lambda values: pl.repeat(True, len(values), eager=True)}
    if annotation is str:
        return {pl.String(): lambda values: pl.repeat(True, len(values), eager=True)}
    if get_origin(annotation) is Literal:
        allowed = list(get_args(annotation))
        if all(isinstance(a, str) for a in allowed):
            return {pl.String(): lambda values: values.is_in(allowed)}
        return {}
    if get_origin(annotation) is Annotated:
        base, *marks = get_args(annotation)
        if base is not str or len(marks) != 1 or not isinstance(marks[0], StringConstraints):
            return {}
        rule = marks[0]
        changes = (rule.strip_whitespace, rule.to_upper, rule.to_lower, rule.ascii_only)
        if any(c is not None for c in changes) or rule.strict is not None:
            return {}
        if rule.pattern is not None and not isinstance(rule.pattern, str):
            return {}  # a compiled Python pattern: Python's engine, not polars'
        return {pl.String(): _text_fits(rule.min_length, rule.max_length, rule.pattern)}
    return {}


def _text_fits(shortest: int | None, longest: int | None, pattern: str | None) -> Fits:
    """Texts within the lengths (in characters, as Python counts them) and matching the
    pattern (searched, as pydantic searches it, with the same regex engine)."""

    def fits(values: pl.Series) -> pl.Series:
        expr = pl.col("v").is_not_null()  # every value: nulls were left out
        length = pl.col("v").str.len_chars()  # one pass counting characters
        if shortest is not None and longest is not None:
            expr = length.is_between(shortest, longest)
        elif shortest is not None:
            expr = length >= shortest
        elif longest is not None:
            expr = length <= longest
        if pattern is not None:
            expr = expr & pl.col("v").str.contains(pattern)
        return pl.DataFrame({"v": values}).select(expr.alias("v")).to_series()

    return fits


def _body_fits(body: type) -> dict[str, dict[pl.DataType, Fits]]:
    hints = get_type_hints(body, include_extras=True)
    return {name: _fits(hint) for name, hint in hints.items() if name != "custom_fields"}


_FITS = {Entity.CONTACT: _body_fits(ContactBody), Entity.COMPANY: _body_fits(CompanyBody)}
