"""Test helpers: a fake clock, and a client wired to an ``httpx.MockTransport`` handler.

``httpx.MockTransport`` is httpx's own test transport: the handler plays the server, and
everything of ours (pacing, retries, parsing, error mapping) runs for real.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

import httpx

from bulkio.kanbert.client import KanbertClient
from bulkio.kanbert.pacing import Pacer
from bulkio.kanbert.retrying import RetryPolicy
from bulkio.kanbert.settings import ApiSettings

TOKEN = "secret-token-4711"
BASE = "https://api.example.test/api/v1"


class FakeClock:
    """Time that moves only when someone sleeps; records every sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)


def rate_headers(limit: int = 6000, remaining: int = 5999) -> dict[str, str]:
    return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining)}


def json_response(status: int, payload: Any, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=payload, headers={**rate_headers(), **headers})


def make_client(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    clock: FakeClock | None = None,
    base_url: str = BASE,
    max_attempts: int = 4,
    max_in_flight: int = 1,
) -> tuple[KanbertClient, FakeClock]:
    clock = clock or FakeClock()
    settings = ApiSettings(
        base_url=base_url, token=TOKEN, max_attempts=max_attempts, max_in_flight=max_in_flight
    )
    pacer = Pacer(clock=clock, sleep=clock.sleep, wall_clock=clock)
    client = KanbertClient(
        settings,
        pacer=pacer,
        retry=RetryPolicy(max_attempts=max_attempts, rng=random.Random(7)),
        transport=httpx.MockTransport(handler),
        sleep=clock.sleep,
    )
    return client, clock
