"""The list envelope ``{data, links, meta}`` with cursor URLs built from the request."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from .api_error import bad_request


def _url(request: Request, params: Mapping[str, str], cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = {k: v for k, v in params.items() if k != "page[cursor]"}
    query["page[cursor]"] = cursor
    return f"{base_path(request)}?{urlencode(query)}"


def base_path(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def envelope(
    request: Request,
    params: Mapping[str, str],
    data: list[dict[str, Any]],
    per_page: int,
    next_cursor: str | None,
    prev_cursor: str | None,
) -> dict[str, Any]:
    next_url = _url(request, params, next_cursor)
    prev_url = _url(request, params, prev_cursor)
    return {
        "data": data,
        "links": [
            {"url": prev_url, "label": "&laquo; Previous", "active": False},
            {"url": next_url, "label": "Next &raquo;", "active": False},
        ],
        "meta": {
            "path": base_path(request),
            "per_page": per_page,
            "next_cursor": next_cursor,
            "next_cursor_url": next_url,
            "prev_cursor": prev_cursor,
            "prev_cursor_url": prev_url,
        },
    }


def _offset_cursor(offset: int) -> str:
    raw = json.dumps({"offset": offset}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read_offset(text: str) -> int:
    try:
        raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        offset = int(raw["offset"])
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise bad_request(
            "The page cursor is not valid for this list; start again without page[cursor]."
        ) from None
    if offset < 0:
        raise bad_request("The page cursor is not valid for this list.")
    return offset


def static_page(
    request: Request, params: Mapping[str, str], items: Sequence[dict[str, Any]], per_page: int
) -> dict[str, Any]:
    """A page of a fixed list (the look-ups), with offset cursors."""
    raw = params.get("page[cursor]")
    offset = 0 if raw is None else _read_offset(raw)
    page = [dict(i) for i in items[offset : offset + per_page]]
    next_cursor = _offset_cursor(offset + per_page) if offset + per_page < len(items) else None
    prev_cursor = _offset_cursor(max(0, offset - per_page)) if offset > 0 else None
    return envelope(request, params, page, per_page, next_cursor, prev_cursor)
