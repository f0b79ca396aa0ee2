"""Splitting a full name into title, first and last name, as polars expressions.

"Müller, Anna" -> Anna / Müller; "Dr. Anna Müller" -> Dr. / Anna / Müller;
"Anna Maria von Müller" -> Anna Maria / von Müller; "Herr Max Mustermann" drops the "Herr"
(and "Mr", "Mrs", "Ms", "Miss", "Monsieur", "Madame"); "Dr Emily Brown" -> Dr / Emily / Brown.
"""

from __future__ import annotations

import polars as pl

_SALUTATION = (
    r"^(?:Herr|Frau|HERR|FRAU|herr|frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Monsieur|Madame"
    r"|Mme\.?)\s+"
)
_TITLE = (  # "Dr" and "Prof" also without their dot, as British English writes them
    r"^((?:(?:[Pp]rof|[Dd]r|[Dd]ipl\.-\w+|[Mm]ag|[Ii]ng|med|rer|nat|phil|jur|h\. ?c|habil)\.\s*"
    r"|(?:Prof|Dr)\s+)+)"
)
_PARTICLES = r"(?:von|van|de|der|den|du|da|di|zu|zum|zur|vom|ten|ter|la|le|del|della|dos|das)"


def _tidy(value: pl.Expr) -> pl.Expr:
    return value.str.replace_all(r"\s{2,}|[\t\r\n]", " ").str.strip_chars()


def _rest(value: pl.Expr) -> pl.Expr:
    v = _tidy(value).str.replace(_SALUTATION, "")
    return v.str.replace(_TITLE, "").str.strip_chars()


def name_title(value: pl.Expr) -> pl.Expr:
    """The academic title at the front ("Dr.", "Prof. Dr."), else null."""
    v = _tidy(value).str.replace(_SALUTATION, "")
    return v.str.extract(_TITLE, 1).str.strip_chars().replace("", None)


_SPECIAL = rf",|\s{_PARTICLES}\s"
_PARTS = rf"^(?:(?P<l1>[^,]+),\s*(?P<f1>.*)|(?P<f2>.+?)\s+(?P<l2>(?:{_PARTICLES}\s+)+\S.*))$"


def name_first(value: pl.Expr) -> pl.Expr:
    """'Anna' from 'Dr. Anna Müller' or 'Müller, Anna'; null for a single word."""
    rest = _rest(value)
    parts = rest.str.extract_groups(_PARTS)
    special = pl.coalesce(parts.struct.field("f1"), parts.struct.field("f2"))
    plain = pl.when(rest.str.contains(" ")).then(rest.str.replace(r"\s+\S+$", ""))
    first = pl.when(rest.str.contains(_SPECIAL)).then(special).otherwise(plain)
    return first.str.strip_chars().replace("", None)


def name_last(value: pl.Expr) -> pl.Expr:
    """'Müller' from 'Dr. Anna Müller' or 'Müller, Anna'; 'von Müller' keeps its particle."""
    rest = _rest(value)
    parts = rest.str.extract_groups(_PARTS)
    special = pl.coalesce(parts.struct.field("l1"), parts.struct.field("l2"))
    plain = rest.str.extract(r"(\S+)$", 1)
    last = pl.when(rest.str.contains(_SPECIAL)).then(special).otherwise(plain)
    return last.str.strip_chars().replace("", None)
