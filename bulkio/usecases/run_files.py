"""The files around a command's run: its inputs, which no output may replace, where its
outputs go when the user names none, and the locks that let one run at a time.

Default outputs lie beside the input, named after it, so two inputs of the same name in
different folders (``jan/kontakte.csv``, ``feb/kontakte.csv``) never share a report,
results workbook or journal:

    kontakte-report.xlsx                   check's report (when there are problems)
    kontakte-plan.xlsx                     a dry run's plan workbook
    kontakte-results-2026-12-01T093015Z.xlsx
                                           import's results workbook, one per run (named
                                           for its start, UTC): a re-run keeps the results,
                                           and the ids, of the run before
    .bulkio/kontakte.csv.journal.sqlite    import's journal (the full name: kontakte.xlsx
                                           beside it has its own)
    .bulkio/kontakte.csv-2.journal.sqlite  the next import's, once the file changed and the
                                           first import finished (a journal holds one import)

What bulkio writes over, and how, is ``bulkio.writers.outputs``.
"""

from __future__ import annotations

import hashlib
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bulkio.journal import Fit, RunFingerprint, hold, journal_fit, state_folder
from bulkio.journal.naming import STATE_FOLDER

if TYPE_CHECKING:  # connect brings in the API client and the sandbox: check needs neither
    from bulkio.usecases.connect import Target


def default_report(input: Path) -> Path:
    """``check``'s report workbook for ``input``."""
    return input.with_name(f"{input.stem}-report.xlsx")


def default_results(input: Path, started: datetime) -> Path:
    """``import``'s results workbook for a run over ``input`` started at ``started``:
    beside the results of earlier runs, never over them, named for the start in UTC as
    backups are, and numbered (``-2``) when a run of the same second has the name."""
    stamp = started.astimezone(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    path, n = input.with_name(f"{input.stem}-results-{stamp}.xlsx"), 1
    while path.exists():
        n += 1
        path = input.with_name(f"{input.stem}-results-{stamp}-{n}.xlsx")
    return path


def default_plan(input: Path) -> Path:
    """``import --dry-run``'s plan workbook for ``input``."""
    return input.with_name(f"{input.stem}-plan.xlsx")


def default_journal(input: Path) -> Path:
    """``import``'s first journal for ``input``."""
    return _numbered_journal(input, 1)


def choose_journal(input: Path, fingerprint: RunFingerprint) -> Path:
    """The default journal of a run of ``fingerprint`` over ``input``: the newest of the
    input's journals, unless it holds another import that finished, then the next one. So
    the same import resumes in its journal, the next import of a changed file starts its
    own, and another import while one is unfinished is refused by that journal."""
    number = 1
    while _numbered_journal(input, number + 1).exists():
        number += 1
    if journal_fit(_numbered_journal(input, number), fingerprint) == Fit.AFTER_FINISHED:
        number += 1
    return _numbered_journal(input, number)


def hold_run_locks(run: ExitStack, journal: Path, target: str) -> None:
    """One run that writes to Kanbert at a time, per journal and per target (``target``:
    ``connect.target_identity``), until ``run`` closes; a ``LockedError`` naming the holder
    otherwise. An import holds its journal's; an undo the journal of the import it undoes."""
    run.enter_context(
        hold(
            journal.with_name(journal.name + ".lock"),
            busy=f"another bulkio run is using the journal {journal}",
            fix="Wait for it to finish (or stop it), then run this one again.",
        )
    )
    name = hashlib.sha256(target.encode("utf-8")).hexdigest()[:32]
    run.enter_context(
        hold(
            state_folder() / "locks" / f"import-{name}.lock",
            busy=f"another bulkio run is writing to {target}",
            fix="Two runs writing into one place at once could create records twice: wait "
            "for that one to finish, then run this one again.",
        )
    )


def inputs_of(
    input: Path | None = None,
    mapping: str | Path | None = None,
    target: Target | None = None,
) -> dict[Path, str]:
    """A command's inputs, each with what it is (for messages): the input file or folder,
    the mapping file (not a preset), the sandbox's database."""
    found: dict[Path, str] = {}
    if input is not None:
        found[Path(input)] = "the input file" if not Path(input).is_dir() else "the input folder"
    if mapping is not None and Path(mapping).is_file():
        found[Path(mapping)] = "the mapping file"
    if target is not None and target.sandbox is not None:
        found[target.sandbox] = "the sandbox's database"
    return found


def _numbered_journal(input: Path, number: int) -> Path:
    suffix = "" if number == 1 else f"-{number}"
    return input.parent / STATE_FOLDER / f"{input.name}{suffix}.journal.sqlite"
