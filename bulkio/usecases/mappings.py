"""Which mapping a command uses: a mapping file, a preset by name, or the recognised format.

``resolve_mapping`` is what ``check`` and ``import`` call with their ``-m`` option.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from bulkio.core.errors import InputFileError
from bulkio.core.recognize import TEMPLATE_MARKER_SHEET, Candidate, FileShape, recognize
from bulkio.readers import open_table, sheet_names

PREAMBLE_ROWS = 20


def read_shape(path: Path, *, sheet: str | int | None = None) -> FileShape:
    """The header row, the text above it and the sheet names of a file, for recognition."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(
            f"the file {path} does not exist", hint="Check the name and the folder."
        )
    names = sheet_names(path)
    if TEMPLATE_MARKER_SHEET in names:
        return FileShape(headers=(), sheet_names=tuple(names))
    table = open_table(path, sheet=sheet)
    preamble: list[str] = []
    if table.header_row > 1:
        top = open_table(path, sheet=sheet, header_row=1)
        preamble.extend(c for c in top.columns if not c.startswith("Column "))
        for batch in islice(top.batches(PREAMBLE_ROWS), 1):
            for row in batch.head(table.header_row - 2).iter_rows():
                preamble.extend(str(v) for v in row[:-1] if v)
    return FileShape(
        headers=tuple(table.columns), preamble=tuple(preamble), sheet_names=tuple(names)
    )


def recognize_file(path: Path, *, sheet: str | int | None = None) -> Candidate:
    """The known export ``path`` is in; a MappingError listing the candidates otherwise."""
    return recognize(read_shape(path, sheet=sheet), source=f"'{Path(path).name}'")
