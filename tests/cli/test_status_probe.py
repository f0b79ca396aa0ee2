"""``bulkio status --probe [--write]`` against the real sandbox over loopback: every assumption
the sandbox shares is confirmed, one it does not share is contradicted with what it said, and
the probe leaves nothing live behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from bulkio.cli.main import cli
from bulkio.kanbert.probe import PROBE_NAME
from bulkio.sandbox import Sandbox, running
from tests.conftest import company, contact, seed

READ_ONLY = "read-only"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    """A sandbox that announces a rate limit, as Kanbert does, with a few records."""
    db = tmp_path_factory.mktemp("probe") / "sandbox.sqlite"
    seed(db, [company(1), company(2)], [contact(1), contact(2, external_id=None)])
    with running(db, rate_limit="600/minute") as box:
        yield box


def _status(box: Sandbox, *options: str, token: str | None = None) -> Result:
    httpx.delete(box.root_url + "/_sandbox/stats", headers=box.auth_headers)
    env = {"KANBERT_API_TOKEN": token or box.token}
    return CliRunner().invoke(cli, ["status", "--api-url", box.base_url, *options], env=env)


def _sent(box: Sandbox) -> set[str]:
    """The methods of the requests since the test's status command began."""
    stats = httpx.get(box.root_url + "/_sandbox/stats", headers=box.auth_headers).json()
    return {item["method"] for item in stats["requests"]}


def _live(box: Sandbox, resource: str, archived: str = "without") -> list[dict[str, object]]:
    params = {"page[size]": "100", "archived": archived}
    answer = httpx.get(f"{box.base_url}/{resource}", params=params, headers=box.auth_headers)
    return list(answer.json()["data"])


def test_the_probe_confirms_what_it_can_check_read_only_and_sends_only_reads(
    sandbox: Sandbox,
) -> None:
    result = _status(sandbox, "--probe")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "scopes:     contact-data:read yes; contact-data:write not checked " in result.output
    verdicts = [line.split()[0] for line in lines if line.startswith("  ")]
    assert verdicts.count("unknown") == 1 and "contradicted" not in verdicts
    assert verdicts.count("confirmed") == 15
    assert "15 confirmed, 0 contradicted, 1 unknown." in lines
    assert "  confirmed     lists answer pages of up to 100 records; more answers 422" in lines
    assert "                held in: wire.PAGE_SIZE_MAX, wire.parse_page" in lines
    assert "  confirmed     an in filter of 1,000 values, " in result.output
    assert "why:     only a 429 shows them, and the probe does not provoke one" in result.output
    assert _sent(sandbox) == {"GET"}


def test_the_probe_with_write_checks_writing_and_archives_what_it_made(sandbox: Sandbox) -> None:
    companies, contacts = _live(sandbox, "companies"), _live(sandbox, "contacts")

    result = _status(sandbox, "--probe", "--write")

    assert result.exit_code == 0, result.output
    assert "scopes:     contact-data:read yes; contact-data:write yes\n" in result.output
    assert "23 confirmed, 0 contradicted, 1 unknown." in result.output
    for checked in ("links or moves (200); DELETE unlinks (204)", "answers 201 with the bare"):
        assert checked in result.output
    assert _live(sandbox, "companies") == companies and _live(sandbox, "contacts") == contacts
    archived = [
        *_live(sandbox, "companies", archived="only"),
        *_live(sandbox, "contacts", archived="only"),
    ]
    assert [r.get("company_name") or r.get("last_name") for r in archived] == [
        PROBE_NAME,
        "safe to delete",
    ]


def test_a_read_only_token_is_told_it_may_not_write_and_nothing_is_created(
    sandbox: Sandbox,
) -> None:
    assert sandbox.read_only_token is not None
    result = _status(sandbox, "--probe", "--write", token=sandbox.read_only_token)

    assert result.exit_code == 0, result.output
    assert (
        "scopes:     contact-data:read yes; contact-data:write no "
        "(PATCH /contacts/{no-such-id} answered 403: " in result.output
    )
    assert result.output.count("why:     the token may not write") == 7
    assert _sent(sandbox) <= {"GET", "PATCH"}


def test_a_server_without_rate_limit_headers_contradicts_that_assumption(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite"):  # the embedded sandbox announces no rate limit
        pass
    result = CliRunner().invoke(cli, ["status", "--probe", "--sandbox", str(tmp_path / "s.sqlite")])

    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    start = lines.index(
        "  contradicted  every answer carries X-RateLimit-Limit and X-RateLimit-Remaining"
    )
    assert lines[start + 1 : start + 3] == [
        "                the API: GET /whoami came without X-RateLimit-Limit and "
        "X-RateLimit-Remaining: bulkio then does not pace",
        "                change:  wire.LIMIT_HEADER, wire.REMAINING_HEADER",
    ]
    assert "GET /{resource}/{id} answers the bare record" in result.output  # no record: unknown
    assert "why:     no contact to read (--write creates one)" in result.output


def test_write_without_probe_says_what_to_run(tmp_path: Path) -> None:
    with running(tmp_path / "s.db"):
        pass
    result = CliRunner().invoke(cli, ["status", "--write", "--sandbox", str(tmp_path / "s.db")])

    assert result.exit_code == 2
    assert "--write only goes with --probe" in result.output
    assert "bulkio status --probe --write" in result.output
