"""The company bodies a check keeps until the end hold each repeated text once."""

from __future__ import annotations

import polars as pl

from bulkio.core.validation.companies import _shared_bodies


def test_bodies_keep_their_values_and_share_repeated_texts() -> None:
    bodies = pl.DataFrame(
        {
            "company_name": ["A GmbH", "B AG", None],
            "town": ["Dresden", "Dresden", "Leipzig"],
            "zip": [None, "01067", "04109"],
            "tags": [["VIP", "Partner"], None, []],
            "custom_fields": [{"vip": True}, {"vip": None}, {"vip": False}],
        }
    )
    shared = _shared_bodies(bodies)
    assert shared == bodies.to_dicts()
    assert shared[0]["town"] is shared[1]["town"]


def test_a_frame_without_rows_gives_no_bodies() -> None:
    assert _shared_bodies(pl.DataFrame(schema={"company_name": pl.String})) == []
