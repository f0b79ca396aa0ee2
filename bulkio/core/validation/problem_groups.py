"""Repeated problems grouped: the same problem in the same column on many rows is one line
with its count, an example and the one fix that settles them all ("Geburtstag: 140 rows:
not a date like 31.12.1980 -- name the file's date format in the mapping")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bulkio.core.issues import RowIssue, Severity

_VALUE = re.compile(r"^'(?P<value>.*?)' ")
_FORMAT_TEXT = "format the column as text in Excel and type the values again"
_DATE_FORMAT = "name the file's date format in the mapping (defaults: date_formats)"
# what a problem's message says -> (what the rows are, the one fix), most particular first
_KINDS = (
    ("could be", "are dates that read two ways", _DATE_FORMAT),
    ("is not a date", "are no date the mapping's formats read", _DATE_FORMAT),
    ("Excel drops leading zeros", "are postcodes that lost their leading zeros", _FORMAT_TEXT),
    ("stored as a number", "are phone numbers stored as numbers", _FORMAT_TEXT),
    ("digits are lost", "are numbers Excel shortened", _FORMAT_TEXT),
    ("is not a postcode", "are no postcode of the row's country", "check the country column"),
    (
        "is not a phone number",
        "are no phone numbers",
        "check defaults: phone_region, or write the numbers with their country code",
    ),
    (
        "is no phone number",
        "are numbers of another country than the row's",
        "write these numbers with their country code",
    ),
    (
        "is not in the file",
        "name a record that is not in the file",
        "add the missing records, or correct the names",
    ),
)
LEAST = 3  # rows with the same problem before it is grouped


@dataclass(frozen=True)
class ProblemGroup:
    severity: Severity
    sheet: str | None
    column: str | None
    what: str  # the message without its value
    rows: int
    example: str | None  # the first row's value
    fix: str

    def __str__(self) -> str:
        where = f"sheet '{self.sheet}', " if self.sheet else ""
        where += f"column '{self.column}'" if self.column else "rows"
        example = f" (e.g. '{self.example}')" if self.example else ""
        return f"{where}: {self.rows} rows {self.what}{example} -- {self.fix}"


def _kind(message: str) -> tuple[str, str]:
    """(what the rows are, the fix) of a problem's message."""
    for said, what, fix in _KINDS:
        if said in message:
            return what, fix
    text = _VALUE.sub("", message, count=1)
    first, _, rest = text.partition("; ")
    return f"where the value {first}", rest or first


def group_problems(issues: Iterable[RowIssue], *, least: int = LEAST) -> list[ProblemGroup]:
    """The problems that repeat on at least ``least`` rows of one column, most rows first."""
    found: dict[tuple[Severity, str | None, str | None, str], list[RowIssue]] = {}
    for issue in issues:
        if issue.row is None:
            continue
        what, _ = _kind(issue.message)
        found.setdefault((issue.severity, issue.sheet, issue.column, what), []).append(issue)
    groups = [
        ProblemGroup(
            severity, sheet, column, what, len(same), _example(same[0]), _kind(same[0].message)[1]
        )
        for (severity, sheet, column, what), same in found.items()
        if len(same) >= least
    ]
    return sorted(groups, key=lambda g: (g.severity != Severity.ERROR, -g.rows))


def _example(issue: RowIssue) -> str | None:
    match = _VALUE.match(issue.message)
    return match["value"] if match else issue.value
