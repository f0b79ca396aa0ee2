"""Outlook's export of contacts taken from an Exchange address book: their "E-mail Address"
is Exchange's X.500 address ("/o=ExchangeLabs/ou=Exchange Administrative Group
(FYDIBOHF23SPDLT)/cn=Recipients/cn=...", "E-mail Type" EX; Microsoft's documentation of
legacyExchangeDN and the Outlook CSV columns in OX App Suite's outlook2016.en_EN mapping).
It is no e-mail address: it is left empty with a warning naming it, and the rest of the
contact lands. The file is written as Outlook desktop writes it: Windows-1252, every field
quoted, CRLF."""

from __future__ import annotations

from pathlib import Path

from bulkio.core.issues import Severity
from bulkio.usecases.check import check_file
from tests.mappings.real_exports import outlook_desktop

X500 = (
    "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/"
    "cn=3f2a1b9c-hmueller"
)
HEADER = (
    "First Name", "Last Name", "Company", "Job Title", "E-mail Address", "E-mail Type",
    "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type", "Business Phone",
)  # fmt: skip


def test_an_exchange_address_is_left_empty_with_a_warning(tmp_path: Path) -> None:
    rows = [
        {"First Name": "Hans", "Last Name": "Müller", "Company": "Müller GmbH",
         "Job Title": "Geschäftsführer", "E-mail Address": X500, "E-mail Type": "EX",
         "E-mail Display Name": "Hans Müller", "E-mail 2 Address": "hans.mueller@gmail.com",
         "E-mail 2 Type": "SMTP", "Business Phone": "+49 351 123456"},
        {"First Name": "Anna", "Last Name": "Weiß", "Company": "Müller GmbH",
         "Job Title": "Einkauf", "E-mail Address": "anna@mueller.de", "E-mail Type": "SMTP",
         "E-mail Display Name": "Anna Weiß (anna@mueller.de)"},
    ]  # fmt: skip
    path = outlook_desktop(tmp_path / "contacts.csv", HEADER, rows)

    result = check_file(path, keep_records=True)

    assert result.mapping.name == "outlook"
    assert result.validation.errors == []
    people = {c.fields["last_name"]: c.fields for c in result.validation.contacts}
    assert people["Müller"]["email"] is None
    assert people["Müller"]["email_private"] == "hans.mueller@gmail.com"
    assert people["Weiß"]["email"] == "anna@mueller.de"
    (warning,) = [
        i for i in result.validation.issues
        if i.severity == Severity.WARNING and i.column == "E-mail Address"
    ]  # fmt: skip
    assert warning.row == 2 and warning.value == X500
    assert "Exchange address" in warning.message and "add the e-mail in Kanbert" in warning.message
