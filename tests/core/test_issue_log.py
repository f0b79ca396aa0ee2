"""Issues added a column at a time read as those added one by one."""

from __future__ import annotations

import polars as pl

from bulkio.core.entities import Role
from bulkio.core.issues import RowIssue, Severity
from bulkio.core.validation.issue_log import IssueLog


def test_a_column_of_issues_reads_as_issues_added_one_by_one() -> None:
    log = IssueLog()
    log.role = Role.CONTACTS
    log.add("the contact has no name", row=2, sheet="Kontakte", severity=Severity.WARNING)
    log.add_many(
        pl.Series(["'x' is not an e-mail address", "'y' is not an e-mail address"]),
        pl.Series([4, 7]),
        pl.Series(["E-Mail", "E-Mail"]),
        pl.Series(["x", "y"]),
        sheet="Kontakte",
        field="contact.email",
    )
    log.add_many(pl.Series(["'1' is not a postcode"]), pl.Series([9]), pl.Series(["PLZ"]),
                 pl.Series(["1"]), sheet=None, field="zip", severity=Severity.WARNING)  # fmt: skip
    log.add("the company has no name", row=3, sheet="Kontakte")
    assert log.issues[1] == RowIssue(
        "'x' is not an e-mail address", 4, "E-Mail", "x", Severity.ERROR, "Kontakte",
        "contact.email",
    )  # fmt: skip
    assert [i.row for i in log.issues] == [2, 4, 7, 9, 3]  # in the order they came
    assert log.bad_rows == {(Role.CONTACTS, r) for r in (3, 4, 7)}  # a warning spoils no row
    assert log.warnings == 2
    assert log.issues == log.issues  # read again, the same
