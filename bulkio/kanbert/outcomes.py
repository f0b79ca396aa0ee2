"""What a single request can end in besides success, and which answer ends in which.

Per-record outcomes the caller handles: a rejected record, a record that is not there, or a
write whose answer never came. They are deliberately NOT ``BulkioError`` subclasses (which
mean "the command cannot run", exit 2); the import turns them into report lines. Setup
problems (401, 403, 400, 5xx after retries) raise the ``BulkioError`` tree instead
(``error_for``).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from bulkio.core.errors import ApiError, AuthError
from bulkio.kanbert import wire
from bulkio.kanbert.settings import DEFAULT_BASE_URL, suggested_base_url


class RejectedError(Exception):
    """The API refused a record (422): ``field_errors`` maps field -> the API's messages."""

    def __init__(self, message: str, field_errors: dict[str, list[str]], *, path: str) -> None:
        self.message = message or "the API rejected the record"
        self.field_errors = field_errors
        self.path = path
        super().__init__(self.describe())

    def describe(self) -> str:
        """'email: The email must be a valid email address.; phone: ...' or the message."""
        if not self.field_errors:
            return self.message
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in self.field_errors.items()
        )


class NotFoundError(ApiError):
    """The API has no record at this path (404), e.g. an id that was deleted meanwhile.

    A subclass of ``ApiError`` so that, left unhandled, it still ends the command with a
    plain message; callers that expect it (look a record up, unlink) catch it.
    """

    def __init__(self, path: str, message: str = "") -> None:
        self.path = path
        super().__init__(
            f"the API has nothing at {path}" + (f" ({message})" if message else ""),
            hint="The record may have been deleted in Kanbert meanwhile; run the command again.",
        )


class UnknownOutcome(Exception):  # noqa: N818 - the name the callers know
    """A write was sent but its answer never came: it may or may not have been committed.

    Not retried blindly (a second POST could create a duplicate); the caller reconciles,
    e.g. by looking the record up by its external_id.
    """

    def __init__(self, method: str, path: str, reason: str) -> None:
        self.method = method
        self.path = path
        self.reason = reason
        super().__init__(
            f"{method} {path}: no answer from the API ({reason}); the change may or may not "
            "have been saved"
        )


def error_for(
    response: httpx.Response,
    method: str,
    path: str,
    *,
    base_url: str,
    write: bool,
    attempts: int,
    redact: Callable[[str], str],
) -> Exception:
    """The exception an error answer (4xx, 5xx) ends in, its message naming the fix;
    ``redact`` keeps the token out of what the API said."""
    status = response.status_code
    error = wire.parse_error_body(response.content)
    said = redact(error.message)
    if status == 401:
        return AuthError(
            f"the API at {base_url} refused the token (401 Unauthorized)",
            hint="Check the token, then set KANBERT_API_TOKEN or pass --token.",
        )
    if status == 403:
        return missing_scope(method, path, write=write)
    if status == 404:
        if wire.always_there(path):
            return wrong_address(base_url, f"{status} Not Found at {method} {path}")
        return NotFoundError(path, said)
    if status == 422 and write:
        fields = {
            wire.field_name(name): [redact(m) for m in messages]
            for name, messages in error.field_errors.items()
        }
        return RejectedError(said, fields, path=path)
    if status >= 500:
        return ApiError(
            f"the API failed with {status} on {method} {path} after {attempts} tries"
            + (f": {said}" if said else ""),
            hint="Kanbert may be having trouble; try again later. An import started "
            "again continues where it stopped.",
        )
    details = said
    if error.field_errors:
        details = "; ".join(
            f"{name}: {' '.join(redact(m) for m in messages)}"
            for name, messages in error.field_errors.items()
        )
    return ApiError(
        f"the API refused {method} {path} ({status})" + (f": {details}" if details else ""),
        hint="This request is one bulkio makes on its own; if the message does not say "
        "what to change, the API may have changed: run again with --debug and report it.",
    )


def missing_scope(method: str, path: str, *, write: bool) -> AuthError:
    """The error for a 403: the token lacks the read or the write scope."""
    scope = wire.WRITE_SCOPE if write else wire.READ_SCOPE
    what = "change contacts and companies" if write else "read contacts and companies"
    return AuthError(
        f"the token may not {what} (403 Forbidden at {method} {path}): "
        f"it lacks the scope '{scope}'",
        hint=f"Create a token with the scope '{scope}' in Kanbert, then set "
        "KANBERT_API_TOKEN or pass --token.",
    )


def wrong_address(base_url: str, answer: str) -> ApiError:
    """The error for an answer that shows ``base_url`` is not the API's address (a 404 where
    an endpoint always is, a web page instead of JSON); it suggests the address with
    ``/api/v1`` when that is missing."""
    meant = suggested_base_url(base_url)
    if meant is not None:
        return ApiError(
            f"there is no Kanbert API at {base_url} ({answer}); did you mean {meant}?",
            hint=f"Set KANBERT_API_URL or --api-url to {meant}.",
        )
    return ApiError(
        f"the API at {base_url} does not answer as Kanbert's does ({answer})",
        hint=f"Check the address (KANBERT_API_URL or --api-url; Kanbert's is {DEFAULT_BASE_URL}). "
        "If it is right, the API may have changed: 'bulkio status --probe' shows which of "
        "bulkio's assumptions still hold.",
    )


def describe_transport_error(exc: httpx.TransportError) -> str:
    """A request that got no answer, in a few plain words."""
    if isinstance(exc, httpx.TimeoutException):
        return "no answer in time"
    if isinstance(exc, httpx.ConnectError):
        return "connection refused or host not found"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the connection was dropped"
    return "the connection failed"
