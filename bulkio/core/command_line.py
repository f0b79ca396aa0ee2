"""A command line as bulkio shows it again (a resume hint, a lock's holder): never a token."""

from __future__ import annotations

from collections.abc import Sequence


def without_token(args: Sequence[str]) -> list[str]:
    """Command-line arguments with ``--token VALUE`` / ``--token=VALUE`` left out."""
    kept: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--token":
            skip = True
        elif not arg.startswith("--token="):
            kept.append(arg)
    return kept
