"""Execute, the import's writing stage: a plan's writes sent to Kanbert, each in the ledger.

In: the plan, a client and the journal file. Out: ``Executed``, the run's ``Ledger`` filled
per plan index (done with the Kanbert id, or failed with the reason in the user's terms;
what is left unfilled was not done) and whether Ctrl-C or a failure stopped the run. Ctrl-C
takes no new write; the writes already sent end, and the ledger records how.
Companies go first, then contacts, then links, since a link needs both ids. Every write is
journalled before its request, with its before-image and the id it aims at (a changed
record's, a link's two ends), and again after its answer; the plan is never changed. That is
what ``bulkio undo`` reads to take the run back, even a run that never finished.

A create whose answer never came, or whose key Kanbert says is taken, is looked up by its
key before it is sent again, so nothing is created twice. ``settle_unknown`` closes what an
earlier, killed run left open, by what the prepare stage found.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulkio.core.entities import Entity
from bulkio.core.errors import BulkioError
from bulkio.core.plan import (
    LINK_ENTITY,
    Action,
    LinkAction,
    Op,
    Plan,
    RecordAction,
    journal_key,
    link_id,
)
from bulkio.journal import Journal, Ledger, PlannedWrite, RunFingerprint, open_journal
from bulkio.kanbert import CallResult, KanbertClient, RejectedError, UnknownOutcome
from bulkio.usecases.import_matching import find_one
from bulkio.usecases.import_outcomes import describe_failure

Progress = Callable[[str, int, int], None]
"""Called with (phase, writes done, writes in the phase) as writes finish."""


@dataclass(frozen=True)
class Executed:
    """How a run's execution ended; what each write came to is in ``ledger``."""

    ledger: Ledger
    interrupted: bool  # Ctrl-C
    error: str | None  # a failure that stopped the run midway (network, auth)


def execute_journalled(
    plan: Plan,
    client: KanbertClient,
    journal: Path,
    *,
    fingerprint: RunFingerprint,
    found: Mapping[tuple[str, str], str],
    columns: Mapping[str, str],
    about: Mapping[str, str],
    progress: Progress | None = None,
) -> Executed:
    """One run of ``plan`` (an import of ``fingerprint``) recorded in the journal file
    ``journal``, which ``about`` describes (input, mapping, target): earlier runs' open
    writes settled by ``found`` ((entity, journal key) -> id), then ``execute``. Ctrl-C and
    a failure that stops the run end it cleanly, the journal closed. A ``JournalError`` when
    the journal holds another import."""
    with open_journal(journal) as book:
        run_id = book.start_run(fingerprint, api_url=client.settings.base_url)
        book.describe({"kind": "import", **about})
        settle_unknown(book, run_id, found)
        ledger = Ledger(book, run_id)
        interrupted, error = False, None
        try:
            execute(plan, client, ledger, columns=columns, progress=progress)
        except KeyboardInterrupt:
            interrupted = True
        except BulkioError as exc:
            error = exc.message
        finally:
            book.finish_run(run_id, interrupted=interrupted or error is not None)
    return Executed(ledger, interrupted, error)


def settle_unknown(journal: Journal, run_id: int, found: Mapping[tuple[str, str], str]) -> None:
    """Writes an earlier run sent without recording the answer: what Kanbert holds now
    (``found``: (entity, journal key) -> id) decides them; the plan re-sends what is missing."""
    for entry in journal.unknown_outcomes():
        if entry.run_id == run_id:
            continue
        kanbert_id = found.get((entry.entity, entry.key))
        if kanbert_id is not None and entry.op == Op.CREATE:
            journal.mark_done(entry.id, kanbert_id)
        else:
            journal.mark_failed(
                entry.id,
                f"the answer never came (run {entry.run_id}); re-planned in run {run_id}",
            )


def execute(
    plan: Plan,
    client: KanbertClient,
    ledger: Ledger,
    *,
    columns: Mapping[str, str],
    progress: Progress | None = None,
) -> None:
    """Send every write of ``plan``; ``columns`` (target -> spreadsheet column) word the
    failures in the user's terms."""
    writer = _Writer(plan, client, ledger)
    for phase, steps in plan.phases():
        todo = [(index, action) for index, action in steps if action.requests]
        if not todo:
            continue
        ledger.plan({index: _planned_write(action, writer.aim(action)) for index, action in todo})
        stop = threading.Event()
        answers = client.run_all(_marked_sent(todo, ledger, stop), writer.write)

        def record(answer: CallResult[tuple[int, Action], str | None]) -> None:
            index, action = answer.item
            if answer.error is None:
                ledger.done(index, answer.value)
            elif isinstance(answer.error, UnknownOutcome):
                ledger.unanswered(index, describe_failure(action, answer.error, columns))
            else:
                ledger.failed(index, describe_failure(action, answer.error, columns))

        try:
            for finished, answer in enumerate(answers, start=1):
                record(answer)
                if progress is not None:
                    progress(phase, finished, len(todo))
        except KeyboardInterrupt:  # take no new write; the ledger learns how those sent ended
            stop.set()
            for answer in answers:
                record(answer)
            raise


def _marked_sent(
    todo: list[tuple[int, Action]], ledger: Ledger, stop: threading.Event
) -> Iterator[tuple[int, Action]]:
    """The steps, each marked sent in the ledger as the client takes it to send, until
    ``stop`` is set."""
    for index, action in todo:
        if stop.is_set():
            return
        ledger.sent(index)
        yield index, action


def _planned_write(action: Action, kanbert_id: str | None) -> PlannedWrite:
    if isinstance(action, RecordAction):
        return PlannedWrite(
            op=action.op.value,
            entity=action.entity.value,
            key=journal_key(action.key),
            body=action.changes,
            rows=action.rows,
            before=action.before,
            kanbert_id=kanbert_id,
        )
    return PlannedWrite(
        op=action.op.value,
        entity=LINK_ENTITY,
        key=action.key,
        body={"position": action.position},
        rows=action.rows,
        before=action.before,
        kanbert_id=kanbert_id,
    )


class _Writer:
    """The request(s) of one action; run in the client's worker threads."""

    def __init__(self, plan: Plan, client: KanbertClient, ledger: Ledger) -> None:
        self._client = client
        self._ledger = ledger
        # (entity, key) -> plan index of the record's action, for the ids a link needs
        self._index_of = {
            (action.entity, action.key): index
            for _, steps in plan.phases()
            for index, action in steps
            if isinstance(action, RecordAction)
        }
        self._actions = plan.actions

    def write(self, step: tuple[int, Action]) -> str | None:
        _, action = step
        if isinstance(action, LinkAction):
            return self._link(action)
        if action.op == Op.CREATE:
            return self._create(action)
        assert action.kanbert_id is not None  # only new records have none
        if action.op == Op.RESTORE:
            self._client.restore(action.entity, action.kanbert_id)
        if action.changes:
            self._client.patch(action.entity, action.kanbert_id, action.changes)
        return action.kanbert_id

    def _create(self, action: RecordAction) -> str:
        """POST; when the answer is lost, or the key is taken, take the record if it is
        there now, else send once more."""
        client = self._client
        for attempt in (1, 2):
            try:
                return client.create(action.entity, action.changes).id
            except UnknownOutcome:
                found = find_one(client, action.entity, action.key, action.changes)
                if found is not None:
                    return found.id
                if attempt == 2:
                    raise
            except RejectedError as exc:
                if "external_id" not in exc.field_errors:
                    raise
                found = find_one(client, action.entity, action.key, action.changes)
                if found is None or attempt == 2:
                    raise
                if found.archived:
                    client.restore(action.entity, found.id)
                return found.id
        raise AssertionError("unreachable")  # pragma: no cover

    def aim(self, action: Action) -> str | None:
        """The id a write aims at, once its phase starts: a changed record's own id, a link's
        two ends (their records' phases are over); None for a create."""
        if isinstance(action, RecordAction):
            return action.kanbert_id
        contact_id = self._record_id(Entity.CONTACT, action.contact_key)
        company_id = self._record_id(Entity.COMPANY, action.company_key)
        return link_id(contact_id, company_id) if contact_id and company_id else None

    def _link(self, action: LinkAction) -> str:
        contact_id = self._record_id(Entity.CONTACT, action.contact_key)
        company_id = self._record_id(Entity.COMPANY, action.company_key)
        if not contact_id or not company_id:
            raise RejectedError("its contact or company did not land in Kanbert", {}, path="(link)")
        self._client.link(contact_id, company_id, action.position)
        return link_id(contact_id, company_id)

    def _record_id(self, entity: Entity, key: Any) -> str | None:
        """The record's id: known before the run, or created by it (from the ledger)."""
        index = self._index_of.get((entity, key))
        if index is None:
            return None
        action = self._actions[index]
        assert isinstance(action, RecordAction)
        return action.kanbert_id or self._ledger.kanbert_id(index)
