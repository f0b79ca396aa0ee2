"""The Summary sheet of a results workbook bulkio wrote: its lines as ``{label: value}``.

``bulkio undo`` reads it to find the journal a results workbook names (see
``bulkio.journal.naming``). Only the first sheet named ``Summary`` is read, as text.
"""

from __future__ import annotations

from pathlib import Path

import python_calamine as calamine

from bulkio.core.errors import InputFileError
from bulkio.readers.cell_text import format_cell

SUMMARY_SHEET = "Summary"


def read_results_summary(path: Path) -> dict[str, str]:
    """The label -> value lines of the workbook's Summary sheet; InputFileError when the
    file is no workbook or has no Summary sheet."""
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        if SUMMARY_SHEET not in book.sheet_names:
            raise InputFileError(
                f"{path} has no {SUMMARY_SHEET} sheet, so it is not a results workbook of bulkio",
                hint="Pass the results workbook an import wrote, or its journal (…journal.sqlite).",
            )
        rows = book.get_sheet_by_name(SUMMARY_SHEET).to_python()
    except calamine.CalamineError as exc:
        raise InputFileError(
            f"cannot read {path} as a workbook ({exc})",
            hint="Pass the results workbook an import wrote, or its journal (…journal.sqlite).",
        ) from None
    lines: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and row[0] not in (None, ""):
            lines[str(format_cell(row[0]) or "")] = format_cell(row[1]) or ""
    return lines
