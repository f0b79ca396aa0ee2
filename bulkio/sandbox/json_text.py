"""JSON the sandbox reads from clients (request bodies, page cursors) and the cursors it
hands them.

Reading is strict: UTF-8 text holding RFC 8259 JSON, so no NaN or Infinity and no lone
surrogate (``"\\ud800"``), which no answer could echo back as UTF-8. And safe: nesting too
deep for the parser is a refusal, not a crash.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_json(raw: bytes) -> Any:
    """The value ``raw`` holds; ValueError with a plain reason when it is not strict JSON."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    except UnicodeEncodeError:
        raise ValueError(
            "it holds a lone surrogate (\\ud800-\\udfff), which is no character"
        ) from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    return value


def parse_cursor(text: str) -> Any:
    """The JSON value inside an opaque page cursor (URL-safe base64, padding optional)."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("it is not base64") from None
    return parse_json(raw)


def encode_cursor(value: Any) -> str:
    """``value`` as an opaque page cursor: compact JSON in URL-safe base64 without padding."""
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
