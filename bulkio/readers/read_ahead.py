"""Read ahead: the next batch of a table is read in a background thread while the caller works
on the one it has, so reading (polars and calamine let go of the GIL while they parse) and
checking use both cores.

At most one batch is read ahead: the thread reads batch N+1 while the caller holds batch N,
then waits until the caller takes it; memory holds two batches, never more. Whatever the
reading raises reaches the caller unchanged (the same exception, with its message), at the
point where that batch would have come; closing or dropping the iterator stops the thread
(after the batch it is reading, so the file is no longer read once ``close`` returns).
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class _Handoff(Generic[T]):
    """One slot between the reading thread and the caller."""

    def __init__(self) -> None:
        self.ready = threading.Condition()
        self.item: T | None = None
        self.error: BaseException | None = None
        self.full = False  # the slot holds an item, an error or the end
        self.ended = False  # the source has no more items (or failed)
        self.stopped = False  # the caller went away: read no more


def read_ahead(items: Iterator[T], name: str = "bulkio-read-ahead") -> Generator[T]:
    """``items``, each read in a background thread while the caller works on the one
    before it. ``items`` is iterated in that thread only, and closed there."""
    slot: _Handoff[T] = _Handoff()
    thread = threading.Thread(target=_produce, args=(items, slot), name=name, daemon=True)
    thread.start()
    try:
        while True:
            with slot.ready:
                while not slot.full:
                    slot.ready.wait()
                item, error, ended = slot.item, slot.error, slot.ended
                slot.item, slot.error, slot.full = None, None, False
                slot.ready.notify_all()  # the thread may read the next one now
            if error is not None:
                raise error
            if ended:
                return
            assert item is not None
            yield item
            del item
    finally:
        with slot.ready:
            slot.stopped = True
            slot.ready.notify_all()
        if thread is not threading.current_thread():
            thread.join()


def _produce(items: Iterator[T], slot: _Handoff[T]) -> None:
    """The thread's work: read an item, hand it over, wait until it is taken; repeat."""
    try:
        while True:
            try:
                item = next(items)
            except StopIteration:
                _put(slot, None, None, ended=True)
                return
            except BaseException as exc:  # the caller raises it
                _put(slot, None, exc, ended=True)
                return
            if not _put(slot, item, None, ended=False):
                return
            del item
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _put(slot: _Handoff[T], item: T | None, error: BaseException | None, *, ended: bool) -> bool:
    """Hand ``item`` (or ``error``, or the end) to the caller and wait until it takes it, so
    the next item is read only while the caller works on this one; False when the caller
    went away instead."""
    with slot.ready:
        if slot.stopped:
            return False
        slot.item, slot.error, slot.ended, slot.full = item, error, ended, True
        slot.ready.notify_all()
        while slot.full and not slot.stopped:
            slot.ready.wait()
        return not slot.stopped
