"""End to end over the sandbox: an import into a platform that already holds data, undone;
the platform equals what it was before, record by record."""

from __future__ import annotations

import openpyxl
import pytest

from bulkio import ConfigError, Target, import_file, undo
from bulkio.core.entities import Role
from tests.usecases.undo.conftest import Rehearsal
from tests.usecases.undo.platform import by_external_id, differences, patch


def test_undo_gives_back_the_platform_as_it_was_before_the_import(rehearsal: Rehearsal) -> None:
    before = rehearsal.snapshot()
    imported = rehearsal.import_oops()
    assert imported.plan is not None
    counts = imported.plan.counts()
    assert counts[Role.COMPANIES] == {"create": 1, "update": 1, "restore": 1, "unchanged": 1}
    assert counts[Role.CONTACTS]["create"] == 2 and counts[Role.CONTACTS]["restore"] == 1
    assert counts[Role.LINKS]["link"] == 5 and counts[Role.LINKS]["relink"] == 2
    after_import = rehearsal.snapshot()
    assert differences(before, after_import)  # the import did change things

    result = undo(rehearsal.journal, target=rehearsal.target)

    assert result.ok, result.summary()
    assert result.exit_code == 0
    assert differences(before, rehearsal.snapshot()) == []
    assert result.plan is not None and result.plan.archived == 5  # 3 created, 2 restored
    assert result.conflicts == []


def test_later_edits_are_left_and_reported_and_force_sets_them_back(
    rehearsal: Rehearsal,
) -> None:
    before = rehearsal.snapshot()
    rehearsal.import_oops()
    imported = rehearsal.snapshot()
    updated = by_external_id(imported, "P-2")  # the import changed its last name
    created = by_external_id(imported, "P-10")  # the import created it
    box = rehearsal.box
    patch(box.base_url, box.token, "contacts", updated["id"], {"last_name": "Brandt"})
    patch(box.base_url, box.token, "contacts", created["id"], {"first_name": "Ina"})

    result = undo(rehearsal.journal, target=rehearsal.target)

    assert not result.ok and result.exit_code == 1
    left = {(c.what, c.field, c.then, c.now, c.forced) for c in result.conflicts}
    assert left == {
        ("contact P-2", "last_name", "Baumann", "Brandt", False),
        ("contact P-10", "first_name", "Ida", "Ina", False),
    }
    now = rehearsal.snapshot()
    assert by_external_id(now, "P-2")["last_name"] == "Brandt"
    assert by_external_id(now, "P-2")["custom_fields"]["department"] == "Vertrieb"  # set back
    assert by_external_id(now, "P-10")["first_name"] == "Ina"
    assert not by_external_id(now, "P-10")["archived"]  # someone works with it: left live
    assert differences(before, now) == [
        "P-2: last_name was 'Bauer', is 'Brandt'",
        "P-10 is new and live",
    ]

    forced = undo(rehearsal.journal, target=rehearsal.target, force=True)

    assert forced.ok, forced.summary()
    overwritten = {(c.what, c.field, c.now, c.forced) for c in forced.conflicts}
    assert overwritten == {
        ("contact P-2", "last_name", "Brandt", True),
        ("contact P-10", "first_name", "Ina", True),
    }
    assert differences(before, rehearsal.snapshot()) == []


def test_an_import_stopped_midway_is_undone_as_far_as_it_went(rehearsal: Rehearsal) -> None:
    before = rehearsal.snapshot()

    def stop_after_some(phase: str, done: int, total: int) -> None:
        if phase == "contacts" and done == 2:
            raise KeyboardInterrupt  # Ctrl-C, with the companies and two contacts written

    stopped = import_file(
        rehearsal.oops,
        target=rehearsal.target,
        mapping=rehearsal.mapping,
        report=rehearsal.folder / "oops-results.xlsx",
        progress=stop_after_some,
    )
    assert stopped.interrupted
    assert differences(before, rehearsal.snapshot())

    result = undo(rehearsal.journal, target=rehearsal.target)

    assert result.ok, result.summary()
    assert not result.imported.finished
    assert differences(before, rehearsal.snapshot()) == []


def test_undo_by_the_results_workbook_and_an_undo_of_the_undo_is_refused(
    rehearsal: Rehearsal,
) -> None:
    before = rehearsal.snapshot()
    rehearsal.import_oops()

    result = undo(rehearsal.folder / "oops-results.xlsx", target=rehearsal.target)

    assert result.ok
    assert differences(before, rehearsal.snapshot()) == []
    assert result.report == rehearsal.folder / "oops-undo.xlsx"
    assert result.journal == rehearsal.folder / ".bulkio" / "oops-undo.journal.sqlite"
    for undo_file in (result.report, result.journal):
        with pytest.raises(ConfigError, match=r"(?s)an undo cannot be undone.*import the file"):
            undo(undo_file, target=rehearsal.target)


def test_the_dry_run_changes_nothing_and_its_plan_shows_every_reversal(
    rehearsal: Rehearsal,
) -> None:
    rehearsal.import_oops()
    imported = rehearsal.snapshot()

    plan = undo(rehearsal.journal, target=rehearsal.target, dry_run=True)

    assert rehearsal.snapshot() == imported
    assert plan.plan is not None and plan.plan.writes > 0
    assert plan.report == rehearsal.folder / "oops-undo-plan.xlsx"
    book = openpyxl.load_workbook(plan.report, read_only=True)
    header, *rows = list(book["Reversals"].iter_rows(values_only=True))
    column = {name: i for i, name in enumerate(header)}
    lines = {(r[column["Key"]], r[column["Field"]]): r for r in rows}
    last_name = lines[("P-2", "last_name")]
    assert (last_name[column["The import left"]], last_name[column["After the undo"]]) == (
        "Baumann",
        "Bauer",
    )
    segment = lines[("K-1", "custom field segment")]
    assert (segment[column["Now"]], segment[column["After the undo"]]) == ("B", "A")
    position = lines[("P-3 -> K-2", "position")]
    assert (position[column["Now"]], position[column["After the undo"]]) == ("CEO", "CTO")
    new = lines[("K-9", "(the record)")]
    assert (new[column["Action"]], new[column["After the undo"]]) == ("archive", "archived")


def test_an_undo_on_another_platform_is_refused(rehearsal: Rehearsal) -> None:
    rehearsal.import_oops()
    with pytest.raises(ConfigError, match=r"(?s)the import went to .*pass --api-url"):
        undo(
            rehearsal.journal,
            target=Target(api_url="https://api.kanbert.com/api/v1", token="t"),
            dry_run=True,
        )
