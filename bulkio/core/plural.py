"""A count with its noun in the right number: "1 row", "2 rows", "1 retry", "3 retries"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one (``plural`` defaults to singular + s)."""
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {noun}"
