"""The layers of docs/architecture.md, enforced by reading each module's imports.

core      pure: no edge, use case or CLI, and no I/O library
edges     readers, writers, kanbert, journal, sandbox: the core only
usecases  the core and the edges, never the CLI
cli       anything
The sandbox shares the API contract with the client, not its code: it imports nothing of bulkio
outside itself. Relative imports count like absolute ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bulkio"

LAYER_OF = {
    "core": "core",
    "data": "core",
    "mappings": "core",  # presets: YAML package data
    "readers": "edge",
    "writers": "edge",
    "kanbert": "edge",
    "journal": "edge",
    "sandbox": "edge",
    "usecases": "usecase",
    "cli": "cli",
}
MAY_IMPORT = {
    "core": {"core"},
    "edge": {"core"},
    "usecase": {"core", "edge"},
    "cli": {"core", "edge", "usecase", "cli"},
}
IO_LIBRARIES = {
    "httpx",
    "openpyxl",
    "xlsxwriter",
    "rvgsrust_xlsxwriter",
    "fastexcel",
    "python_calamine",
    "sqlite3",
    "fastapi",
    "starlette",
    "uvicorn",
    "click",
    "rich",
    "socket",
    "subprocess",
    "xlwt",
    "odf",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["bulkio", *path.relative_to(PACKAGE).parent.parts]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.add(node.module or "")
                continue
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:  # from . import a, b: each name may be a module of that package
                found.update(".".join([*base, alias.name]) for alias in node.names)
    return found


def _subpackage(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else None


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    sub = _subpackage(path)
    if sub is None:
        return  # bulkio/__init__.py and __main__.py sit on top and may import anything
    layer = LAYER_OF[sub]
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "bulkio" or len(parts) == 1:
            continue
        if parts[1] == sub:
            continue  # a subpackage's modules may use each other (writers.template -> .cells)
        if sub == "sandbox":
            raise AssertionError(f"the sandbox must not import bulkio code, but imports {name}")
        target = LAYER_OF.get(parts[1])
        assert target in MAY_IMPORT[layer], f"{path.name} ({layer}) imports {name} ({target})"


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if _subpackage(p) == "core"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_core_uses_no_io_library(path: Path) -> None:
    used = {name.split(".")[0] for name in _imports(path)}
    assert not used & IO_LIBRARIES, f"{path.name} imports {sorted(used & IO_LIBRARIES)}"
