"""The bearer token a request presents, read strictly, and what that token may do.

A request authenticates with exactly one ``Authorization`` header that reads ``Bearer``, one
space and the token. The scheme is case-insensitive (RFC 7235 section 2.1); the token has
RFC 6750's ``b64token`` syntax (letters, digits, ``-._~+/``, then ``=`` padding). RFC 6750
would allow more than one space before the token; the sandbox accepts exactly one, which every
client sends, so one token cannot be spelled in several ways. Anything else is no token: 401.
"""

from __future__ import annotations

import hmac
import re

from starlette.requests import Request
from starlette.types import Scope

from .api_error import ApiError
from .reference import B64TOKEN, Reference, Token

_HEADER = re.compile(rf"[Bb][Ee][Aa][Rr][Ee][Rr] ({B64TOKEN})")


def presented_token(scope: Scope) -> str | None:
    """The token of the request's one well-formed ``Authorization: Bearer <token>`` header,
    or None (no header, several, another scheme, other spacing, characters a token cannot
    hold)."""
    values = [bytes(v) for n, v in scope.get("headers", []) if n == b"authorization"]
    if len(values) != 1:
        return None
    match = _HEADER.fullmatch(values[0].decode("latin-1"))
    return None if match is None else match[1]


def known_token(reference: Reference, presented: str | None) -> Token | None:
    """The sandbox's token equal to ``presented``, compared in constant time."""
    if presented is None:
        return None
    given = presented.encode()
    found = None
    for value, token in reference.tokens.items():
        if hmac.compare_digest(value.encode(), given):
            found = token
    return found


def authorize(request: Request, reference: Reference, scope: str | None) -> Token:
    """The token of the request; 401 without a known token, 403 without ``scope``."""
    token = known_token(reference, presented_token(request.scope))
    if token is None:
        raise ApiError(401, "Unauthenticated.")
    if scope is not None and scope not in token.scopes:
        raise ApiError(403, f"This action is unauthorized: the token lacks the scope {scope}.")
    return token
