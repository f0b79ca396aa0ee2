"""Request bodies of bounded size: a larger one is answered 413 without being read whole.

A declared ``Content-Length`` beyond the limit is refused before a byte of the body is read;
a body without one (chunked) is counted while it streams in and refused the moment it
passes the limit. Either way the answer closes the connection, so the rest of the body is
never read, and memory holds at most the limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .api_error import ApiError
from .middleware_answer import answer

DEFAULT_MAX_BODY = 1024 * 1024  # bytes


def _too_large(max_body: int) -> str:
    return (
        f"The request body is larger than the sandbox accepts ({max_body} bytes); "
        "send a smaller body or start the sandbox with a larger --max-body."
    )


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware:
    """ASGI middleware: at most ``max_body`` bytes of request body on every path."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_body:
            await answer(send, 413, _too_large(self.max_body), [(b"connection", b"close")])
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # Raised inside the handler that reads the body: the router answers it.
                    raise ApiError(413, _too_large(self.max_body), headers={"connection": "close"})
            return message

        await self.app(scope, counted, send)
