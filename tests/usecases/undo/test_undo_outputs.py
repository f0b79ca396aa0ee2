"""`bulkio undo` writes its workbooks by the same rule as every command, and waits its turn:
never over an input or a file bulkio did not write, never while a run of the same import or
into the same place holds the lock."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from bulkio.journal import LockedError, hold
from bulkio.usecases.undo import undo
from bulkio.writers.outputs import OutputError
from tests.usecases.undo.conftest import Rehearsal


def test_an_undo_never_writes_its_workbook_over_the_import_or_someone_elses_file(
    rehearsal: Rehearsal, tmp_path: Path
) -> None:
    rehearsal.import_oops()
    results = rehearsal.folder / "oops-results.xlsx"
    before = results.read_bytes()
    theirs = tmp_path / "plan.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "my plan"
    wb.save(theirs)

    with pytest.raises(OutputError, match="is the file given; bulkio never writes over"):
        undo(results, target=rehearsal.target, report=results)
    with pytest.raises(OutputError, match="is the import's journal"):
        undo(results, target=rehearsal.target, dry_run=True, report=rehearsal.journal)
    with pytest.raises(OutputError) as foreign:
        undo(results, target=rehearsal.target, dry_run=True, report=theirs)

    assert "already exists and is not an undo plan workbook bulkio wrote" in str(foreign.value)
    assert "--force" not in str(foreign.value)  # undo's --force is about Kanbert's records
    assert results.read_bytes() == before
    assert openpyxl.load_workbook(theirs).active["A1"].value == "my plan"
    plan = undo(results, target=rehearsal.target, dry_run=True)
    assert plan.report == rehearsal.folder / "oops-undo-plan.xlsx"
    assert undo(results, target=rehearsal.target, dry_run=True).report == plan.report  # again


def test_an_undo_waits_while_a_run_of_its_import_holds_the_journal(
    rehearsal: Rehearsal,
) -> None:
    rehearsal.import_oops()
    before = rehearsal.snapshot()
    lock = rehearsal.journal.with_name(rehearsal.journal.name + ".lock")
    with hold(lock, busy="resuming", fix="wait"), pytest.raises(LockedError) as held:
        undo(rehearsal.journal, target=rehearsal.target)
    journal = rehearsal.journal
    assert f"another bulkio run is using the journal {journal} (process {os.getpid()}" in str(
        held.value
    )
    assert rehearsal.snapshot() == before
    assert undo(rehearsal.journal, target=rehearsal.target).ok
