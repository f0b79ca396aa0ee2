"""The README's command blocks stay true: each ``$ bulkio ...`` line is run and its output
compared with the lines the README shows under it.

A block is a fenced code block without a language whose lines start with ``$ ``. Each block
runs in a fresh folder holding copies of ``samples/`` and ``mappings/``. An HTML comment just
above a block (invisible on the rendered page) can prepare or exclude it:

- ``<!-- readme: after CMD -->`` runs the bulkio command CMD first, its output unchecked;
- ``<!-- readme: files NAME -->`` writes NAME from ``README_FILES`` below;
- ``<!-- readme: skip REASON -->`` leaves the block out, for commands that need the real
  Kanbert or never end.

A Markdown table with ``<!-- readme: workbook FILE -->`` just above it shows rows of a
workbook the block before it wrote: each table row must equal, column by column, the
workbook row (of its first sheet after the Summary) whose first column holds the same value.

In the shown output, a line ``...`` stands for any number of lines, a line ending in `` ...``
for any line that starts with what comes before, and what differs from one
run to the next (seconds, loopback ports, times in backup names, a run's start) is compared
by its shape.
The README's first command, a set-up one-liner, ends with a bulkio command whose output is the
block after it.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bulkio.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

# Files that README commands use but the repository does not ship.
README_FILES = {
    "bad.yaml": "company:\n  fields:\n    compnay_name: Firma\n",
}

_FENCE = re.compile(r"^```(\S*)\s*$")
_DIRECTIVE = re.compile(r"^<!--\s*readme:\s*(after|files|skip|workbook)\s+(.*?)\s*-->\s*$")
_VARYING = [
    (re.compile(r"\b\d+(\.\d+)? s\b"), "N s"),  # seconds taken
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d{6}Z"), "TIMESTAMP"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"), "DATE UTC"),  # a run's start
]


@dataclass
class Command:
    line: str
    expected: list[str]


@dataclass
class Table:
    """A Markdown table showing rows of the workbook ``path``: its header and rows."""

    path: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Block:
    line_no: int
    commands: list[Command]
    after: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skip: str | None = None
    tables: list[Table] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"README.md:{self.line_no} {self.commands[0].line}"


def _blocks() -> list[Block]:
    lines = README.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    pending: list[tuple[str, str]] = []
    setup_command: str | None = None
    i = 0
    while i < len(lines):
        directive = _DIRECTIVE.match(lines[i])
        fence = _FENCE.match(lines[i])
        if directive:
            pending.append((directive.group(1), directive.group(2)))
            i += 1
            continue
        workbook = [value for kind, value in pending if kind == "workbook"]
        if workbook and lines[i].startswith("|") and blocks:
            end = i
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            header, _, *rows = (_cells(line) for line in lines[i:end])
            blocks[-1].tables.append(Table(workbook[0], header, rows))
            pending = []
            i = end
            continue
        if not fence:
            if lines[i].strip():
                pending = []
            i += 1
            continue
        start = i + 1
        end = start
        while end < len(lines) and not _FENCE.match(lines[end]):
            end += 1
        body = lines[start:end]
        language = fence.group(1)
        if language == "bash" and not blocks and setup_command is None:
            last = body[-1] if body else ""
            if "bulkio " in last:
                setup_command = "bulkio " + last.rsplit("bulkio ", 1)[1]
        elif language == "" and body and not body[0].startswith("$ ") and setup_command:
            blocks.append(Block(start, [Command(setup_command, list(body))]))
            setup_command = None
        elif language == "" and any(b.startswith("$ ") for b in body):
            block = Block(start, _commands(body))
            for kind, value in pending:
                if kind == "after":
                    block.after.append(value)
                elif kind == "files":
                    block.files.extend(value.split())
                else:
                    block.skip = value
            blocks.append(block)
        pending = []
        i = end + 1
    return blocks


def _commands(body: list[str]) -> list[Command]:
    commands: list[Command] = []
    for text in body:
        if text.startswith("$ "):
            commands.append(Command(_strip_comment(text[2:]), []))
        elif commands:
            commands[-1].expected.append(text)
    for command in commands:
        while command.expected and not command.expected[-1].strip():
            command.expected.pop()
    return commands


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _workbook_rows(path: Path) -> dict[str, dict[str, str]]:
    """The rows of the first sheet after the Summary, by their first cell, as header -> text."""
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[1]
    header, *rows = sheet.iter_rows(values_only=True)
    return {
        _text(row[0]): {str(h): _text(v) for h, v in zip(header, row, strict=False)} for row in rows
    }


def _text(value: object) -> str:
    """A cell as the README shows it: a whole number without its ".0", nothing for empty."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def _strip_comment(command: str) -> str:
    return re.split(r"\s{2,}#", command, maxsplit=1)[0].strip()


def _shape(text: str) -> str:
    for pattern, replacement in _VARYING:
        text = pattern.sub(replacement, text)
    return text.rstrip()


def _matches(expected: list[str], actual: list[str]) -> bool:
    """``...`` in ``expected`` stands for any number of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(_matches(rest, actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    if head.endswith(" ..."):
        same = _shape(actual[0]).startswith(_shape(head[:-4]))
    else:
        same = _shape(head) == _shape(actual[0])
    return same and _matches(rest, actual[1:])


def _run(command: str) -> list[str]:
    args = shlex.split(command)
    assert args[0] == "bulkio", command
    result = CliRunner().invoke(cli, args[1:], catch_exceptions=False)
    return result.output.rstrip("\n").splitlines()


BLOCKS = _blocks()


def test_the_readme_has_command_blocks() -> None:
    assert len([b for b in BLOCKS if b.skip is None]) >= 8


@pytest.mark.parametrize("block", BLOCKS, ids=[b.name for b in BLOCKS])
def test_a_readme_block_shows_what_bulkio_prints(
    block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if block.skip is not None:
        pytest.skip(block.skip)
    leftovers = shutil.ignore_patterns(".bulkio", ".partial-*", "*-report.xlsx", "*-results.xlsx")
    for folder in ("samples", "mappings"):  # without what earlier runs wrote beside the samples
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=leftovers)
    for name in block.files:
        (tmp_path / name).write_text(README_FILES[name], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KANBERT_API_TOKEN", raising=False)
    monkeypatch.delenv("KANBERT_API_URL", raising=False)
    for before in block.after:
        _run(before)
    for command in block.commands:
        actual = _run(command.line)
        assert _matches(command.expected, actual), (
            f"$ {command.line}\n--- README shows:\n"
            + "\n".join(command.expected)
            + "\n--- bulkio prints:\n"
            + "\n".join(actual)
        )
    for table in block.tables:
        found = _workbook_rows(tmp_path / table.path)
        for row in table.rows:
            shown = dict(zip(table.header, row, strict=True))
            actual_row = found.get(row[0], {})
            assert shown == {h: actual_row.get(h) for h in table.header}, (
                f"{table.path} row {row[0]}: README shows {shown}, the workbook holds "
                f"{ {h: actual_row.get(h) for h in table.header} }"
            )
