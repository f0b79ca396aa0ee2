"""Nasty parameters and bodies at every endpoint: a 4xx with a JSON message, never a 5xx."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from bulkio.sandbox import Sandbox

HUGE = "9" * 40


def _cursor(raw: bytes | object) -> str:
    text = raw if isinstance(raw, bytes) else json.dumps(raw).encode()
    return base64.urlsafe_b64encode(text).decode().rstrip("=")


NASTY_PARAMS: list[dict[str, str]] = [
    {"page[size]": HUGE},
    {"page[size]": "-" + HUGE},
    {"page[size]": "9" * 5000},
    {"page[size]": "1e3"},
    {"page[size]": "\x00"},
    {"page[cursor]": "not base64 !"},
    {"page[cursor]": _cursor(b"\xff\xfe not json")},
    {"page[cursor]": _cursor(b"[" * 5000)},
    {"page[cursor]": _cursor(b'{"offset": ' + b"[" * 5000)},
    {"page[cursor]": _cursor({"offset": int(HUGE)})},
    {"page[cursor]": _cursor({"offset": -1})},
    {"page[cursor]": _cursor({"offset": "x"})},
    {"page[cursor]": _cursor([1, 2])},
    {"page[cursor]": _cursor({"v": [], "s": int(HUGE), "b": False, "o": ""})},
    {"page[cursor]": _cursor({"v": [], "s": -int(HUGE), "b": True, "o": ""})},
    {"page[cursor]": _cursor({"v": [], "s": 1.5e308, "b": False, "o": ""})},
    {"page[cursor]": _cursor({"v": [], "s": "1", "b": "yes", "o": 7})},
    {"page[cursor]": _cursor({"v": "abc", "s": 1, "b": False, "o": "first_name"})},
    {
        "sort": "first_name",
        "page[cursor]": _cursor({"v": [{"a": 1}], "s": 1, "b": False, "o": "first_name"}),
    },
    {
        "sort": "first_name",
        "page[cursor]": _cursor({"v": [[1, 2]], "s": 1, "b": False, "o": "first_name"}),
    },
    {
        "sort": "first_name",
        "page[cursor]": _cursor({"v": [int(HUGE)], "s": 1, "b": False, "o": "first_name"}),
    },
    {
        "sort": "first_name",
        "page[cursor]": _cursor({"v": ["\ud800"], "s": 1, "b": False, "o": "first_name"}),
    },
    {"sort": ",".join(["first_name"] * 1500)},
    {
        "sort": ",".join(["first_name"] * 1500),
        "page[cursor]": _cursor(
            {"v": [None] * 1500, "s": 1, "b": False, "o": ",".join(["first_name"] * 1500)}
        ),
    },
    {"sort": "-"},
    {"sort": "custom_fields."},
    {"sort": "custom_fields.employees"},
    {"include": "companies,contacts,\x00"},
    {"archived": HUGE},
    {
        "filter[0][field]": "custom_fields.employees",
        "filter[0][op]": "gt",
        "filter[0][value]": HUGE,
    },
    {
        "filter[0][field]": "custom_fields.employees",
        "filter[0][op]": "in",
        "filter[0][value]": HUGE,
    },
    {
        "filter[0][field]": "custom_fields.key_account",
        "filter[0][op]": "eq",
        "filter[0][value]": "2",
    },
    {"filter[0][field]": "external_id", "filter[0][op]": "in", "filter[0][value]": "x," * 7000},
    {"filter[0][field]": "email", "filter[0][op]": "contains", "filter[0][value]": "%_" * 7000},
    {"filter[0][field]": "email", "filter[0][op]": "eq", "filter[0][value]": "\x00\ufffd"},
    {"filter[0][field]": "email", "filter[0][op]": "eq"},
    {"filter[0][op]": "eq", "filter[0][value]": "x"},
    {f"filter[{HUGE}][field]": "email", f"filter[{HUGE}][value]": "x"},
    {"filter[-1][field]": "email"},
    {"filter": "email"},
    {"filter[0][field]": "custom_fields.\"'); DROP TABLE contacts; --", "filter[0][value]": "x"},
]
# Raw query strings httpx would otherwise encode: invalid UTF-8, stray brackets.
NASTY_QUERIES = [
    "page%5Bsize%5D=%FF",
    "sort=%FF%FE",
    "filter%5B0%5D%5Bfield%5D=%C3%28&x=%00",
    "&&=&",
]

NASTY_BODIES: list[bytes] = [
    b"",
    b"null",
    b"[]",
    b'"text"',
    b"12",
    b"[" * 100_000 + b"]" * 100_000,
    b'{"custom_fields": ' * 50_000 + b"1" + b"}" * 50_000,
    b"\xff\xfe\xfd",
    b'{"first_name": "\xff"}',
    b'{"first_name": "\\ud800"}',
    b'{"\\udfff": 1}',
    b'{"custom_fields": {"\\ud800": 1}}',
    b'{"position": "\\ud800"}',
    b'{"first_name": NaN, "company_name": Infinity, "employees": -Infinity}',
    b'{"custom_fields": {"employees": ' + HUGE.encode() + b"}}",
    b'{"custom_fields": {"employees": 1e400}}',
    b'{"custom_fields": {"employees": -' + HUGE.encode() + b"}}",
    b'{"custom_fields": {"segment": {"a": [1]}, "employees": [], "key_account": {}}}',
    b'{"custom_fields": []}',
    b'{"tag_ids": "VIP"}',
    b'{"tag_ids": [[], {}, null, 1]}',
    b'{"owner_id": [], "client_id": {}, "address_country_id": 1}',
    b'{"first_name": ["a"], "email": {"a": 1}, "birthday": 19800101, "taxation_enabled": []}',
    b'{"external_id": ' + HUGE.encode() + b"}",
    b'{"first_name": "a\\u0000b"}',
    b'\xef\xbb\xbf{"first_name": "BOM"}',
    '{"first_name": "UTF-16"}'.encode("utf-16"),
    b'{"first_name": "a", "first_name": "b"}',
]


def _endpoints(contact: str, company: str) -> list[tuple[str, str]]:
    paths = [
        ("GET", "/api/v1/whoami"),
        ("GET", "/_sandbox/stats"),
        ("PUT", f"/api/v1/contacts/{contact}/companies/{company}"),
        ("DELETE", f"/api/v1/contacts/{contact}/companies/{company}"),
    ]
    for kind, own in (("contacts", contact), ("companies", company)):
        paths += [
            ("GET", f"/api/v1/{kind}"),
            ("POST", f"/api/v1/{kind}"),
            ("GET", f"/api/v1/{kind}/{own}"),
            ("PATCH", f"/api/v1/{kind}/{own}"),
            ("POST", f"/api/v1/{kind}/{own}/restore"),
        ]
    for lookup in ("countries", "business-fields", "tags", "custom-fields", "users", "clients"):
        paths.append(("GET", f"/api/v1/{lookup}"))
    return paths


NASTY_IDS = [HUGE, "-" + HUGE, "%FF%FE", "%00", "x" * 5000, "..%2F..%2Fetc", "%22'%3B--"]


def _requests(contact: str, company: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for method, path in _endpoints(contact, company):
        for params in NASTY_PARAMS:
            yield method, path, {"params": params}
        for query in NASTY_QUERIES:
            yield method, f"{path}?{query}", {}
        if method in ("POST", "PATCH", "PUT"):
            for body in NASTY_BODIES:
                yield method, path, {"content": body}
    for kind in ("contacts", "companies"):
        for nasty in NASTY_IDS:
            for method in ("GET", "PATCH", "DELETE"):
                yield method, f"/api/v1/{kind}/{nasty}", {"json": {"first_name": "x"}}
            yield "PUT", f"/api/v1/contacts/{nasty}/companies/{nasty}", {"json": {}}


@pytest.fixture
def records(api: httpx.Client) -> tuple[str, str]:
    contact = api.post("/contacts", json={"first_name": "Anna"}).json()["id"]
    company = api.post(
        "/companies", json={"company_name": "ACME", "custom_fields": {"employees": 5}}
    ).json()["id"]
    return str(contact), str(company)


def test_nothing_nasty_answers_5xx(sandbox: Sandbox, records: tuple[str, str]) -> None:
    headers = sandbox.auth_headers | {"content-type": "application/json"}
    failures: list[tuple[object, ...]] = []
    with httpx.Client(base_url=sandbox.root_url, headers=headers, timeout=30) as client:
        for method, path, options in _requests(*records):
            try:
                answer = client.request(method, path, **options)
            except httpx.TransportError as exc:
                failures.append(("no answer", type(exc).__name__, method, path[:80], options))
                continue
            problem = None
            if answer.status_code >= 500:
                problem = "5xx"
            elif answer.status_code >= 400 and not isinstance(answer.json().get("message"), str):
                problem = "no message"
            if problem:
                failures.append((problem, answer.status_code, method, path[:80], options))
    assert failures == []


def test_refusals_say_what_is_wrong(api: httpx.Client) -> None:
    deep = api.post("/contacts", content=b"[" * 100_000 + b"]" * 100_000)
    assert deep.status_code == 400
    assert "nested too deeply" in deep.json()["message"]
    lone = api.post("/contacts", content=b'{"first_name": "\\ud800"}')
    assert lone.status_code == 400
    assert "surrogate" in lone.json()["message"]
    latin1 = api.post("/contacts", content='{"first_name": "Jürgen"}'.encode("latin-1"))
    assert latin1.status_code == 400
    assert "UTF-8" in latin1.json()["message"]
    huge = api.post("/companies", json={"custom_fields": {"employees": int(HUGE)}})
    assert huge.status_code == 422
    assert list(huge.json()["errors"]) == ["custom_fields.employees"]
    forged = {"sort": "first_name", "page[cursor]": _cursor({"v": [None], "s": int(HUGE)})}
    cursor = api.get("/contacts", params=forged)
    assert cursor.status_code == 400
    assert "page[cursor]" in cursor.json()["message"]
    twice = api.get("/contacts", params={"sort": "first_name,-first_name"})
    assert twice.status_code == 400
    assert "only once" in twice.json()["message"]
    many = {
        "filter[0][field]": "external_id",
        "filter[0][op]": "in",
        "filter[0][value]": "x," * 1000,
    }
    assert "at most 1000" in api.get("/contacts", params=many).json()["message"]
    assert api.get("/contacts").json()["data"] == []
