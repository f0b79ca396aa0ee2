"""``bulkio undo`` and ``bulkio runs`` as a person uses them: what they print, their exit
codes, their JSON."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from bulkio import runs
from bulkio.cli.main import cli
from bulkio.journal.naming import undo_journal_path, undo_results_path
from tests.usecases.undo.conftest import Rehearsal
from tests.usecases.undo.platform import by_external_id, patch


def _bulkio(rehearsal: Rehearsal, *args: str) -> Result:
    box = rehearsal.box
    return CliRunner().invoke(
        cli,
        [*args, "--api-url", box.base_url],
        env={"KANBERT_API_TOKEN": box.token},
        catch_exceptions=False,
    )


def test_a_dry_run_prints_the_plan_and_what_it_costs(rehearsal: Rehearsal) -> None:
    rehearsal.import_oops()

    dry = _bulkio(rehearsal, "undo", str(rehearsal.journal), "--dry-run")

    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert lines[0].startswith("Undo of the import of oops.csv into http://127.0.0.1:")
    assert lines[1:5] == [
        "Plan:",
        "  links     1 nothing to do, 2 reposition, 4 unlink",
        "  contacts  3 archive, 1 revert",
        "  companies 1 archive, 1 revert, 1 revert and archive",
    ]
    assert lines[5].startswith("  requests  14 writes (finding the records took")
    assert lines[-2:] == [
        f"Plan workbook: {rehearsal.folder / 'oops-undo-plan.xlsx'}",
        "Dry run: nothing was sent.",
    ]


def test_later_edits_are_listed_then_overwritten_with_force(rehearsal: Rehearsal) -> None:
    rehearsal.import_oops()
    records = rehearsal.snapshot()
    box = rehearsal.box
    p2, p10 = (str(by_external_id(records, key)["id"]) for key in ("P-2", "P-10"))
    patch(box.base_url, box.token, "contacts", p2, {"last_name": "Brandt"})
    patch(box.base_url, box.token, "contacts", p10, {"first_name": "Ina"})

    first = _bulkio(rehearsal, "undo", str(rehearsal.journal))

    assert first.exit_code == 1, first.output
    assert (
        "Changed since the import, left as it is (--force sets it back too):\n"
        "  contact P-2: last_name was 'Baumann' after the import, is 'Brandt' now\n"
        "  contact P-10: first_name was 'Ida' after the import, is 'Ina' now\n"
    ) in first.output
    assert "Everything the import did is undone." not in first.output

    preview = _bulkio(rehearsal, "undo", str(rehearsal.journal), "--force", "--dry-run")

    assert (
        "Changed since the import, to be overwritten because of --force:\n"
        "  contact P-2: last_name was 'Baumann' after the import and 'Brandt' since; "
        "set back to 'Bauer'\n"
        "  contact P-10: first_name was 'Ida' after the import and 'Ina' since; "
        "archived all the same\n"
    ) in preview.output

    forced = _bulkio(rehearsal, "undo", str(rehearsal.journal), "--force", "--json")

    assert forced.exit_code == 0, forced.output
    summary = json.loads(forced.output)
    assert summary["ok"] is True
    assert summary["changed_since"] == [
        {
            "what": "contact P-2",
            "field": "last_name",
            "after_import": "Baumann",
            "now": "Brandt",
            "overwritten": True,
            "set_back_to": "Bauer",
            "archived": False,
        },
        {
            "what": "contact P-10",
            "field": "first_name",
            "after_import": "Ida",
            "now": "Ina",
            "overwritten": True,
            "set_back_to": None,
            "archived": True,
        },
    ]
    assert summary["outcomes"] == {"undone": 2, "undone earlier": 11, "nothing to do": 1}


def test_an_undo_of_an_undo_is_refused_with_exit_2(rehearsal: Rehearsal) -> None:
    rehearsal.import_oops()
    done = _bulkio(rehearsal, "undo", str(rehearsal.folder / "oops-results.xlsx"))
    assert done.exit_code == 0, done.output
    assert "Everything the import did is undone." in done.output
    assert "Archived 5 records: Kanbert's delete keeps them in its archive." in done.output

    again = _bulkio(rehearsal, "undo", str(rehearsal.folder / "oops-undo.xlsx"))

    assert again.exit_code == 2
    assert "an undo cannot be undone" in again.output
    assert "import the file again (bulkio import oops.csv)" in again.output


def test_runs_lists_the_imports_in_a_folder_and_whether_they_were_undone(
    rehearsal: Rehearsal,
) -> None:
    rehearsal.import_oops()
    folder = rehearsal.folder
    (folder / "notes.sqlite").write_bytes(b"not a database at all")
    with sqlite3.connect(folder / "other.sqlite") as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    assert [(r.input, r.undone.value) for r in runs(folder)] == [
        ("oops.csv", "not undone"),
        ("before.csv", "not undone"),
    ]
    _bulkio(rehearsal, "undo", str(rehearsal.journal))

    listed = runs(folder)

    assert [(r.input, r.undone.value, r.finished) for r in listed] == [
        ("oops.csv", "undone", True),
        ("before.csv", "not undone", True),
    ]
    oops = listed[0]
    assert oops.writes == {"create": 3, "link": 5, "relink": 2, "restore": 2, "update": 2}
    assert oops.undo_journal == folder / ".bulkio" / "oops-undo.journal.sqlite"
    printed = CliRunner().invoke(cli, ["runs", str(folder)]).output.splitlines()
    assert printed[0].endswith(
        f"  oops.csv with {rehearsal.mapping} into {rehearsal.target.api_url}"
    )
    assert (
        printed[1]
        == "  14 writes (3 created, 5 linked, 2 re-positioned, 2 restored, 2 updated), finished"
    )
    assert printed[2] == f"  undone: {folder / '.bulkio' / 'oops-undo.journal.sqlite'}"
    assert (
        printed[5]
        == f"  not undone: bulkio undo {folder / '.bulkio' / 'before.csv.journal.sqlite'}"
    )


def test_runs_in_a_folder_without_journals(tmp_path: Path) -> None:
    printed = CliRunner().invoke(cli, ["runs", str(tmp_path)])
    assert printed.exit_code == 0
    assert printed.output == f"No import journals in {tmp_path}.\n"


def test_a_file_that_names_no_import_is_refused_with_the_fix(tmp_path: Path) -> None:
    data = tmp_path / "kunden.csv"
    data.write_text("Name;Ort\nAnna;Dresden\n", encoding="utf-8")
    sandbox = ["--sandbox", str(tmp_path / "s.sqlite")]

    csv = CliRunner().invoke(cli, ["undo", str(data), *sandbox])
    missing = CliRunner().invoke(cli, ["undo", str(tmp_path / "nope.xlsx"), *sandbox])

    assert csv.exit_code == 2
    assert f"error: {data} is not a bulkio journal\nPass a journal bulkio wrote" in csv.output
    assert missing.exit_code == 2
    assert "file not found" in missing.output and "bulkio runs lists" in missing.output


def test_a_read_only_token_stops_the_undo_before_anything_is_planned(
    rehearsal: Rehearsal,
) -> None:
    rehearsal.import_oops()
    before = rehearsal.snapshot()
    box = rehearsal.box
    assert box.read_only_token is not None

    result = CliRunner().invoke(
        cli,
        ["undo", str(rehearsal.journal), "--api-url", box.base_url],
        env={"KANBERT_API_TOKEN": box.read_only_token},
    )

    assert result.exit_code == 2
    assert result.output.startswith(
        "error: the token may not change contacts and companies: it lacks the scope "
        "'contact-data:write'"
    )
    assert rehearsal.snapshot() == before
    assert not undo_journal_path(rehearsal.journal).exists()
    assert not undo_results_path(rehearsal.journal).exists()
