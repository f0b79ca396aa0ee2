"""Hostile and damaged inputs through the real CLI: each ends with the exit code the README
documents, a refusal is one plain line (and its hint), and nothing prints a traceback.

The files come from ``make_files.py``; every command runs in a child process with its address
space capped, so a file that got past the limits fails its test instead of the test run.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.hostile.make_files import build, check_args

MEMORY_CAP = 3 << 30


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    build(folder)
    return folder


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def bulkio(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the bulkio CLI in a child process; its exit code and everything it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "bulkio", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=240,
        preexec_fn=_cap_memory,
        env={**os.environ, **(env or {})},
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert "panicked" not in output, output
    return done.returncode, output


def assert_refused(code: int, output: str, says: str) -> None:
    """Exit 2 with one line saying what is wrong (and a second saying what to do)."""
    assert code == 2, output
    lines = output.strip().splitlines()
    assert lines[0].startswith("error: "), output
    assert len(lines) <= 2, output
    assert re.search(says, lines[0]), output


REFUSED = {
    "xfd-cell.xlsx": r"too large to read as a workbook: .* GB of memory \(.* reach XFD1048576\)",
    "xfd-cell-elsewhere.xlsx": r"too large to read as a workbook: .*XFD1048576",
    "zzzzzzzz3.xlsx": r"a cell at ZZZZZZZZ3, beyond the last cell",
    "shared-strings-bomb.xlsx": r"sharedStrings\.xml would unpack to 286\.6 MB from 0\.3 MB",
    "panic-bomb.xlsx": r"beyond the last cell a sheet can have",
    "unique-count-bomb.xlsx": r"too large to read as a workbook: .*\d GB of memory",
    "mimetype-2gib.ods": r"its mimetype would unpack to 2\.0 GB from 2\.0 MB",
    "repeat-bomb.ods": r"too large to read as a workbook: .*CV500003",
    "deflate64.ods": r"packed with Deflate64 compression \(content\.xml\)",
    "encrypted.ods": r"holds encrypted parts \(content\.xml\)",
    "far-cell.xls": r"too large to read as a workbook: .*IV65536",
    "wide-20000.csv": r"has 20,000 columns; bulkio reads at most 16,384",
    "field-limit.csv": r"a value in row 3 runs on for more than 131,072 characters",
    "header-only.csv": r"has a header row but no data rows",
    "manifest-escape": r"names the file '\.\./outside-secret\.csv', which is not inside",
    "alias-bomb.yaml": r"alias-bomb\.yaml: line 13: the mapping expands to more than 20,000",
    "bad-encoding.yaml": r"line 4, column 9: 'input\.csv\.encoding' = 'klingon-8': unknown enc",
    "bad-delimiter.yaml": r"line 4, column 9: 'input\.csv\.delimiter' = '§': the delimiter must",
    "bad-header-row.yaml": r"line 3, column 20: 'input\.flat\.header_row' = 9+",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_file_is_refused_in_one_line(files: Path, name: str) -> None:
    code, output = bulkio("check", *check_args(name, files), cwd=files)
    assert_refused(code, output, REFUSED[name])


def test_a_file_that_makes_the_workbook_reader_panic_is_refused_by_import_too(
    files: Path, tmp_path: Path
) -> None:
    code, output = bulkio(
        "import", *check_args("panic-bomb.xlsx", files), "--sandbox", tmp_path / "s.sqlite",
        cwd=tmp_path,
    )  # fmt: skip
    assert_refused(code, output, r"beyond the last cell")


def test_empty_rows_repeated_to_the_sheets_end_are_not_a_bomb(files: Path) -> None:
    code, output = bulkio("check", *check_args("trailing-rows.ods", files), cwd=files)
    assert code == 0, output
    assert re.search(r"rows read +2\n", output)


def test_a_utf8_file_with_one_windows_1252_line_keeps_every_umlaut(files: Path) -> None:
    code, output = bulkio("check", *check_args("mixed-encoding.csv", files), "--json", cwd=files)
    assert code == 0, output
    result = json.loads(output)
    [warning] = [i for i in result["issues"] if i["severity"] == "warning"]
    assert "line(s) 3 are not; their letters were read as Windows-1252" in warning["message"]
    assert result["sheets"][0]["encoding"] == "UTF-8 (some lines Windows-1252)"


def test_the_mixed_line_reads_right_in_the_import(files: Path, tmp_path: Path) -> None:
    code, output = bulkio(
        "import", *check_args("mixed-encoding.csv", files), "--sandbox", tmp_path / "s.sqlite",
        "--report", tmp_path / "results.xlsx", cwd=tmp_path,
    )  # fmt: skip
    assert code == 0, output
    sheet = openpyxl.load_workbook(tmp_path / "results.xlsx", read_only=True).worksheets[1]
    names = {(row[2], row[3]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {("Jürgen", "Weiß"), ("Jörg", "Köhler"), ("Änne", "Groß")}


def test_cr_only_line_ends_read_as_rows(files: Path) -> None:
    code, output = bulkio("check", *check_args("cr-only.csv", files), "--json", cwd=files)
    assert code == 0, output
    assert json.loads(output)["summary"]["rows read"] == 2


def test_control_characters_are_removed_with_a_warning_and_the_report_is_written(
    files: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.xlsx"
    code, output = bulkio(
        "check", *check_args("vertical-tab.csv", files), "--report", report, cwd=tmp_path
    )
    assert code == 1, output
    assert "\x1b" not in output and "\x07" not in output and "\x0b" not in output
    assert "row 3, column 'E-Mail': control characters (U+000B) were removed" in output
    assert "row 3, column 'E-Mail': 'aenne(at)example.de' is not an e-mail address" in output
    rows = openpyxl.load_workbook(report)["vertical-tab"]
    assert [c.value for c in rows[2]] == [
        3,
        "Bäckerei Schön",
        "Änne",
        "Groß",
        "aenne(at)example.de",
    ]
    assert "not an e-mail address" in rows["E2"].comment.text
    assert rows["C3"].value == "]0;pwned[2J[H"


def test_a_control_character_in_a_sheet_name_is_shown_escaped_and_written_without_it(
    files: Path, tmp_path: Path
) -> None:
    args = [*check_args("control-sheet-name.xlsx", files), "--sandbox", str(tmp_path / "s.sqlite")]
    outputs = ["--report", str(tmp_path / "control-sheet-name-results.xlsx")]
    outputs += ["--journal", str(tmp_path / "j.sqlite")]
    for _ in range(2):  # the re-run writes the results workbook again
        code, output = bulkio("import", *args, *outputs, "--skip-invalid", cwd=tmp_path)
        assert code == 1, output
        assert "sheet 'Kon\\u0007takte', row 4, column 'E-Mail'" in output
        assert "\x07" not in output
        book = openpyxl.load_workbook(tmp_path / "control-sheet-name-results.xlsx")
        assert book.sheetnames == ["Summary", "Kontakte"]


def test_a_20000_column_csv_is_refused_before_anything_is_sent(files: Path, tmp_path: Path) -> None:
    sandbox = tmp_path / "s.sqlite"
    code, output = bulkio(
        "import", *check_args("wide-20000.csv", files), "--sandbox", sandbox, cwd=tmp_path
    )
    assert_refused(code, output, r"has 20,000 columns")
    assert not list(tmp_path.glob("*results*"))
    assert not list(files.glob("wide-20000-results*"))  # the default: beside the input


def test_an_export_manifest_cannot_lead_outside_the_export(files: Path) -> None:
    code, output = bulkio("check", files / "manifest-escape", cwd=files)
    assert_refused(code, output, r"not inside the export")
    assert "Not yours" not in output
