"""The exceptions bulkio raises when a command cannot run at all.

A problem with one row is data (a row issue), never an exception. An exception from this
tree means the setup is broken: a file that cannot be read, a mapping that does not load,
a token the API refuses. Every message says what is wrong and what to do about it; the CLI
prints it on one line and exits with ``exit_code``.
"""

from __future__ import annotations


class BulkioError(Exception):
    """Base of every error bulkio raises on purpose. The message names the fix."""

    exit_code: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n{self.hint}"
        return self.message


class InputFileError(BulkioError):
    """The input file is missing, unreadable, empty or of a kind bulkio does not read."""


class MappingError(BulkioError):
    """The mapping file does not load or does not fit the input."""


class ApiError(BulkioError):
    """The Kanbert API answered in a way that stops the whole command."""


class AuthError(ApiError):
    """The token is missing or refused (401), or lacks a scope (403)."""


class NetworkError(ApiError):
    """The API could not be reached, even after retries."""


class ConfigError(BulkioError):
    """Options that do not fit together, or an unsafe URL the user did not insist on."""
