"""The ledger of one run: what became of each planned write, by the plan's index.

The plan names its actions by their index and never changes them; what the run learns (a
created record's id, the reason a write failed) is written here instead: into memory for
the rest of the run, and into the journal before each request and after its answer, so that
a run killed at any moment leaves the same facts behind for the next one.
"""

from __future__ import annotations

from collections.abc import Mapping

from bulkio.journal.store import Journal, PlannedWrite


class Ledger:
    """Writes of one run in ``journal``; the run must be started (``Journal.start_run``)."""

    def __init__(self, journal: Journal, run_id: int) -> None:
        self._journal = journal
        self._run_id = run_id
        self._entries: dict[int, int] = {}  # plan index -> journal action id
        self._done: dict[int, str | None] = {}  # plan index -> the id Kanbert gave or kept
        self._failed: dict[int, str] = {}  # plan index -> why, in the user's terms

    def plan(self, writes: Mapping[int, PlannedWrite]) -> None:
        """Record writes about to be made (one transaction), by their plan index."""
        indices = list(writes)
        ids = self._journal.plan_many(self._run_id, [writes[i] for i in indices])
        self._entries.update(zip(indices, ids, strict=True))

    def sent(self, index: int) -> None:
        """Call right before the request of the write ``index`` goes out."""
        self._journal.mark_sent(self._entries[index])

    def done(self, index: int, kanbert_id: str | None) -> None:
        self._journal.mark_done(self._entries[index], kanbert_id)
        self._done[index] = kanbert_id

    def failed(self, index: int, reason: str) -> None:
        self._journal.mark_failed(self._entries[index], reason)
        self._failed[index] = reason

    def unanswered(self, index: int, reason: str) -> None:
        """The write ``index`` went out but its answer never came: a failure for this run,
        while the journal keeps it ``sent`` (it may have landed) for the next run, or an
        undo, to settle by what Kanbert holds."""
        self._failed[index] = reason

    def is_done(self, index: int) -> bool:
        return index in self._done

    def kanbert_id(self, index: int) -> str | None:
        """The id of the record the write ``index`` created or changed, once it landed."""
        return self._done.get(index)

    @property
    def failures(self) -> Mapping[int, str]:
        """Plan index -> why its write failed."""
        return self._failed
