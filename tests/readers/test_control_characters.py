"""Control characters are found by a plain search over every cell: each one a workbook
cannot hold, never a tab or a line end."""

from __future__ import annotations

import polars as pl

from bulkio.core.issues import ROW_COLUMN, RowIssue
from bulkio.readers.control_characters import remove_control_characters


def test_each_control_character_is_removed_and_tabs_and_line_ends_stay() -> None:
    batch = pl.DataFrame(
        {
            ROW_COLUMN: [2, 3, 4, 5],
            "Name": ["An\x00na", "Bernd\tX", "Carl\r\nY", None],
            "Notiz": ["ok", "a\x0bb", "c\x1f", "\x1be"],
        }
    )
    notes: list[RowIssue] = []
    clean = remove_control_characters(batch, notes, None)
    assert clean["Name"].to_list() == ["Anna", "Bernd\tX", "Carl\r\nY", None]
    assert clean["Notiz"].to_list() == ["ok", "ab", "c", "e"]
    assert [(n.row, n.column) for n in notes] == [
        (2, "Name"),
        (3, "Notiz"),
        (4, "Notiz"),
        (5, "Notiz"),
    ]


def test_a_batch_without_control_characters_comes_back_as_it_was() -> None:
    batch = pl.DataFrame(
        {
            ROW_COLUMN: [2, 3],
            "Name": ["Anna\tB", None],
            "Leer": pl.Series([None, None], dtype=pl.String),
        }
    )
    notes: list[RowIssue] = []
    assert remove_control_characters(batch, notes, "Kontakte").equals(batch)
    assert notes == []
