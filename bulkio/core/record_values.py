"""A record's values, held as compactly as a million records need.

An import plans one action per record and each holds its record's values until it is sent:
as dicts, a million contacts' values cost about 650 bytes each beyond their texts. Here a
record's values are two tuples: the field names (one tuple shared by every record with the
same fields) and the values in that order, read as a read-only mapping. Whoever needs a
dict (a request body, a journal line) makes one from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class RecordValues(Mapping[str, Any]):
    """Read-only ``{name: value}`` over a shared name tuple and a value tuple."""

    __slots__ = ("_cells", "_names")

    def __init__(self, names: tuple[str, ...], cells: tuple[Any, ...]) -> None:
        if len(names) != len(cells):
            raise ValueError("as many values as names")
        self._names = names
        self._cells = cells

    def __getitem__(self, name: str) -> Any:
        try:
            return self._cells[self._names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return self._cells[self._names.index(name)] if name in self._names else default

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return repr(dict(zip(self._names, self._cells, strict=True)))


class CompactValues:
    """Makes ``RecordValues`` of dicts, one name tuple for all records with the same names."""

    def __init__(self) -> None:
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, values: Mapping[str, Any]) -> RecordValues:
        names = tuple(values)
        return RecordValues(self._names.setdefault(names, names), tuple(values.values()))
