"""The error answers of the API, in the shapes bulkio assumes (Laravel's)."""

from __future__ import annotations


class ApiError(Exception):
    """An answer other than success: ``{"message": ...}`` plus, for a 422, Laravel's
    ``errors`` object (field -> list of messages); ``headers`` go out with the answer."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers

    def body(self) -> dict[str, object]:
        if self.errors is None:
            return {"message": self.message}
        return {"message": self.message, "errors": self.errors}


def invalid(errors: dict[str, list[str]]) -> ApiError:
    """A 422 whose message is the first error, "(and N more errors)" as Laravel says it."""
    messages = [m for ms in errors.values() for m in ms]
    message = messages[0]
    if len(messages) > 1:
        more = len(messages) - 1
        message += f" (and {more} more error{'s' if more > 1 else ''})"
    return ApiError(422, message, errors)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def not_found(what: str, record_id: str) -> ApiError:
    return ApiError(404, f"No {what} with id '{record_id}'.")
