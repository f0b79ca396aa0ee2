"""The files around a command's run: its inputs, which no output may replace, and where its
outputs go when the user names none.

Default outputs lie beside the input, named after it, so two inputs of the same name in
different folders (``jan/kontakte.csv``, ``feb/kontakte.csv``) never share a report,
results workbook or journal:

    kontakte-report.xlsx                   check's report (when there are problems)
    kontakte-results.xlsx                  import's results workbook
    .bulkio/kontakte.csv.journal.sqlite    import's journal (the full name: kontakte.xlsx
                                           beside it has its own)

What bulkio writes over, and how, is ``bulkio.writers.outputs``.
"""

from __future__ import annotations

from pathlib import Path

from bulkio.usecases.connect import Target

STATE_FOLDER = ".bulkio"  # beside the input: the journals of its imports


def default_report(input: Path) -> Path:
    """``check``'s report workbook for ``input``."""
    return input.with_name(f"{input.stem}-report.xlsx")


def default_results(input: Path) -> Path:
    """``import``'s results workbook for ``input``."""
    return input.with_name(f"{input.stem}-results.xlsx")


def default_journal(input: Path) -> Path:
    """``import``'s journal for ``input``."""
    return input.parent / STATE_FOLDER / f"{input.name}.journal.sqlite"


def inputs_of(
    input: Path | None = None,
    mapping: str | Path | None = None,
    target: Target | None = None,
) -> dict[Path, str]:
    """A command's inputs, each with what it is (for messages): the input file or folder,
    the mapping file (not a preset), the sandbox's database."""
    found: dict[Path, str] = {}
    if input is not None:
        found[Path(input)] = "the input file" if not Path(input).is_dir() else "the input folder"
    if mapping is not None and Path(mapping).is_file():
        found[Path(mapping)] = "the mapping file"
    if target is not None and target.sandbox is not None:
        found[target.sandbox] = "the sandbox's database"
    return found
