"""Checks a write body the way the platform does and turns it into stored fields.

Laravel-style messages ("The email field must be a valid email address."), collected per
field, so one answer lists everything that is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .api_error import invalid
from .entities import SERVER_OWNED, Entity, Kind
from .reference import Reference
from .store import INTEGER_MAX, INTEGER_MIN, storable_integer

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = 255
TRUE_VALUES = (True, 1, "1", "true")
FALSE_VALUES = (False, 0, "0", "false")


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _label(name: str) -> str:
    return name.replace("_", " ")


def _check_scalar(name: str, kind: Kind, value: Any) -> tuple[Any, str | None]:
    """The value to store, or an error message."""
    label = _label(name)
    if kind is Kind.BOOL:
        if isinstance(value, bool) or value in TRUE_VALUES or value in FALSE_VALUES:
            return value in TRUE_VALUES and value is not False, None
        return None, f"The {label} field must be true or false."
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f"The {label} field must be a string."
    if len(value) > MAX_TEXT:
        return None, f"The {label} field must not be greater than {MAX_TEXT} characters."
    if kind is Kind.EMAIL and not _EMAIL.match(value):
        return None, f"The {label} field must be a valid email address."
    if kind is Kind.DATE and not _is_date(value):
        return None, f"The {label} field must be a valid date in the format YYYY-MM-DD."
    return value, None


def _check_custom(definition: dict[str, Any], value: Any) -> str | None:
    alias = definition["alias"]
    kind = definition["type"]
    if value is None:
        return None
    if kind == "boolean" and not isinstance(value, bool):
        return f"The custom field {alias} must be true or false."
    if kind == "integer" and not storable_integer(value):
        return (
            f"The custom field {alias} must be an integer between {INTEGER_MIN} and {INTEGER_MAX}."
        )
    if kind in ("string", "select", "date") and not isinstance(value, str):
        return f"The custom field {alias} must be a string."
    if kind == "date" and not _is_date(value):
        return f"The custom field {alias} must be a valid date in the format YYYY-MM-DD."
    options = definition.get("options") or []
    if kind == "select" and value not in options:
        return f"The selected custom field {alias} is invalid; choose one of: {', '.join(options)}."
    return None


def check_body(body: Any, entity: Entity, reference: Reference) -> dict[str, Any]:
    """The fields a write body sets, checked; a 422 ApiError listing every problem.

    Only the keys sent are returned (a PATCH changes just those). References stay ids.
    """
    if not isinstance(body, dict):
        raise invalid({"body": ["The request body must be a JSON object."]})
    errors: dict[str, list[str]] = {}
    changes: dict[str, Any] = {}
    refs = {r.key: r for r in entity.references}
    custom = reference.custom_fields_of(entity.name)
    for key, value in body.items():
        if key in SERVER_OWNED:
            errors[key] = [f"The {key} field is prohibited: the server sets it."]
        elif key in entity.scalars:
            stored, message = _check_scalar(key, entity.scalars[key], value)
            if message:
                errors[key] = [message]
            else:
                changes[key] = stored
        elif key in refs:
            known = reference.by_id[refs[key].lookup]
            if value is not None and (not isinstance(value, str) or value not in known):
                errors[key] = [f"The selected {_label(key)} is invalid."]
            else:
                changes[key] = value
        elif key == "tag_ids" and entity.has_tags:
            tags = reference.by_id["tags"]
            if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                errors[key] = ["The tag ids field must be a list of tag ids."]
            elif any(t not in tags for t in value):
                bad = [t for t in value if t not in tags]
                errors[key] = [f"The selected tag ids are invalid: {', '.join(bad)}."]
            else:
                changes[key] = list(dict.fromkeys(value))
        elif key == "custom_fields":
            if not isinstance(value, dict):
                errors[key] = ["The custom fields field must be an object keyed by alias."]
                continue
            for alias, item in value.items():
                definition = custom.get(alias)
                if definition is None:
                    errors[f"custom_fields.{alias}"] = [
                        f"The custom field {alias} does not exist for {entity.plural}."
                    ]
                elif (message := _check_custom(definition, item)) is not None:
                    errors[f"custom_fields.{alias}"] = [message]
            changes[key] = value
        else:
            errors[key] = [f"The {key} field is not a field of {entity.plural}."]
    if errors:
        raise invalid(errors)
    return changes
