"""A fresh sandbox per test, over real HTTP on loopback, and a check that nothing answered 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bulkio.sandbox import Sandbox, running

READONLY_TOKEN = "sandbox-readonly-token"
VIP = "c6b06bd6-4365-59db-ab49-5eeb5013f26b"
PARTNER = "e7cadb73-7b21-55c6-ab02-f1ead15804a3"
IT_SERVICES = "3943a287-6d00-5b06-a8b4-43ff0ee7c138"
SIZE_11_50 = "8cf113a8-39a3-5115-a9b1-1121bb3850a3"
REVENUE_1_5 = "da59f673-9ae5-5930-96d7-1efdc4376ccb"
JONAS = "6937317c-f286-5687-a4fc-696bfa773250"
CLIENT_MB = "81cffb73-dee3-562d-8d8b-9d6825c29495"


def assert_no_server_errors(sandbox: Sandbox) -> None:
    stats = httpx.get(sandbox.root_url + "/_sandbox/stats", headers=sandbox.auth_headers).json()
    errors = [r for r in stats["requests"] if r["status"] >= 500]
    assert errors == [], f"the sandbox answered 5xx without injected faults: {errors}"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    with running(tmp_path / "sandbox.sqlite") as running_sandbox:
        yield running_sandbox
        assert_no_server_errors(running_sandbox)


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {sandbox.token}", "Accept": "application/json"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers, timeout=10) as client:
        yield client


def country_id(api: httpx.Client, code: str) -> str:
    cursor: str | None = None
    while True:
        params = {"page[size]": "100"} | ({"page[cursor]": cursor} if cursor else {})
        body = api.get("/countries", params=params).json()
        for country in body["data"]:
            if country["code"] == code:
                return str(country["id"])
        cursor = body["meta"]["next_cursor"]
        if cursor is None:
            raise AssertionError(f"no country {code}")
