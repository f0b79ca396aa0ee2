"""Normalisers: one module per kind of value, each turning a column of text into clean values
plus a column of problems (null where the value is fine, else a message naming the fix)."""

from bulkio.core.normalize.result import Normalized

__all__ = ["Normalized"]
