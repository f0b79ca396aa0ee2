"""The client against the real sandbox over loopback HTTP: no mocks on either side."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bulkio.core.entities import Entity
from bulkio.core.errors import AuthError
from bulkio.core.lookups import Lookup
from bulkio.kanbert.client import KanbertClient
from bulkio.kanbert.outcomes import RejectedError, UnknownOutcome
from bulkio.kanbert.pacing import Pacer
from bulkio.kanbert.retrying import RetryPolicy
from bulkio.kanbert.settings import ApiSettings
from bulkio.sandbox import FaultConfig, Sandbox, running

READONLY_TOKEN = "sandbox-readonly-token"  # from bulkio/data/seed.json


def _client(sandbox: Sandbox, *, token: str | None = None, **options: object) -> KanbertClient:
    settings = ApiSettings(base_url=sandbox.base_url, token=token or sandbox.token, **options)  # type: ignore[arg-type]
    return KanbertClient(settings)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    with running(tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite") as running_sandbox:
        yield running_sandbox


def test_whoami_names_the_token_user_and_no_log_shows_the_token(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("DEBUG"), _client(sandbox) as client:
        assert client.whoami().email == "integration@example.com"
    assert "/whoami" in caplog.text  # httpx and httpcore did log the request
    assert sandbox.token not in caplog.text


def test_250_records_come_back_in_three_pages(tmp_path: Path) -> None:
    with running(tmp_path / "paging.sqlite") as fresh, _client(fresh, max_in_flight=4) as client:
        created = list(
            client.run_all(
                range(250),
                lambda n: client.create(
                    Entity.COMPANY, {"company_name": f"Firma {n:03d}", "external_id": f"P-{n:03d}"}
                ),
            )
        )
        assert all(result.error is None for result in created)
        before = client.stats.requests_sent
        done: list[int] = []
        names = [
            c.values["company_name"]
            for c in client.iter_records(Entity.COMPANY, progress=done.append)
        ]
        assert sorted(names) == [f"Firma {n:03d}" for n in range(250)]
        assert client.stats.requests_sent - before == 3
        assert done == [100, 200, 250]

        found = client.find_by_external_ids(
            Entity.COMPANY, [f"P-{n:03d}" for n in range(0, 250, 2)]
        )
        assert len(found) == 125
        assert found["P-010"].values["company_name"] == "Firma 010"


def test_create_patch_and_link(sandbox: Sandbox) -> None:
    with _client(sandbox) as client:
        countries = client.lookup(Lookup.COUNTRIES)
        germany = next(c for c in countries if c["code"] == "DE")
        company = client.create(
            Entity.COMPANY, {"company_name": "Muster GmbH", "external_id": "L-1"}
        )
        contact = client.create(
            Entity.CONTACT,
            {
                "first_name": "Anna",
                "last_name": "Muster",
                "email": "anna@muster.de",
                "external_id": "L-C-1",
                "address_country": germany["id"],
            },
        )
        assert contact.values["address_country"] == germany["id"]
        assert contact.raw["address_country"]["code"] == "DE"

        patched = client.patch(Entity.CONTACT, contact.id, {"last_name": "Beispiel"})
        assert patched.values["last_name"] == "Beispiel"
        assert patched.values["email"] == "anna@muster.de"  # untouched

        client.link(contact.id, company.id, "CEO")
        linked = client.get(Entity.CONTACT, contact.id, with_links=True)
        assert dict(linked.links) == {company.id: "CEO"}
        client.unlink(contact.id, company.id)
        assert client.get(Entity.CONTACT, contact.id, with_links=True).links == {}

        client.archive(Entity.CONTACT, contact.id)
        assert "L-C-1" not in {c.values["external_id"] for c in client.iter_records(Entity.CONTACT)}
        assert not client.restore(Entity.CONTACT, contact.id).archived


def test_a_bad_email_is_rejected_with_the_field_named(sandbox: Sandbox) -> None:
    with _client(sandbox) as client, pytest.raises(RejectedError) as caught:
        client.create(Entity.CONTACT, {"first_name": "Bea", "email": "bea(at)example.com"})
    assert "email" in caught.value.field_errors
    assert client.stats.requests_sent == 1


def test_a_wrong_token_and_a_missing_scope_are_auth_errors(sandbox: Sandbox) -> None:
    with _client(sandbox, token="not-the-token") as client, pytest.raises(AuthError) as caught:
        client.whoami()
    assert "KANBERT_API_TOKEN" in str(caught.value)
    assert "not-the-token" not in str(caught.value)

    with _client(sandbox, token=READONLY_TOKEN) as client:
        assert client.lookup(Lookup.TAGS)  # reading is allowed
        with pytest.raises(AuthError, match="contact-data:write"):
            client.create(Entity.COMPANY, {"company_name": "Nope GmbH"})


def test_a_429_at_a_small_limit_is_waited_out(tmp_path: Path) -> None:
    with running(tmp_path / "limit.sqlite", rate_limit="3/second") as limited:
        for _ in range(3):  # someone else spends the window first
            httpx.get(
                limited.base_url + "/whoami", headers={"Authorization": f"Bearer {limited.token}"}
            )
        settings = ApiSettings(base_url=limited.base_url, token=limited.token)
        # The sandbox counts per second here; tell the pacer, since Kanbert's is per minute.
        with KanbertClient(settings, pacer=Pacer(window=1.0)) as client:
            for _ in range(4):
                assert client.whoami().type == "integration"
            stats = client.stats
    assert stats.throttled >= 1
    assert stats.rate_limit == 3
    assert stats.requests_sent == 4 + stats.throttled


def test_server_errors_and_dropped_connections_are_retried(tmp_path: Path) -> None:
    faults = FaultConfig(error_500=0.25, error_503=0.1, drop=0.15, seed=3)
    with running(tmp_path / "faults.sqlite", faults=faults) as flaky:
        settings = ApiSettings(base_url=flaky.base_url, token=flaky.token, max_attempts=8)
        with KanbertClient(settings, retry=RetryPolicy(max_attempts=8, base_delay=0.02)) as client:
            for _ in range(15):
                assert client.lookup(Lookup.TAGS)
            assert client.stats.retries > 0


def test_a_create_answered_too_late_is_an_unknown_outcome_that_can_be_reconciled(
    tmp_path: Path,
) -> None:
    faults = FaultConfig(late=1.0, late_seconds=1.5, seed=1)
    with running(tmp_path / "late.sqlite", faults=faults) as slow:
        settings = ApiSettings(base_url=slow.base_url, token=slow.token, timeout=0.3)
        with KanbertClient(settings) as client:
            with pytest.raises(UnknownOutcome):
                client.create(
                    Entity.COMPANY, {"company_name": "Spät GmbH", "external_id": "LATE-1"}
                )
            assert client.stats.requests_sent == 1
    with running(tmp_path / "late.sqlite") as same, _client(same) as client:
        found = client.find_by_external_ids(Entity.COMPANY, ["LATE-1"])
        assert found["LATE-1"].values["company_name"] == "Spät GmbH"


def test_thousands_of_short_external_ids_are_looked_up_in_requests_the_api_takes(
    sandbox: Sandbox,
) -> None:
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    keys = [a + b for a in alphabet for b in alphabet]  # 1296 keys of two characters
    with _client(sandbox) as client:
        for key in ("07", "k2", "zz"):
            client.create(Entity.COMPANY, {"company_name": f"Kurz {key}", "external_id": key})
        found = client.find_by_external_ids(Entity.COMPANY, keys)
    assert sorted(found) == ["07", "k2", "zz"]
