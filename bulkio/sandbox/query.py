"""List queries: form-encoded filters, sorts and keyset cursors, turned into SQL.

Fields come from whitelists (the entity's fields and custom field aliases), values are always
bound parameters. A cursor holds the sort values of the row it points at plus its ``seq``, so
paging stays correct under any sort: each page starts strictly after (or before) that row in
the full ordering ``sort keys..., seq``. NULL sorts after every value (ascending).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .api_error import bad_request, invalid
from .entities import Entity, Kind, filterable_fields
from .json_text import encode_cursor, parse_cursor
from .store import INTEGER_MAX, INTEGER_MIN, storable_integer

DEFAULT_PAGE_SIZE = 30
MAX_PAGE_SIZE = 100
MAX_FILTERS = 20  # conditions in one list request
MAX_LIST_VALUES = 1000  # values of one in/nin condition
OPERATORS = (
    "eq",
    "ne",
    "in",
    "nin",
    "contains",
    "startswith",
    "endswith",
    "isnull",
    "notnull",
    "lt",
    "lte",
    "gt",
    "gte",
)
_FILTER_KEY = re.compile(r"^filter\[(\d+)\]\[(field|op|value)\]$")
_NULL_LAST = "X'FF'"  # a BLOB: sorts after every number and text in SQLite


@dataclass(frozen=True)
class SortKey:
    name: str  # as requested, e.g. "first_name" or "custom_fields.segment"
    expr: str  # SQL, NULL replaced by a sentinel that sorts last
    descending: bool


@dataclass(frozen=True)
class Cursor:
    values: list[Any]
    seq: int
    backwards: bool


def field_expr(name: str) -> str:
    """SQL for a field of the stored JSON document (name whitelisted by the caller)."""
    if name == "id":
        return "id"
    if name == "external_id":
        return "external_id"
    if name == "deleted_at":
        return "deleted_at"
    if name.startswith("custom_fields."):
        alias = name.split(".", 1)[1]
        return f"json_extract(data, '$.custom_fields.\"{alias}\"')"
    return f"json_extract(data, '$.{name}')"


def page_size(params: Mapping[str, str]) -> int:
    raw = params.get("page[size]")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        raise invalid({"page.size": ["The page.size field must be an integer."]}) from None
    if size < 1:
        raise invalid({"page.size": ["The page.size field must be at least 1."]})
    if size > MAX_PAGE_SIZE:
        raise invalid(
            {"page.size": [f"The page.size field must not be greater than {MAX_PAGE_SIZE}."]}
        )
    return size


def archived_clause(params: Mapping[str, str]) -> str:
    mode = params.get("archived", "without")
    clauses = {
        "without": "deleted_at IS NULL",
        "only": "deleted_at IS NOT NULL",
        "with": "1 = 1",
    }
    if mode not in clauses:
        raise invalid(
            {"archived": ["The selected archived is invalid; use with, only or without."]}
        )
    return clauses[mode]


def _coerce(kind: Kind | str, value: str, field: str) -> Any:
    if kind in (Kind.BOOL, "boolean"):
        lowered = value.lower()
        if lowered in ("1", "true"):
            return 1
        if lowered in ("0", "false"):
            return 0
        raise bad_request(f"Filter on {field}: '{value}' is not a boolean; use true or false.")
    if kind == "integer":
        try:
            number = int(value)
        except ValueError:
            number = None
        if not storable_integer(number):
            raise bad_request(
                f"Filter on {field}: '{value}' is not an integer between {INTEGER_MIN} and "
                f"{INTEGER_MAX}."
            )
        return number
    return value


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_clauses(
    params: Mapping[str, str], entity: Entity, custom: Mapping[str, Mapping[str, Any]]
) -> tuple[list[str], list[Any]]:
    """``filter[i][field|op|value]`` as SQL conditions (ANDed) and their parameters."""
    groups: dict[int, dict[str, str]] = {}
    for key, value in params.items():
        match = _FILTER_KEY.match(key)
        if match:
            groups.setdefault(int(match[1]), {})[match[2]] = value
        elif key.startswith("filter"):
            raise bad_request(
                f"Unknown filter parameter '{key}'; use filter[0][field], filter[0][op] "
                "and filter[0][value]."
            )
    if len(groups) > MAX_FILTERS:
        raise bad_request(f"At most {MAX_FILTERS} filter conditions fit in one request.")
    fields: dict[str, Kind | str] = dict(filterable_fields(entity))
    for alias, definition in custom.items():
        fields[f"custom_fields.{alias}"] = str(definition["type"])
    clauses: list[str] = []
    args: list[Any] = []
    for index in sorted(groups):
        group = groups[index]
        field = group.get("field", "")
        op = group.get("op", "eq")
        if field not in fields:
            raise bad_request(
                f"Unknown filter field '{field}' for {entity.plural}; filterable fields: "
                f"{', '.join(sorted(fields))}."
            )
        if op not in OPERATORS:
            raise bad_request(f"Unknown filter operator '{op}'; operators: {', '.join(OPERATORS)}.")
        expr = field_expr(field)
        kind = fields[field]
        if op == "isnull":
            clauses.append(f"{expr} IS NULL")
            continue
        if op == "notnull":
            clauses.append(f"{expr} IS NOT NULL")
            continue
        if "value" not in group:
            raise bad_request(f"Filter {index} ({field} {op}) needs filter[{index}][value].")
        raw = group["value"]
        if op in ("in", "nin"):
            texts = raw.split(",")
            if len(texts) > MAX_LIST_VALUES:
                raise bad_request(
                    f"Filter on {field} ({op}) lists {len(texts)} values; at most "
                    f"{MAX_LIST_VALUES} fit in one request."
                )
            values = [_coerce(kind, v, field) for v in texts]
            marks = ",".join("?" * len(values))
            if op == "in":
                clauses.append(f"{expr} IN ({marks})")
            else:
                clauses.append(f"({expr} IS NULL OR {expr} NOT IN ({marks}))")
            args.extend(values)
            continue
        if op in ("contains", "startswith", "endswith"):
            pattern = {
                "contains": "%{}%",
                "startswith": "{}%",
                "endswith": "%{}",
            }[op].format(_like(raw))
            clauses.append(f"{expr} LIKE ? ESCAPE '\\'")
            args.append(pattern)
            continue
        value = _coerce(kind, raw, field)
        sql_op = {"eq": "=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}.get(op)
        if sql_op is not None:
            clauses.append(f"{expr} {sql_op} ?")
        else:  # ne: a record without a value is "not equal" too
            clauses.append(f"{expr} IS NOT ?")
        args.append(value)
    return clauses, args


def sort_keys(
    params: Mapping[str, str], entity: Entity, custom: Mapping[str, Any]
) -> list[SortKey]:
    raw = params.get("sort", "")
    keys: list[SortKey] = []
    allowed = [*entity.sort_fields, *(f"custom_fields.{a}" for a in custom)]
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        descending = part.startswith("-")
        name = part.lstrip("-+")
        if name not in allowed:
            raise bad_request(
                f"Cannot sort {entity.plural} by '{name}'; sort by: {', '.join(allowed)}."
            )
        if any(key.name == name for key in keys):
            raise bad_request(f"Sort {entity.plural} by '{name}' only once.")
        keys.append(SortKey(name, f"ifnull({field_expr(name)}, {_NULL_LAST})", descending))
    return keys


def order_by(keys: list[SortKey], backwards: bool) -> str:
    parts = [f"{k.expr} {'DESC' if k.descending != backwards else 'ASC'}" for k in keys]
    parts.append(f"seq {'DESC' if backwards else 'ASC'}")
    return ", ".join(parts)


def after_clause(keys: list[SortKey], cursor: Cursor) -> tuple[str, list[Any]]:
    """Rows strictly after the cursor's row in the page direction, as SQL."""
    exprs = [k.expr for k in keys] + ["seq"]
    values = [_unsentinel(v) for v in cursor.values] + [cursor.seq]
    descending = [k.descending for k in keys] + [False]
    ors: list[str] = []
    args: list[Any] = []
    for i, expr in enumerate(exprs):
        ands = [f"{exprs[j]} = ?" for j in range(i)]
        args.extend(values[:i])
        op = "<" if descending[i] != cursor.backwards else ">"
        ands.append(f"{expr} {op} ?")
        args.append(values[i])
        ors.append("(" + " AND ".join(ands) + ")")
    return "(" + " OR ".join(ors) + ")", args


def _unsentinel(value: Any) -> Any:
    return b"\xff" if value is None else value


def sort_values(keys: list[SortKey], record: Mapping[str, Any]) -> list[Any]:
    values: list[Any] = []
    for key in keys:
        if key.name.startswith("custom_fields."):
            value = (record.get("custom_fields") or {}).get(key.name.split(".", 1)[1])
        else:
            value = record.get(key.name)
        if isinstance(value, bool):
            value = int(value)
        values.append(value)
    return values


def _sort_value(value: Any) -> bool:
    """Whether a cursor may hold ``value`` as a sort value (what SQLite can compare)."""
    return value is None or isinstance(value, str | float) or storable_integer(value)


def decode_cursor(text: str, sort: str, key_count: int) -> Cursor:
    error = bad_request(
        "The page cursor is not valid for this list; start again without page[cursor] "
        "or use a cursor from the previous answer with the same sort."
    )
    try:
        raw = parse_cursor(text)
    except ValueError:
        raise error from None
    if not isinstance(raw, dict):
        raise error
    values, seq, backwards = raw.get("v"), raw.get("s"), raw.get("b")
    if not (
        isinstance(values, list)
        and len(values) == key_count
        and all(_sort_value(v) for v in values)
        and storable_integer(seq)
        and isinstance(backwards, bool)
        and raw.get("o") == sort
    ):
        raise error
    return Cursor(values, seq, backwards)


def cursor_of(
    keys: list[SortKey], sort: str, seq: int, record: Mapping[str, Any], backwards: bool
) -> str:
    values = sort_values(keys, record)
    return encode_cursor({"v": values, "s": seq, "b": backwards, "o": sort})
