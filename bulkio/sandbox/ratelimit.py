"""Laravel's throttle, per token: N requests per window, then 429 until the window ends.

Every API answer carries ``X-RateLimit-Limit`` and ``X-RateLimit-Remaining``; a 429 also
``Retry-After`` (seconds) and ``X-RateLimit-Reset`` (unix time). With the limit ``off`` no
request is counted and no header is sent.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .middleware_answer import answer
from .setup_error import SetupError

_WINDOWS = {"second": 1, "minute": 60, "hour": 3600}
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)\s*$")
MAX_BUCKETS = 10_000  # live windows kept at most


@dataclass(frozen=True)
class RateLimit:
    limit: int
    window: float  # seconds


def parse_rate_limit(spec: str) -> RateLimit | None:
    """``"60/minute"`` -> RateLimit(60, 60); ``"off"`` -> None."""
    if spec.strip().lower() == "off":
        return None
    match = _SPEC.match(spec.lower())
    if not match or int(match[1]) < 1:
        raise SetupError(
            f"rate limit '{spec}' is not understood; write e.g. 60/minute, 600/minute or off"
        )
    return RateLimit(int(match[1]), _WINDOWS[match[2]])


class Throttle:
    """Counts hits per key in fixed windows that start at a key's first hit.

    A window is forgotten once it has ended, so a client that waited gets through again and
    memory holds only live windows; beyond ``max_buckets`` live windows the oldest is
    forgotten early (its client gets a fresh window rather than the sandbox growing).
    """

    def __init__(self, rate: RateLimit, max_buckets: int = MAX_BUCKETS) -> None:
        self.rate = rate
        self.max_buckets = max_buckets
        # key -> (window start on the monotonic clock, hits); oldest window first, because
        # every window is as long as every other and a new one always starts now.
        self._windows: OrderedDict[str, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> tuple[bool, int, float]:
        """(allowed, remaining, seconds until the window ends) after counting this request."""
        now = time.monotonic()
        with self._lock:
            self._forget_ended(now)
            start, count = self._windows.get(key, (now, 0))
            left = start + self.rate.window - now
            if count >= self.rate.limit:
                return False, 0, left
            if key not in self._windows and len(self._windows) >= self.max_buckets:
                self._windows.popitem(last=False)
            self._windows[key] = (start, count + 1)
            return True, self.rate.limit - count - 1, left

    def __len__(self) -> int:
        """The number of live windows."""
        with self._lock:
            return len(self._windows)

    def _forget_ended(self, now: float) -> None:
        while self._windows:
            start, _ = next(iter(self._windows.values()))
            if now - start < self.rate.window:
                return
            self._windows.popitem(last=False)


class RateLimitMiddleware:
    """ASGI middleware: the throttle on ``/api/`` paths only, one budget per key that
    ``key_of`` gives a request (its validated token, else its client address)."""

    def __init__(
        self, app: ASGIApp, rate: RateLimit | None, key_of: Callable[[Scope], str]
    ) -> None:
        self.app = app
        self.throttle = Throttle(rate) if rate else None
        self.key_of = key_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.throttle is None
            or scope["type"] != "http"
            or not str(scope["path"]).startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        allowed, remaining, left = self.throttle.hit(self.key_of(scope))
        limit_headers = [
            (b"x-ratelimit-limit", str(self.throttle.rate.limit).encode()),
            (b"x-ratelimit-remaining", str(remaining).encode()),
        ]
        if not allowed:
            retry_after = max(1, math.ceil(left))
            await answer(
                send,
                429,
                f"Too Many Attempts. Try again in {retry_after} seconds.",
                [
                    *limit_headers,
                    (b"retry-after", str(retry_after).encode()),
                    (b"x-ratelimit-reset", str(math.ceil(time.time() + left)).encode()),
                ],
            )
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *limit_headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
