"""What a single request can end in, besides success, that the caller handles per record.

These are row outcomes, not broken setups: a rejected record, a record that is not there,
or a write whose answer never came. They are deliberately NOT ``BulkioError`` subclasses
(which mean "the command cannot run", exit 2); the import turns them into report lines.
Setup problems (401, 403, 400, network down) raise the ``BulkioError`` tree instead.
"""

from __future__ import annotations

from bulkio.core.errors import ApiError


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
