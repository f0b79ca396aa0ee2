"""The output policy on its own: what counts as bulkio's file, and how a file is written."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bulkio.writers.outputs import (
    Output,
    OutputError,
    OutputKind,
    check_outputs,
    is_own,
    written,
)


def _workbook(path: Path, value: str = "x") -> Path:
    wb = openpyxl.Workbook()
    wb.active["A1"] = value
    wb.save(path)
    return path


def _bulkio_workbook(path: Path, kind: OutputKind, value: str = "x") -> Path:
    with written(Output(path, kind)) as partial:
        _workbook(partial, value)
    return path


def test_a_workbook_bulkio_wrote_is_its_own_until_another_program_saves_it(
    tmp_path: Path,
) -> None:
    report = _bulkio_workbook(tmp_path / "r.xlsx", OutputKind.REPORT)
    assert is_own(report, Output(report, OutputKind.REPORT))
    assert not is_own(report, Output(report, OutputKind.TEMPLATE))  # not the same kind

    wb = openpyxl.load_workbook(report)  # the customer opens it, types, saves
    wb.active["B2"] = "Anna"
    wb.save(report)

    assert not is_own(report, Output(report, OutputKind.REPORT))
    assert not is_own(_workbook(tmp_path / "mine.xlsx"), Output(report, OutputKind.REPORT))


def test_a_stamped_workbook_whose_content_changed_is_not_bulkios(tmp_path: Path) -> None:
    path = _bulkio_workbook(tmp_path / "t.xlsx", OutputKind.TEMPLATE)
    stamp = zipfile.ZipFile(path).comment
    other = _workbook(tmp_path / "other.xlsx", "filled in")
    with zipfile.ZipFile(other, "a") as archive:
        archive.comment = stamp  # a stamp copied onto other content
    assert not is_own(other, Output(other, OutputKind.TEMPLATE))


def test_an_output_over_an_input_is_refused_even_with_force(tmp_path: Path) -> None:
    data = tmp_path / "kunden.csv"
    data.write_text("Name\nAnna\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    db = tmp_path / "box.sqlite"
    (tmp_path / "shortcut.csv").symlink_to(data)
    inputs = {data: "the input file", db: "the sandbox's database", tmp_path / "sub": "a folder"}
    for target, what in [
        (data, "the input file"),
        (tmp_path / "sub" / ".." / "kunden.csv", "the input file"),
        (tmp_path / "shortcut.csv", "the input file"),
        (tmp_path / "box.sqlite-wal", "the sandbox's database"),
        (tmp_path / "sub" / "new.xlsx", "a folder"),
    ]:
        with pytest.raises(OutputError, match=f"is {what}; bulkio never writes over its input"):
            check_outputs(
                [Output(target, OutputKind.REPORT, "--report")], inputs=inputs, force=True
            )
    hard_link = tmp_path / "alias.csv"
    os.link(data, hard_link)
    with pytest.raises(OutputError, match="is the input file"):
        check_outputs([Output(hard_link, OutputKind.EXPORT)], inputs={data: "the input file"})
    assert data.read_text(encoding="utf-8") == "Name\nAnna\n"


def test_two_outputs_of_one_command_may_not_be_one_file(tmp_path: Path) -> None:
    same = tmp_path / "r.xlsx"
    outputs = [Output(same, OutputKind.RESULTS, "--report"), Output(same, OutputKind.REPORT)]
    with pytest.raises(OutputError, match="are the same file"):
        check_outputs(outputs, inputs={})


def test_a_foreign_file_needs_force_and_an_own_one_does_not(tmp_path: Path) -> None:
    foreign = _workbook(tmp_path / "theirs.xlsx")
    output = Output(foreign, OutputKind.EXPORT, "--report")
    with pytest.raises(OutputError) as refused:
        check_outputs([output], inputs={})
    assert str(refused.value) == (
        f"{foreign} already exists and is not an export bulkio wrote (or it was changed since); "
        "nothing was written\nChoose another name with --report, or add --force to replace it."
    )
    check_outputs([output], inputs={}, force=True)
    own = _bulkio_workbook(tmp_path / "own.xlsx", OutputKind.EXPORT)
    check_outputs([Output(own, OutputKind.EXPORT)], inputs={})


@pytest.mark.parametrize("stop", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_write_cut_short_leaves_neither_the_file_nor_its_temporary_name(
    tmp_path: Path, stop: BaseException
) -> None:
    final = _bulkio_workbook(tmp_path / "r.xlsx", OutputKind.REPORT, "the earlier report")
    with pytest.raises(type(stop)), written(Output(final, OutputKind.REPORT)) as partial:
        _workbook(partial, "half")
        raise stop
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]
    assert openpyxl.load_workbook(final).active["A1"].value == "the earlier report"


def test_what_a_killed_writer_left_is_removed_by_the_next_write(tmp_path: Path) -> None:
    final = tmp_path / "r.xlsx"
    script = f"""
import os, signal
from pathlib import Path
from bulkio.writers.outputs import Output, OutputKind, written
with written(Output(Path({str(final)!r}), OutputKind.REPORT)) as partial:
    partial.write_bytes(b"half a workbook")
    os.kill(os.getpid(), signal.SIGKILL)
"""
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == -9
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(left) == 2 and all(name.startswith(".partial-") for name in left)
    assert left[0].endswith("-r.xlsx") and left[1].endswith("-r.xlsx.tmp")  # and its scratch
    assert not final.exists()

    _bulkio_workbook(final, OutputKind.REPORT)

    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_a_temporary_file_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    final = tmp_path / "r.xlsx"
    busy = tmp_path / f".partial-{os.getppid()}-r.xlsx"  # our parent process is alive
    busy.write_bytes(b"being written")
    _bulkio_workbook(final, OutputKind.REPORT)
    assert busy.exists()


def test_a_mapping_draft_is_never_bulkios_to_replace(tmp_path: Path) -> None:
    draft = tmp_path / "m.yaml"
    with written(Output(draft, OutputKind.DRAFT)) as partial:
        partial.write_text("company: {}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists; nothing was written"):
        check_outputs([Output(draft, OutputKind.DRAFT, "-o")], inputs={})


def test_a_write_that_fails_is_one_plain_error_naming_the_file(tmp_path: Path) -> None:
    final = tmp_path / "r.xlsx"
    full = f"cannot write {final}: No space left on device"
    with pytest.raises(OutputError, match=full), written(Output(final, OutputKind.REPORT)):
        raise OSError(28, "No space left on device")
    missing = tmp_path / "nowhere" / "r.xlsx"
    gone = f"the folder {missing.parent} does not exist"
    with pytest.raises(OutputError, match=gone), written(Output(missing, OutputKind.REPORT)):
        pass
    assert [p.name for p in tmp_path.iterdir()] == []
