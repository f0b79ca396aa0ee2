"""A local Kanbert-compatible API server over SQLite, for rehearsals and tests.

It implements the API as docs/kanbert-api.md describes it, on its own, and imports nothing
else of bulkio, so the client and the sandbox share the description, not the code.

    with running("x.sqlite") as sandbox:
        httpx.get(sandbox.base_url + "/whoami", headers=sandbox.auth_headers)
"""

from .body_limit import DEFAULT_MAX_BODY
from .faults import FaultConfig
from .runner import DEFAULT_DB, DEFAULT_PORT, Sandbox, is_loopback, running, serve
from .setup_error import SetupError
from .store import Store

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_MAX_BODY",
    "DEFAULT_PORT",
    "FaultConfig",
    "Sandbox",
    "SetupError",
    "Store",
    "is_loopback",
    "running",
    "serve",
]
