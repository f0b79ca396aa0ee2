"""Splitting a full name into title, first and last name, as polars expressions.

"Müller, Anna" -> Anna / Müller; "Dr. Anna Müller" -> Dr. / Anna / Müller;
"Anna Maria von Müller" -> Anna Maria / von Müller; "Herr Max Mustermann" drops the "Herr"
(and "Mr", "Mrs", "Ms", "Miss", "Monsieur", "Madame"); "Dr Emily Brown" -> Dr / Emily / Brown.
"""

from __future__ import annotations

from collections.abc import Callable

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


def _first(rest: pl.Expr, special: pl.Expr | None) -> pl.Expr:
    plain = pl.when(rest.str.contains(" ")).then(rest.str.replace(r"\s+\S+$", ""))
    first: pl.Expr = plain
    if special is not None:
        parts = special.str.extract_groups(_PARTS)
        found = pl.coalesce(parts.struct.field("f1"), parts.struct.field("f2"))
        first = pl.when(special.is_not_null()).then(found).otherwise(plain)
    return first.str.strip_chars().replace("", None)


def _last(rest: pl.Expr, special: pl.Expr | None) -> pl.Expr:
    last = rest.str.extract(r"(\S+)$", 1)
    if special is not None:
        parts = special.str.extract_groups(_PARTS)
        found = pl.coalesce(parts.struct.field("l1"), parts.struct.field("l2"))
        last = pl.when(special.is_not_null()).then(found).otherwise(last)
    return last.str.strip_chars().replace("", None)


def _on_rest(
    part: Callable[[pl.Expr, pl.Expr | None], pl.Expr],
) -> Callable[[pl.Series], pl.Series]:
    """The name part worked out from the name without salutation and title, which is
    computed once per column (an expression would compute it again at every use); the
    pattern for "Müller, Anna" and "Anna von Müller" runs only where a comma or a particle
    is (column "s", null elsewhere), and not at all on a column with none."""

    def run(series: pl.Series) -> pl.Series:
        rest = pl.DataFrame({"v": series}).select(_rest(pl.col("v")))
        rest = rest.with_columns(pl.when(pl.col("v").str.contains(_SPECIAL)).then("v").alias("s"))
        special = pl.col("s") if rest["s"].null_count() < rest.height else None
        return rest.select(part(pl.col("v"), special)).to_series().alias(series.name)

    return run


def name_first(value: pl.Expr) -> pl.Expr:
    """'Anna' from 'Dr. Anna Müller' or 'Müller, Anna'; null for a single word."""
    return value.map_batches(_on_rest(_first), pl.String, is_elementwise=True)


def name_last(value: pl.Expr) -> pl.Expr:
    """'Müller' from 'Dr. Anna Müller' or 'Müller, Anna'; 'von Müller' keeps its particle."""
    return value.map_batches(_on_rest(_last), pl.String, is_elementwise=True)
