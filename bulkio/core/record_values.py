"""A record's values, held as compactly as a million records need.

An import holds every record's values from the check until it is sent: as dicts, a million
contacts' values cost about 650 bytes each beyond their texts, and every text is an object
of its own (about 50 bytes before its first letter). Here a record's texts are one string,
joined by a separator no cell holds (``SEPARATOR``); its other values (empty cells, yes/no
values, custom fields, the ids a look-up gave) and its field names are a ``Shape`` shared
by every record that has the same. ``RecordValues`` reads them as a read-only mapping,
splitting the string on access; whoever needs a dict (a request body, a journal line) makes
one from it, and a dict or list value read from it is a new one each time.

A record whose texts hold the separator, or whose values cannot be shared (say a list of
tags of its own once many shapes exist), keeps its values as a tuple instead.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass
from typing import Any, Final

import polars as pl

SEPARATOR: Final = "\x1f"  # the ASCII unit separator: no spreadsheet cell is meant to hold it
MAX_SHAPES: Final = 4096  # beyond them a record's values that would need a new shape stay a tuple


class _Text:
    """Marks a value held in the record's joined texts."""

    def __repr__(self) -> str:
        return "TEXT"


TEXT: Final = _Text()


class Shape:
    """What records with the same names and the same non-text values share: per name
    either ``TEXT`` (the record's next joined text) or the value itself."""

    __slots__ = ("copied", "fixed", "names", "pieces")

    def __init__(self, names: tuple[str, ...], fixed: tuple[Any, ...]) -> None:
        self.names = names
        self.fixed = fixed
        pieces, n = [], 0
        for value in fixed:
            pieces.append(n if value is TEXT else -1)
            n += value is TEXT
        self.pieces = tuple(pieces)
        # a dict or list is handed out as a copy: a record's values never change
        self.copied = tuple(isinstance(v, dict | list) for v in fixed)

    def value(self, at: int, texts: Any) -> Any:
        piece = self.pieces[at]
        if piece >= 0:
            return texts[piece]
        value = self.fixed[at]
        return _copy(value) if self.copied[at] else value


def _copy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else list(value)


def _hashable(value: Any) -> Any:
    """A key for ``value`` in a shape (raises TypeError when it has none)."""
    if isinstance(value, dict):
        return (dict, tuple((k, _scalar(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (list, tuple(_scalar(v) for v in value))
    return (type(value), _scalar(value))


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list | set):
        raise TypeError("not a scalar")
    hash(value)
    return value


class RecordValues(Mapping[str, Any]):
    """Read-only ``{name: value}`` over a shared ``Shape`` and the record's joined texts
    (or, when they cannot be joined, a tuple of its values in the order of the names)."""

    __slots__ = ("_shape", "_texts")

    def __init__(self, shape: Shape, texts: str | tuple[Any, ...]) -> None:
        self._shape = shape
        self._texts = texts

    @classmethod
    def of(cls, names: tuple[str, ...], cells: tuple[Any, ...]) -> RecordValues:
        """Values held as a tuple, aligned with ``names``."""
        if len(names) != len(cells):
            raise ValueError("as many values as names")
        return cls(Shape(names, (TEXT,) * len(names)), cells)

    def _pieces(self) -> Any:
        texts = self._texts
        return texts.split(SEPARATOR) if isinstance(texts, str) else texts

    def cells(self) -> tuple[Any, ...]:
        """Every value, in the order of the names (the texts split once)."""
        shape, pieces = self._shape, self._pieces()
        return tuple(shape.value(n, pieces) for n in range(len(shape.names)))

    def __getitem__(self, name: str) -> Any:
        shape = self._shape
        try:
            at = shape.names.index(name)
        except ValueError:
            raise KeyError(name) from None
        return shape.value(at, self._pieces() if shape.pieces[at] >= 0 else ())

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._shape.names else default

    def __contains__(self, name: object) -> bool:
        return name in self._shape.names

    def __iter__(self) -> Iterator[str]:
        return iter(self._shape.names)

    def __len__(self) -> int:
        return len(self._shape.names)

    def values(self) -> ValuesView[Any]:
        return _Values(self)

    def items(self) -> ItemsView[str, Any]:
        return _Items(self)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class _Values(ValuesView[Any]):
    _mapping: RecordValues

    def __iter__(self) -> Iterator[Any]:
        return iter(self._mapping.cells())

    def __contains__(self, value: object) -> bool:
        return any(v is value or v == value for v in self._mapping.cells())


class _Items(ItemsView[str, Any]):
    _mapping: RecordValues

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        held = self._mapping
        return zip(held, held.cells(), strict=True)


@dataclass(frozen=True, slots=True)
class Packed:
    """Rows of a frame as ``CompactValues.pack`` keeps them: each row's texts joined
    (``texts``: their joined text, which of them are empty, whether none holds the
    separator), the other columns as they were (every column, when some text holds it)."""

    names: tuple[str, ...]
    joined: tuple[int, ...]  # the columns whose texts are joined
    other: tuple[int, ...]
    texts: pl.DataFrame
    original: pl.DataFrame

    @property
    def height(self) -> int:
        return self.original.height if not self.joined else self.texts.height


def _cells(
    names: tuple[str, ...], joined: tuple[int, ...], other: tuple[int, ...], text: str | None,
    mask: int, fixed: tuple[Any, ...],
) -> tuple[Any, ...]:  # fmt: skip
    """A packed row's values in the order of ``names``."""
    cells: list[Any] = [None] * len(names)
    present = [not mask >> k & 1 for k in range(len(joined))]
    pieces = iter((text or "").split(SEPARATOR) if any(present) else ())
    for n, there in zip(joined, present, strict=True):
        cells[n] = next(pieces) if there else None
    for n, value in zip(other, fixed, strict=True):
        cells[n] = value
    return tuple(cells)


class CompactValues:
    """Makes ``RecordValues``, one ``Shape`` for all records with the same names and the
    same non-text values. The values of ``shared`` names (a country's id, an owner's: few
    values, repeated) are kept in the shape rather than in each record's texts."""

    def __init__(self, shared: Collection[str] = ()) -> None:
        self._shapes: dict[tuple[Any, ...], Shape] = {}
        self._shared = frozenset(shared)
        self._tuples: dict[tuple[str, ...], Shape] = {}

    def _shape(
        self, names: tuple[str, ...], key: tuple[Any, ...], fixed: Callable[[], tuple[Any, ...]]
    ) -> Shape | None:
        shape = self._shapes.get(key)
        if shape is None:
            if len(self._shapes) >= MAX_SHAPES:
                return None
            shape = self._shapes[key] = Shape(names, fixed())
        return shape

    def __call__(self, values: Mapping[str, Any]) -> RecordValues:
        names = tuple(values)
        shared = self._shared
        texts: list[str] = []
        key: list[Any] = [names]
        try:
            for name, value in values.items():
                if type(value) is str and name not in shared:
                    if SEPARATOR in value:
                        raise TypeError("the separator")
                    texts.append(value)
                    key.append(TEXT)
                else:
                    key.append(_hashable(value))
        except TypeError:
            shape = None
        else:
            cells = tuple(values.values())
            shape = self._shape(
                names,
                tuple(key),
                lambda: tuple(
                    TEXT if k is TEXT else v for k, v in zip(key[1:], cells, strict=True)
                ),
            )
        if shape is None:
            return self._as_tuple(names, tuple(values.values()))
        return RecordValues(shape, SEPARATOR.join(texts))

    def _as_tuple(self, names: tuple[str, ...], cells: tuple[Any, ...]) -> RecordValues:
        """Values that cannot share a shape, held as a tuple (one shape per name tuple)."""
        shape = self._tuples.get(names)
        if shape is None:
            shape = self._tuples[names] = Shape(names, (TEXT,) * len(names))
        return RecordValues(shape, cells)

    def frame(self, frame: pl.DataFrame) -> list[RecordValues]:
        """The values of each row of ``frame`` (column names as value names; a struct
        column's values as dicts), the texts joined by polars."""
        return self.unpack(self.pack(frame))

    def pack(self, frame: pl.DataFrame) -> Packed:
        """``frame``'s rows as columns that hold them compactly (each row's texts joined
        into one): to be kept until their ``RecordValues`` are wanted (``unpack``)."""
        names = tuple(frame.columns)
        joined = tuple(
            n for n, (name, dtype) in enumerate(frame.schema.items())
            if dtype == pl.String and name not in self._shared
        )  # fmt: skip
        other = tuple(n for n in range(len(names)) if n not in joined)
        texts = [frame.to_series(n) for n in joined]
        if len(texts) > 60 or not texts:  # more than a mask of empty cells holds
            return Packed(names, (), tuple(range(len(names))), pl.DataFrame(), frame)
        found = pl.select(
            pl.concat_str(texts, separator=SEPARATOR, ignore_nulls=True).alias("texts"),
            pl.sum_horizontal(
                [t.is_null().cast(pl.Int64) * (1 << k) for k, t in enumerate(texts)]
            ).alias("nulls"),
            ~pl.any_horizontal(
                [t.str.contains(SEPARATOR, literal=True).fill_null(False) for t in texts]
            ).alias("clean"),
        )
        clean = bool(found["clean"].all())
        original = frame if not clean else frame.select([names[n] for n in other])
        return Packed(names, joined, other, found, original)

    def unpack(self, packed: Packed) -> list[RecordValues]:
        """The ``RecordValues`` of the rows ``pack`` took."""
        names, joined, other, frame = packed.names, packed.joined, packed.other, packed.original
        if not joined:
            return [self(row) for row in frame.iter_rows(named=True)]
        found = packed.texts
        joins, masks, cleans = (found[c].to_list() for c in ("texts", "nulls", "clean"))
        others = [frame[names[n]].to_list() for n in other]
        rows = zip(*others, strict=True) if others else iter([()] * found.height)
        made: list[RecordValues] = []
        local: dict[tuple[Any, ...], Shape | None] = {}
        for at, (text, mask, clean_row, fixed) in enumerate(
            zip(joins, masks, cleans, rows, strict=True)
        ):
            shape: Shape | None = None
            if clean_row:
                try:
                    key = (mask, *map(_hashable, fixed))
                except TypeError:
                    key = None
                if key is not None:
                    if key in local:
                        shape = local[key]
                    else:
                        shape = local[key] = self._frame_shape(names, joined, other, mask, fixed)
            if shape is None and not clean_row:
                made.append(self._as_tuple(names, frame.select(names).row(at)))
            elif shape is None:
                made.append(self._as_tuple(names, _cells(names, joined, other, text, mask, fixed)))
            else:
                made.append(RecordValues(shape, text or ""))
        return made

    def _frame_shape(
        self, names: tuple[str, ...], joined: tuple[int, ...], other: tuple[int, ...], mask: int,
        fixed: tuple[Any, ...],
    ) -> Shape | None:  # fmt: skip
        cells: list[Any] = [None] * len(names)
        for k, n in enumerate(joined):
            cells[n] = None if mask >> k & 1 else TEXT
        for n, value in zip(other, fixed, strict=True):
            cells[n] = value
        full = tuple(cells)
        key = (names, *(v if v is TEXT else _hashable(v) for v in full))
        return self._shape(names, key, lambda: full)
