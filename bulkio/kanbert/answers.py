"""One request and the API's answer as it came, whatever its status: for the checks that judge
answers themselves (the scope checks, the probe of the API's assumptions), and a short way to
show it in a finding (``GET /contacts/{id} answered 404: Not Found.``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlencode

import httpx

from bulkio.kanbert import wire
from bulkio.kanbert.client import KanbertClient

SHOWN_QUERY = 60  # characters of a query shown before it is cut
SHOWN_MESSAGE = 90  # characters of an error message shown
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@dataclass(frozen=True)
class Answer:
    """One request of the probe and the API's answer to it."""

    asked: str  # "GET /contacts?page[size]=101", as a finding shows it
    response: httpx.Response

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def payload(self) -> Any:
        """The JSON answer; None when there was none or it was not JSON."""
        try:
            return self.response.json() if self.response.content else None
        except ValueError:
            return None

    @property
    def error(self) -> wire.ErrorBody:
        return wire.parse_error_body(self.response.content)

    def said(self) -> str:
        """``GET /contacts/{id} answered 404: Not Found.``"""
        message = self.error.message if self.status >= 400 else ""
        if len(message) > SHOWN_MESSAGE:
            message = message[: SHOWN_MESSAGE - 3] + "..."
        return f"{self.asked} answered {self.status}" + (f": {message}" if message else "")

    def page(self) -> wire.Page | None:
        """The answer as a list page, or None when it is not one."""
        if self.status != 200:
            return None
        try:
            return wire.parse_page(self.payload)
        except ValueError:
            return None

    def record(self) -> dict[str, Any] | None:
        """The answer as one bare record (with an id), or None."""
        payload = self.payload
        return payload if isinstance(payload, dict) and payload.get("id") else None


def ask(
    client: KanbertClient,
    method: str,
    path: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Answer:
    """Send one request and keep its answer, whatever its status (see
    ``KanbertClient.exchange``); record ids show as ``{id}``."""
    response = client.exchange(method, path, params=params, body=body, headers=headers)
    query = unquote(urlencode(list(params)))
    if len(query) > SHOWN_QUERY:
        query = query[: SHOWN_QUERY - 3] + "..."
    shown = _UUID.sub("{id}", path.replace(wire.NO_RECORD_ID, "{no-such-id}"))
    return Answer(f"{method} {shown}" + (f"?{query}" if query else ""), response)
