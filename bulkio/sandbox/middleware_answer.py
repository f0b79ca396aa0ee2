"""The JSON answer a middleware sends itself, before or instead of the router."""

from __future__ import annotations

import json
from collections.abc import Sequence

from starlette.types import Send


async def answer(
    send: Send, status: int, message: str, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    """Send ``{"message": message}`` with ``status`` and extra ``headers``."""
    body = json.dumps({"message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
