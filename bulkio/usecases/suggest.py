"""``bulkio mapping suggest``: a commented mapping draft for a spreadsheet bulkio does not know."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.suggest.draft import Draft, SheetSample
from bulkio.core.suggest.workbook import draft_file
from bulkio.readers import Source, SourceTable, source_of
from bulkio.readers.table import empty_frame
from bulkio.usecases.mappings import choose_sheet
from bulkio.usecases.run_files import inputs_of
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written

SAMPLE_ROWS = 2000  # the first rows of a sheet the draft looks at
TAIL_ROWS = 20  # ... and its last rows, where footers are


@dataclass(frozen=True)
class SuggestResult:
    draft: Draft
    written: Path | None  # where the draft was saved; None when only returned


def _sample(table: SourceTable, name: str | int) -> SheetSample:
    """The table's first rows and its last few, with their row numbers and the row count."""
    frames: list[pl.DataFrame] = []
    count = 0
    for batch in table.batches(SAMPLE_ROWS):
        count += batch.height
        if not frames:
            frames.append(batch)
        else:  # the first batch and the last rows
            frames[1:] = [pl.concat([*frames[1:], batch]).tail(TAIL_ROWS)]
    frame = pl.concat(frames) if frames else empty_frame(table.columns)
    samples = {column: list(frame.get_column(column).to_list()) for column in table.columns}
    rows = tuple(frame.get_column(ROW_COLUMN).to_list())
    header_row = table.header_row if table.header_row != 1 else None
    return SheetSample(name, tuple(table.columns), samples, header_row, rows, count)


def _sheets(source: Source, sheet: str | int | None) -> list[SheetSample]:
    """The sheet asked for; else every visible sheet of a workbook that can be read."""
    names = source.sheet_names
    if sheet is not None or len(names) < 2:
        return [_sample(source.table(sheet=sheet), sheet if sheet is not None else 0)]
    found: list[SheetSample] = []
    for name in names:
        if name in source.hidden_sheets or name.startswith("_"):
            continue
        try:
            table = source.table(sheet=name)
        except InputFileError:
            continue  # an empty sheet holds nothing to draft
        found.append(_sample(table, name))
    return found or [_sample(source.table(sheet=0), 0)]


def suggest_mapping(
    input: Path | Source,
    *,
    out: Path | None = None,
    sheet: str | int | None = None,
    overwrite: bool = False,
) -> SuggestResult:
    """Draft a mapping for ``input`` (a file, or its open source) from its headers and its
    rows; write it to ``out`` when given (refusing to overwrite an existing file unless
    ``overwrite``, and over the input always).

    ``sheet`` is a sheet's name or its number as text (``"1"`` the first, as ``--sheet``
    takes it), or a 0-based index. Without it, every visible sheet of a workbook is looked
    at: sheets that refer to each other are read together (companies, contacts, links), else
    the one that best holds the data; the draft's notes say which and why."""
    output = Output(Path(out), OutputKind.DRAFT, "-o") if out is not None else None
    if output is not None:
        path = input.path if isinstance(input, Source) else Path(input)
        check_outputs([output], inputs=inputs_of(path), force=overwrite)
    with source_of(input) as source:
        chosen = choose_sheet(source, sheet) if isinstance(sheet, str) else sheet
        draft = draft_file(_sheets(source, chosen), source=source.path.name)
    if output is not None:
        with written(output) as partial:
            partial.write_text(draft.text, encoding="utf-8")
    return SuggestResult(draft, output.path if output is not None else None)
