"""bulkio: move contacts and companies between spreadsheets and Kanbert.

The library API mirrors the commands: every command of the ``bulkio`` CLI is one function
here, and the CLI adds nothing but option parsing and presentation::

    import bulkio

    checked = bulkio.check_file(Path("kunden.csv"), mapping="mappings/kunden_de.yaml")
    result = bulkio.import_file(Path("kunden.csv"), target=bulkio.Target(sandbox=Path("s.db")))
    bulkio.export(bulkio.Target(sandbox=Path("s.db")), Path("backup.xlsx"))

The functions load on first use, so ``import bulkio`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bulkio.core.errors import (
    ApiError,
    AuthError,
    BulkioError,
    ConfigError,
    InputFileError,
    MappingError,
    NetworkError,
)

__version__ = "0.1.0"

# name -> module that defines it; loaded on first access (PEP 562)
_LAZY = {
    "Target": "bulkio.usecases.connect",
    "check_file": "bulkio.usecases.check",
    "CheckResult": "bulkio.usecases.check",
    "import_file": "bulkio.usecases.import_file",
    "ImportResult": "bulkio.usecases.import_file",
    "make_template": "bulkio.usecases.template",
    "export": "bulkio.usecases.export",
    "backup": "bulkio.usecases.backup",
    "suggest_mapping": "bulkio.usecases.suggest",
    "resolve_mapping": "bulkio.usecases.mappings",
    "status": "bulkio.usecases.status",
    "undo": "bulkio.usecases.undo",
    "UndoResult": "bulkio.usecases.undo",
    "runs": "bulkio.usecases.runs",
    "RunInfo": "bulkio.usecases.runs",
}

if TYPE_CHECKING:
    from bulkio.core.plan import Mode as ImportMode
    from bulkio.usecases.backup import backup
    from bulkio.usecases.check import CheckResult, check_file
    from bulkio.usecases.connect import Target
    from bulkio.usecases.export import export
    from bulkio.usecases.import_file import ImportResult, import_file
    from bulkio.usecases.mappings import resolve_mapping
    from bulkio.usecases.runs import RunInfo, runs
    from bulkio.usecases.status import status
    from bulkio.usecases.suggest import suggest_mapping
    from bulkio.usecases.template import make_template
    from bulkio.usecases.undo import UndoResult, undo


def __getattr__(name: str) -> Any:
    if name == "ImportMode":
        return importlib.import_module("bulkio.core.plan").Mode
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'bulkio' has no attribute {name!r}")


__all__ = [
    "ApiError",
    "AuthError",
    "BulkioError",
    "CheckResult",
    "ConfigError",
    "ImportMode",
    "ImportResult",
    "InputFileError",
    "MappingError",
    "NetworkError",
    "RunInfo",
    "Target",
    "UndoResult",
    "__version__",
    "backup",
    "check_file",
    "export",
    "import_file",
    "make_template",
    "resolve_mapping",
    "runs",
    "status",
    "suggest_mapping",
    "undo",
]
