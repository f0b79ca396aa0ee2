"""A run is tied to its input: ids a journal saw created are reused only by the same import,
and a journal holding an unfinished import refuses any other.

Rows here have no external id and no e-mail, so each contact is known only by its row: the
case where reusing another run's ids would overwrite an unrelated person.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bulkio import Target, import_file
from bulkio.cli.main import cli
from bulkio.journal import JournalError
from bulkio.sandbox import Sandbox, running
from tests.usecases.importer.files import read_platform

MAPPING = """\
version: 1
input:
  flat: {sheet: 0}
company:
  key: {match: name}
  fields:
    company_name: Firma
contact:
  key: {match: none}
  fields:
    first_name: Vorname
    last_name: Nachname
link:
  position: Position
"""
HEADER = "Firma;Vorname;Nachname;Position\n"
# The refusals do not depend on the keys; with e-mails as keys a resumed run also finds the
# records whose answers Ctrl-C cut off (a record known only by its row cannot be looked up).
EMAIL_MAPPING = MAPPING.replace("key: {match: none}", "key: {match: email}").replace(
    "last_name: Nachname", "last_name: Nachname\n    email: E-Mail"
)


def _people(*names: str) -> str:
    return HEADER + "".join(f"Acme GmbH;{n};{n}mann;Rolle {n}\n" for n in names)


def _people_with_email(*names: str) -> str:
    rows = "".join(f"Acme GmbH;{n};{n}mann;Rolle {n};{n.lower()}@acme.de\n" for n in names)
    return HEADER.replace("\n", ";E-Mail\n") + rows


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.chdir(tmp_path)
    with running(tmp_path / "sandbox.sqlite") as sandbox:
        yield sandbox


def _target(box: Sandbox) -> Target:
    return Target(api_url=box.base_url, token=box.token)


def _records(box: Sandbox) -> dict[str, dict[str, Any]]:
    """Every contact and company the sandbox holds, by id, as the API shows it."""
    platform = read_platform(box.base_url, box.token)
    return {r["id"]: r for r in platform.contacts + platform.companies}


def _names(box: Sandbox) -> list[str]:
    return sorted(c["first_name"] for c in read_platform(box.base_url, box.token).contacts)


def test_a_row_inserted_above_leaves_every_earlier_record_untouched(
    tmp_path: Path, box: Sandbox
) -> None:
    data = _write(tmp_path / "kontakte.csv", _people("Anna", "Ben"))
    mapping = _write(tmp_path / "k.yaml", MAPPING)
    assert import_file(data, target=_target(box), mapping=mapping).ok
    before = _records(box)

    _write(data, _people("Carla", "Anna", "Ben"))  # Carla now sits in Anna's row
    again = import_file(data, target=_target(box), mapping=mapping)

    assert again.ok
    after = _records(box)
    assert {i: after[i] for i in before} == before  # nobody was overwritten
    assert _names(box) == ["Anna", "Anna", "Ben", "Ben", "Carla"]  # rows are new to this file
    [warning] = [str(i) for i in again.issues]  # and the user is told why, and what to do
    assert "no external ID or other key to find them by (contact 3)" in warning
    assert "give them an external ID (or an e-mail)" in warning


def test_a_file_of_the_same_name_in_another_folder_leaves_the_first_ones_records_untouched(
    tmp_path: Path, box: Sandbox
) -> None:
    mapping = _write(tmp_path / "k.yaml", MAPPING)
    january = _write(tmp_path / "jan" / "kontakte.csv", _people("Anna", "Ben"))
    february = _write(tmp_path / "feb" / "kontakte.csv", _people("Carla", "Dirk"))
    assert import_file(january, target=_target(box), mapping=mapping).ok
    before = _records(box)

    result = import_file(february, target=_target(box), mapping=mapping)

    assert result.ok and result.outcomes == {"created": 2}
    after = _records(box)
    assert {i: after[i] for i in before} == before
    assert _names(box) == ["Anna", "Ben", "Carla", "Dirk"]
    assert result.journal == tmp_path / "feb" / ".bulkio" / "kontakte.csv.journal.sqlite"
    assert result.report is not None and result.report.parent == tmp_path / "feb"
    assert result.report.name.startswith("kontakte-results-")
    assert len(list((tmp_path / "jan").glob("kontakte-results-*.xlsx"))) == 1


def test_the_same_file_again_finds_the_records_it_created(tmp_path: Path, box: Sandbox) -> None:
    data = _write(tmp_path / "kontakte.csv", _people("Anna", "Ben"))
    mapping = _write(tmp_path / "k.yaml", MAPPING)
    assert import_file(data, target=_target(box), mapping=mapping).ok

    again = import_file(data, target=_target(box), mapping=mapping)

    assert again.outcomes == {"unchanged": 2}
    assert _names(box) == ["Anna", "Ben"]


def _interrupted(data: Path, mapping: Path, target: Target) -> None:
    def stop(phase: str, done: int, total: int) -> None:
        if phase == "contacts":
            raise KeyboardInterrupt

    assert import_file(data, target=target, mapping=mapping, progress=stop).interrupted


def test_an_unfinished_import_is_resumed_only_by_the_same_import(
    tmp_path: Path, box: Sandbox
) -> None:
    data = _write(tmp_path / "kontakte.csv", _people_with_email("Anna", "Ben", "Carla"))
    mapping = _write(tmp_path / "k.yaml", EMAIL_MAPPING)
    _interrupted(data, mapping, _target(box))
    other_mapping = EMAIL_MAPPING.replace("position: Position", "position: Nachname")
    changed_mapping = _write(tmp_path / "other.yaml", other_mapping)

    with pytest.raises(JournalError) as mapping_refused:
        import_file(data, target=_target(box), mapping=changed_mapping)
    with pytest.raises(JournalError) as mode_refused:
        import_file(data, target=_target(box), mapping=mapping, mode="create-only")
    with running(tmp_path / "other.sqlite") as other, pytest.raises(JournalError) as elsewhere:
        import_file(data, target=_target(other), mapping=mapping)
    with pytest.raises(JournalError) as dry_run_refused:
        import_file(data, target=_target(box), mapping=mapping, mode="update-only", dry_run=True)
    _write(data, _people_with_email("Anna", "Ben", "Carla", "Dirk"))
    with pytest.raises(JournalError) as file_refused:
        import_file(data, target=_target(box), mapping=mapping)

    journal = tmp_path / ".bulkio" / "kontakte.csv.journal.sqlite"
    for refused in (mapping_refused, mode_refused, elsewhere, dry_run_refused, file_refused):
        text = str(refused.value)
        assert f"the journal {journal} holds an import of {data} that did not finish" in text
        assert "--journal NEW_FILE" in text and "move kontakte.csv.journal.sqlite away" in text
    assert f"the mapping is {changed_mapping} (it was {mapping})" in str(mapping_refused.value)
    assert "the mode is create-only (it was upsert)" in str(mode_refused.value)
    assert f"the target is {other.base_url} space " in str(elsewhere.value)
    assert f"the file {data} has changed since" in str(file_refused.value)

    _write(data, _people_with_email("Anna", "Ben", "Carla"))  # the same again: it finishes
    resumed = import_file(data, target=_target(box), mapping=mapping)
    assert resumed.ok
    assert _names(box) == ["Anna", "Ben", "Carla"]


def test_a_refused_resume_is_one_plain_line_with_the_fix_and_exit_2(
    tmp_path: Path, box: Sandbox
) -> None:
    data = _write(tmp_path / "kontakte.csv", _people("Anna", "Ben"))
    mapping = _write(tmp_path / "k.yaml", MAPPING)
    _interrupted(data, mapping, _target(box))
    _write(data, _people("Anna", "Ben", "Carla"))

    result = CliRunner().invoke(
        cli,
        ["import", str(data), "-m", str(mapping), "--api-url", box.base_url],
        env={"KANBERT_API_TOKEN": box.token},
        obj={},
    )

    assert result.exit_code == 2
    assert "has changed since" in result.output and "--journal NEW_FILE" in result.output
    assert "Traceback" not in result.output

    journal = tmp_path / "march.journal.sqlite"  # the fix the message names
    own_journal = ["--journal", str(journal), "--api-url", box.base_url]
    fresh = CliRunner().invoke(
        cli,
        ["import", str(data), "-m", str(mapping), *own_journal],
        env={"KANBERT_API_TOKEN": box.token},
        obj={},
    )
    assert fresh.exit_code == 0, fresh.output


def test_an_import_that_finished_may_be_followed_by_a_corrected_file(
    tmp_path: Path, box: Sandbox
) -> None:
    data = _write(tmp_path / "kontakte.csv", _people("Anna", "Ben"))
    mapping = _write(tmp_path / "k.yaml", MAPPING)
    assert import_file(data, target=_target(box), mapping=mapping).ok
    before = _records(box)

    _write(data, _people("Anna", "Benedikt"))
    corrected = import_file(data, target=_target(box), mapping=mapping)

    assert corrected.ok and corrected.outcomes == {"created": 2}
    after = _records(box)
    assert {i: after[i] for i in before} == before
    assert corrected.journal == tmp_path / ".bulkio" / "kontakte.csv-2.journal.sqlite"
    assert import_file(data, target=_target(box), mapping=mapping).journal == corrected.journal
