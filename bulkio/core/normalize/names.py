"""Splitting a full name into title, first and last name, as polars expressions.

"Müller, Anna" -> Anna / Müller; "Dr. Anna Müller" -> Dr. / Anna / Müller;
"Anna Maria von Müller" -> Anna Maria / von Müller; "Herr Max Mustermann" drops the "Herr".
"""

from __future__ import annotations

import polars as pl

_SALUTATION = r"^(?i:herr|frau|hr\.|fr\.|mr\.?|mrs\.?|ms\.?)\s+"
_TITLE = (
    r"^((?:(?i:prof\.|dr\.|dipl\.-[\p{L}]+\.?|mag\.|ing\.|med\.|rer\.|nat\.|phil\.|jur\.|"
    r"h\.\s?c\.|habil\.)\s*)+)"
)
_PARTICLES = r"(?:von|van|de|der|den|du|da|di|zu|zum|zur|vom|ten|ter|la|le|del|della|dos|das)"


def _rest(value: pl.Expr) -> pl.Expr:
    v = value.str.strip_chars().str.replace_all(r"\s+", " ").str.replace(_SALUTATION, "")
    return v.str.replace(_TITLE, "").str.strip_chars()


def name_title(value: pl.Expr) -> pl.Expr:
    """The academic title at the front ("Dr.", "Prof. Dr."), else null."""
    v = value.str.strip_chars().str.replace_all(r"\s+", " ").str.replace(_SALUTATION, "")
    title = v.str.extract(_TITLE, 1).str.strip_chars()
    return pl.when(title != "").then(title)


def name_first(value: pl.Expr) -> pl.Expr:
    rest = _rest(value)
    comma = rest.str.extract(r"^[^,]*,\s*(.+)$", 1)
    particle = rest.str.extract(rf"^(.+?)\s+{_PARTICLES}\s+\S.*$", 1)
    plain = rest.str.extract(r"^(.+)\s+\S+$", 1)
    return pl.coalesce(comma, particle, plain).str.strip_chars()


def name_last(value: pl.Expr) -> pl.Expr:
    rest = _rest(value)
    comma = rest.str.extract(r"^([^,]+),", 1)
    particle = rest.str.extract(rf"^.+?\s+({_PARTICLES}\s+\S.*)$", 1)
    plain = rest.str.extract(r"(\S+)$", 1)
    last = pl.coalesce(comma, particle, plain).str.strip_chars()
    return pl.when(last != "").then(last)
