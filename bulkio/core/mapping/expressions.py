"""A target field's value as a polars expression: source column(s), cleaning, splitting,
value map and default. Works on whole columns; the kind's normaliser runs afterwards."""

from __future__ import annotations

import re

import polars as pl

from bulkio.core.mapping.schema import CleanStep, ExternalIdSpec, FieldSpec, label_key
from bulkio.core.normalize.names import name_first, name_last, name_title
from bulkio.core.normalize.street import street_house, street_name

_CAPTURING = re.compile(r"(?<!\\)\((?!\?)")
# no-break spaces (U+00A0, the narrow U+202F, the figure space U+2007) that word processors,
# web forms and French number formatting put into values: plain spaces everywhere bulkio
# trims and splits
_NO_BREAK_SPACES = "[\u00a0\u202f\u2007]"
# a cell holding only a dash (hyphen, en dash, em dash): how many exports and typists write
# "nothing here"
_DASHES = ["-", "\u2013", "\u2014"]  # with nothing but spaces around it
_NO_BREAK_SPACE_CHARS = ["\u00a0", "\u202f", "\u2007"]


def cell_expr(column: str, *, trimmed: bool = False) -> pl.Expr:
    """A source column's text as every field reads it: no-break spaces are plain spaces and
    a cell holding only a dash is empty. ``trimmed``: without spaces around it (the text
    is trimmed once, for the dash test and the value both)."""
    text = pl.col(column).cast(pl.String)
    # the pattern runs only on the few values that hold such a space (a plain search finds
    # them); a lone dash is found by trimming, not by a pattern over every cell
    spaced = text.str.contains_any(_NO_BREAK_SPACE_CHARS)
    text = pl.when(spaced).then(text.str.replace_all(_NO_BREAK_SPACES, " ")).otherwise(text)
    trim = text.str.strip_chars()
    return pl.when(~trim.is_in(_DASHES)).then(trim if trimmed else text)


def _blank_to_null(expr: pl.Expr) -> pl.Expr:
    """Trimmed; an empty or blank value is null. (Written without when/then, which would
    evaluate ``expr`` twice.)"""
    return expr.str.strip_chars().replace("", None)


def _label_key(text: str | pl.Expr) -> pl.Expr:
    """A label as compared: no case, no spaces around it, no leading "*" (Google's mark of
    the primary value); an empty label is ""."""
    expr = pl.lit(text) if isinstance(text, str) else text
    return expr.cast(pl.String).str.strip_chars().str.strip_chars_start("* ").str.to_lowercase()


def _label_picks(spec: FieldSpec) -> list[tuple[str, pl.Expr]]:
    """(value column, where it is the one to take), most wanted label first; with
    ``others``, then any value whose label no field of these columns wants."""
    label = spec.label
    assert label is not None and spec.columns is not None
    pairs = list(zip(spec.columns, label.columns, strict=True))
    picks = []
    for wanted in label.one_of:
        for value, beside in pairs:
            matches = _label_key(pl.col(beside)).fill_null("") == label_key(wanted)
            picks.append((value, _present(value) & matches))
    if label.others:
        known = [label_key(w) for w in label.one_of] + label.taken_elsewhere
        for value, beside in pairs:
            unknown = ~_label_key(pl.col(beside)).fill_null("").is_in(known)
            picks.append((value, _present(value) & unknown))
    return picks


def _present(column: str) -> pl.Expr:
    return _blank_to_null(cell_expr(column)).is_not_null()


def unknown_label_expr(spec: FieldSpec) -> pl.Expr | None:
    """With ``label.others``: the label of the value taken because no field wants its label
    (null where the field's value has a label it wants, or none)."""
    label = spec.label
    if label is None or not label.others or spec.columns is None:
        return None
    picked = picked_column_expr(spec)
    assert picked is not None
    known = [label_key(w) for w in label.one_of]
    return pl.coalesce(
        [
            pl.when(
                (picked == value) & ~_label_key(pl.col(beside)).fill_null("").is_in(known)
            ).then(pl.col(beside).cast(pl.String).str.strip_chars())
            for value, beside in zip(spec.columns, label.columns, strict=True)
        ]
    )


def picked_column_expr(spec: FieldSpec) -> pl.Expr | None:
    """With 'label': the name of the column each row's value was taken from."""
    if spec.label is None:
        return None
    return pl.coalesce([pl.when(cond).then(pl.lit(c)) for c, cond in _label_picks(spec)])


def source_expr(spec: FieldSpec | ExternalIdSpec) -> pl.Expr:
    """The raw text of the field: one column, several joined or picked by label, or a
    constant; with 'first_of', the first of several values in the cell."""
    expr = _raw_source(spec)
    if isinstance(spec, FieldSpec) and spec.first_of is not None:
        expr = expr.str.split(spec.first_of).list.first().str.strip_chars()
    return expr


def _trimmed_source(spec: FieldSpec | ExternalIdSpec) -> pl.Expr:
    """``source_expr(spec).str.strip_chars()``, a single column's cells trimmed only once."""
    one_column = not isinstance(spec, FieldSpec) or (
        not spec.has_constant and spec.label is None and spec.first_of is None
    )
    columns = spec.source_columns()
    if one_column and len(columns) == 1:
        return cell_expr(columns[0], trimmed=True)
    return source_expr(spec).str.strip_chars()


def _raw_source(spec: FieldSpec | ExternalIdSpec) -> pl.Expr:
    if isinstance(spec, FieldSpec) and spec.has_constant:
        value = spec.constant
        if isinstance(value, bool):
            value = "true" if value else "false"
        return pl.lit(None if value is None else str(value), dtype=pl.String)
    if isinstance(spec, FieldSpec) and spec.label is not None:
        return pl.coalesce(
            [pl.when(cond).then(cell_expr(c).str.strip_chars()) for c, cond in _label_picks(spec)]
        )
    columns = spec.source_columns()
    if len(columns) == 1:
        return cell_expr(columns[0])
    parts = [_blank_to_null(cell_expr(c).str.strip_chars()) for c in columns]
    return _blank_to_null(pl.concat_str(parts, separator=spec.join, ignore_nulls=True))


def _step(expr: pl.Expr, step: str | CleanStep) -> pl.Expr:
    if step == "trim":
        return expr.str.strip_chars()
    if step == "collapse_spaces":
        return expr.str.replace_all(r"\s+", " ").str.strip_chars()
    if step == "upper":
        return expr.str.to_uppercase()
    if step == "lower":
        return expr.str.to_lowercase()
    if step == "title":
        return expr.str.to_titlecase()
    assert isinstance(step, CleanStep)
    if step.replace is not None:
        for old, new in step.replace.items():
            expr = expr.str.replace_all(old, new, literal=True)
    elif step.regex_replace is not None:
        for pattern, new in step.regex_replace.items():
            expr = expr.str.replace_all(pattern, new)
    elif step.extract is not None:
        group = 1 if _CAPTURING.search(step.extract) else 0
        expr = expr.str.extract(step.extract, group)
    elif step.remove is not None:
        for char in step.remove:
            expr = expr.str.replace_all(char, "", literal=True)
    return expr


def _mapped(expr: pl.Expr, spec: FieldSpec) -> pl.Expr:
    table = spec.map or {}
    lowered = {
        str(k).strip().lower(): (
            None if v is None else str(v).lower() if isinstance(v, bool) else str(v)
        )
        for k, v in table.items()
    }
    key = expr.str.strip_chars().str.to_lowercase()
    hit = key.replace_strict(lowered, default=None, return_dtype=pl.String)
    known = key.is_in(list(lowered))
    fallback = pl.lit(_text(spec.default), dtype=pl.String) if spec.has_default else expr
    return pl.when(known).then(hit).otherwise(fallback)


def _text(value: str | int | bool | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def left_out_exprs(spec: FieldSpec) -> tuple[pl.Expr | None, pl.Expr | None]:
    """What the field leaves out, row by row (null where nothing): the other values of a
    cell read with 'first_of' (joined by "', '"), and a value 'skip' empties."""
    extra = None
    if spec.first_of is not None:
        parts = _raw_source(spec).str.split(spec.first_of).list.eval(pl.element().str.strip_chars())
        rest = parts.list.slice(1).list.eval(pl.element().filter(pl.element() != ""))
        extra = pl.when(rest.list.len() > 0).then(rest.list.join("', '"))
    skipped = None
    if spec.skip is not None:
        value = source_expr(spec).str.strip_chars()
        skipped = pl.when(value.str.contains(spec.skip.pattern)).then(value)
    return extra, skipped


def field_expr(spec: FieldSpec) -> pl.Expr:
    """Source, skip, trim, cleaning steps, name/street split, map, default; blank -> null."""
    expr = before_name_split(spec)
    if spec.split_name == "first":
        expr = name_first(expr)
    elif spec.split_name == "last":
        expr = name_last(expr)
    elif spec.split_name == "title":
        expr = name_title(expr)
    return after_name_split(expr, spec, trimmed=not spec.clean and spec.split_name is None)


def before_name_split(spec: FieldSpec) -> pl.Expr:
    """What ``field_expr`` does before it splits a name: source, skip, trim, cleaning steps."""
    expr = _trimmed_source(spec)
    if spec.skip is not None:
        expr = pl.when(expr.str.contains(spec.skip.pattern)).then(None).otherwise(expr)
    for step in spec.clean:
        expr = _step(expr, step)
    return expr


def after_name_split(expr: pl.Expr, spec: FieldSpec, *, trimmed: bool = False) -> pl.Expr:
    """What ``field_expr`` does after it splits a name: street split, map, default.
    ``trimmed``: ``expr`` has no spaces around it (no step since the source's trim)."""
    if spec.split_street == "street":
        expr = street_name(expr)
    elif spec.split_street == "house":
        expr = street_house(expr)
    trimmed = trimmed and spec.split_street is None
    expr = expr.replace("", None) if trimmed else _blank_to_null(expr)
    if spec.map is not None:
        expr = _blank_to_null(_mapped(expr, spec))
    elif spec.has_default and spec.default is not None:
        expr = expr.fill_null(pl.lit(_text(spec.default), dtype=pl.String))
    return expr


def unmapped_expr(spec: FieldSpec) -> pl.Expr | None:
    """True where a value was present but not in the map and fell to the default."""
    if spec.map is None or not spec.has_default:
        return None
    expr = source_expr(spec).str.strip_chars()
    for step in spec.clean:
        expr = _step(expr, step)
    keys = [str(k).strip().lower() for k in spec.map]
    return _blank_to_null(expr).is_not_null() & ~expr.str.to_lowercase().is_in(keys)


def key_expr(spec: ExternalIdSpec) -> pl.Expr:
    """An external id from one column or several joined; trimmed, blank -> null."""
    return _trimmed_source(spec).replace("", None)  # trimmed: blank is empty


def label_groups(specs: dict[str, FieldSpec]) -> list[dict[str, FieldSpec]]:
    """The fields that pick from the same value and label columns, one group each (Google's
    e-mails: email, email_private; its phones: telephone, mobile, ...), keyed by name."""
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, FieldSpec]] = {}
    for name, spec in specs.items():
        if spec.label is not None and spec.columns is not None:
            key = (tuple(spec.columns), tuple(spec.label.columns))
            groups.setdefault(key, {})[name] = spec
    return list(groups.values())


def unclaimed_exprs(group: dict[str, FieldSpec]) -> list[tuple[str, str, pl.Expr]]:
    """(value column, label column, where its value is taken by no field of the group): a
    second "Work" phone when Kanbert has one work phone, a label no field wants."""
    first = next(iter(group.values()))
    assert first.columns is not None and first.label is not None
    picked = [picked_column_expr(spec) for spec in group.values()]
    out = []
    for value, beside in zip(first.columns, first.label.columns, strict=True):
        taken = pl.any_horizontal([(p == value).fill_null(False) for p in picked if p is not None])
        out.append((value, beside, _present(value) & ~taken))
    return out
