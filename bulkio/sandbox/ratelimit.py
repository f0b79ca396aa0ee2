"""Laravel's throttle, per token: N requests per window, then 429 until the window ends.

Every API answer carries ``X-RateLimit-Limit`` and ``X-RateLimit-Remaining``; a 429 also
``Retry-After`` (seconds) and ``X-RateLimit-Reset`` (unix time). With the limit ``off`` no
request is counted and no header is sent.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .setup_error import SetupError

_WINDOWS = {"second": 1, "minute": 60, "hour": 3600}
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)\s*$")


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
    """Counts hits per key in fixed windows that start at a key's first hit."""

    def __init__(self, rate: RateLimit) -> None:
        self.rate = rate
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> tuple[bool, int, float]:
        """(allowed, remaining, window end as unix time) after counting this request."""
        now = time.time()
        with self._lock:
            start, count = self._windows.get(key, (now, 0))
            if now - start >= self.rate.window:
                start, count = now, 0
            reset = start + self.rate.window
            if count >= self.rate.limit:
                return False, 0, reset
            count += 1
            self._windows[key] = (start, count)
            return True, self.rate.limit - count, reset


def _key(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            return "token:" + bytes(value).decode("latin-1")
    client = scope.get("client") or ("?", 0)
    return f"ip:{client[0]}"


class RateLimitMiddleware:
    """ASGI middleware: the throttle on ``/api/`` paths only."""

    def __init__(self, app: ASGIApp, rate: RateLimit | None) -> None:
        self.app = app
        self.throttle = Throttle(rate) if rate else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.throttle is None
            or scope["type"] != "http"
            or not str(scope["path"]).startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        allowed, remaining, reset = self.throttle.hit(_key(scope))
        limit_headers = [
            (b"x-ratelimit-limit", str(self.throttle.rate.limit).encode()),
            (b"x-ratelimit-remaining", str(remaining).encode()),
        ]
        if not allowed:
            retry_after = max(1, math.ceil(reset - time.time()))
            body = json.dumps(
                {"message": f"Too Many Attempts. Try again in {retry_after} seconds."}
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *limit_headers,
                        (b"retry-after", str(retry_after).encode()),
                        (b"x-ratelimit-reset", str(math.ceil(reset)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *limit_headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
