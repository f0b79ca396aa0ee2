"""The spellings a name or an e-mail is looked up by: the usual ones while Kanbert's filters
match case, as typed (and tidied) only once the probe has shown that they ignore it."""

from __future__ import annotations

from bulkio.usecases.import_spellings import email_spellings, name_spellings


def test_a_name_is_looked_up_as_people_write_it_while_case_matters() -> None:
    assert name_spellings(" MUSTER  GMBH & CO. KG") == [
        "MUSTER  GMBH & CO. KG",
        "MUSTER GMBH & CO. KG",
        "Muster GmbH & Co. KG",
        "muster gmbh & co. kg",
    ]
    assert email_spellings("Anna.Weiss@Example.DE ") == [
        "Anna.Weiss@Example.DE",
        "anna.weiss@example.de",
    ]


def test_filters_that_ignore_case_get_one_spelling_of_each_case() -> None:
    assert name_spellings(" MUSTER  GMBH", case_matters=False) == ["MUSTER  GMBH", "MUSTER GMBH"]
    assert email_spellings("Anna@Example.de", case_matters=False) == ["Anna@Example.de"]
