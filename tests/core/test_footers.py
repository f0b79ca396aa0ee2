"""Total lines recognised among data rows: the patterns run only on sparse rows, so the
rows that fill few cells (counting a cell of spaces as empty) must still all be found."""

from __future__ import annotations

import polars as pl

from bulkio.core.issues import ROW_COLUMN
from bulkio.core.validation.footers import footer_rows


def test_a_total_line_with_cells_of_spaces_is_found_and_a_full_row_is_data() -> None:
    frame = pl.DataFrame(
        {
            ROW_COLUMN: [2, 3, 4, 5, 6],
            "Firma": ["Total GmbH", "Summe: 2 Kontakte", "  ", "Muster AG", None],
            "Name": ["Roth", " ", None, "12", None],
            "Ort": ["Köln", "\t", None, "Bonn", "7"],
            "PLZ": ["50667", "  ", "Gesamt", "53111", None],
            "Land": ["DE", " ", "3", "DE", None],
        }
    )
    found = footer_rows(frame)
    assert found.rows() == [(3, "Summe: 2 Kontakte"), (4, "Gesamt 3"), (6, "7")]
