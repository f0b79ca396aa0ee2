"""A sandbox that already holds companies and contacts (two of them archived), and the
files of the import to undo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bulkio import ImportResult, Target, import_file
from bulkio.sandbox import Sandbox, running
from tests.usecases.undo.platform import (
    BEFORE_ROWS,
    OOPS_ROWS,
    archive,
    by_external_id,
    snapshot,
    write_csv,
    write_mapping,
)


@dataclass
class Rehearsal:
    box: Sandbox
    target: Target
    folder: Path
    mapping: Path
    oops: Path  # the file to import, then undo

    def import_oops(self) -> ImportResult:
        result = import_file(
            self.oops,
            target=self.target,
            mapping=self.mapping,
            report=self.folder / "oops-results.xlsx",
        )
        assert result.ok, result.summary()
        return result

    @property
    def journal(self) -> Path:
        return self.folder / ".bulkio" / "oops.csv.journal.sqlite"

    def snapshot(self) -> dict[str, dict[str, object]]:
        return snapshot(self.box.base_url, self.box.token)


def seed(
    box: Sandbox,
    folder: Path,
    mapping: Path,
    rows: list[list[str]] = BEFORE_ROWS,
    archived: tuple[tuple[str, str], ...] = (("companies", "K-4"), ("contacts", "P-8")),
) -> None:
    """The customer's platform before the import: ``rows`` imported, then the records
    ``archived`` names ((resource, external id)) archived."""
    target = Target(api_url=box.base_url, token=box.token)
    before = write_csv(folder / "before.csv", rows)
    seeded = import_file(
        before, target=target, mapping=mapping, report=folder / "before-results.xlsx"
    )
    assert seeded.ok, seeded.summary()
    records = snapshot(box.base_url, box.token)
    for resource, external_id in archived:
        archive(box.base_url, box.token, resource, str(by_external_id(records, external_id)["id"]))


@pytest.fixture
def rehearsal(tmp_path: Path) -> Iterator[Rehearsal]:
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    with running(tmp_path / "sandbox.sqlite") as box:
        seed(box, tmp_path, mapping)
        oops = write_csv(tmp_path / "oops.csv", OOPS_ROWS)
        yield Rehearsal(box, Target(api_url=box.base_url, token=box.token), tmp_path, mapping, oops)
