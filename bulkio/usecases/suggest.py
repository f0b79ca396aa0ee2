"""``bulkio mapping suggest``: a commented mapping draft for a spreadsheet bulkio does not know."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bulkio.core.errors import ConfigError, InputFileError
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.suggest.drafting import Draft, draft_mapping
from bulkio.readers import open_table

SAMPLE_ROWS = 500


@dataclass(frozen=True)
class SuggestResult:
    draft: Draft
    written: Path | None  # where the draft was saved; None when only returned


def suggest_mapping(
    input: Path,
    *,
    out: Path | None = None,
    sheet: str | int | None = None,
    overwrite: bool = False,
) -> SuggestResult:
    """Draft a mapping for ``input`` from its headers and its first rows; write it to ``out``
    when given (refusing to overwrite an existing file unless ``overwrite``)."""
    input = Path(input)
    if not input.is_file():
        raise InputFileError(f"the file {input} does not exist", hint="Check the name and folder.")
    if out is not None and Path(out).exists() and not overwrite:
        raise ConfigError(
            f"{out} already exists; the draft was not written",
            hint="Choose another file name with -o, or add --force to replace it.",
        )
    table = open_table(input, sheet=sheet)
    frame = next(islice(table.batches(SAMPLE_ROWS), 1), None)
    samples: dict[str, list[str | None]] = {}
    if frame is not None:
        for name in frame.columns:
            if name != ROW_COLUMN:
                samples[name] = list(frame.get_column(name).to_list())
    draft = draft_mapping(
        table.columns,
        samples,
        source=input.name,
        sheet=sheet if sheet is not None else 0,
        header_row=table.header_row if table.header_row != 1 else None,
    )
    if out is not None:
        Path(out).write_text(draft.text, encoding="utf-8")
    return SuggestResult(draft, Path(out) if out is not None else None)
