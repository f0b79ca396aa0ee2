"""``bulkio mapping suggest``: a commented mapping draft for a spreadsheet bulkio does not know."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.suggest.drafting import Draft, draft_mapping
from bulkio.core.suggest.workbook import SheetSample, data_sheets, draft_workbook
from bulkio.readers import Source, SourceTable, source_of
from bulkio.usecases.run_files import inputs_of
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written

SAMPLE_ROWS = 500


@dataclass(frozen=True)
class SuggestResult:
    draft: Draft
    written: Path | None  # where the draft was saved; None when only returned


def _sample(table: SourceTable) -> dict[str, list[str | None]]:
    frame = next(islice(table.batches(SAMPLE_ROWS), 1), None)
    samples: dict[str, list[str | None]] = {}
    if frame is not None:
        for name in frame.columns:
            if name != ROW_COLUMN:
                samples[name] = list(frame.get_column(name).to_list())
    return samples


def _visible_sheets(source: Source) -> list[SheetSample]:
    """Every visible sheet of a workbook that can be read, with a sample of its values."""
    names = source.sheet_names
    if len(names) < 2:
        return []
    hidden = source.hidden_sheets
    found: list[SheetSample] = []
    for name in names:
        if name in hidden or name.startswith("_"):
            continue
        try:
            table = source.table(sheet=name)
        except InputFileError:
            continue  # an empty sheet holds nothing to draft
        header_row = table.header_row if table.header_row != 1 else None
        found.append(SheetSample(name, tuple(table.columns), _sample(table), header_row))
    return found


def suggest_mapping(
    input: Path | Source,
    *,
    out: Path | None = None,
    sheet: str | int | None = None,
    overwrite: bool = False,
) -> SuggestResult:
    """Draft a mapping for ``input`` (a file, or its open source) from its headers and its
    first rows; write it to ``out`` when given (refusing to overwrite an existing file
    unless ``overwrite``, and over the input always).

    Without ``sheet``, a workbook with several data sheets (companies, contacts, links) gets
    a separate-sheets draft; instruction and hidden sheets are skipped."""
    output = Output(Path(out), OutputKind.DRAFT, "-o") if out is not None else None
    if output is not None:
        path = input.path if isinstance(input, Source) else Path(input)
        check_outputs([output], inputs=inputs_of(path), force=overwrite)
    with source_of(input) as source:
        draft = _draft(source, sheet)
    if output is not None:
        with written(output) as partial:
            partial.write_text(draft.text, encoding="utf-8")
    return SuggestResult(draft, output.path if output is not None else None)


def _draft(source: Source, sheet: str | int | None) -> Draft:
    """A separate-sheets draft for a workbook with several data sheets, else one sheet's."""
    name = source.path.name
    if sheet is None:
        found = data_sheets(_visible_sheets(source))
        if len({role for role, _ in found}) > 1:
            return draft_workbook([s for _, s in found], source=name)
        if found:
            sheet = found[0][1].name  # the one data sheet (after an instructions sheet, say)
    table = source.table(sheet=sheet)
    return draft_mapping(
        table.columns,
        _sample(table),
        source=name,
        sheet=sheet if sheet is not None else 0,
        header_row=table.header_row if table.header_row != 1 else None,
    )
