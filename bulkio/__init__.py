"""bulkio: move contacts and companies between spreadsheets and Kanbert.

The library API mirrors the commands: every command of the ``bulkio`` CLI is one function
here, and the CLI adds nothing but option parsing and presentation.
"""

from __future__ import annotations

from bulkio.core.errors import (
    ApiError,
    AuthError,
    BulkioError,
    ConfigError,
    InputFileError,
    MappingError,
    NetworkError,
)
from bulkio.core.plan import Mode as ImportMode
from bulkio.usecases.connect import Target
from bulkio.usecases.import_file import ImportResult, import_file

__version__ = "0.1.0"


__all__ = [
    "ApiError",
    "AuthError",
    "BulkioError",
    "ConfigError",
    "ImportMode",
    "ImportResult",
    "InputFileError",
    "MappingError",
    "NetworkError",
    "Target",
    "__version__",
    "import_file",
]
