"""How a run's files name each other: a results workbook its journal, an undo its files.

A results workbook's Summary sheet has a line ``journal`` naming the run's journal, relative
to the workbook's folder when it lies below it (so the pair can be moved together), else as
an absolute path. ``bulkio undo`` takes either file and finds the other.

An undo keeps its own journal beside the journal it undoes, and writes its results beside
that journal, or beside the input for an import's default journal:
``kunden-results.journal.sqlite`` gets ``kunden-undo.journal.sqlite``, ``kunden-undo.xlsx``
(results) and ``kunden-undo-plan.xlsx`` (the plan of a dry run);
``.bulkio/kunden.csv.journal.sqlite`` gets ``.bulkio/kunden-undo.journal.sqlite`` and
``kunden-undo.xlsx`` and ``kunden-undo-plan.xlsx`` beside ``kunden.csv``.
"""

from __future__ import annotations

import re
from pathlib import Path

JOURNAL_LINE = "journal"  # the Summary line of a results workbook that names the journal
STATE_FOLDER = ".bulkio"  # beside an input: the journals of its imports

_JOURNAL_SUFFIX = ".journal.sqlite"
_RESULTS_SUFFIX = "-results"


def journal_reference(journal: Path, report: Path) -> str:
    """What a results workbook at ``report`` writes to name ``journal``."""
    folder = report.resolve().parent
    target = journal.resolve()
    if target.is_relative_to(folder):
        return target.relative_to(folder).as_posix()
    return str(target)


def referenced_journal(reference: str, report: Path) -> Path:
    """The journal a results workbook at ``report`` names with ``reference``."""
    path = Path(reference)
    return path if path.is_absolute() else report.parent / path


def undo_base(journal: Path) -> Path:
    """The common start of an undo's file names: ``kunden`` for the journal of
    ``kunden-results.xlsx``, beside that journal; for an import's default journal in the
    input's ``.bulkio`` folder (``.bulkio/kunden.csv-2.journal.sqlite``), beside the input
    (``kunden-2``), where the user looks."""
    name = journal.name
    stem = name.removesuffix(_JOURNAL_SUFFIX) if name.endswith(_JOURNAL_SUFFIX) else journal.stem
    if journal.parent.name != STATE_FOLDER:
        return journal.with_name(stem.removesuffix(_RESULTS_SUFFIX) + "-undo")
    found = re.fullmatch(r"(.+?)(-\d+)?", stem)
    assert found is not None  # the pattern matches every non-empty name
    return journal.parent.parent / f"{Path(found[1]).stem}{found[2] or ''}-undo"


def undo_journal_path(journal: Path) -> Path:
    """The undo's own journal, beside the journal it undoes."""
    base = undo_base(journal)
    return journal.with_name(base.name + _JOURNAL_SUFFIX)


def undo_results_path(journal: Path) -> Path:
    base = undo_base(journal)
    return base.with_name(base.name + ".xlsx")


def undo_plan_path(journal: Path) -> Path:
    base = undo_base(journal)
    return base.with_name(base.name + "-plan.xlsx")
