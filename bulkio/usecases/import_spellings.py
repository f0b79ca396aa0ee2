"""The spellings under which a company name or an e-mail is looked up in Kanbert.

Matching by name compares names case and spacing aside (``normal_key``: "MUSTER  gmbh" is
"Muster GmbH"). Reading every company does that for any spelling, but costs one request per
100 companies Kanbert holds. An ``in`` filter costs one request per chunk of names, yet finds
only names written exactly as sent (what bulkio assumes of Kanbert's filters, see
docs/kanbert-api.md; ``bulkio status --probe`` checks it). So each name is sent in the
spellings people actually write: as typed, spacing tidied, lower case, upper case, and words
capitalised with the legal form in its usual form ("MUSTER GMBH & CO. KG" -> "Muster GmbH &
Co. KG"). A name Kanbert holds in yet another spelling ("muster GmbH") is not found that way:
the import then warns, naming ``--matching scan``. Should the filters ignore case
(``KanbertClient.filters_match_case``), a name is sent as typed and tidied only.
"""

from __future__ import annotations

# legal forms (and their parts) as they are usually written, by their lower-case spelling
LEGAL_FORMS = {
    form.lower(): form
    for form in (
        "GmbH",
        "gGmbH",
        "mbH",
        "AG",
        "KG",
        "KGaA",
        "OHG",
        "GbR",
        "UG",
        "SE",
        "e.V.",
        "e.K.",
        "eG",
        "Co.",
        "Co",
        "PartG",
        "Ltd",
        "Ltd.",
        "LLC",
        "LLP",
        "Inc.",
        "Inc",
        "Corp.",
        "PLC",
        "S.A.",
        "SA",
        "S.A.S.",
        "SAS",
        "SARL",
        "S.à r.l.",
        "S.r.l.",
        "S.p.A.",
        "B.V.",
        "BV",
        "N.V.",
        "AB",
        "ApS",
        "A/S",
        "AS",
        "Oy",
        "Sp. z o.o.",
        "s.r.o.",
        "a.s.",
        "d.o.o.",
    )
}
SPELLINGS = 5  # at most, per name


def name_spellings(name: str, *, case_matters: bool = True) -> list[str]:
    """The spellings a company name is looked up by (at most ``SPELLINGS``, no repeats);
    as typed and spacing tidied only when Kanbert's filters ignore case."""
    typed = name.strip()
    tidy = " ".join(typed.split())
    found = [typed, tidy]
    if case_matters:
        found += [" ".join(_capitalised(w) for w in tidy.split()), tidy.lower(), tidy.upper()]
    return [s for s in dict.fromkeys(found) if s][:SPELLINGS]


def email_spellings(email: str, *, case_matters: bool = True) -> list[str]:
    """The spellings an e-mail is looked up by: as typed, and in lower case when Kanbert's
    filters match case."""
    typed = email.strip()
    found = [typed, typed.lower()] if case_matters else [typed]
    return [s for s in dict.fromkeys(found) if s]


def _capitalised(word: str) -> str:
    """A word as a name writes it: a legal form in its usual form, else capitalised."""
    return LEGAL_FORMS.get(word.lower(), word[:1].upper() + word[1:].lower())
