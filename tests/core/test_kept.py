"""The records a check keeps for an import: the same values as the frame holds, repeated
texts one object."""

from __future__ import annotations

import polars as pl

from bulkio.core.validation.kept import shared_cells


def test_kept_rows_are_tuples_in_column_order_sharing_repeated_texts() -> None:
    frame = pl.DataFrame(
        {
            "town": ["Dresden", "Dresden", None],
            "tags": [["VIP"], [], None],
            "custom_fields": [{"newsletter": True}, {"newsletter": None}, {"newsletter": False}],
            "n": [1, None, 3],
        }
    )
    names, rows = shared_cells(frame)
    assert names == ("town", "tags", "custom_fields", "n")
    assert [dict(zip(names, r, strict=True)) for r in rows] == frame.to_dicts()
    assert rows[0][0] is rows[1][0]
    assert shared_cells(frame.select()) == ((), [])
