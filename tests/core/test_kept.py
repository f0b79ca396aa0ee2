"""The records a check keeps for an import: the same values as the frame holds, repeated
texts one object."""

from __future__ import annotations

import polars as pl

from bulkio.core.validation.kept import shared_dicts


def test_kept_records_hold_the_frames_values_and_share_repeated_texts() -> None:
    frame = pl.DataFrame(
        {
            "town": ["Dresden", "Dresden", None],
            "email": ["a@b.de", "c@d.de", "e@f.de"],
            "tags": [["VIP"], [], None],
            "custom_fields": [{"newsletter": True}, {"newsletter": None}, {"newsletter": False}],
            "count": [1, None, 3],
        }
    )
    kept = shared_dicts(frame)
    assert kept == frame.to_dicts()
    assert kept[0]["town"] is kept[1]["town"]
