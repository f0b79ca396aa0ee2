"""An API that cannot be reached at all is given up on quickly, once for the whole run."""

from __future__ import annotations

import httpx
import pytest

from bulkio.core.errors import NetworkError
from bulkio.core.lookups import Lookup
from bulkio.kanbert.client import FIRST_CONTACT_ATTEMPTS
from tests.kanbert.fakes import json_response, make_client


def test_a_host_that_cannot_be_reached_is_tried_twice_for_all_requests_together() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        raise httpx.ConnectError("connection refused", request=request)

    client, clock = make_client(handler, max_attempts=5, max_in_flight=4)
    with pytest.raises(NetworkError) as caught:
        list(client.run_all(list(Lookup), client.lookup))  # as an import starts

    assert len(calls) == FIRST_CONTACT_ATTEMPTS == 2
    assert f"after {FIRST_CONTACT_ATTEMPTS} tries" in str(caught.value)
    assert sum(clock.sleeps) < 2  # one short back-off, not five per look-up
    with pytest.raises(NetworkError):
        client.whoami()  # later requests fail at once
    assert len(calls) == 2


def test_a_connect_timeout_counts_as_unreachable_too() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        raise httpx.ConnectTimeout("timed out", request=request)

    client, _ = make_client(handler, max_attempts=5)
    with pytest.raises(NetworkError, match="no answer in time"):
        client.whoami()
    assert len(calls) == 2


def test_once_the_api_has_answered_a_lost_connection_gets_every_retry() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if len(calls) == 1 or len(calls) == 5:
            return json_response(200, {"id": "u1", "email": "a@b.de", "space": {"name": "S"}})
        raise httpx.ConnectError("connection refused", request=request)

    client, _ = make_client(handler, max_attempts=5)
    client.whoami()
    assert client.whoami().email == "a@b.de"  # the fourth try of the second request
    assert len(calls) == 5


def test_a_retried_request_sends_its_own_headers_not_those_of_the_last_answer() -> None:
    sent: list[httpx.Headers] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers)
        if len(sent) == 1:
            return json_response(503, {"message": "busy"}, **{"X-Only-In-Answer": "1"})
        return json_response(200, {"data": [], "meta": {"next_cursor": None}})

    client, _ = make_client(handler)
    client.exchange("GET", "/countries", headers={"Authorization": "Bearer other"})

    assert len(sent) == 2
    assert "x-only-in-answer" not in sent[1]
    assert sent[1]["Authorization"] == "Bearer other"
