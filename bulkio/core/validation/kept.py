"""The records a check keeps for an import, as compact as Python tuples allow.

A million contacts kept for the import are the import's largest holding (see
``usecases/import_prepare``). Read from a frame, every cell would be an object of its own;
here a text that repeats down a column in a batch (a town, a country, a position, an owner)
is one object shared by its rows.
"""

from __future__ import annotations

from typing import Any

import polars as pl


def shared_cells(frame: pl.DataFrame) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The frame's column names and its rows as tuples, with equal texts of a column one
    shared object: a row's tuple costs a third of a dict of the same values."""
    columns: list[list[Any]] = []
    for name in frame.columns:
        values = frame[name].to_list()
        if frame[name].dtype == pl.String:
            shared: dict[str, str] = {}
            values = [v if v is None else shared.setdefault(v, v) for v in values]
        columns.append(values)
    if not columns:
        return (), [()] * frame.height
    return tuple(frame.columns), list(zip(*columns, strict=True))
