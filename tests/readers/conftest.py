"""Tables and sheet names as a command gets them: through a source opened once, kept open
until the test ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from bulkio.readers import SourceTable, open_source

OpenTable = Callable[..., SourceTable]
SheetNames = Callable[[Path], list[str]]


@pytest.fixture
def open_table() -> Iterator[OpenTable]:
    """``open_table(path, sheet=..., header_row=..., encoding=..., delimiter=...)``."""
    with ExitStack() as sources:

        def open_(path: Path, **options: Any) -> SourceTable:
            return sources.enter_context(open_source(path)).table(**options)

        yield open_


@pytest.fixture
def sheet_names() -> SheetNames:
    def names(path: Path) -> list[str]:
        with open_source(path) as source:
            return source.sheet_names

    return names
