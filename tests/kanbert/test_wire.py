from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import quote

import pytest

from bulkio.kanbert import wire


def test_filters_are_form_encoded_and_numbered() -> None:
    params = wire.encode_filters(
        [
            ("email", "eq", "a@b.de"),
            ("external_id", "in", ["K-1", "K-2"]),
            ("phone", "isnull", None),
        ]
    )
    assert params == [
        ("filter[0][field]", "email"),
        ("filter[0][op]", "eq"),
        ("filter[0][value]", "a@b.de"),
        ("filter[1][field]", "external_id"),
        ("filter[1][op]", "in"),
        ("filter[1][value]", "K-1,K-2"),
        ("filter[2][field]", "phone"),
        ("filter[2][op]", "isnull"),
    ]


def test_list_params_carry_paging_include_sort_and_archived() -> None:
    params = dict(
        wire.list_params(cursor="abc", include=["companies"], sort=["-created_at"], archived="with")
    )
    assert params == {
        "page[size]": "100",
        "page[cursor]": "abc",
        "include": "companies",
        "sort": "-created_at",
        "archived": "with",
    }


def test_page_size_above_the_limit_is_refused_before_sending() -> None:
    with pytest.raises(ValueError):
        wire.list_params(page_size=101)


def test_key_chunks_fit_the_budget_and_keep_every_key_once() -> None:
    keys = [f"K-{n:05d}ä" for n in range(3000)] + ["K-00001ä", "", "with,comma"]
    chunks = list(wire.chunk_keys(keys, budget=1000))
    flat = [k for chunk in chunks for k in chunk]
    assert sorted(flat) == sorted({k for k in keys if k})
    assert ["with,comma"] in chunks
    for chunk in chunks:
        assert len(quote(",".join(chunk), safe="")) <= 1000


def test_write_body_uses_id_fields_and_drops_server_fields() -> None:
    body = wire.write_body(
        {
            "id": "x",
            "created_at": "2024-01-01",
            "first_name": "Anna",
            "address_country": "country-de",
            "owner": "user-1",
            "tags": ["t1", "t2"],
            "custom_fields": {"vip": True},
        }
    )
    assert body == {
        "first_name": "Anna",
        "address_country_id": "country-de",
        "owner_id": "user-1",
        "tag_ids": ["t1", "t2"],
        "custom_fields": {"vip": True},
    }


def test_laravel_error_body_gives_messages_per_field() -> None:
    error = wire.parse_error_body(
        b'{"message": "The given data was invalid.", '
        b'"errors": {"email": ["The email must be a valid email address."]}}'
    )
    assert error.message == "The given data was invalid."
    assert error.field_errors == {"email": ["The email must be a valid email address."]}


def test_an_html_error_page_still_gives_a_short_message() -> None:
    error = wire.parse_error_body(b"<html>\n<body>Bad   Gateway</body></html>")
    assert "Bad Gateway" in error.message
    assert error.field_errors == {}


def test_paths_escape_ids() -> None:
    assert wire.record_path("contacts", "a/b") == "/contacts/a%2Fb"
    assert wire.link_path("c1", "o1") == "/contacts/c1/companies/o1"
    with pytest.raises(ValueError):
        wire.list_path("invoices")


def test_only_the_kanbert_package_knows_the_wire() -> None:
    package = Path(__file__).resolve().parents[2] / "bulkio"
    users = []
    for path in package.rglob("*.py"):
        if path.parent.name == "kanbert" or "sandbox" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if "bulkio.kanbert.wire" in names:
                users.append(str(path.relative_to(package)))
    assert users == []


def test_short_keys_are_chunked_by_count_too() -> None:
    keys = [str(n) for n in range(2500)]
    chunks = list(wire.chunk_keys(keys, budget=100_000))
    assert [len(c) for c in chunks] == [wire.IN_VALUES_MAX, wire.IN_VALUES_MAX, 500]
