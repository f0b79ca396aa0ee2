"""What the draft makes of one column while a sheet is planned, and the names of the targets
that are references between records rather than fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from bulkio.core.suggest.matching import HeaderMatch
from bulkio.core.suggest.sniffing import ColumnLook

EMAIL_FIELDS = ("email", "email_private", "email_general")
# references between records, rendered outside ``fields``
REF_CONTACT_COMPANY = "contact.company"
REF_CONTACT_POSITION = "contact.company_position"
REF_LINK_CONTACT = "link.contact"
REF_LINK_COMPANY = "link.company"
LINK_POSITION = "link.position"
REFS = (REF_CONTACT_COMPANY, REF_CONTACT_POSITION, REF_LINK_CONTACT, REF_LINK_COMPANY)


@dataclass
class ColumnGuess:
    """One column of a sheet: its header match, its values' look and the target chosen."""

    header: str
    match: HeaderMatch | None
    look: ColumnLook
    target: str | None = None
    confident: bool = True
    notes: list[str] = field(default_factory=list)
    fixed: bool = False  # an exact label of the bulkio template: nothing second-guesses it
    options: dict[str, object] = field(default_factory=dict)  # every line of it carries these
