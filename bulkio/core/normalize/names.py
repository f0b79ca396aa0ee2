"""Splitting a full name into title, first and last name, as polars expressions.

"Müller, Anna" -> Anna / Müller; "Dr. Anna Müller" -> Dr. / Anna / Müller;
"Anna Maria von Müller" -> Anna Maria / von Müller; "Herr Max Mustermann" drops the "Herr"
(and "Mr", "Mrs", "Ms", "Miss", "Monsieur", "Madame"); "Dr Emily Brown" -> Dr / Emily / Brown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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


def name_title(value: pl.Expr) -> pl.Expr:
    """The academic title at the front ("Dr.", "Prof. Dr."), else null."""
    return value.map_batches(_one_part("title"), pl.String, is_elementwise=True)


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


def split_names(series: pl.Series, parts: Sequence[str]) -> pl.DataFrame:
    """The name ``parts`` ("title", "first", "last") of every full name in ``series``, one
    column each, worked out together: the name without salutation and title is computed
    once for all of them (an expression per part would compute it again for each). The
    pattern for "Müller, Anna" and "Anna von Müller" runs only where a comma or a particle
    is (column "s", null elsewhere), and not at all on a column with none."""
    base = pl.DataFrame({"b": series}).select(_tidy(pl.col("b")).str.replace(_SALUTATION, ""))
    found: dict[str, pl.Series] = {}
    if "title" in parts:
        title = pl.col("b").str.extract(_TITLE, 1).str.strip_chars().replace("", None)
        found["title"] = base.select(title).to_series()
    wanted = [p for p in parts if p in _PART]
    if wanted:
        rest = base.select(pl.col("b").str.replace(_TITLE, "").str.strip_chars().alias("v"))
        rest = rest.with_columns(pl.when(pl.col("v").str.contains(_SPECIAL)).then("v").alias("s"))
        special = pl.col("s") if rest["s"].null_count() < rest.height else None
        done = rest.select([_PART[p](pl.col("v"), special).alias(p) for p in wanted])
        found.update({p: done[p] for p in wanted})
    return pl.DataFrame([found[p].alias(p) for p in parts], schema=dict.fromkeys(parts, pl.String))


_PART: dict[str, Callable[[pl.Expr, pl.Expr | None], pl.Expr]] = {"first": _first, "last": _last}


def _one_part(part: str) -> Callable[[pl.Series], pl.Series]:
    def run(series: pl.Series) -> pl.Series:
        return split_names(series, [part]).to_series().alias(series.name)

    return run


def name_first(value: pl.Expr) -> pl.Expr:
    """'Anna' from 'Dr. Anna Müller' or 'Müller, Anna'; null for a single word."""
    return value.map_batches(_one_part("first"), pl.String, is_elementwise=True)


def name_last(value: pl.Expr) -> pl.Expr:
    """'Müller' from 'Dr. Anna Müller' or 'Müller, Anna'; 'von Müller' keeps its particle."""
    return value.map_batches(_one_part("last"), pl.String, is_elementwise=True)
