"""Injected faults: 500, 503, latency, a dropped connection, and a late answer."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from bulkio.sandbox import FaultConfig, running


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("status", [500, 503])
def test_error_faults_answer_with_that_status(tmp_path: Path, status: int) -> None:
    faults = FaultConfig(error_500=1.0) if status == 500 else FaultConfig(error_503=1.0)
    with running(tmp_path / "s.sqlite", faults=faults) as sandbox:
        response = httpx.get(sandbox.base_url + "/contacts", headers=_auth(sandbox.token))
        assert response.status_code == status
        assert "message" in response.json()
        # the sandbox's own routes are never faulted
        stats = httpx.get(sandbox.root_url + "/_sandbox/stats", headers=_auth(sandbox.token))
        assert stats.status_code == 200


def test_fault_rates_repeat_with_the_same_seed(tmp_path: Path) -> None:
    def statuses(db: Path) -> list[int]:
        faults = FaultConfig(error_500=0.5, seed=7)
        with running(db, faults=faults) as sandbox, httpx.Client() as client:
            url, headers = sandbox.base_url + "/tags", _auth(sandbox.token)
            return [client.get(url, headers=headers).status_code for _ in range(20)]

    first = statuses(tmp_path / "a.sqlite")
    assert set(first) == {200, 500}
    assert statuses(tmp_path / "b.sqlite") == first


def test_latency_delays_the_answer(tmp_path: Path) -> None:
    faults = FaultConfig(latency_rate=1.0, latency=0.3)
    with running(tmp_path / "s.sqlite", faults=faults) as sandbox:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(sandbox.base_url + "/whoami", headers=_auth(sandbox.token), timeout=0.1)
        slow = httpx.get(sandbox.base_url + "/whoami", headers=_auth(sandbox.token), timeout=5)
        assert slow.status_code == 200


def test_drop_closes_the_connection_without_an_answer(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", faults=FaultConfig(drop=1.0)) as sandbox:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            httpx.post(
                sandbox.base_url + "/contacts",
                headers=_auth(sandbox.token),
                json={"first_name": "A"},
            )
        stats = httpx.get(
            sandbox.root_url + "/_sandbox/stats", headers=_auth(sandbox.token)
        ).json()["requests"]
        assert stats == [{"method": "POST", "route": "/api/v1/contacts", "status": 0, "count": 1}]


def test_late_answer_times_out_but_the_write_is_committed(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    faults = FaultConfig(late=1.0, late_seconds=2.0)
    with running(db, faults=faults) as sandbox, pytest.raises(httpx.ReadTimeout):
        httpx.post(
            sandbox.base_url + "/contacts",
            headers=_auth(sandbox.token),
            json={"external_id": "LATE-1", "first_name": "Late"},
            timeout=0.3,
        )
    started = time.monotonic()
    with running(db) as sandbox:
        params = {
            "filter[0][field]": "external_id",
            "filter[0][op]": "eq",
            "filter[0][value]": "LATE-1",
        }
        found = httpx.get(
            sandbox.base_url + "/contacts", headers=_auth(sandbox.token), params=params
        )
        assert [c["first_name"] for c in found.json()["data"]] == ["Late"]
    assert time.monotonic() - started < 5
