"""A record's values held as two tuples read like the dict they stand for."""

from __future__ import annotations

import json

import pytest

from bulkio.core.record_values import CompactValues, RecordValues


def test_record_values_read_like_their_dict() -> None:
    values = {"first_name": "Anna", "email": "a@b.de", "tags": ["t-1"], "birthday": None}
    held = CompactValues()(values)
    assert held == values and values == held
    assert dict(held) == values and list(held) == list(values)
    assert held["email"] == "a@b.de" and held.get("birthday", "x") is None
    assert held.get("owner") is None and "owner" not in held and "email" in held
    assert None in held.values() and len(held) == 4
    with pytest.raises(KeyError):
        held["owner"]
    assert json.loads(json.dumps(dict(held))) == values


def test_records_with_the_same_fields_share_one_name_tuple() -> None:
    compact = CompactValues()
    one, two = compact({"a": 1, "b": 2}), compact({"a": 3, "b": 4})
    assert one._names is two._names
    assert compact({"b": 1, "a": 2}) == {"a": 2, "b": 1}


def test_names_and_values_must_pair_up() -> None:
    with pytest.raises(ValueError):
        RecordValues(("a", "b"), (1,))
