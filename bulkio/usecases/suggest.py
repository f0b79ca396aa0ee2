"""``bulkio mapping suggest``: a commented mapping draft for a spreadsheet bulkio does not know."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.suggest.drafting import Draft, draft_mapping
from bulkio.core.suggest.workbook import SheetSample, data_sheets, draft_workbook
from bulkio.readers import SourceTable, hidden_sheets, open_table, sheet_names
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


def _visible_sheets(input: Path) -> list[SheetSample]:
    """Every visible sheet of a workbook that can be read, with a sample of its values."""
    names = sheet_names(input)
    if len(names) < 2:
        return []
    hidden = hidden_sheets(input)
    found: list[SheetSample] = []
    for name in names:
        if name in hidden or name.startswith("_"):
            continue
        try:
            table = open_table(input, sheet=name)
        except InputFileError:
            continue  # an empty sheet holds nothing to draft
        header_row = table.header_row if table.header_row != 1 else None
        found.append(SheetSample(name, tuple(table.columns), _sample(table), header_row))
    return found


def suggest_mapping(
    input: Path,
    *,
    out: Path | None = None,
    sheet: str | int | None = None,
    overwrite: bool = False,
) -> SuggestResult:
    """Draft a mapping for ``input`` from its headers and its first rows; write it to ``out``
    when given (refusing to overwrite an existing file unless ``overwrite``, and the input
    always).

    Without ``sheet``, a workbook with several data sheets (companies, contacts, links) gets
    a separate-sheets draft; instruction and hidden sheets are skipped."""
    input = Path(input)
    if not input.is_file():
        raise InputFileError(f"the file {input} does not exist", hint="Check the name and folder.")
    output = Output(Path(out), OutputKind.DRAFT, "-o") if out is not None else None
    if output is not None:
        check_outputs([output], inputs=inputs_of(input), force=overwrite)
    draft: Draft | None = None
    if sheet is None:
        found = data_sheets(_visible_sheets(input))
        if len({role for role, _ in found}) > 1:
            draft = draft_workbook([s for _, s in found], source=input.name)
        elif found:
            sheet = found[0][1].name  # the one data sheet (after an instructions sheet, say)
    if draft is None:
        table = open_table(input, sheet=sheet)
        draft = draft_mapping(
            table.columns,
            _sample(table),
            source=input.name,
            sheet=sheet if sheet is not None else 0,
            header_row=table.header_row if table.header_row != 1 else None,
        )
    if output is not None:
        with written(output) as partial:
            partial.write_text(draft.text, encoding="utf-8")
    return SuggestResult(draft, output.path if output is not None else None)
