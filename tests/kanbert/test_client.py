"""The client against httpx's MockTransport: the handler plays Kanbert, our code runs for real."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from bulkio.core.entities import Entity
from bulkio.core.errors import ApiError, AuthError, BulkioError, NetworkError
from bulkio.core.lookups import Lookup
from bulkio.kanbert.outcomes import NotFoundError, RejectedError, UnknownOutcome

from .fakes import BASE, TOKEN, json_response, make_client, rate_headers


def _query(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(str(request.url)).query).items()}


def test_whoami_sends_the_token_only_in_the_authorization_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, {"id": "u1", "email": "i@example.com"})

    client, _ = make_client(handler)
    assert client.whoami().id == "u1"
    request = seen[0]
    assert str(request.url) == f"{BASE}/whoami"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["User-Agent"].startswith("bulkio")
    assert TOKEN not in repr(client)


def test_listing_follows_cursors_across_pages_of_100() -> None:
    records = [{"id": f"c{n}", "external_id": f"K-{n}"} for n in range(250)]
    queries: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        query = _query(request)
        queries.append(query)
        start = int(query.get("page[cursor]", "0"))
        size = int(query["page[size]"])
        following = start + size if start + size < len(records) else None
        return json_response(
            200,
            {
                "data": records[start : start + size],
                "links": [],
                "meta": {"next_cursor": str(following) if following else None},
            },
        )

    client, _ = make_client(handler)
    done: list[int] = []
    got = list(
        client.iter_records(
            Entity.CONTACT,
            with_links=True,
            sort=["last_name"],
            include_archived=True,
            filters=[("email", "contains", "@muster.de")],
            progress=done.append,
        )
    )
    assert [r.raw for r in got] == records
    assert len(queries) == 3
    assert {q["page[size]"] for q in queries} == {"100"}
    assert queries[0]["include"] == "companies"
    assert queries[0]["sort"] == "last_name"
    assert queries[0]["archived"] == "with"
    assert queries[0]["filter[0][field]"] == "email"
    assert queries[0]["filter[0][op]"] == "contains"
    assert queries[0]["filter[0][value]"] == "@muster.de"
    assert done == [100, 200, 250]
    assert client.stats.requests_sent == 3


def test_many_external_ids_are_found_with_few_short_requests() -> None:
    wanted = [f"EXT-{n:06d}" for n in range(3000)]
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        keys = _query(request)["filter[0][value]"].split(",")
        hits = [{"id": f"id-{k}", "external_id": k} for k in keys if int(k[4:]) % 2 == 0]
        return json_response(200, {"data": hits[:100], "meta": {"next_cursor": None}})

    client, _ = make_client(handler, max_in_flight=3)
    # Mock server returns at most 100 per page and no cursor: ask for chunks of <=100 hits.
    found = client.find_by_external_ids(Entity.COMPANY, wanted[:190])
    assert set(found) == {k for k in wanted[:190] if int(k[4:]) % 2 == 0}
    assert found["EXT-000000"].id == "id-EXT-000000"

    urls.clear()
    client.find_by_external_ids(Entity.COMPANY, wanted)
    assert 3 <= len(urls) <= 10  # thousands of keys, a handful of requests
    assert all(len(url) < 6500 for url in urls)
    assert all("filter%5B0%5D%5Bop%5D=in" in url or "filter[0][op]=in" in url for url in urls)


def test_a_rejected_record_carries_the_messages_per_field_and_is_not_retried() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return json_response(
            422,
            {
                "message": "The given data was invalid.",
                "errors": {"email": ["The email must be a valid email address."]},
            },
        )

    client, _ = make_client(handler)
    with pytest.raises(RejectedError) as caught:
        client.create(Entity.CONTACT, {"first_name": "Anna", "email": "anna(at)x.de"})
    assert not isinstance(caught.value, BulkioError)
    assert caught.value.field_errors == {"email": ["The email must be a valid email address."]}
    assert "email" in str(caught.value)
    assert len(calls) == 1
    assert json.loads(calls[0].content) == {"first_name": "Anna", "email": "anna(at)x.de"}


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [
        (400, ApiError, "Unknown filter field"),
        (401, AuthError, "KANBERT_API_TOKEN"),
        (403, AuthError, "contact-data:write"),
        (404, NotFoundError, "/contacts/c1"),
    ],
)
def test_client_errors_are_never_retried_and_name_the_fix(
    status: int, error: type[Exception], words: str
) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return json_response(status, {"message": f"Unknown filter field, token {TOKEN}"})

    client, _ = make_client(handler)
    with pytest.raises(error) as caught:
        client.patch(Entity.CONTACT, "c1", {"first_name": "Anna"})
    assert len(calls) == 1
    text = str(caught.value)
    assert words in text
    assert TOKEN not in text and TOKEN not in repr(caught.value)


def test_403_on_a_read_names_the_read_scope() -> None:
    client, _ = make_client(lambda request: json_response(403, {"message": "Forbidden"}))
    with pytest.raises(AuthError, match="contact-data:read"):
        list(client.iter_records(Entity.CONTACT))


def test_server_errors_are_retried_with_growing_pauses() -> None:
    answers = iter([500, 503, 502, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        return json_response(status, {"id": "c1"} if status == 200 else {"message": "oops"})

    client, clock = make_client(handler)
    assert client.get(Entity.CONTACT, "c1").id == "c1"
    stats = client.stats
    assert stats.requests_sent == 4 and stats.retries == 3
    backoffs = [s for s in clock.sleeps if s >= 0.2]
    assert len(backoffs) == 3 and backoffs[0] < backoffs[2]


def test_a_server_that_keeps_failing_ends_in_a_plain_error() -> None:
    client, _ = make_client(lambda request: json_response(500, {"message": "down"}), max_attempts=3)
    with pytest.raises(ApiError, match="500") as caught:
        client.lookup(Lookup.TAGS)
    assert "try again later" in str(caught.value)
    assert client.stats.requests_sent == 3


@pytest.mark.parametrize("retry_after", ["0", "3"])
def test_429_waits_as_told_and_then_succeeds(retry_after: str) -> None:
    answers = iter([429, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(answers) == 429:
            return httpx.Response(
                429,
                json={"message": "Too Many Attempts."},
                headers={**rate_headers(60, 0), "Retry-After": retry_after},
            )
        return json_response(200, {"id": "u1"})

    client, clock = make_client(handler)
    start = clock()
    assert client.whoami().id == "u1"
    assert clock() - start >= max(0.5, float(retry_after))
    stats = client.stats
    assert stats.throttled == 1 and stats.retries == 1 and stats.requests_sent == 2
    assert stats.waited_seconds >= 0.5


def test_a_create_whose_answer_never_came_is_not_sent_again() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    client, _ = make_client(handler)
    with pytest.raises(UnknownOutcome) as caught:
        client.create(Entity.COMPANY, {"external_id": "K-1", "company_name": "Muster"})
    assert len(calls) == 1
    assert "may or may not" in str(caught.value)
    assert client.stats.unknown_outcomes == 1


def test_a_create_that_never_connected_is_retried() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        return json_response(201, {"id": "o1"})

    client, _ = make_client(handler)
    assert client.create(Entity.COMPANY, {"company_name": "Muster"}).id == "o1"
    assert len(calls) == 2


def test_idempotent_writes_are_retried_after_a_dropped_connection() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        return json_response(200, {"id": "c1", "companies": []})

    client, _ = make_client(handler)
    assert client.link("c1", "o1", "CEO").id == "c1"
    assert [r.method for r in calls] == ["PUT", "PUT"]
    assert json.loads(calls[1].content) == {"position": "CEO"}
    assert calls[1].url.path == "/api/v1/contacts/c1/companies/o1"


def test_an_unreachable_api_names_the_url_and_what_to_check_but_not_the_token() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot connect (Bearer {TOKEN})", request=request)

    client, _ = make_client(handler, max_attempts=2)
    with pytest.raises(NetworkError) as caught:
        client.whoami()
    text = str(caught.value)
    assert BASE in text and "KANBERT_API_URL" in text
    assert TOKEN not in text
    assert caught.value.__cause__ is None


def test_archive_restore_and_unlink_use_the_assumed_paths() -> None:
    calls: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.method, request.url.path))
        if request.method == "DELETE":
            return httpx.Response(204, headers=rate_headers())
        return json_response(200, {"id": "c1"})

    client, _ = make_client(handler)
    client.archive(Entity.CONTACT, "c1")
    assert client.restore(Entity.CONTACT, "c1").id == "c1"
    client.unlink("c1", "o1")
    assert calls == [
        ("DELETE", "/api/v1/contacts/c1"),
        ("POST", "/api/v1/contacts/c1/restore"),
        ("DELETE", "/api/v1/contacts/c1/companies/o1"),
    ]


def test_an_html_page_instead_of_the_api_is_a_plain_error() -> None:
    client, _ = make_client(
        lambda request: httpx.Response(200, text="<html>Login</html>", headers=rate_headers())
    )
    with pytest.raises(ApiError, match="not JSON"):
        client.whoami()


def test_run_all_runs_many_at_once_and_returns_record_problems_as_data() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body["email"].startswith("bad"):
            return json_response(422, {"message": "x", "errors": {"email": ["invalid"]}})
        return json_response(201, {"id": "new-" + body["email"]})

    client, _ = make_client(handler, max_in_flight=4)
    emails = [f"bad{n}@x" if n % 5 == 0 else f"ok{n}@x" for n in range(40)]
    done: list[int] = []
    results = list(
        client.run_all(
            emails, lambda e: client.create(Entity.CONTACT, {"email": e}), progress=done.append
        )
    )
    assert sorted(r.item for r in results) == sorted(emails)
    failed = {r.item for r in results if r.error is not None}
    assert failed == {e for e in emails if e.startswith("bad")}
    assert all(isinstance(r.error, RejectedError) for r in results if r.error is not None)
    assert done[-1] == 40


def test_run_all_stops_on_a_refused_token() -> None:
    client, _ = make_client(
        lambda request: json_response(401, {"message": "Unauthenticated."}), max_in_flight=2
    )
    with pytest.raises(AuthError):
        list(client.run_all(range(50), lambda n: client.get(Entity.CONTACT, str(n))))
    assert client.stats.requests_sent <= 6  # stopped early, not 50 refusals


def test_a_503_that_says_when_to_come_back_is_retried_then() -> None:
    answers = iter([503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(answers) == 503:
            return json_response(503, {"message": "Maintenance"}, **{"Retry-After": "7"})
        return json_response(200, {"data": [], "meta": {"next_cursor": None}})

    client, clock = make_client(handler)
    assert client.lookup(Lookup.USERS) == []
    assert 7.0 in clock.sleeps


def test_a_redirect_is_not_followed_and_names_the_new_address() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": "https://evil.example/api/v1/whoami"})

    client, _ = make_client(handler)
    with pytest.raises(ApiError, match=r"evil\.example") as caught:
        client.whoami()
    assert "KANBERT_API_URL" in str(caught.value)
    assert client.stats.requests_sent == 1


def test_debug_logs_name_requests_but_never_the_token(caplog: pytest.LogCaptureFixture) -> None:
    answers = iter([500, 429, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        headers = {"Retry-After": "0"} if status == 429 else {}
        return json_response(status, {"id": "u1", "message": f"token {TOKEN}"}, **headers)

    client, _ = make_client(handler)
    with caplog.at_level("DEBUG"):
        client.whoami()
    assert "/whoami" in caplog.text and "429" in caplog.text
    assert TOKEN not in caplog.text


def test_records_come_back_decoded_with_their_links() -> None:
    raw = {
        "id": "c1",
        "external_id": "P-1",
        "first_name": "Anna",
        "address_country": {"id": "de", "code": "DE", "name": "Germany"},
        "tags": [{"id": "t1", "title": "VIP"}],
        "custom_fields": {"newsletter": True},
        "companies": [{"id": "o1", "contact_company": {"position": "CEO"}}],
        "created_at": "2024-01-01T00:00:00Z",
        "deleted_at": "2024-02-01T00:00:00Z",
    }
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(200, raw)

    client, _ = make_client(handler)
    record = client.get(Entity.CONTACT, "c1", with_links=True)
    assert _query(seen[0]) == {"include": "companies"}
    assert (record.entity, record.id, record.archived) == (Entity.CONTACT, "c1", True)
    assert record.values == {
        "external_id": "P-1",
        "first_name": "Anna",
        "address_country": "de",
        "tags": ["t1"],
        "custom_fields": {"newsletter": True},
    }
    assert record.links == {"o1": "CEO"}
    assert record.raw == raw


def test_a_refused_write_names_the_fields_as_bulkio_does() -> None:
    answer = {"message": "invalid", "errors": {"address_country_id": ["Unknown country."]}}
    client, _ = make_client(lambda request: json_response(422, answer))
    with pytest.raises(RejectedError) as caught:
        client.patch(Entity.CONTACT, "c1", {"address_country": "xx"})
    assert caught.value.field_errors == {"address_country": ["Unknown country."]}
