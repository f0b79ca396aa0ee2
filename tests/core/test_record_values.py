"""A record's values held compactly (texts joined, the rest shared) read like their dict."""

from __future__ import annotations

import json

import polars as pl
import pytest

from bulkio.core import record_values
from bulkio.core.record_values import SEPARATOR, CompactValues, RecordValues


def test_record_values_read_like_their_dict() -> None:
    values = {"first_name": "Anna", "email": "a@b.de", "tags": ["t-1"], "birthday": None}
    held = CompactValues()(values)
    assert held == values and values == held
    assert dict(held) == values and list(held) == list(values)
    assert held["email"] == "a@b.de" and held.get("birthday", "x") is None
    assert held.get("owner") is None and "owner" not in held and "email" in held
    assert None in held.values() and "Anna" in held.values() and "Bob" not in held.values()
    assert list(held.items()) == list(values.items()) and len(held) == 4
    with pytest.raises(KeyError):
        held["owner"]
    assert json.loads(json.dumps(dict(held))) == values


def test_records_with_the_same_fields_and_empty_cells_share_one_shape() -> None:
    compact = CompactValues()
    one, two = compact({"a": "x", "b": None}), compact({"a": "y", "b": None})
    assert one._shape is two._shape and one == {"a": "x", "b": None}
    assert compact({"b": "1", "a": "2"}) == {"a": "2", "b": "1"}
    assert compact({"a": "x", "b": "z"})._shape is not one._shape


def test_a_value_read_cannot_change_the_record() -> None:
    held = CompactValues()({"tags": ["VIP"], "custom_fields": {"newsletter": True}})
    held["tags"].append("x")
    held["custom_fields"]["newsletter"] = False
    assert held == {"tags": ["VIP"], "custom_fields": {"newsletter": True}}


def test_texts_holding_the_separator_and_empty_texts_read_back_exactly() -> None:
    values = {"a": f"x{SEPARATOR}y", "b": "", "c": "z", "d": ""}
    compact = CompactValues()
    assert compact(values) == values
    frame = pl.DataFrame({"a": [f"x{SEPARATOR}y", "p", None], "b": ["", "", "q"]})
    assert [dict(v) for v in compact.frame(frame)] == frame.to_dicts()


def test_shared_names_keep_their_values_in_the_shape() -> None:
    compact = CompactValues(shared={"owner"})
    one, two = compact({"e": "a@b.de", "owner": "u-1"}), compact({"e": "c@d.de", "owner": "u-1"})
    assert one._shape is two._shape and two["owner"] == "u-1" and two["e"] == "c@d.de"


def test_a_frame_reads_as_its_rows() -> None:
    frame = pl.DataFrame(
        {
            "name": ["Anna", None, "Eva", "", None],
            "email": ["a@b.de", "m@b.de", None, "e@b.de", "o@b.de"],
            "vip": [True, None, False, True, None],
            "custom_fields": [{"n": True}, {"n": None}, None, {"n": False}, {"n": None}],
            "tags": [["x"], [], None, ["x", "y"], []],
        }
    )
    made = CompactValues().frame(frame)
    assert [dict(v) for v in made] == frame.to_dicts()
    assert [list(v.values()) for v in made] == [list(r.values()) for r in frame.to_dicts()]
    assert made[1]._shape is made[4]._shape and isinstance(made[4]._texts, str)


def test_past_the_shapes_it_may_make_values_are_still_read_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(record_values, "MAX_SHAPES", 2)
    compact = CompactValues()
    rows = [{"n": n, "t": f"t{n}"} for n in range(5)]
    held = [compact(r) for r in rows]
    assert held == rows and held[3]._shape is held[4]._shape
    frame = pl.DataFrame({"n": [10, 11, 12], "t": ["a", "b", "c"]})
    assert [dict(v) for v in compact.frame(frame)] == frame.to_dicts()


def test_names_and_values_must_pair_up() -> None:
    with pytest.raises(ValueError):
        RecordValues.of(("a", "b"), (1,))
