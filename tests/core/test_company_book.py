"""The company bodies a check keeps until the end hold each repeated text once."""

from __future__ import annotations

from typing import Any

from bulkio.core.validation.companies import _shared_texts


def test_bodies_keep_their_values_and_share_repeated_texts() -> None:
    town = "".join(["Dres", "den"])  # two equal strings that are different objects
    bodies: list[dict[str, Any]] = [
        {"company_name": "A GmbH", "town": town, "tags": {"vip": True}, "zip": None},
        {"company_name": "B AG", "town": "Dresden", "tags": None, "zip": "01067"},
    ]
    shared = _shared_texts([dict(b) for b in bodies])
    assert shared == bodies
    assert shared[0]["town"] is shared[1]["town"]
