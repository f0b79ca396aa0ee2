"""The issues of one validation run, and which rows they make invalid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from bulkio.core.entities import Entity, Role
from bulkio.core.issues import RowIssue, Severity


class IssueLog:
    """Collects row issues; a row with an error counts as invalid for its role.

    A column of issues (``add_many``: one field, a problem on many rows) stays a compact
    table until ``issues`` is read, so a million repeated warnings cost a table while the
    rows are checked, and Python objects only once the check is done."""

    def __init__(self) -> None:
        self._added: list[RowIssue | _Column] = []  # in the order they came
        self.bad_rows: set[tuple[Role, int]] = set()  # (role, row) with an error
        self.role = Role.FLAT  # the role whose rows are being looked at

    @property
    def issues(self) -> list[RowIssue]:
        """Every issue so far, in the order they were added."""
        pending: list[RowIssue | _Column | None] = list(self._added)
        self._added = []
        out: list[RowIssue] = []
        for i, added in enumerate(pending):
            pending[i] = None  # each table goes as soon as its issues are objects
            if isinstance(added, RowIssue):
                out.append(added)
            elif added is not None:
                out.extend(added.issues())
        self._added = list(out)
        return out

    def add(self, message: str, **where: Any) -> None:
        issue = RowIssue(message, **where)
        self._added.append(issue)
        if issue.severity == Severity.ERROR and issue.row is not None:
            self.bad_rows.add((self.role, issue.row))

    def add_many(
        self,
        messages: pl.Series,
        rows: pl.Series,
        columns: pl.Series,
        values: pl.Series,
        *,
        sheet: str | None,
        field: str | None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """One issue per row of the same field, the columns of equal length: what ``add``
        does for each, kept as a table (a column of a million rows may have a problem on
        every row)."""
        table = pl.DataFrame(
            {
                "message": messages.cast(pl.String),
                "row": rows.cast(pl.Int64),
                "column": columns.cast(pl.String),
                "value": values.cast(pl.String),
            }
        )
        if table.height == 0:
            return
        self._added.append(_Column(table, severity, sheet, field))
        if severity == Severity.ERROR:
            role = self.role
            self.bad_rows.update((role, row) for row in table["row"].to_list())

    def rows_since(self, mark: int) -> tuple[pl.Series, int]:
        """The row numbers of the issues added since ``mark`` (0, or the mark this returned
        before; marks hold until ``issues`` is read), and the mark for next time."""
        added = self._added[mark:]
        one = [a.row for a in added if isinstance(a, RowIssue) and a.row is not None]
        many = [a.table["row"] for a in added if isinstance(a, _Column)]
        return pl.concat([pl.Series(one, dtype=pl.Int64), *many]), len(self._added)

    @property
    def warnings(self) -> int:
        return sum(
            (1 if added.severity == Severity.WARNING else 0)
            if isinstance(added, RowIssue)
            else (added.table.height if added.severity == Severity.WARNING else 0)
            for added in self._added
        )


@dataclass(frozen=True)
class _Column:
    """Issues of one field on many rows: message, row, column and value per row."""

    table: pl.DataFrame
    severity: Severity
    sheet: str | None
    field: str | None

    def issues(self) -> list[RowIssue]:
        """The issues as objects; the same text on many rows is one string (a value repeats
        on every row of its company, and so does its message)."""
        said: dict[str, str] = {}
        shared: dict[str | None, str | None] = {}
        say, share = said.setdefault, shared.setdefault
        severity, sheet, field = self.severity, self.sheet, self.field
        t = self.table
        return [
            RowIssue(say(m, m), r, share(c, c), share(v, v), severity, sheet, field)
            for m, r, c, v in zip(
                t["message"].to_list(),
                t["row"].to_list(),
                t["column"].to_list(),
                t["value"].to_list(),
                strict=True,
            )
        ]


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
