"""The probe judges what a server answers: a server that differs from bulkio's assumptions is
contradicted with what it said and the ``wire`` name to change. (``httpx.MockTransport`` plays
that server; everything of bulkio's runs for real. The sandbox, which shares the assumptions,
is probed over loopback in ``tests/cli/test_status_probe.py``.)"""

from __future__ import annotations

from pathlib import Path

import httpx

from bulkio.kanbert import wire
from bulkio.kanbert.probe import WRITE_ASSUMPTIONS, Finding, Verdict, probe
from tests.kanbert.fakes import TOKEN, json_response, make_client

# Names the docs' table leaves to the code: the paths and parsers of documented shapes.
WIRE_NAMES_ONLY_IN_CODE = {"wire.parse_page", "wire.parse_record", "wire.list_path"}
EMPTY_PAGE = {"data": [], "meta": {"next_cursor": None}}
USER = {"id": "u1", "first_name": "A", "last_name": "B", "email": "a@b.de", "space": {"name": "S"}}


def _lenient_server(request: httpx.Request) -> httpx.Response:
    """Serves any page size and ignores filters it does not know."""
    if request.headers["Authorization"] != f"Bearer {TOKEN}":
        return json_response(401, {"message": "Unauthenticated."})
    if request.url.path.endswith("/whoami"):
        return json_response(200, USER)
    if request.url.path.count("/") > 3:  # /api/v1/contacts/{id}
        return json_response(404, {"message": "Not found."})
    return json_response(200, EMPTY_PAGE)


def _finding(findings: list[Finding], starts: str) -> Finding:
    return next(f for f in findings if f.assumption.startswith(starts))


def test_a_server_that_differs_is_contradicted_with_what_it_said() -> None:
    client, _ = make_client(_lenient_server)

    findings = probe(client).findings

    pages = _finding(findings, "lists answer pages of up to 100")
    assert pages.verdict is Verdict.CONTRADICTED
    assert pages.said == (
        "GET /contacts?page[size]=100 answered 200; GET /contacts?page[size]=101 answered 200"
    )
    assert pages.where == "wire.PAGE_SIZE_MAX, wire.parse_page"
    errors = _finding(findings, "errors answer")
    assert errors.verdict is Verdict.CONTRADICTED
    assert errors.said.startswith("GET /contacts?page[size]=1&filter[0][field]=bulkio_probe_no")
    assert errors.said.endswith("answered 200 (expected 400 with a message)")
    assert _finding(findings, "every answer carries").verdict is Verdict.CONFIRMED
    assert _finding(findings, "contacts can be filtered by email").said == (
        "eq and in were accepted; what they find is unchecked (no email values among the "
        "contacts here)"
    )


def test_a_filter_that_finds_the_wrong_records_is_contradicted() -> None:
    anna = {"id": "c1", "external_id": "C-1", "email": "anna@x.de"}
    ben = {"id": "c2", "external_id": "C-2", "email": "ben@x.de"}

    def ignores_filters(request: httpx.Request) -> httpx.Response:
        if "/contacts" in request.url.path and request.url.path.count("/") == 3:
            return json_response(200, {"data": [anna, ben], "meta": {"next_cursor": None}})
        return _lenient_server(request)

    client, _ = make_client(ignores_filters)

    found = _finding(probe(client).findings, "contacts can be filtered by external_id")

    assert found.verdict is Verdict.CONTRADICTED
    assert "external_id eq ['C-1'] found ['C-1', 'C-2']" in found.said


def test_every_place_a_finding_points_at_exists_in_wire_and_in_the_docs() -> None:
    client, _ = make_client(_lenient_server)
    places = {f.where for f in probe(client).findings} | {w for _, w in WRITE_ASSUMPTIONS}
    names = {name.strip() for place in places for name in place.split(",")}
    docs = (Path(__file__).resolve().parents[2] / "docs" / "kanbert-api.md").read_text()

    assert names and all(name.startswith("wire.") for name in names)
    assert [n for n in names if not hasattr(wire, n.removeprefix("wire."))] == []
    assert [n for n in names if f"`{n}`" not in docs and n not in WIRE_NAMES_ONLY_IN_CODE] == []


def test_filters_that_ignore_case_are_named_with_the_setting_that_saves_the_spellings() -> None:
    muster = {"id": "f1", "external_id": "F-1", "company_name": "Muster GmbH"}

    def ignores_case(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/companies"):
            wanted = request.url.params.get("filter[0][value]", "")
            found = [muster] if wanted.lower() in ("", "muster gmbh") else []
            return json_response(200, {"data": found, "meta": {"next_cursor": None}})
        return _lenient_server(request)

    client, _ = make_client(ignores_case)

    findings = probe(client).findings

    case = _finding(findings, "companies filtered by company_name find only values in the case")
    assert case.verdict is Verdict.CONTRADICTED
    assert case.said.startswith("company_name eq 'mUSTER gMBh' found 'Muster GmbH': filters ignore")
    assert case.where == "wire.FILTERS_MATCH_CASE"
    no_contacts = _finding(findings, "contacts filtered by email find only values in the case")
    assert no_contacts.verdict is Verdict.UNKNOWN
