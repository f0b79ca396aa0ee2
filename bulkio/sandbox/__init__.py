"""A local Kanbert-compatible API server over SQLite, for rehearsals and tests.

It implements ../shared/kanbert-api.md on its own and imports nothing else of bulkio, so the
client and the sandbox share the page, not the code.

    with running("x.sqlite") as sandbox:
        auth = {"Authorization": f"Bearer {sandbox.token}"}
        httpx.get(sandbox.base_url + "/whoami", headers=auth)
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
