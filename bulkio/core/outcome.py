"""What became of an input row of an import: one enum, and the one place that words it.

A row may carry a company, a contact and a link; its outcome is the most telling of theirs,
in the order of ``Outcome.rank`` (failed before not done before created ... before skipped).
A row with problems found before sending is ``skipped invalid`` whatever its actions did.
The values are the words the console, ``--json`` and the results workbook show.
"""

from __future__ import annotations

from enum import StrEnum

from bulkio.core.plan import Op


class Outcome(StrEnum):
    FAILED = "failed"  # Kanbert refused a write of the row, or never answered it
    NOT_DONE = "not done"  # the run stopped before the row's writes
    CREATED = "created"
    UPDATED = "updated"
    LINKED = "linked"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # left alone on purpose (the mode, or nothing to import)
    SKIPPED_INVALID = "skipped invalid"  # a row problem found before sending
    DUPLICATE = "duplicate"  # an exact copy of an earlier row, imported once from that row

    @classmethod
    def of(cls, op: Op) -> Outcome:
        """The outcome of an action whose writes landed (or that needed none)."""
        return _OF_OP[op]

    @property
    def rank(self) -> int:
        """How telling this outcome is among a row's outcomes: lowest wins."""
        return _RANK.index(self)

    @property
    def is_problem(self) -> bool:
        """The row did not land as the file says: someone has to look at it."""
        return self in (Outcome.FAILED, Outcome.NOT_DONE, Outcome.SKIPPED_INVALID)

    @property
    def default_problem(self) -> str | None:
        """What the Problem column says when nothing more particular is known."""
        return _DEFAULT_PROBLEM.get(self)


_RANK = (
    Outcome.FAILED,
    Outcome.NOT_DONE,
    Outcome.SKIPPED_INVALID,
    Outcome.CREATED,
    Outcome.UPDATED,
    Outcome.LINKED,
    Outcome.UNCHANGED,
    Outcome.DUPLICATE,
    Outcome.SKIPPED,
)
_OF_OP = {
    Op.CREATE: Outcome.CREATED,
    Op.UPDATE: Outcome.UPDATED,
    Op.RESTORE: Outcome.UPDATED,
    Op.RELINK: Outcome.UPDATED,
    Op.LINK: Outcome.LINKED,
    Op.UNCHANGED: Outcome.UNCHANGED,
    Op.SKIP: Outcome.SKIPPED,
}
_DEFAULT_PROBLEM = {
    Outcome.NOT_DONE: "the import stopped before this; run the same command again",
    Outcome.SKIPPED: "nothing to import on this row",
}
