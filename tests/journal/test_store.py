from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulkio.journal import ActionState, JournalError, open_journal


def test_a_write_recorded_as_sent_survives_a_killed_process(tmp_path: Path) -> None:
    path = tmp_path / "run.journal"
    script = f"""
import os, signal
from pathlib import Path
from bulkio.journal import open_journal
j = open_journal(Path({str(path)!r}))
run = j.start_run(fingerprint="f", api_url="http://127.0.0.1:1/api/v1")
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
        run = journal.start_run(fingerprint="abc", api_url="https://api.kanbert.com/api/v1")
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
