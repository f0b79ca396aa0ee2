"""Column-mapping files: how a customer's spreadsheet becomes Kanbert records.

``parse_mapping`` loads and checks the YAML text; ``check_columns`` checks a sheet's headers
against it before any row is read. The format is documented in mappings/README.md.
"""

from bulkio.core.mapping.columns import check_columns, columns_for
from bulkio.core.mapping.loader import parse_mapping
from bulkio.core.mapping.schema import (
    CsvOptions,
    ExternalIdSpec,
    FieldSpec,
    InputSpec,
    Mapping,
)

__all__ = [
    "CsvOptions",
    "ExternalIdSpec",
    "FieldSpec",
    "InputSpec",
    "Mapping",
    "check_columns",
    "columns_for",
    "parse_mapping",
]
