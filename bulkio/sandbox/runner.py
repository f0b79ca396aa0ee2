"""Runs the sandbox: in a background thread for tests and ``--sandbox``, or in the foreground
for ``bulkio sandbox``."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from .app import API, build_app
from .body_limit import DEFAULT_MAX_BODY
from .faults import FaultConfig
from .ratelimit import parse_rate_limit
from .reference import load_reference
from .setup_error import SetupError
from .store import Store

DEFAULT_DB = Path(".bulkio/sandbox.sqlite")
DEFAULT_PORT = 8765
STARTUP_SECONDS = 10.0


@dataclass(frozen=True)
class Sandbox:
    """A running sandbox: where it answers and with which tokens."""

    root_url: str  # http://127.0.0.1:PORT
    token: str
    db_path: Path
    read_only_token: str | None = None

    @property
    def base_url(self) -> str:
        return self.root_url + API

    @property
    def auth_headers(self) -> dict[str, str]:
        """The header that authenticates with the read-write token, also on ``/_sandbox/*``."""
        return {"Authorization": f"Bearer {self.token}"}


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only (every address it names is a
    loopback address); an unknown name counts as reachable from elsewhere."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and
    # without it every answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SetupError(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port "
            "or stop the program that uses it"
        ) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@dataclass(frozen=True)
class _Options:
    token: str | None
    read_only_token: str | None
    rate_limit: str
    faults: FaultConfig | None
    seed: Path | None
    max_body: int


def _prepare(
    db: Path | str, options: _Options, host: str, port: int
) -> tuple[uvicorn.Server, socket.socket, Sandbox, Store]:
    if options.max_body < 1:
        raise SetupError("the body limit must be at least 1 byte; give --max-body a positive size")
    reference = load_reference(options.seed, options.token, options.read_only_token)
    rate = parse_rate_limit(options.rate_limit)
    try:
        store = Store(db)
    except Exception as exc:  # sqlite3.Error or OSError: the file cannot be a database
        raise SetupError(
            f"cannot open the sandbox database '{db}' ({exc}); give a writable file to --db"
        ) from exc
    sock = _bind(host, port)
    actual_port = sock.getsockname()[1]
    app = build_app(store, reference, rate, options.faults, max_body=options.max_body)
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
        http="h11",
    )
    shown_host = f"[{host}]" if ":" in host else host
    sandbox = Sandbox(
        f"http://{shown_host}:{actual_port}",
        reference.default_token,
        Path(db),
        reference.read_only_token,
    )
    return uvicorn.Server(config), sock, sandbox, store


def _wait_until_answering(
    server: uvicorn.Server, thread: threading.Thread, sandbox: Sandbox
) -> None:
    probe = urllib.request.Request(
        sandbox.root_url + "/_sandbox/stats", headers=sandbox.auth_headers
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise SetupError("the sandbox server stopped while starting; see the messages above")
        if server.started:
            try:
                with urllib.request.urlopen(probe, timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.01)
    raise SetupError(f"the sandbox did not answer within {STARTUP_SECONDS:.0f} seconds")


@contextlib.contextmanager
def running(
    db: Path | str,
    *,
    token: str | None = None,
    read_only_token: str | None = None,
    rate_limit: str = "off",
    faults: FaultConfig | None = None,
    seed: Path | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[Sandbox]:
    """Run a sandbox in a background thread on ``host:port`` (0: a free port) with its data
    in the SQLite file ``db``; stops it cleanly on exit.

    It accepts the seed's tokens, or, when ``token`` or ``read_only_token`` is given, only
    those; request bodies beyond ``max_body`` bytes are answered 413."""
    options = _Options(token, read_only_token, rate_limit, faults, seed, max_body)
    server, sock, sandbox, store = _prepare(db, options, host, port)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="bulkio-sandbox", daemon=True
    )
    thread.start()
    try:
        _wait_until_answering(server, thread, sandbox)
        yield sandbox
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        store.close()


def serve(
    db: Path | str,
    *,
    token: str | None = None,
    read_only_token: str | None = None,
    rate_limit: str = "60/minute",
    faults: FaultConfig | None = None,
    seed: Path | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    on_ready: Callable[[Sandbox], None] | None = None,
) -> None:
    """Run a sandbox in the foreground until Ctrl-C (or SIGTERM); ``on_ready`` is called
    once it listens."""
    options = _Options(token, read_only_token, rate_limit, faults, seed, max_body)
    server, sock, sandbox, store = _prepare(db, options, host, port)
    if on_ready is not None:
        on_ready(sandbox)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        store.close()
