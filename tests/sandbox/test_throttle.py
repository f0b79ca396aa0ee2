"""The rate limit's budgets: one per validated token, windows that end, bounded memory."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from bulkio.sandbox import running
from bulkio.sandbox.ratelimit import RateLimit, Throttle


def test_spellings_of_a_token_share_one_budget(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", rate_limit="3/minute") as sandbox:
        url = sandbox.base_url + "/contacts"
        spellings = [
            f"Bearer  {sandbox.token}",
            f"Bearer\t{sandbox.token}",
            f"Bearer   {sandbox.token}",
            f"Bearer {sandbox.token}x",
            "Bearer whatever",
        ]
        statuses = [httpx.get(url, headers={"Authorization": h}).status_code for h in spellings]
        assert statuses == [401, 401, 401, 429, 429]
        # the real token has its own, untouched budget, whatever its scheme's case
        first = httpx.get(url, headers={"Authorization": f"bearer {sandbox.token}"})
        assert first.status_code == 200
        assert first.headers["X-RateLimit-Remaining"] == "2"
        again = httpx.get(url, headers=sandbox.auth_headers)
        assert again.headers["X-RateLimit-Remaining"] == "1"


def test_a_client_that_waited_the_window_gets_through_again(tmp_path: Path) -> None:
    with running(tmp_path / "s.sqlite", rate_limit="2/second") as sandbox:
        url = sandbox.base_url + "/whoami"
        statuses = [httpx.get(url, headers=sandbox.auth_headers).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        refused = httpx.get(url, headers=sandbox.auth_headers)
        time.sleep(int(refused.headers["Retry-After"]) + 0.1)
        later = httpx.get(url, headers=sandbox.auth_headers)
        assert later.status_code == 200
        assert later.headers["X-RateLimit-Remaining"] == "1"


def test_ended_windows_are_forgotten() -> None:
    throttle = Throttle(RateLimit(limit=1, window=0.2))
    for i in range(100):
        assert throttle.hit(f"client {i}")[0]
    assert len(throttle) == 100
    time.sleep(0.3)
    assert throttle.hit("client 0")[0]
    assert len(throttle) == 1


def test_buckets_beyond_the_cap_forget_the_oldest_window() -> None:
    throttle = Throttle(RateLimit(limit=1, window=60), max_buckets=3)
    for key in ("a", "b", "c", "d"):
        assert throttle.hit(key)[0]
    assert len(throttle) == 3
    assert not throttle.hit("d")[0]  # still counted
    assert throttle.hit("a")[0]  # forgotten early: a fresh window
    assert len(throttle) == 3
