"""Loading a mapping file: YAML text in, a checked ``Mapping`` out, or a MappingError that
names the line of the YAML and the closest valid name."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from rapidfuzz import process
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bulkio.core.entities import Entity, Role
from bulkio.core.errors import MappingError
from bulkio.core.fields import CUSTOM_FIELDS_PREFIX, Kind
from bulkio.core.mapping.binding import NUMBER, read_columns, specs_of
from bulkio.core.mapping.schema import Mapping

Path = tuple[str | int, ...]
_ALIAS = re.compile(r"^[A-Za-z0-9_\-]+$")
_NOT_FIELDS = {"external_id": "key: {external_id: ...}"}


def parse_mapping(text: str, *, source: str = "<mapping>") -> Mapping:
    """Parse and check a mapping file's text. Raises MappingError naming line and fix."""
    try:
        raw = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        raise MappingError(
            f"{source}: {where}: this is not valid YAML ({exc.problem})",
            hint="Check the indentation and that every 'key: value' has a space after the colon.",
        ) from None
    except YAMLError as exc:
        raise MappingError(f"{source}: this is not valid YAML ({exc})") from None
    if raw is None:
        raise MappingError(f"{source}: the mapping file is empty; start from mappings/example.yaml")
    if not isinstance(raw, dict):
        raise MappingError(f"{source}: a mapping file is a set of 'key: value' lines")
    lines: dict[Path, tuple[int, int]] = {}
    data = _plain(raw, (), lines, _Budget(source))
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        raise MappingError(_describe(exc, data, lines, source)) from None
    _check_fields(mapping, lines, source)
    _check_layout(mapping, lines, source)
    return mapping


class _Budget:
    """Counts the values a mapping expands to. YAML aliases (``*name``) repeat a value without
    copying it, so a few hundred bytes can stand for billions of values (an "alias bomb");
    a real mapping has a few hundred."""

    LIMIT = 20_000

    def __init__(self, source: str) -> None:
        self.source = source
        self.left = self.LIMIT

    def spend(self, line: int) -> None:
        self.left -= 1
        if self.left < 0:
            raise MappingError(
                f"{self.source}: line {line}: the mapping expands to more than "
                f"{self.LIMIT:,} values (through YAML aliases such as *name)",
                hint="Write the values out instead of repeating them with aliases.",
            )


def _plain(node: Any, path: Path, lines: dict[Path, tuple[int, int]], budget: _Budget) -> Any:
    """Plain dicts/lists from ruamel's nodes, remembering where each key stood."""
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            line, col = node.lc.key(key)
            budget.spend(line + 1)
            lines[(*path, str(key))] = (line + 1, col + 1)
            out[str(key)] = _plain(value, (*path, str(key)), lines, budget)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, value in enumerate(node):
            line, col = node.lc.item(i)
            budget.spend(line + 1)
            lines[(*path, i)] = (line + 1, col + 1)
            items.append(_plain(value, (*path, i), lines, budget))
        return items
    if isinstance(node, str):
        return str(node)
    return node


def _where(path: Path, lines: dict[Path, tuple[int, int]]) -> str:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            line, col = lines[path[:end]]
            return f"line {line}, column {col}"
    return "top level"


def _data_path(loc: tuple[int | str, ...], data: Any) -> Path:
    """The part of pydantic's error location that exists in the data (drops union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            path.append(part)
    return tuple(path)


def _model_at(path: Path) -> type[BaseModel] | None:
    """The model class whose keys are valid at ``path`` (a path of data keys)."""
    current: Any = Mapping
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return None
            current = info.annotation
        elif get_origin(current) in (dict, list):
            current = get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return annotation
    if origin is typing.Literal:
        return annotation
    return annotation


_SET_BY_LOADING = {"other_names", "taken_elsewhere"}  # keys no mapping file writes
_ANY_FIELD = "<field>"  # stands for any field name in a path (fields: {email: ...})


def _homes(key: str, here: str) -> list[str]:
    """Where ``key`` is valid other than ``here``, as dotted paths ("defaults",
    "input.<role>"); those in the same section as ``here`` when there are any."""
    found: list[str] = []

    def walk(model: type[BaseModel], path: tuple[str, ...], depth: int) -> None:
        for name, info in model.model_fields.items():
            if name.startswith("has_") or name in _SET_BY_LOADING:
                continue
            if name == key:
                found.append(".".join(path) or "the top level")
            inner = _unwrap(info.annotation)
            step: tuple[str, ...] = (name,)
            if get_origin(inner) is dict:
                inner, step = _unwrap(get_args(inner)[-1]), (name, _ANY_FIELD)
            if depth < 4 and isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner, path + step, depth + 1)

    walk(Mapping, (), 0)
    homes = [h for h in dict.fromkeys(_generic_roles(h) for h in found) if h != here]
    homes.sort(key=lambda h: h.count("."))
    section = here.split(".")[0]
    near = [h for h in homes if h.split(".")[0] == section]
    return near or homes


_ROLE = "<role>"


def _generic_roles(path: str) -> str:
    """'input.flat' and the other roles as one 'input.<role>'."""
    parts = path.split(".")
    if len(parts) > 1 and parts[0] == "input" and parts[1] in {r.value for r in Role}:
        parts[1] = _ROLE
    return ".".join(parts)


def _generic(path: Path) -> str:
    """A data path as ``_homes`` writes it: field names as <field>, roles as <role>."""
    parts = [str(p) for p in path if not isinstance(p, int)]
    if len(parts) > 2 and parts[1] == "fields":
        parts[2] = _ANY_FIELD
    return _generic_roles(".".join(parts)) or "the top level"


def _suggest(word: str, choices: list[str]) -> str:
    if not choices:
        return ""
    best = process.extractOne(word, choices, score_cutoff=60)
    if best is None:
        return ""
    return f"; did you mean '{best[0]}'?"


def _visible_keys(model: type[BaseModel]) -> list[str]:
    return [k for k in model.model_fields if not k.startswith("has_") and k not in _SET_BY_LOADING]


def _describe(
    exc: ValidationError, data: Any, lines: dict[Path, tuple[int, int]], source: str
) -> str:
    messages: list[str] = []
    errors = exc.errors()
    if len(errors) > 1:  # a union's "not a CleanStep either" adds nothing to the real problem
        errors = [e for e in errors if e["type"] not in ("model_type", "dict_type")] or errors
    for error in errors:
        path = _data_path(error["loc"], data)
        where = _where(path, lines)
        dotted = ".".join(str(p) for p in path) or "the file"
        if error["type"] == "extra_forbidden":
            key = str(path[-1])
            model = _model_at(path[:-1])
            valid = _visible_keys(model) if model else []
            homes = _homes(key, _generic(path[:-1]))
            if homes:
                roles = (
                    " (a role is flat, companies, contacts or links)"
                    if any(_ROLE in h for h in homes)
                    else ""
                )
                messages.append(
                    f"{where}: '{key}' does not belong here; it belongs under "
                    + " or ".join(f"'{h.replace('.', ': ')}:'" for h in homes)
                    + roles
                )
                continue
            messages.append(
                f"{where}: unknown key '{key}'{_suggest(key, valid)}"
                + (f" (valid here: {', '.join(valid)})" if valid else "")
            )
        elif error["type"] == "literal_error":
            expected = str(error.get("ctx", {}).get("expected", ""))
            choices = re.findall(r"'([^']*)'", expected)
            messages.append(
                f"{where}: '{error['input']}' is not allowed for '{dotted}'; use one of "
                f"{expected}{_suggest(str(error['input']), choices)}"
            )
        else:
            text = str(error["msg"]).removeprefix("Value error, ")
            shown = error.get("input")
            if isinstance(shown, dict | list):
                messages.append(f"{where}: '{dotted}': {text}")
            else:
                messages.append(f"{where}: '{dotted}' = {shown!r}: {text}")
    unique = list(dict.fromkeys(messages))
    return f"{source}: " + "\n  ".join(unique[:5])


def _check_fields(mapping: Mapping, lines: dict[Path, tuple[int, int]], source: str) -> None:
    for entity in Entity:
        valid = [n for n in entity.field_names() if n not in _NOT_FIELDS]
        for name, spec in mapping.section(entity).fields.items():
            where = _where((entity.value, "fields", name), lines)
            if name in _NOT_FIELDS:
                raise MappingError(
                    f"{source}: {where}: put the {entity.value}'s external id under "
                    f"{_NOT_FIELDS[name]}, not under fields"
                )
            if name.startswith(CUSTOM_FIELDS_PREFIX):
                alias = name.removeprefix(CUSTOM_FIELDS_PREFIX)
                if not _ALIAS.match(alias):
                    raise MappingError(
                        f"{source}: {where}: '{name}' needs the custom field's alias after "
                        "'custom_fields.', e.g. custom_fields.customer_number"
                    )
                continue
            if name not in valid:
                raise MappingError(
                    f"{source}: {where}: '{name}' is not a {entity.value} field"
                    f"{_suggest(name, valid)}",
                    hint=f"{entity.value.capitalize()} fields: {', '.join(valid)}, "
                    "or custom_fields.<alias>.",
                )
            field = entity.field(name)
            if spec.split is not None and (field is None or field.kind is not Kind.TAGS):
                raise MappingError(
                    f"{source}: {where}: 'split' is only for tags (several values in one "
                    f"cell); '{name}' holds one value"
                )
            if spec.type is not None:
                raise MappingError(
                    f"{source}: {where}: 'type' is only for custom_fields.<alias>; "
                    f"'{name}' already has its type"
                )


def _check_layout(mapping: Mapping, lines: dict[Path, tuple[int, int]], source: str) -> None:
    roles = mapping.inputs
    for entity in Entity:
        external_id = mapping.section(entity).key.external_id
        if external_id is not None and external_id.split is not None:
            raise MappingError(
                f"{source}: {_where((entity.value, 'key', 'external_id', 'split'), lines)}: a "
                f"{entity} has one external id, so 'split' does not belong here; it is for "
                "the companies a contact names ('contact: company') and a links sheet's keys"
            )
    if Role.FLAT in roles:
        if mapping.link.contact or mapping.link.company:
            raise MappingError(
                f"{source}: {_where(('link',), lines)}: 'link: contact/company' are for a links "
                "sheet; in a flat file every contact is linked to the company on its own row"
            )
        if mapping.contact.company is not None:
            raise MappingError(
                f"{source}: {_where(('contact', 'company'), lines)}: 'contact: company' is for "
                "separate sheets; in a flat file the company is on the contact's own row"
            )
    if Role.FLAT not in roles:
        _check_flat_only(mapping, lines, source)
    if Role.LINKS in roles and (mapping.link.contact is None or mapping.link.company is None):
        raise MappingError(
            f"{source}: {_where(('link',), lines)}: a links sheet needs 'link: contact: {{column: "
            "...}}' and 'link: company: {column: ...}' to name the contact and company of each row"
        )


def _check_flat_only(mapping: Mapping, lines: dict[Path, tuple[int, int]], source: str) -> None:
    """Several companies per row ('several', numbered '{n}' columns) need a flat layout."""
    if mapping.company.several is not None:
        raise MappingError(
            f"{source}: {_where(('company', 'several'), lines)}: 'several' is for flat files "
            "(a contact row naming several companies); with separate sheets list each link "
            "on the links sheet"
        )
    for role in Role:
        for path, spec in specs_of(mapping, role):
            if any(NUMBER in c for c in (*spec.names(), *read_columns(spec))):
                raise MappingError(
                    f"{source}: {_where(path, lines)}: a column with {NUMBER} stands for "
                    "numbered columns (Organization 1 - Name, Organization 2 - Name, ...), "
                    "one company each; that needs a flat file ('input: flat')"
                )
