"""Tokens, scopes, the rate limit, whoami, the look-ups and the request stats."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from bulkio.sandbox import Sandbox, SetupError, running
from tests.conftest import assert_no_server_errors
from tests.sandbox.conftest import READONLY_TOKEN


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


def test_own_token_replaces_every_seed_token(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", token="s3cret") as sandbox:
        assert sandbox.token == "s3cret"
        assert sandbox.read_only_token is None
        ok = httpx.get(sandbox.base_url + "/whoami", headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        for old in ("sandbox-token", READONLY_TOKEN):
            refused = httpx.get(
                sandbox.base_url + "/whoami", headers={"Authorization": f"Bearer {old}"}
            )
            assert refused.status_code == 401, old


def test_read_only_token_is_offered_only_when_given(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", token="s3cret", read_only_token="look-only") as sandbox:
        assert sandbox.read_only_token == "look-only"
        reader = {"Authorization": "Bearer look-only"}
        assert httpx.get(sandbox.base_url + "/contacts", headers=reader).status_code == 200
        refused = httpx.post(sandbox.base_url + "/contacts", headers=reader, json={})
        assert refused.status_code == 403
        seeded = {"Authorization": f"Bearer {READONLY_TOKEN}"}
        assert httpx.get(sandbox.base_url + "/contacts", headers=seeded).status_code == 401


def test_tokens_a_client_cannot_send_are_refused_at_start(tmp_path: Path) -> None:
    for token, read_only in (("two words", None), ("", None), ("ok", "ok"), ("ok", "ü")):
        with (
            pytest.raises(SetupError, match="--"),
            running(tmp_path / "s.sqlite", token=token, read_only_token=read_only),
        ):
            pass


def test_authorization_is_read_strictly(sandbox: Sandbox) -> None:
    token = sandbox.token
    accepted = [f"Bearer {token}", f"bearer {token}", f"BEARER {token}"]
    for header in accepted:
        answer = httpx.get(sandbox.base_url + "/whoami", headers={"Authorization": header})
        assert answer.status_code == 200, header
    refused = [
        f"Bearer  {token}",
        f"Bearer\t{token}",
        f"Bearer{token}",
        f"Bearer {token} {token}",
        f"Bearer {token},",
        f'Bearer "{token}"',
        f"Token {token}",
        f"Basic {token}",
        "Bearer",
    ]
    for header in refused:
        answer = httpx.get(sandbox.base_url + "/whoami", headers={"Authorization": header})
        assert answer.status_code == 401, header
        assert answer.json() == {"message": "Unauthenticated."}
    twice = httpx.get(
        sandbox.base_url + "/whoami",
        headers=[("Authorization", f"Bearer {token}"), ("Authorization", f"Bearer {token}")],
    )
    assert twice.status_code == 401


def test_sandbox_routes_require_the_token(sandbox: Sandbox) -> None:
    stats = sandbox.root_url + "/_sandbox/stats"
    for method in ("GET", "DELETE"):
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            answer = httpx.request(method, stats, headers=headers)
            assert answer.status_code == 401, (method, headers)
            assert answer.json() == {"message": "Unauthenticated."}
    assert httpx.get(stats, headers=sandbox.auth_headers).status_code == 200


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
        assert httpx.get(sandbox.root_url + "/_sandbox/stats", headers=headers).status_code == 200


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
    auth = sandbox.auth_headers
    stats = httpx.get(sandbox.root_url + "/_sandbox/stats", headers=auth).json()["requests"]
    assert {"method": "POST", "route": "/api/v1/contacts", "status": 201, "count": 1} in stats
    assert {"method": "GET", "route": "/api/v1/contacts/{id}", "status": 200, "count": 1} in stats
    assert {"method": "GET", "route": "/api/v1/contacts/{id}", "status": 404, "count": 1} in stats
    assert httpx.delete(sandbox.root_url + "/_sandbox/stats", headers=auth).status_code == 204
    assert httpx.get(sandbox.root_url + "/_sandbox/stats", headers=auth).json() == {"requests": []}
    assert_no_server_errors(sandbox)
