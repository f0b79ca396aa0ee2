"""Issues added a column at a time read as those added one by one."""

from __future__ import annotations

from bulkio.core.entities import Role
from bulkio.core.issues import RowIssue, Severity
from bulkio.core.validation.issue_log import IssueLog


def test_a_column_of_issues_reads_as_issues_added_one_by_one() -> None:
    log = IssueLog()
    log.role = Role.CONTACTS
    log.add_many(
        ["'x' is not an e-mail address", "'y' is not an e-mail address"],
        [4, 7],
        ["E-Mail", "E-Mail"],
        ["x", "y"],
        sheet="Kontakte",
        field="contact.email",
    )
    log.add_many(["'1' is not a postcode"], [9], ["PLZ"], ["1"], sheet=None, field="zip",
                 severity=Severity.WARNING)  # fmt: skip
    assert log.issues[0] == RowIssue(
        "'x' is not an e-mail address", 4, "E-Mail", "x", Severity.ERROR, "Kontakte",
        "contact.email",
    )  # fmt: skip
    assert [i.row for i in log.issues] == [4, 7, 9]
    assert log.bad_rows == {(Role.CONTACTS, 4), (Role.CONTACTS, 7)}  # a warning spoils no row
    assert log.warnings == 1
