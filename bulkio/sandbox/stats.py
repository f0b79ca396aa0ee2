"""Counts of answered requests by method, route template and status, for ``/_sandbox/stats``."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DROPPED = 0  # the status recorded for a connection closed without an answer


class Stats:
    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str, int]] = Counter()
        self._lock = threading.Lock()

    def record(self, method: str, route: str, status: int) -> None:
        with self._lock:
            self._counts[(method, route, status)] += 1

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()

    def as_json(self) -> dict[str, Any]:
        with self._lock:
            items = sorted(self._counts.items())
        return {
            "requests": [
                {"method": m, "route": r, "status": s, "count": c} for (m, r, s), c in items
            ]
        }


def route_template(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """The path template of the route a request matches (``/api/v1/contacts/{id}``)."""
    partial = None
    for route in routes:
        match, _ = route.matches(scope)
        path = getattr(route, "path", None)
        if match is Match.FULL and path:
            return str(path)
        if match is Match.PARTIAL and path and partial is None:
            partial = str(path)
    return partial or "(no route)"


class StatsMiddleware:
    """ASGI middleware (outermost): counts every request once it is answered or dropped
    (``/_sandbox/*`` itself is not counted)."""

    def __init__(self, app: ASGIApp, stats: Stats, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.stats = stats
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith("/_sandbox/"):
            await self.app(scope, receive, send)
            return
        status = DROPPED

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            self.stats.record(str(scope["method"]), route_template(self.routes, scope), status)
