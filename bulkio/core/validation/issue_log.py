"""The issues of one validation run, and which rows they make invalid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from bulkio.core.entities import Entity, Role
from bulkio.core.issues import RowIssue, Severity


class IssueLog:
    """Collects row issues; a row with an error counts as invalid for its role."""

    def __init__(self) -> None:
        self.issues: list[RowIssue] = []
        self.bad_rows: set[tuple[Role, int]] = set()  # (role, row) with an error
        self.role = Role.FLAT  # the role whose rows are being looked at

    def add(self, message: str, **where: Any) -> None:
        issue = RowIssue(message, **where)
        self.issues.append(issue)
        if issue.severity == Severity.ERROR and issue.row is not None:
            self.bad_rows.add((self.role, issue.row))

    def add_many(
        self,
        messages: Sequence[str],
        rows: Sequence[int],
        columns: Sequence[str | None],
        values: Sequence[str | None],
        *,
        sheet: str | None,
        field: str | None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """One issue per row of the same field: what ``add`` does for each, in one pass (a
        column of a million rows may have a problem on every row)."""
        # the same text on many rows is one string: a value repeats on every row of its
        # company, and so does its message
        said: dict[str, str] = {}
        shared: dict[str | None, str | None] = {}
        say, share = said.setdefault, shared.setdefault
        self.issues.extend(
            RowIssue(
                say(message, message),
                row,
                share(column, column),
                share(value, value),
                severity,
                sheet,
                field,
            )
            for message, row, column, value in zip(messages, rows, columns, values, strict=True)
        )
        if severity == Severity.ERROR:
            role = self.role
            self.bad_rows.update((role, row) for row in rows)

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.severity == Severity.WARNING)


@dataclass
class Batch:
    """What the record books need to know about the batch at hand."""

    role: Role
    sheet: str | None
    # target column ("company.address_invoice_zip") -> the spreadsheet column(s) behind it
    source_of: Callable[[str], str | None]
    # (mapped rows, their row numbers, entity) -> (write bodies, rows pydantic refused)
    check: Callable[[pl.DataFrame, pl.Series, Entity], tuple[pl.DataFrame, set[int]]]
    keep_records: bool = True
