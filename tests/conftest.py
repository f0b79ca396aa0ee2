"""Every test session keeps bulkio's per-user state (the import locks) in its own folder, so
tests leave nothing in the user's home and never meet another session's locks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bulkio.journal.lock import STATE_ENV


@pytest.fixture(autouse=True, scope="session")
def _state_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(STATE_ENV, str(tmp_path_factory.mktemp("bulkio-state")))
        yield
