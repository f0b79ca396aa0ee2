"""The tables a mapping reads from a source: the one place that decides how they are opened."""

from __future__ import annotations

from collections.abc import Iterator

from bulkio.core.entities import Role
from bulkio.core.mapping import Mapping
from bulkio.readers.source import Source
from bulkio.readers.table import SourceTable


def mapping_tables(source: Source, mapping: Mapping) -> Iterator[tuple[Role, SourceTable]]:
    """Each role the mapping reads (``flat``, or ``companies``/``contacts``/``links``) with
    its table, in the mapping's order: the role's sheet and header row, and for a CSV file
    the role's own ``csv:`` settings, each one it leaves out taken from the mapping-wide
    ``input: {csv: ...}``. check, its report and the import's results workbook all read
    through here, so they see the same columns and rows."""
    everywhere = mapping.csv
    for role, spec in mapping.inputs.items():
        own = spec.csv
        yield (
            role,
            source.table(
                sheet=spec.sheet,
                header_row=spec.header_row,
                encoding=(own.encoding if own else None) or everywhere.encoding,
                delimiter=(own.delimiter if own else None) or everywhere.delimiter,
            ),
        )
