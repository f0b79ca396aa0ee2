"""The rows a check report shows, kept while the check reads them.

The report carries the user's rows that have problems. Finding them by reading the file a
second time costs about as much as the first read; so, while checking, the cells of each
batch's rows that got a problem in that batch are kept, compacted, within a budget. The
report uses them for every row they hold. A row whose problem was found only once the whole
file was read (a company named by no row; a problem an import adds) is read again: the file
is read as far as the last such row, the kept rows serve the rest. Past the budget, the
report reads the whole file again, as before.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence

import polars as pl

from bulkio.core.issues import ROW_COLUMN, RowIssue

KEEP_ROWS = 100_000  # rows kept in all, beyond which the report reads the file again
KEEP_BYTES = 32 * 2**20  # compressed bytes kept in all, likewise (a wide sheet's rows)
_POSITION = "__position__"  # a kept row's place in its table: 0 for the first data row


class KeptRows:
    """The cells of rows that got a problem, per table (its place in the file's tables)."""

    def __init__(self, *, rows: int | None = None, size: int | None = None) -> None:
        self._budget = (KEEP_ROWS if rows is None else rows, KEEP_BYTES if size is None else size)
        self._frames: dict[int, list[bytes]] = {}  # each a batch's rows, as Arrow IPC
        self._rows: dict[int, set[int]] = {}  # the row numbers kept, per table
        self._noted: dict[int, set[int]] = {}  # rows the reader noted, not yet in a batch
        self._notes_seen: dict[int, int] = {}  # how many of the table's notes were looked at
        self._read: dict[int, int] = {}  # the rows of each table read so far
        self._span: dict[int, tuple[int, int]] = {}  # the least and greatest row number read
        self._count = 0
        self._size = 0
        self.overflowed = False  # the budget ran out: nothing is kept

    def keep(
        self, table: int, batch: pl.DataFrame, told: pl.Series, notes: Sequence[RowIssue]
    ) -> None:
        """Keep the cells of the rows of ``batch`` (the table's next) that ``told`` numbers
        (the rows the validator gave an issue while checking it) or that the reader noted
        (``notes``: the table's notes so far, the list growing as it reads)."""
        if self.overflowed:
            return
        read = self._read.get(table, 0)  # the table's rows before this batch
        self._read[table] = read + batch.height
        if batch.height:
            row = pl.col(ROW_COLUMN)
            first, last = batch.select(row.min().alias("least"), row.max()).row(0)
            least, greatest = self._span.get(table, (first, last))
            self._span[table] = (min(least, first), max(greatest, last))
        pending = self._noted.setdefault(table, set())
        seen = self._notes_seen.get(table, 0)
        pending.update(n.row for n in notes[seen:] if n.row is not None)
        self._notes_seen[table] = len(notes)
        if pending:
            told = pl.concat([told, pl.Series(list(pending), dtype=pl.Int64)])
        if told.len() == 0:
            return
        hit = batch[ROW_COLUMN].is_in(told.implode())
        if not hit.any():
            return
        hits = batch.with_row_index(_POSITION, offset=read).filter(hit)
        pending.difference_update(hits[ROW_COLUMN].to_list())
        # written out: a filtered frame shares its text with the whole batch it came from
        buffer = io.BytesIO()
        hits.write_ipc(buffer, compression="lz4")
        data = buffer.getvalue()
        self._count += hits.height
        self._size += len(data)
        if self._count > self._budget[0] or self._size > self._budget[1]:
            self._frames, self._rows, self._noted, self.overflowed = {}, {}, {}, True
            return
        self._frames.setdefault(table, []).append(data)
        self._rows.setdefault(table, set()).update(hits[ROW_COLUMN].to_list())

    def frames(
        self, table: int, wanted: set[int], read: Callable[[], Iterator[pl.DataFrame]]
    ) -> Iterator[pl.DataFrame]:
        """Frames that hold the ``wanted`` rows of ``table`` in the order they were read: the
        kept ones, after reading the table again (``read``) only as far as the last row that
        was not kept; every batch read again once the budget ran out."""
        if self.overflowed:
            yield from read()
            return
        # a row outside the numbers read (the header row's notes) is not in the table
        least, greatest = self._span.get(table, (0, -1))
        missing = {n for n in wanted - self._rows.get(table, set()) if least <= n <= greatest}
        done = 0  # the rows read again
        if missing:
            for batch in read():
                yield batch
                done += batch.height
                rows = batch[ROW_COLUMN]
                missing.difference_update(rows.filter(rows.is_in(list(missing))).to_list())
                if not missing:
                    break
            else:
                return  # read to the end
        for data in self._frames.get(table, []):
            frame = pl.read_ipc(io.BytesIO(data))
            yield frame.filter(pl.col(_POSITION) >= done).drop(_POSITION)
