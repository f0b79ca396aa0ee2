"""Where the API is and how to talk to it: the base URL, its safety rules, and the token."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit, urlunsplit

from bulkio.core.errors import ConfigError

DEFAULT_BASE_URL = "https://api.kanbert.com/api/v1"
API_PATH = "/api/v1"  # where Kanbert's API sits on its host
REDACTED = "***"


def _default_user_agent() -> str:
    try:
        return f"bulkio/{version('bulkio')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "bulkio"


@dataclass(frozen=True, repr=False)
class ApiSettings:
    """How to reach the API. The token never shows in ``repr`` or messages.

    ``allow_insecure_http`` lets a non-loopback ``http://`` URL through (``--insecure-http``);
    loopback ``http://`` (the local sandbox) is always fine.
    """

    base_url: str = DEFAULT_BASE_URL
    token: str = ""
    timeout: float = 30.0
    allow_insecure_http: bool = False
    user_agent: str = ""
    max_in_flight: int = 4  # requests at once; the pacer still decides when each may start
    max_attempts: int = 5  # tries per request, first one included

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "base_url", check_base_url(self.base_url, self.allow_insecure_http)
        )
        check_token(self.token)
        if not self.user_agent:
            object.__setattr__(self, "user_agent", _default_user_agent())
        if self.timeout <= 0:
            raise ConfigError(f"the API timeout must be more than 0 seconds, not {self.timeout}")
        if self.max_in_flight < 1:
            raise ConfigError("at least one request must be allowed in flight")
        if self.max_attempts < 1:
            raise ConfigError("at least one attempt per request is needed")

    def __repr__(self) -> str:
        return (
            f"ApiSettings(base_url={self.base_url!r}, token={REDACTED!r}, "
            f"timeout={self.timeout!r}, allow_insecure_http={self.allow_insecure_http!r}, "
            f"user_agent={self.user_agent!r}, max_in_flight={self.max_in_flight!r}, "
            f"max_attempts={self.max_attempts!r})"
        )

    __str__ = __repr__


def check_token(token: str) -> None:
    """A token must be there and fit in one header line. The message never repeats it."""
    if not token or not token.strip():
        raise ConfigError(
            "no API token given",
            hint="Set KANBERT_API_TOKEN or pass --token (a Kanbert personal or integration token).",
        )
    if any(ch in token for ch in "\r\n\t ") or not token.isprintable():
        raise ConfigError(
            "the API token contains spaces, line breaks or other invisible characters",
            hint="Copy the token again without surrounding spaces and set KANBERT_API_TOKEN or "
            "--token.",
        )


def check_base_url(url: str, allow_insecure_http: bool = False) -> str:
    """The base URL without a trailing slash, or a ConfigError that names the fix."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"the API URL {text!r} is not a web address",
            hint=f"Write it like {DEFAULT_BASE_URL} (KANBERT_API_URL or --api-url).",
        )
    if parts.username or parts.password:
        raise ConfigError(
            "the API URL must not contain a user name or password",
            hint="Remove the part before '@' and pass the token with KANBERT_API_TOKEN or --token.",
        )
    if parts.query or parts.fragment:
        raise ConfigError(
            f"the API URL {_without_query(text)!r} must not contain '?' or '#' parts",
            hint=f"Give only the base, like {DEFAULT_BASE_URL}.",
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not allow_insecure_http:
        raise ConfigError(
            f"refusing to send the API token unencrypted to {parts.hostname} over http://",
            hint="Use an https:// URL, or pass --insecure-http if this server really has no https.",
        )
    return text.rstrip("/")


def suggested_base_url(url: str) -> str | None:
    """The base URL the user probably meant when ``url`` lacks Kanbert's ``/api/v1``:
    ``https://api.kanbert.com`` -> ``https://api.kanbert.com/api/v1``; None when it has it."""
    base = url.rstrip("/")
    if urlsplit(base).path.endswith(API_PATH):
        return None
    if base.endswith("/api"):
        return base + API_PATH.removeprefix("/api")
    return base + API_PATH


def _without_query(url: str) -> str:
    return url.split("?", 1)[0].split("#", 1)[0]


def redacted_url(url: str | None) -> str:
    """A URL from the server (a redirect's Location) as it may be shown: without user
    information, query or fragment, where a token could hide; "elsewhere" for none."""
    if not url:
        return "elsewhere"
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    hidden = parts.username or parts.password or parts.query or parts.fragment
    shown = urlunsplit((parts.scheme, host, parts.path, "", ""))
    return shown + (f" ({REDACTED} left out)" if hidden else "")


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the machine itself."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
