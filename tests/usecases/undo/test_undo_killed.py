"""An undo killed with SIGKILL at random moments and run again ends exactly where an undo
that was never interrupted ends: the platform as it was before the import."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
from pathlib import Path

from bulkio import Target, import_file, undo
from bulkio.sandbox import running
from tests.usecases.killed_runs import (
    TOKEN,
    bulkio_command,
    run_until,
    sandbox_process,
    writes_sent,
)
from tests.usecases.undo.conftest import seed
from tests.usecases.undo.platform import (
    ARCHIVED_FIRST,
    differences,
    many_rows,
    snapshot,
    write_csv,
    write_mapping,
)


def _copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def test_an_undo_killed_at_random_moments_ends_as_an_undo_never_interrupted(
    tmp_path: Path,
) -> None:
    rng = random.Random(20261201)
    quiet, killed = tmp_path / "quiet", tmp_path / "killed"
    quiet.mkdir()
    killed.mkdir()
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    before_rows, oops_rows = many_rows(companies=6, per_company=3)
    oops = write_csv(tmp_path / "oops.csv", oops_rows)
    journal = quiet / "oops-results.journal.sqlite"
    with running(quiet / "sandbox.sqlite") as box:
        seed(box, tmp_path, mapping, before_rows, ARCHIVED_FIRST)
        before = snapshot(box.base_url, box.token)
        target = Target(api_url=box.base_url, token=box.token)
        imported = import_file(
            oops,
            target=target,
            mapping=mapping,
            journal=journal,
            report=quiet / "oops-results.xlsx",
        )
        assert imported.ok, imported.summary()
    _copy_database(quiet / "sandbox.sqlite", killed / "sandbox.sqlite")
    shutil.copy(journal, killed / journal.name)

    with running(quiet / "sandbox.sqlite") as box:
        uninterrupted = undo(journal, target=Target(api_url=box.base_url, token=box.token))
        assert uninterrupted.ok, uninterrupted.summary()
        assert uninterrupted.plan is not None and uninterrupted.plan.writes >= 50
        expected = snapshot(box.base_url, box.token)
    assert differences(before, expected) == []

    with sandbox_process(killed / "sandbox.sqlite", "--rate-limit", "1200/minute") as root:
        base = root + "/api/v1"
        command = bulkio_command(
            "undo", str(killed / journal.name), "--api-url", base, "--token", TOKEN
        )
        own_journal = killed / "oops-undo.journal.sqlite"
        kills = 0
        while kills < 12:
            at_least = writes_sent(own_journal) + rng.randint(1, 6)
            if not run_until(command, own_journal, at_least, deadline=rng.uniform(1.0, 3.0)):
                break
            kills += 1
        final = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert final.returncode == 0, final.stdout + final.stderr
        assert "Everything the import did is undone." in final.stdout
        assert kills >= 10
        assert snapshot(base, TOKEN) == expected


def test_an_import_killed_midway_is_undone_as_far_as_it_went(tmp_path: Path) -> None:
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    before_rows, oops_rows = many_rows(companies=4, per_company=3)
    oops = write_csv(tmp_path / "oops.csv", oops_rows)
    for sent in (6, 33):  # killed among the records' writes, then among the links'
        folder = tmp_path / f"killed-after-{sent}"
        folder.mkdir()
        journal = folder / "oops-results.journal.sqlite"
        with running(folder / "sandbox.sqlite", rate_limit="1200/minute") as box:
            seed(box, folder, mapping, before_rows, ARCHIVED_FIRST)
            before = snapshot(box.base_url, box.token)
            command = bulkio_command(
                "import", str(oops), "-m", str(mapping), "--api-url", box.base_url,
                "--token", box.token, "--journal", str(journal),
                "--report", str(folder / "oops-results.xlsx"),
            )  # fmt: skip
            assert run_until(command, journal, sent, deadline=30.0)
            result = undo(journal, target=Target(api_url=box.base_url, token=box.token))
            assert not result.imported.finished
            assert result.ok, result.summary()
            assert differences(before, snapshot(box.base_url, box.token)) == []
