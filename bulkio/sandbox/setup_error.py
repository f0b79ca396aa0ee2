"""The one exception the sandbox raises when it cannot start."""

from __future__ import annotations


class SetupError(Exception):
    """The sandbox cannot start as asked (bad seed, bad option, port taken); the message
    names the fix. The CLI turns it into a BulkioError."""
