"""The library API: every name bulkio offers resolves, and a command runs from Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bulkio

ROOT = Path(__file__).resolve().parents[1]


def test_every_public_name_resolves() -> None:
    for name in bulkio.__all__:
        assert getattr(bulkio, name) is not None, name


def test_import_bulkio_stays_light() -> None:
    heavy = "('httpx', 'polars', 'uvicorn')"
    code = f"import sys, bulkio; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_and_import_from_python(tmp_path: Path) -> None:
    sample, mapping = ROOT / "samples" / "quickstart.csv", ROOT / "mappings" / "quickstart.yaml"
    checked = bulkio.check_file(sample, mapping=mapping)
    assert checked.ok and checked.summary()["contacts"] == 4
    target = bulkio.Target(sandbox=tmp_path / "s.sqlite")
    result = bulkio.import_file(
        sample,
        mapping=mapping,
        target=target,
        report=tmp_path / "r.xlsx",
        journal=tmp_path / "j.sqlite",
    )
    assert result.ok, result.summary()
    exported = bulkio.export(target, tmp_path / "out.xlsx")
    assert exported.counts == {"companies": 3, "contacts": 4, "links": 5}
