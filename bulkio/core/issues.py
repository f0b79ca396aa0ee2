"""Row issues: what is wrong with one cell or row, as data rather than an exception."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The column every table of source rows carries: the row number as the spreadsheet shows it
# (1-based, counting the header and anything above it), so every message can point at it.
ROW_COLUMN = "__row__"


class Severity(StrEnum):
    ERROR = "error"  # the row cannot be imported as it is
    WARNING = "warning"  # the row imports, but something was changed or guessed
    NOTE = "note"  # the row imports as it is; what the import will do with it, for the record


@dataclass(frozen=True, slots=True)  # slots: a check may hold a million of them
class RowIssue:
    """One problem in the input, pointing at the cell a person has to fix.

    ``message`` says what is wrong and what would be right, in plain words:
    "'anna(at)x.de' is not an e-mail address; write it like name@example.com".
    """

    message: str
    row: int | None = None  # source row number; None for a problem with the whole file
    column: str | None = None  # the source column's header as the user wrote it
    value: str | None = None  # the cell's text as read
    severity: Severity = Severity.ERROR
    sheet: str | None = None
    field: str | None = None  # the target, e.g. "contact.email" or "company.custom_fields.vip"

    def where(self) -> str:
        """'row 14, column 'E-Mail'' as used at the start of a message."""
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, str | int | None]:
        """The issue as plain data, for ``--json`` output."""
        return {
            "severity": self.severity.value,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "field": self.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message
