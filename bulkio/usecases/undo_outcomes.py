"""Outcomes, the undo's last stage: what became of each reversal, and the rows of the plan
and results workbooks that show it, field by field, before -> after.

In: the reversal plan and, after a run, its ledger and what earlier runs of the same undo
reverted. Out: an ``UndoOutcome`` per reversal (its word for the console, ``--json`` and
the results workbook), the failures, and the ``ReversalRow``s the writer lays out.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bulkio.core.plan import LINK_ENTITY
from bulkio.core.reversal import (
    LINKS_FIELD,
    LinkReversal,
    RecordReversal,
    Reversal,
    ReversalPlan,
    Step,
    Verb,
    describe_key,
    describe_link_key,
)
from bulkio.journal import Ledger
from bulkio.writers.undo_workbook import ReversalRow

NO_LINK = "(no link)"
NOT_THERE = "(not there)"
LIVE, ARCHIVED = "live", "archived"
RECORD_FIELD = "(the record)"


class UndoOutcome(StrEnum):
    UNDONE = "undone"
    UNDONE_EARLIER = "undone earlier"  # by an earlier run of the same undo
    FAILED = "failed"  # Kanbert refused a write of it
    NOT_DONE = "not done"  # the undo stopped before it
    LEFT = "left as it is"  # it changed since the import
    NOTHING = "nothing to do"  # already as before the import, or no longer in Kanbert

    @property
    def needs_look(self) -> bool:
        return self in (UndoOutcome.FAILED, UndoOutcome.NOT_DONE)


@dataclass(frozen=True)
class UndoFailure:
    what: str  # "contact P-1", "link P-1 -> K-1"
    rows: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class Outcomes:
    """What became of every reversal of a run, by plan index."""

    of: dict[int, UndoOutcome]
    problems: dict[int, str]
    failures: list[UndoFailure]

    @property
    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = {}
        for outcome in self.of.values():
            tally[outcome.value] = tally.get(outcome.value, 0) + 1
        return tally


def what_of(reversal: Reversal) -> str:
    """``contact P-1``, ``company email 'x'``, ``link P-1 -> K-1``: a reversal for people."""
    if isinstance(reversal, LinkReversal):
        return f"link {describe_link_key(reversal.key)}"
    return f"{reversal.entity.value} {describe_key(reversal.key)}"


def undo_outcomes(plan: ReversalPlan, ledger: Ledger, done_before: Collection[str]) -> Outcomes:
    """Each reversal's outcome after a run whose writes ``ledger`` holds."""
    of: dict[int, UndoOutcome] = {}
    problems: dict[int, str] = {}
    failures: list[UndoFailure] = []
    for index, reversal in enumerate(plan.reversals):
        reason = ledger.failures.get(index)
        if reason is not None:
            of[index], problems[index] = UndoOutcome.FAILED, reason
            failures.append(UndoFailure(what_of(reversal), reversal.rows, reason))
        elif reversal.requests and not ledger.is_done(index):
            of[index] = UndoOutcome.NOT_DONE
            problems[index] = "the undo stopped before this; run the same command again"
        elif reversal.requests:
            of[index] = UndoOutcome.UNDONE
        elif reversal.verb == Verb.LEAVE:
            of[index] = UndoOutcome.LEFT
        elif reversal.kanbert_id in done_before:
            of[index] = UndoOutcome.UNDONE_EARLIER
        else:
            of[index] = UndoOutcome.NOTHING
        left = _left_text(reversal)
        if left and index not in problems:
            problems[index] = left
    return Outcomes(of, problems, failures)


def _left_text(reversal: Reversal) -> str | None:
    if isinstance(reversal, LinkReversal):
        return "its position changed since the import" if reversal.step == Step.CHANGED else None
    names = [f.label for f in reversal.left]
    if reversal.linked_since and not reversal.archive:
        names.append(LINKS_FIELD)
    if not names:
        return None
    return f"changed since the import: {', '.join(names)}; left as it is"


def reversal_rows(plan: ReversalPlan, outcomes: Outcomes | None = None) -> Iterator[ReversalRow]:
    """The Reversals sheet's rows: the plan's, with outcomes when the undo ran."""
    for index, reversal in enumerate(plan.reversals):
        outcome = outcomes.of.get(index) if outcomes is not None else None
        problem = outcomes.problems.get(index) if outcomes is not None else None
        for cells, left in _lines(reversal):
            yield ReversalRow(
                cells,
                outcome=outcome.value if outcome else None,
                problem=problem,
                needs_look=bool(outcome and outcome.needs_look),
                left=left,
            )


@dataclass(frozen=True)
class _Line:
    """One row of the Reversals sheet, before it becomes cells."""

    field: str
    before: str | None  # before the import
    left_by_import: str | None
    now: str | None
    after: str | None  # after the undo
    note: str
    left: bool  # changed since, left as it is


def _lines(reversal: Reversal) -> Iterator[tuple[tuple[str | None, ...], bool]]:
    """Each row of a reversal as (cells, whether it is left as it is)."""
    lines = _link_lines(reversal) if isinstance(reversal, LinkReversal) else _record_lines(reversal)
    for line in lines:
        cells = (
            *_cells(reversal, line.field),
            line.before,
            line.left_by_import,
            line.now,
            line.after,
            line.note,
        )
        yield cells, line.left


def _link_lines(reversal: LinkReversal) -> Iterator[_Line]:
    after = reversal.now
    if reversal.verb == Verb.UNLINK:
        after = None
    elif reversal.verb == Verb.REPOSITION:
        after = reversal.before
    yield _Line(
        "position",
        _position(reversal.before),
        _position(reversal.after),
        _position(reversal.now),
        _position(after),
        reversal.step.value,
        reversal.step == Step.CHANGED,
    )


def _record_lines(reversal: RecordReversal) -> Iterator[_Line]:
    """A row per field, then the record's own row when it was created, restored or is gone."""
    for f in reversal.fields:
        after = f.before if f.step in (Step.REVERT, Step.FORCED) else f.now
        before = NOT_THERE if reversal.created else show(f.before)
        changed = f.step == Step.CHANGED
        yield _Line(f.label, before, show(f.after), show(f.now), show(after), f.step.value, changed)
    if reversal.gone:
        note = "no longer in Kanbert: nothing to undo"
        yield _Line(RECORD_FIELD, None, None, NOT_THERE, None, note, False)
        return
    if not (reversal.created or reversal.restored):
        return
    before = NOT_THERE if reversal.created else ARCHIVED
    now = ARCHIVED if reversal.archived_now else LIVE
    after = ARCHIVED if reversal.archive or reversal.archived_now else LIVE
    if reversal.archive:
        note = "archived (Kanbert's delete keeps it in the archive)"
    elif reversal.archived_now:
        note = "archived already"
    else:
        note = "changed since the import: left live"
        if reversal.linked_since:
            note += f"; linked since to {', '.join(reversal.linked_since)}"
    yield _Line(RECORD_FIELD, before, LIVE, now, after, note, reversal.kept_live)


def _cells(reversal: Reversal, field: str) -> tuple[str | None, ...]:
    """The cells that name a row: what, key, id, input rows, action, field."""
    if isinstance(reversal, LinkReversal):
        what, key = LINK_ENTITY, describe_link_key(reversal.key)
    else:
        what, key = reversal.entity.value, describe_key(reversal.key)
    rows = ", ".join(map(str, reversal.rows)) or None
    return (what, key, reversal.kanbert_id, rows, reversal.verb.value, field)


def _position(value: str | None) -> str:
    return NO_LINK if value is None else value or "(no position)"


def show(value: Any) -> str | None:
    """A field's value as text for a cell or a message."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def quoted(value: Any) -> str:
    """A value inside a sentence: 'text', or (empty)."""
    text = show(value)
    return "(empty)" if text in (None, "") else f"'{text}'"
