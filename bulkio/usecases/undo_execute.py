"""Execute, the undo's writing stage: a reversal plan sent to Kanbert, in its own journal.

In: the plan, a client and the undo's journal file (see ``bulkio.journal.naming``). Out:
``UndoExecuted``, the run's ``Ledger`` filled per plan index, whether Ctrl-C or a failure
stopped it, and what earlier runs of the same undo already did. Links go first, then
contacts, then companies: a record is archived only after its links are gone. Every write
is journalled before its request (with what it overwrites) and after its answer.

Every write of an undo is idempotent (a PATCH to the values before the import, an archive,
an unlink, a link's old position), and the plan is made afresh from what Kanbert holds each
time, so an undo stopped at any moment and run again sends only what is still to do:
nothing is reverted twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulkio.core.errors import BulkioError, ConfigError
from bulkio.core.plan import LINK_ENTITY
from bulkio.core.reversal import (
    LinkReversal,
    RecordReversal,
    Reversal,
    ReversalPlan,
    Step,
    Verb,
)
from bulkio.journal import (
    ActionState,
    Journal,
    Ledger,
    PlannedWrite,
    RunFingerprint,
    open_journal,
)
from bulkio.kanbert import KanbertClient, NotFoundError, RejectedError
from bulkio.usecases.import_execute import Progress


@dataclass(frozen=True)
class UndoExecuted:
    ledger: Ledger
    interrupted: bool  # Ctrl-C
    error: str | None  # a failure that stopped the run midway (network, auth)
    done_before: frozenset[str]  # ids (records, links) an earlier run of this undo reverted


def execute_undo(
    plan: ReversalPlan,
    client: KanbertClient,
    journal: Path,
    *,
    undoes: Path,
    about: Mapping[str, str],
    progress: Progress | None = None,
) -> UndoExecuted:
    """One run of ``plan``, the undo of the import journal ``undoes``, recorded in
    ``journal``. Ctrl-C and a failure that stops the run end it cleanly, the journal closed."""
    with open_journal(journal) as book:
        _claim(book, undoes)
        run_id = book.start_run(
            RunFingerprint.undo_of(undoes, about.get("target", "")),
            api_url=client.settings.base_url,
        )
        book.describe({**about, "kind": "undo", "undoes": str(undoes.resolve())})
        done_before = _settle_earlier(book, run_id)
        ledger = Ledger(book, run_id)
        interrupted, error = False, None
        try:
            _execute(plan, client, ledger, progress)
        except KeyboardInterrupt:
            interrupted = True
        except BulkioError as exc:
            error = exc.message
        finally:
            book.describe({"left": str(len([c for c in plan.conflicts if not c.forced]))})
            book.finish_run(run_id, interrupted=interrupted or error is not None)
    return UndoExecuted(ledger, interrupted, error, done_before)


def _claim(book: Journal, undoes: Path) -> None:
    """Refuse a journal that belongs to something else than the undo of ``undoes``."""
    about = book.description()
    kind, other = about.get("kind"), about.get("undoes")
    if kind not in (None, "undo") or (other and Path(other) != undoes.resolve()):
        raise ConfigError(
            f"{book.path} is not the journal of the undo of {undoes}",
            hint="Move that file away, then run bulkio undo again.",
        )


def _settle_earlier(book: Journal, run_id: int) -> frozenset[str]:
    """Close what earlier runs left open (writes whose answer never came: the plan, made
    from what Kanbert holds now, sends them again if they did not land); return the ids
    earlier runs reverted."""
    done: set[str] = set()
    for entry in book.entries():
        if entry.run_id == run_id:
            continue
        if entry.state == ActionState.SENT:
            book.mark_failed(
                entry.id,
                f"the answer never came (run {entry.run_id}); planned again in run {run_id}",
            )
        elif entry.state == ActionState.DONE and entry.kanbert_id:
            done.add(entry.kanbert_id)
    return frozenset(done)


def _execute(
    plan: ReversalPlan, client: KanbertClient, ledger: Ledger, progress: Progress | None
) -> None:
    for phase, steps in plan.phases():
        todo = [(index, reversal) for index, reversal in steps if reversal.requests]
        if not todo:
            continue
        ledger.plan({index: _planned_write(reversal) for index, reversal in todo})
        answers = client.run_all(_marked_sent(todo, ledger), lambda step: _write(client, step))
        for finished, answer in enumerate(answers, start=1):
            index, reversal = answer.item
            if answer.error is None:
                ledger.done(index, reversal.kanbert_id)
            else:
                ledger.failed(index, _reason(answer.error))
            if progress is not None:
                progress(phase, finished, len(todo))


def _reason(error: Exception) -> str:
    if isinstance(error, NotFoundError):
        return "it is no longer in Kanbert"
    if isinstance(error, RejectedError):
        return f"Kanbert refused it: {error.describe()}"
    return str(error)


def _marked_sent(
    todo: list[tuple[int, Reversal]], ledger: Ledger
) -> Iterator[tuple[int, Reversal]]:
    for index, reversal in todo:
        ledger.sent(index)
        yield index, reversal


def _planned_write(reversal: Reversal) -> PlannedWrite:
    """The journal's record of a reversal: what it sends and what it overwrites."""
    body: Mapping[str, Any]
    if isinstance(reversal, LinkReversal):
        body = {} if reversal.verb == Verb.UNLINK else {"position": reversal.before}
        return PlannedWrite(
            op=reversal.verb.value,
            entity=LINK_ENTITY,
            key=reversal.key,
            body=body,
            rows=reversal.rows,
            before=reversal.now,
            kanbert_id=reversal.kanbert_id,
        )
    overwritten = {f.name: f.now for f in reversal.fields if f.step in (Step.REVERT, Step.FORCED)}
    return PlannedWrite(
        op=reversal.verb.value,
        entity=reversal.entity.value,
        key=reversal.key,
        body=reversal.changes,
        rows=reversal.rows,
        before=overwritten,
        kanbert_id=reversal.kanbert_id,
    )


def _write(client: KanbertClient, step: tuple[int, Reversal]) -> None:
    """The request(s) of one reversal; run in the client's worker threads."""
    _, reversal = step
    if isinstance(reversal, LinkReversal):
        if reversal.verb == Verb.UNLINK:
            with suppress(NotFoundError):  # the contact or the company is gone, and the link
                client.unlink(reversal.contact_id, reversal.company_id)
        else:
            client.link(reversal.contact_id, reversal.company_id, reversal.before)
        return
    _revert(client, reversal)


def _revert(client: KanbertClient, reversal: RecordReversal) -> None:
    if reversal.changes:
        client.patch(reversal.entity, reversal.kanbert_id, reversal.changes)
    if reversal.archive:
        client.archive(reversal.entity, reversal.kanbert_id)
