"""Injected faults on API routes: errors, latency, dropped connections and late answers.

Each kind fires with its own rate (0..1), drawn from one random generator seeded with
``seed``, so a run with the same seed and the same request order repeats its faults.
``/_sandbox/*`` is never faulted.
"""

from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .middleware_answer import answer
from .setup_error import SetupError


@dataclass(frozen=True)
class FaultConfig:
    """Rates 0..1 for each kind of fault; ``latency`` and ``late_seconds`` in seconds."""

    error_500: float = 0.0
    error_503: float = 0.0
    latency_rate: float = 0.0
    latency: float = 1.0
    drop: float = 0.0
    late: float = 0.0
    late_seconds: float = 10.0
    seed: int | None = None

    def __post_init__(self) -> None:
        for name in ("error_500", "error_503", "latency_rate", "drop", "late"):
            rate = getattr(self, name)
            if not 0.0 <= rate <= 1.0:
                raise SetupError(f"fault rate {name}={rate} must be between 0 and 1")
        if self.latency < 0 or self.late_seconds < 0:
            raise SetupError("latency and late seconds must not be negative")

    @property
    def active(self) -> bool:
        return any((self.error_500, self.error_503, self.latency_rate, self.drop, self.late))


class FaultMiddleware:
    """ASGI middleware that injects the configured faults on ``/api/`` paths."""

    def __init__(self, app: ASGIApp, config: FaultConfig | None) -> None:
        self.app = app
        self.config = config or FaultConfig()
        self._random = random.Random(self.config.seed)
        self._lock = threading.Lock()

    def _fires(self, rate: float) -> bool:
        if rate <= 0.0:
            return False
        with self._lock:
            return self._random.random() < rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cfg = self.config
        if not cfg.active or scope["type"] != "http" or not str(scope["path"]).startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if self._fires(cfg.latency_rate):
            await asyncio.sleep(cfg.latency)
        if self._fires(cfg.drop):
            scope.setdefault("state", {})["sandbox_fault"] = "drop"
            await drop_connection(receive)
            return
        for status, rate in ((500, cfg.error_500), (503, cfg.error_503)):
            if self._fires(rate):
                await answer(
                    send, status, "Server Error" if status == 500 else "Service Unavailable"
                )
                return
        if self._fires(cfg.late):
            await self._answer_late(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _answer_late(self, scope: Scope, receive: Receive, send: Send) -> None:
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)  # the write is committed here
        await asyncio.sleep(self.config.late_seconds)
        for message in held:
            await send(message)


async def drop_connection(receive: Receive) -> None:
    """Close the TCP connection without any answer.

    ASGI has no message for this; uvicorn's ``receive`` is a bound method of its request
    cycle, which holds the connection's transport. Aborting it resets the connection, so the
    client sees the server hang up (httpx: RemoteProtocolError/ReadError), never a status.
    """
    cycle: Any = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise RuntimeError("cannot drop the connection: the server is not uvicorn")
    transport.abort()
    await asyncio.sleep(0)  # let uvicorn see the disconnect before the app returns
    await asyncio.sleep(0)
