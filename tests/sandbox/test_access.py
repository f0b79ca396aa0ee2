"""Tokens, scopes, the rate limit, whoami, the look-ups and the request stats."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from bulkio.sandbox import Sandbox, running
from tests.sandbox.conftest import READONLY_TOKEN, assert_no_server_errors


def test_missing_or_wrong_token_answers_401(sandbox: Sandbox) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "sandbox-token"}):
        response = httpx.get(sandbox.base_url + "/contacts", headers=headers)
        assert response.status_code == 401
        assert response.json() == {"message": "Unauthenticated."}


def test_read_only_token_reads_but_cannot_write(sandbox: Sandbox) -> None:
    headers = {"Authorization": f"Bearer {READONLY_TOKEN}"}
    assert httpx.get(sandbox.base_url + "/contacts", headers=headers).status_code == 200
    refused = httpx.post(sandbox.base_url + "/contacts", headers=headers, json={})
    assert refused.status_code == 403
    assert "contact-data:write" in refused.json()["message"]
    me = httpx.get(sandbox.base_url + "/whoami", headers=headers).json()
    assert me["email"] == "jonas.weber@example.com"


def test_whoami_is_the_bare_user_with_space(api: httpx.Client) -> None:
    me = api.get("/whoami").json()
    assert set(me) == {"id", "first_name", "last_name", "email", "type", "space"}
    assert me["type"] == "integration"
    assert me["space"] == {
        "id": "2e2f4edd-866e-5db6-a536-dc327d373fa1",
        "name": "Muster Beratung GmbH",
    }


def test_own_token_replaces_the_default(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", token="s3cret") as sandbox:
        assert sandbox.token == "s3cret"
        ok = httpx.get(sandbox.base_url + "/whoami", headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        old = httpx.get(
            sandbox.base_url + "/whoami", headers={"Authorization": "Bearer sandbox-token"}
        )
        assert old.status_code == 401


def test_rate_limit_headers_and_429_with_retry_after(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", rate_limit="5/minute") as sandbox:
        headers = {"Authorization": f"Bearer {sandbox.token}"}
        remaining = []
        for _ in range(5):
            response = httpx.get(sandbox.base_url + "/contacts", headers=headers)
            assert response.status_code == 200
            assert response.headers["X-RateLimit-Limit"] == "5"
            remaining.append(int(response.headers["X-RateLimit-Remaining"]))
        assert remaining == [4, 3, 2, 1, 0]
        refused = httpx.get(sandbox.base_url + "/contacts", headers=headers)
        assert refused.status_code == 429
        assert "message" in refused.json()
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert int(refused.headers["X-RateLimit-Reset"]) >= int(time.time())
        assert refused.headers["X-RateLimit-Remaining"] == "0"
        # per token: the read-only token has its own budget
        other = {"Authorization": f"Bearer {READONLY_TOKEN}"}
        assert httpx.get(sandbox.base_url + "/contacts", headers=other).status_code == 200
        # errors carry the headers too, and the sandbox's own routes are not limited
        assert httpx.get(sandbox.root_url + "/_sandbox/stats").status_code == 200


def test_rate_limit_off_sends_no_headers(api: httpx.Client) -> None:
    assert "X-RateLimit-Limit" not in api.get("/contacts").headers


def _all(api: httpx.Client, path: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    body = api.get(path, params={"page[size]": "100"}).json()
    items.extend(body["data"])
    while body["meta"]["next_cursor_url"]:
        body = api.get(body["meta"]["next_cursor_url"]).json()
        items.extend(body["data"])
    return items


def test_countries_are_all_iso_countries_with_german_names(api: httpx.Client) -> None:
    countries = _all(api, "/countries")
    assert len(countries) == 249
    germany = next(c for c in countries if c["code"] == "DE")
    assert germany["name"] == "Germany"
    assert germany["name_de"] == "Deutschland"
    assert len({c["id"] for c in countries}) == 249


def test_lookups_serve_the_seed(api: httpx.Client) -> None:
    expected = {
        "/business-fields": 20,
        "/company-sizes": 8,
        "/company-revenues": 6,
        "/tags": 7,
        "/custom-fields": 9,
        "/users": 4,
        "/clients": 2,
    }
    for path, count in expected.items():
        body = api.get(path).json()
        assert set(body) == {"data", "links", "meta"}, path
        assert len(body["data"]) == count, path
    segment = next(f for f in _all(api, "/custom-fields") if f["alias"] == "segment")
    assert segment["type"] == "select" and segment["options"] == ["A", "B", "C"]
    assert segment["entity_type"] == "company"
    client = api.get("/clients").json()["data"][0]
    assert client["external_id"] == "M-001"
    small = api.get("/tags", params={"page[size]": "3"}).json()
    assert len(small["data"]) == 3 and small["meta"]["next_cursor"]


def test_lookups_refuse_a_filter_instead_of_ignoring_it(api: httpx.Client) -> None:
    answer = api.get(
        "/countries",
        params={"filter[0][field]": "code", "filter[0][op]": "eq", "filter[0][value]": "DE"},
    )
    assert answer.status_code == 400
    assert "filter" in answer.json()["message"]


def test_stats_count_route_templates_and_reset(sandbox: Sandbox, api: httpx.Client) -> None:
    contact = api.post("/contacts", json={"first_name": "A"}).json()
    api.get(f"/contacts/{contact['id']}")
    api.get("/contacts/nope")
    stats = httpx.get(sandbox.root_url + "/_sandbox/stats").json()["requests"]
    assert {"method": "POST", "route": "/api/v1/contacts", "status": 201, "count": 1} in stats
    assert {"method": "GET", "route": "/api/v1/contacts/{id}", "status": 200, "count": 1} in stats
    assert {"method": "GET", "route": "/api/v1/contacts/{id}", "status": 404, "count": 1} in stats
    assert httpx.delete(sandbox.root_url + "/_sandbox/stats").status_code == 204
    assert httpx.get(sandbox.root_url + "/_sandbox/stats").json() == {"requests": []}
    assert_no_server_errors(sandbox)
