from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bulkio.journal import (
    ActionState,
    Fit,
    JournalError,
    Ledger,
    PlannedWrite,
    RunFingerprint,
    created_ids,
    open_journal,
)


def _fingerprint(content: str = "f") -> RunFingerprint:
    return RunFingerprint("k.csv", content, "k.yaml", "m", "upsert", "the sandbox s.sqlite")


def test_a_write_recorded_as_sent_survives_a_killed_process(tmp_path: Path) -> None:
    path = tmp_path / "run.journal"
    script = f"""
import os, signal
from pathlib import Path
from bulkio.journal import RunFingerprint, open_journal
j = open_journal(Path({str(path)!r}))
f = RunFingerprint("k.csv", "f", "k.yaml", "m", "upsert", "the sandbox s.sqlite")
run = j.start_run(f, api_url="http://127.0.0.1:1/api/v1")
a = j.plan(run, op="create", entity="contact", key="C-1", body={{"last_name": "Müller"}}, rows=[2])
j.mark_sent(a)
b = j.plan(run, op="create", entity="contact", key="C-2", body={{}}, rows=[3])
j.mark_sent(b)
j.mark_done(b, "k-2")
os.kill(os.getpid(), signal.SIGKILL)
"""
    proc = subprocess.run([sys.executable, "-c", script], check=False)
    assert proc.returncode == -9

    with open_journal(path) as journal:
        unknown = journal.unknown_outcomes()
        assert [(e.key, e.body, e.rows) for e in unknown] == [("C-1", {"last_name": "Müller"}, [2])]
        assert journal.created_ids() == {("contact", "C-2"): "k-2"}
        run = journal.last_run()
        assert run is not None and run["finished_at"] is None


def test_outcomes_and_counts(tmp_path: Path) -> None:
    with open_journal(tmp_path / "j.sqlite") as journal:
        run = journal.start_run(_fingerprint(), api_url="https://api.kanbert.com/api/v1")
        a = journal.plan(run, op="create", entity="company", key="K-1", body={}, rows=[2, 3])
        b = journal.plan(run, op="update", entity="company", key="K-2", body={"x": 1}, rows=[4])
        journal.mark_sent(a)
        journal.mark_done(a, "id-1")
        journal.mark_sent(b)
        journal.mark_failed(b, "email: The email must be a valid email address.")
        journal.finish_run(run)
        assert journal.counts(run) == {"create": {"done": 1}, "update": {"failed": 1}}
        failed = list(journal.entries(state=ActionState.FAILED))
        assert failed[0].error is not None and "email" in failed[0].error
        assert failed[0].attempts == 1
        last = journal.last_run()
        assert last is not None and last["finished_at"] is not None


def test_a_file_that_is_not_a_journal_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "contacts.xlsx"
    path.write_bytes(b"PK\x03\x04 this is a workbook, not a journal" * 100)
    with pytest.raises(JournalError, match=r"not a bulkio journal.*--journal"):
        open_journal(path)


def test_a_journal_of_the_first_schema_is_brought_up_and_keeps_its_writes(tmp_path: Path) -> None:
    path = tmp_path / "old.journal.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema_version', '1');
            CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,
                finished_at TEXT, fingerprint TEXT NOT NULL, api_url TEXT NOT NULL,
                interrupted INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE actions (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, op TEXT
                NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, rows TEXT
                NOT NULL, state TEXT NOT NULL, kanbert_id TEXT, error TEXT, attempts INTEGER NOT
                NULL DEFAULT 0, updated_at TEXT NOT NULL);
            INSERT INTO runs VALUES (1, '2026-01-01T00:00:00+00:00', NULL, 'FINGERPRINT',
                'u', 0);
            INSERT INTO actions VALUES (1, 1, 'create', 'contact', 'external_id:P-1', '{}',
                '[2]', 'done', 'k-1', NULL, 1, '2026-01-01T00:00:00+00:00');
            """.replace("FINGERPRINT", _fingerprint().digest)
        )
    db.close()
    with open_journal(path) as journal:
        [old] = journal.entries()
        assert (old.key, old.state, old.kanbert_id, old.before) == (
            "external_id:P-1",
            ActionState.DONE,
            "k-1",
            None,
        )
        assert journal.created_ids() == {("contact", "external_id:P-1"): "k-1"}
        run = journal.start_run(_fingerprint(), api_url="u")
        journal.plan(
            run,
            op="update",
            entity="contact",
            key="external_id:P-1",
            body={"last_name": "Neu"},
            before={"last_name": "Alt"},
            rows=[2],
        )
        assert [e.before for e in journal.entries(run_id=run)] == [{"last_name": "Alt"}]
    with open_journal(path):  # opened again: already up to date
        pass
    with sqlite3.connect(path) as db:
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version == ("3",)
    db.close()


def test_a_ledger_knows_each_write_by_its_plan_index(tmp_path: Path) -> None:
    path = tmp_path / "run.journal.sqlite"
    with open_journal(path) as journal:
        run = journal.start_run(_fingerprint(), api_url="u")
        ledger = Ledger(journal, run)
        ledger.plan(
            {
                4: PlannedWrite("create", "company", "external_id:K-1", {"company_name": "A"}, [2]),
                7: PlannedWrite("update", "contact", "external_id:P-1", {"x": 1}, [3], {"x": 0}),
                9: PlannedWrite("link", "link", "P-1 -> K-1", {"position": ""}, [3]),
            }
        )
        ledger.sent(4)
        ledger.done(4, "k-1")
        ledger.sent(7)
        ledger.failed(7, "Kanbert refused it")
        ledger.sent(9)  # killed before the answer
        assert (ledger.is_done(4), ledger.kanbert_id(4), ledger.is_done(7)) == (True, "k-1", False)
        assert dict(ledger.failures) == {7: "Kanbert refused it"}
    with open_journal(path) as journal:
        states = [(e.key, e.state, e.kanbert_id) for e in journal.entries()]
    assert states == [
        ("external_id:K-1", ActionState.DONE, "k-1"),
        ("external_id:P-1", ActionState.FAILED, None),
        ("P-1 -> K-1", ActionState.SENT, None),
    ]


def test_a_journal_holds_one_import_and_refuses_any_other(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    first, changed = _fingerprint("jan"), _fingerprint("feb")
    with open_journal(path) as journal:
        assert journal.fit(first) == Fit.NEW
        run = journal.start_run(first, api_url="u")
        created = journal.plan(run, op="create", entity="contact", key="row:2", body={}, rows=[2])
        journal.mark_done(created, "k-2")
        assert (journal.fit(first), journal.fit(changed)) == (Fit.SAME, Fit.OTHER_UNFINISHED)
        with pytest.raises(JournalError) as unfinished:
            journal.start_run(changed, api_url="u")
        journal.finish_run(journal.start_run(first, api_url="u"))  # resumed, finished
        assert journal.fit(changed) == Fit.AFTER_FINISHED
        with pytest.raises(JournalError) as finished:
            journal.start_run(changed, api_url="u")

    assert "holds an import of k.csv that did not finish" in str(unfinished.value)
    assert "the file k.csv has changed since" in str(unfinished.value)
    assert "Run that import again unchanged to finish it" in str(unfinished.value)
    assert "holds an import of k.csv that finished" in str(finished.value)
    assert "Give this one its own journal with --journal NEW_FILE" in str(finished.value)
    assert created_ids(path, first) == {("contact", "row:2"): "k-2"}
    with pytest.raises(JournalError):
        created_ids(path, changed)  # the ids of one file never go to another
