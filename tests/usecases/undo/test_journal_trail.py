"""What the import's journal keeps for an undo: each write's before-image and the id it aims
at, recorded before it is sent, and what the run was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bulkio.journal import JournalError, PlannedWrite, RunFingerprint, open_journal, read_journal
from tests.usecases.undo.conftest import Rehearsal
from tests.usecases.undo.platform import by_external_id


def test_every_write_names_its_target_and_what_it_overwrote(rehearsal: Rehearsal) -> None:
    rehearsal.import_oops()
    records = rehearsal.snapshot()
    ids = {r["external_id"]: r["id"] for r in records.values()}

    with read_journal(rehearsal.journal) as journal:
        about = journal.description()
        entries = {(e.entity, e.key): e for e in journal.entries()}

    assert about["kind"] == "import"
    assert (about["input"], about["mapping"]) == ("oops.csv", str(rehearsal.mapping))
    assert about["target"] == rehearsal.target.api_url
    update = entries[("contact", "external_id:P-2")]
    assert (update.op, update.kanbert_id) == ("update", ids["P-2"])
    assert update.before == {
        "last_name": "Bauer",
        "custom_fields": {"department": "Vertrieb", "newsletter": False},
    }
    restore = entries[("company", "external_id:K-4")]
    assert (restore.op, restore.kanbert_id) == ("restore", ids["K-4"])
    assert restore.before == {
        "address_invoice_town": "Hamburg",
        "custom_fields": {"customer_number": "C-400"},
    }
    relink = entries[("link", "external_id:P-3 -> external_id:K-2")]
    assert (relink.op, relink.before, relink.body) == ("relink", "CTO", {"position": "CEO"})
    assert relink.kanbert_id == f"{ids['P-3']}/{ids['K-2']}"
    new_link = entries[("link", "external_id:P-4 -> external_id:K-9")]
    assert (new_link.before, new_link.kanbert_id) == (None, f"{ids['P-4']}/{ids['K-9']}")
    created = entries[("company", "external_id:K-9")]
    assert (created.op, created.before, created.kanbert_id) == ("create", {}, ids["K-9"])
    assert by_external_id(records, "K-9")["company_name"] == created.body["company_name"]


def test_the_target_is_in_the_journal_before_the_request_goes_out(tmp_path: Path) -> None:
    with open_journal(tmp_path / "j.sqlite") as journal:
        imported = RunFingerprint("k.csv", "d", "k.yaml", "m", "upsert", "t")
        run = journal.start_run(imported, api_url="u")
        [planned] = journal.plan_many(
            run,
            [PlannedWrite("update", "contact", "external_id:P-1", {"a": 1}, [2], {"a": 0}, "c1")],
        )
        journal.mark_sent(planned)  # killed here: the answer never came
        [entry] = journal.unknown_outcomes()
    assert (entry.kanbert_id, entry.before) == ("c1", {"a": 0})


def test_reading_a_journal_changes_nothing_in_it(tmp_path: Path) -> None:
    path = tmp_path / "old.journal.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('schema_version', '1');"
            "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,"
            " fingerprint TEXT NOT NULL, api_url TEXT NOT NULL, interrupted INTEGER NOT NULL);"
            "CREATE TABLE actions (id INTEGER PRIMARY KEY, run_id INTEGER, op TEXT, entity TEXT,"
            " key TEXT, body TEXT, rows TEXT, state TEXT, kanbert_id TEXT, error TEXT,"
            " attempts INTEGER, updated_at TEXT);"
        )
    db.close()
    content = path.read_bytes()

    with read_journal(path) as journal:
        assert journal.schema_version == 1
        assert journal.runs() == [] and journal.description() == {}

    assert path.read_bytes() == content
    with sqlite3.connect(tmp_path / "sandbox.sqlite") as other:
        other.execute("CREATE TABLE contacts (id TEXT)")
    other.close()
    with pytest.raises(JournalError, match="is not a bulkio journal"):
        read_journal(tmp_path / "sandbox.sqlite")
