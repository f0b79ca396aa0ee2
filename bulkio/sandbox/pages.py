"""The list envelope ``{data, links, meta}`` with cursor URLs built from the request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from .api_error import bad_request
from .json_text import encode_cursor, parse_cursor
from .store import storable_integer


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


def _read_offset(text: str) -> int:
    try:
        raw = parse_cursor(text)
    except ValueError:
        raw = None
    offset = raw.get("offset") if isinstance(raw, dict) else None
    if not storable_integer(offset) or offset < 0:
        raise bad_request(
            "The page cursor is not valid for this list; start again without page[cursor]."
        )
    return offset


def static_page(
    request: Request, params: Mapping[str, str], items: Sequence[dict[str, Any]], per_page: int
) -> dict[str, Any]:
    """A page of a fixed list (the look-ups), with offset cursors."""
    raw = params.get("page[cursor]")
    offset = 0 if raw is None else _read_offset(raw)
    page = [dict(i) for i in items[offset : offset + per_page]]
    more = offset + per_page < len(items)
    next_cursor = encode_cursor({"offset": offset + per_page}) if more else None
    prev_cursor = encode_cursor({"offset": max(0, offset - per_page)}) if offset > 0 else None
    return envelope(request, params, page, per_page, next_cursor, prev_cursor)
