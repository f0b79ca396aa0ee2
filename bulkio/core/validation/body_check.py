"""Checking a batch against the write bodies with pydantic, one call per batch and entity.

Each field's distinct values go through one ``TypeAdapter`` of {field: [values]}; a refused
value becomes a row issue on every row that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from pydantic import ValidationError

from bulkio.core.entities import Entity
from bulkio.core.validation.bodies import COLUMN_ADAPTERS


@dataclass(frozen=True)
class Refusal:
    field: str
    value: str
    message: str
    rows: list[int]


def check_bodies(bodies: pl.DataFrame, rows: pl.Series, entity: Entity) -> list[Refusal]:
    """The values pydantic refuses, with the rows (from ``rows``) that hold them."""
    adapter = COLUMN_ADAPTERS[entity]
    uniques: dict[str, pl.Series] = {}
    for name in bodies.columns:
        if name == "custom_fields":
            continue
        column = bodies[name]
        if isinstance(column.dtype, pl.List):
            uniques[name] = column.explode().drop_nulls().unique()
        else:
            uniques[name] = column.drop_nulls().unique()
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
