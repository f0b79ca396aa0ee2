"""The sandbox's ASGI application: routes, error answers and the middleware around them.

From the outside in: request stats, the rate limit, injected faults, the body limit, then
Starlette's router with the handlers of ``records.py`` and the look-ups.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Scope

from .api_error import ApiError, bad_request
from .body_limit import DEFAULT_MAX_BODY, BodyLimitMiddleware
from .credentials import authorize, known_token, presented_token
from .faults import FaultConfig, FaultMiddleware
from .pages import static_page
from .query import page_size
from .ratelimit import RateLimit, RateLimitMiddleware
from .records import Records
from .reference import READ_SCOPE, Reference
from .stats import Stats, StatsMiddleware
from .store import Store

API = "/api/v1"
Handler = Callable[[Request], Coroutine[Any, Any, Response]]

LOOKUP_PATHS = {
    "countries": "countries",
    "business-fields": "business_fields",
    "company-sizes": "company_sizes",
    "company-revenues": "company_revenues",
    "tags": "tags",
    "custom-fields": "custom_fields",
    "users": "users",
    "clients": "clients",
}


def _lookup_handler(reference: Reference, name: str, name_path: str) -> Handler:
    async def handler(request: Request) -> Response:
        authorize(request, reference, READ_SCOPE)
        params = dict(request.query_params)
        unsupported = sorted({k.split("[")[0] for k in params} - {"page"})
        if unsupported:
            raise bad_request(
                f"/{name_path} takes only page[size] and page[cursor], not "
                + ", ".join(unsupported)
            )
        items = reference.lookups[name]
        return JSONResponse(static_page(request, params, items, page_size(params)))

    return handler


def _routes(records: Records, reference: Reference, stats: Stats) -> list[Route]:
    async def whoami(request: Request) -> Response:
        return JSONResponse(authorize(request, reference, None).user)

    async def get_stats(request: Request) -> Response:
        authorize(request, reference, None)
        return JSONResponse(stats.as_json())

    async def reset_stats(request: Request) -> Response:
        authorize(request, reference, None)
        stats.reset()
        return Response(status_code=204)

    routes = [Route(f"{API}/whoami", whoami, methods=["GET"])]
    for kind in ("contacts", "companies"):
        base = f"{API}/{kind}"
        routes += [
            Route(base, records.list, methods=["GET"]),
            Route(base, records.create, methods=["POST"]),
            Route(base + "/{id}", records.get, methods=["GET"]),
            Route(base + "/{id}", records.update, methods=["PATCH"]),
            Route(base + "/{id}", records.archive, methods=["DELETE"]),
            Route(base + "/{id}/restore", records.restore, methods=["POST"]),
        ]
    link = f"{API}/contacts/{{id}}/companies/{{company_id}}"
    routes += [
        Route(link, records.link, methods=["PUT"]),
        Route(link, records.unlink, methods=["DELETE"]),
    ]
    for path, name in LOOKUP_PATHS.items():
        routes.append(
            Route(f"{API}/{path}", _lookup_handler(reference, name, path), methods=["GET"])
        )
    routes += [
        Route("/_sandbox/stats", get_stats, methods=["GET"]),
        Route("/_sandbox/stats", reset_stats, methods=["DELETE"]),
    ]
    return routes


def _throttle_key(reference: Reference) -> Callable[[Scope], str]:
    """A request's rate-limit budget: its token once validated, else its client address, so
    no spelling of a header opens a fresh budget."""

    def key_of(scope: Scope) -> str:
        token = known_token(reference, presented_token(scope))
        if token is not None:
            return "token:" + token.token
        client = scope.get("client") or ("?", 0)
        return f"address:{client[0]}"

    return key_of


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "Not Found.", 405: "The method is not supported for this route."}
    message = messages.get(exc.status_code, str(exc.detail))
    return JSONResponse({"message": message}, status_code=exc.status_code, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    # Only a bug gets here: the tests check that no request ever answers 500 without faults.
    return JSONResponse({"message": "Server Error"}, status_code=500)


def build_app(
    store: Store,
    reference: Reference,
    rate: RateLimit | None = None,
    faults: FaultConfig | None = None,
    stats: Stats | None = None,
    max_body: int = DEFAULT_MAX_BODY,
) -> ASGIApp:
    """The whole sandbox as one ASGI app."""
    stats = stats or Stats()
    routes = _routes(Records(store, reference), reference, stats)
    inner = Starlette(
        routes=routes,
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _server_error,
        },
    )
    bounded = BodyLimitMiddleware(inner, max_body)
    limited = RateLimitMiddleware(FaultMiddleware(bounded, faults), rate, _throttle_key(reference))
    return StatsMiddleware(limited, stats, routes)
