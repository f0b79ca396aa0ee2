"""Whether a column holds people's whole names, and the salutations written in front of them.

"Herr Dr. Hans Müller", "Weiß, Anna", "Mr John Smith" are whole names whatever the column is
called; the draft splits them with the mapping's ``split_name`` and reads the gender from the
salutation ("Herr" -> male) with an ``extract`` step and a ``map``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

LEGAL_FORM = re.compile(
    r"\b(gmbh|ag|kg|ohg|gbr|ug|e\.?\s?k|e\.?\s?v|se|ltd|inc|llc|sarl|s\.a|sa|bv|co|plc|llp)"
    r"\b\.?"
    # and the trades small businesses are named for: "Bäckerei Schönfeld", "Autohaus Krause"
    r"|\w+(?:erei|handel|bau|technik|service|praxis|kanzlei|büro|werkstatt|salon)\b"
    r"|\b(?:bäckerei|metzgerei|friseur|apotheke|hotel|restaurant|gasthaus|gasthof|café|cafe"
    r"|garage|praxis|kanzlei|elektro|sanitär|malerbetrieb|autohaus|studio|agentur|verlag"
    r"|boulangerie|pharmacy|bakery|garage|salon|consulting|solutions|services|partners"
    r"|& söhne|& sons)\b",
    re.I,
)
SALUTATIONS: dict[str, str] = {
    "herr": "male", "hr": "male", "frau": "female", "fr": "female", "mr": "male",
    "mrs": "female", "ms": "female", "miss": "female", "monsieur": "male",
    "madame": "female", "mme": "female",
}  # fmt: skip
_SALUTATION = re.compile(
    r"^\s*(" + "|".join(sorted(SALUTATIONS, key=len, reverse=True)) + r")\b\.?\s", re.I
)
_WORD = r"[^\W\d_][^\W\d_'’.\-]*(?:[-'’][^\W\d_]+)*\.?"
_PERSON = re.compile(rf"^(?:{_WORD}\s+){{1,4}}{_WORD}$")
_LAST_FIRST = re.compile(rf"^(?:{_WORD}\s+)*{_WORD},\s*(?:{_WORD}\s+)*{_WORD}$")
NAME_SHARE = 0.7  # this share of the filled values must be whole names


def _filled(values: Sequence[str | None]) -> list[str]:
    return [v.strip() for v in values if v is not None and v.strip()]


def salutation_of(value: str) -> str | None:
    """'Herr' from 'Herr Dr. Hans Müller'; None when the name starts otherwise."""
    found = _SALUTATION.match(value)
    return found.group(1) if found else None


def whole_names(values: Sequence[str | None]) -> bool:
    """Most values are a person's whole name: two to five words, or 'Last, First'; not
    company names (GmbH, Ltd, Bäckerei) and not single words."""
    names = _filled(values)
    if not names:
        return False
    whole = sum(
        1 for v in names if not LEGAL_FORM.search(v) and (_PERSON.match(v) or _LAST_FIRST.match(v))
    )
    return whole >= NAME_SHARE * len(names)


def salutations(values: Sequence[str | None]) -> list[str]:
    """The salutations the names start with, each once as first written ('Herr', 'Mrs')."""
    seen: dict[str, str] = {}
    for value in _filled(values):
        word = salutation_of(value)
        if word is not None:
            seen.setdefault(word.casefold(), word)
    return sorted(seen.values(), key=str.casefold)


def gender_spec(
    words: Sequence[str], genders: Mapping[str, str | None] = SALUTATIONS
) -> tuple[str, dict[str, str | None]]:
    """The extract pattern and the map that read a gender from these salutations at the
    start of a cell ("Herr Dr. Hans Müller", "Herr Dr.")."""
    alternatives = sorted({w.casefold() for w in words}, key=len, reverse=True)
    pattern = r"(?i)^\s*(" + "|".join(re.escape(a) for a in alternatives) + r")\b"
    return pattern, {w: genders[w.casefold()] for w in words}


def first_words(values: Sequence[str | None]) -> list[str]:
    """Each value's first word without its dot, each once as first written."""
    seen: dict[str, str] = {}
    for value in _filled(values):
        word = value.split()[0].rstrip(".")
        seen.setdefault(word.casefold(), word)
    return sorted(seen.values(), key=str.casefold)


def has_titles(values: Sequence[str | None]) -> bool:
    """Some value holds an academic title ("Herr Dr.", "Frau Prof. Dr.")."""
    return any(_TITLE.search(v) for v in _filled(values))


# the academic title inside a salutation, for an ``extract`` step: "Prof. Dr." of "Frau Prof. Dr."
TITLE_PATTERN = (
    r"(?i)\b((?:prof|dr)\b\.?(?:\s*(?:prof|dr|med|rer\.?\s*nat|phil|jur|h\.\s*c|habil)\b\.?)*)"
)
_TITLE = re.compile(TITLE_PATTERN.removeprefix("(?i)"), re.I)
