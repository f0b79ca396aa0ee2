"""Reading ahead: the next batch is read in a background thread while the caller works on
the one it holds; the caller sees the same batches, errors and notes as without it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

from bulkio.core.errors import InputFileError
from bulkio.readers import open_source
from bulkio.readers.read_ahead import read_ahead


def _counting(read: list[int], stop: int | None = None) -> Iterator[int]:
    n = 0
    while stop is None or n < stop:
        read.append(n)
        yield n
        n += 1


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "bulkio-read-ahead"]


def test_items_come_in_order_and_all_of_them() -> None:
    assert list(read_ahead(iter(range(1000)))) == list(range(1000))
    assert list(read_ahead(iter([]))) == []


def test_reads_at_most_one_item_ahead_of_the_caller() -> None:
    read: list[int] = []
    items = read_ahead(_counting(read))
    for taken in islice(items, 50):
        # while the caller holds item n, the thread reads n + 1 at most
        assert len(read) <= taken + 2
    items.close()
    assert len(read) <= 51


def test_an_error_while_reading_reaches_the_caller_unchanged() -> None:
    error = InputFileError("cannot read 'x.csv': row 3 is broken", hint="Fix row 3.")

    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise error

    got: list[int] = []
    with pytest.raises(InputFileError) as raised:
        for item in read_ahead(failing()):
            got.append(item)
    assert raised.value is error
    assert got == [1, 2]


def test_closing_the_iterator_stops_the_thread_and_closes_the_source() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            yield from _counting([])
        finally:
            closed.set()

    items = read_ahead(endless())
    assert next(items) == 0
    items.close()
    assert closed.is_set()
    assert not _reader_threads()


def test_dropping_the_iterator_stops_the_thread() -> None:
    read: list[int] = []
    first = next(iter(islice(read_ahead(_counting(read)), 1)))
    assert first == 0
    assert not _reader_threads()
    assert len(read) <= 2


def test_a_csv_table_read_ahead_gives_every_row_once_in_order(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = ["Name;Ort"] + [f"Name {i};Ort {i % 7}" for i in range(2500)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_source(path) as source:
        table = source.table()
        batches = list(table.batches(300))
    assert [b.height for b in batches] == [300] * 8 + [100]
    names = [name for b in batches for name in b["Name"].to_list()]
    assert names == [f"Name {i}" for i in range(2500)]
    rows = [row for b in batches for row in b["__row__"].to_list()]
    assert rows == list(range(2, 2502))
    assert not _reader_threads()


def test_a_table_abandoned_after_one_batch_leaves_no_thread(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Name\n" + "".join(f"n{i}\n" for i in range(1000)), encoding="utf-8")
    with open_source(path) as source:
        first = next(iter(source.table().batches(100)))
    assert first.height == 100
    assert not _reader_threads()


def test_two_tables_of_one_file_read_side_by_side_each_get_every_row(tmp_path: Path) -> None:
    # each table reads the file at an offset of its own, whatever the other's thread does
    path = tmp_path / "big.csv"
    lines = ["Name;Ort"] + [f"Name {i};Ort {i}" for i in range(150_000)]  # 3 MB: 3 pieces
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_source(path) as source:
        first = source.table().batches(20_000)
        second = source.table(header_row=1).batches(30_000)
        got: dict[str, list[str]] = {"first": [], "second": []}
        for _ in range(3):  # one batch of each in turn, the file's digest between them
            got["first"] += next(first)["Name"].to_list()
            got["second"] += next(second)["Name"].to_list()
            assert len(source.digest()) == 64
        got["first"] += [n for batch in first for n in batch["Name"].to_list()]
        got["second"] += [n for batch in second for n in batch["Name"].to_list()]
    assert got["first"] == got["second"] == [f"Name {i}" for i in range(150_000)]


def test_a_file_that_is_not_utf8_is_read_ahead_from_its_utf8_copy(tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    lines = ["Name;Ort"] + [f"Müller {i};Köln" for i in range(1500)]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    with open_source(path) as source:
        table = source.table()
        names = [n for batch in table.batches(250) for n in batch["Name"].to_list()]
        assert table.encoding is not None and "1252" in table.encoding
    assert names == [f"Müller {i}" for i in range(1500)]
