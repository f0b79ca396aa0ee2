"""Where a command's API calls go: a Kanbert URL with a token, or the embedded sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bulkio.core.errors import ConfigError
from bulkio.kanbert import ApiSettings, KanbertClient
from bulkio.kanbert.settings import DEFAULT_BASE_URL
from bulkio.sandbox import SetupError, running

DEFAULT_SANDBOX_DB = Path(".bulkio/sandbox.sqlite")


@dataclass(frozen=True)
class Target:
    """The API a command talks to.

    With ``sandbox`` set, bulkio starts its local sandbox in-process on a free loopback port
    with its data in that SQLite file, and ``api_url``/``token`` are not used. The token is
    never shown in ``repr``.
    """

    api_url: str = DEFAULT_BASE_URL
    token: str = field(default="", repr=False)
    sandbox: Path | None = None
    sandbox_rate_limit: str = "off"
    insecure_http: bool = False
    timeout: float = 30.0
    max_in_flight: int = 4

    def describe(self) -> str:
        return f"the sandbox in {self.sandbox}" if self.sandbox else self.api_url


def require_sandbox_data(target: Target) -> None:
    """For commands that only read (export, backup, status, template): a sandbox file that
    does not exist yet is refused, instead of starting an empty sandbox and reading nothing
    from it (``--sandbox`` in another folder than the import's)."""
    if target.sandbox is not None and not target.sandbox.exists():
        raise ConfigError(
            f"there is no sandbox in {target.sandbox} yet, so there is nothing to read; "
            "run the command in the folder of the import that filled it, or give its file "
            "with --sandbox FILE"
        )


@contextmanager
def connect(target: Target) -> Iterator[KanbertClient]:
    """A client for ``target``, open for the duration of the ``with`` block."""
    with ExitStack() as stack:
        if target.sandbox is None:
            settings = _settings(target, target.api_url, target.token)
        else:
            try:
                box = stack.enter_context(
                    running(target.sandbox, rate_limit=target.sandbox_rate_limit)
                )
            except SetupError as exc:
                raise ConfigError(f"the sandbox could not start: {exc}") from exc
            settings = _settings(target, box.base_url, box.token)
        yield stack.enter_context(KanbertClient(settings))


def target_identity(target: Target, client: KanbertClient) -> str:
    """Which platform and space ``client`` (connected to ``target``) writes to, the same on
    every run: the sandbox's file (its URL changes), or the API URL and the token's space
    (one request)."""
    if target.sandbox is not None:
        return f"the sandbox {target.sandbox.resolve()}"
    user = client.whoami()
    return f"{client.settings.base_url} space {user.space_id or user.space}"


def _settings(target: Target, url: str, token: str) -> ApiSettings:
    return ApiSettings(
        base_url=url,
        token=token,
        timeout=target.timeout,
        allow_insecure_http=target.insecure_http,
        max_in_flight=target.max_in_flight,
    )
