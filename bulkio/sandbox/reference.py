"""The reference data a sandbox serves: the seed file's users, tokens and look-ups, and
the countries.

The seed has the shape of ``bulkio/data/seed.json``; it is read as a package data file, never
imported as code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .countries import countries
from .setup_error import SetupError

READ_SCOPE = "contact-data:read"
WRITE_SCOPE = "contact-data:write"
# RFC 6750's b64token: what a client can send after "Bearer ".
B64TOKEN = r"[A-Za-z0-9\-._~+/]+=*"
_TOKEN_TEXT = re.compile(B64TOKEN)
_TOKEN_RULE = "only letters, digits and - . _ ~ + / (then = signs at the end)"


@dataclass(frozen=True)
class Token:
    token: str
    user: dict[str, Any]  # UserData including space
    scopes: frozenset[str]


@dataclass
class Reference:
    """Look-ups by name (``countries``, ``users``, ``clients``, ``business_fields``,
    ``company_sizes``, ``company_revenues``, ``tags``, ``custom_fields``), each a list of
    the records the API returns, plus the tokens."""

    space: dict[str, Any]
    lookups: dict[str, list[dict[str, Any]]]
    tokens: dict[str, Token]
    default_token: str
    read_only_token: str | None = None
    by_id: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {
            name: {str(item["id"]): item for item in items} for name, items in self.lookups.items()
        }

    def custom_fields_of(self, entity_name: str) -> dict[str, dict[str, Any]]:
        """The custom field definitions of ``contact`` or ``company``, keyed by alias."""
        return {
            str(f["alias"]): f
            for f in self.lookups["custom_fields"]
            if f.get("entity_type") == entity_name
        }


def _read_seed(path: Path | None) -> dict[str, Any]:
    if path is None:
        text = resources.files("bulkio.data").joinpath("seed.json").read_text(encoding="utf-8")
        where = "the built-in seed"
    else:
        where = f"seed file '{path}'"
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise SetupError(
                f"cannot read {where}: {exc.strerror}; give an existing JSON file to --seed"
            ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SetupError(
            f"{where} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "fix it or leave --seed out to use the built-in seed"
        ) from exc
    if not isinstance(data, dict):
        raise SetupError(f"{where} must hold a JSON object like bulkio/data/seed.json")
    return data


_LOOKUP_KEYS = (
    "users",
    "clients",
    "business_fields",
    "company_sizes",
    "company_revenues",
    "tags",
    "custom_fields",
)


def _seed_tokens(data: dict[str, Any], users: list[dict[str, Any]], where: str) -> list[Token]:
    user_by_email = {str(u["email"]).lower(): u for u in users}
    tokens: list[Token] = []
    for i, entry in enumerate(data["tokens"]):
        user = user_by_email.get(str(entry.get("user_email", "")).lower())
        if user is None:
            raise SetupError(
                f"{where}: token number {i + 1} names user_email "
                f"'{entry.get('user_email')}', who is not among the users"
            )
        value = str(entry.get("token", ""))
        if not _TOKEN_TEXT.fullmatch(value):
            raise SetupError(f"{where}: token number {i + 1} may hold {_TOKEN_RULE}")
        tokens.append(Token(value, user, frozenset(entry.get("scopes", []))))
    if not tokens:
        raise SetupError(f"{where} has no tokens; add one like bulkio/data/seed.json has")
    return tokens


def _given_tokens(
    seeded: list[Token], token: str | None, read_only_token: str | None
) -> list[Token]:
    """The tokens given on the command line, which replace all of the seed's: ``token``
    (default: the seed's first) with the seed's first token's user and scopes, and
    ``read_only_token`` with the user of the seed's first read-only token and only the read
    scope."""
    for option, value in (("--token", token), ("--read-only-token", read_only_token)):
        if value is not None and not _TOKEN_TEXT.fullmatch(value):
            raise SetupError(f"{option} may hold {_TOKEN_RULE}")
    first = seeded[0]
    tokens = [Token(token or first.token, first.user, first.scopes)]
    if read_only_token is not None:
        if read_only_token == tokens[0].token:
            raise SetupError("--read-only-token must differ from the read-write token")
        reader = next((t for t in seeded if WRITE_SCOPE not in t.scopes), first)
        tokens.append(Token(read_only_token, reader.user, frozenset({READ_SCOPE})))
    return tokens


def load_reference(
    seed: Path | None = None, token: str | None = None, read_only_token: str | None = None
) -> Reference:
    """Read the seed (the built-in one when ``seed`` is None).

    The sandbox accepts only the tokens it was given: the seed's tokens when neither
    ``token`` nor ``read_only_token`` is given, else just those two (see ``_given_tokens``).
    """
    data = _read_seed(seed)
    where = "the built-in seed" if seed is None else f"seed file '{seed}'"
    missing = [key for key in ("space", "tokens", *_LOOKUP_KEYS) if key not in data]
    if missing:
        raise SetupError(
            f"{where} lacks {', '.join(missing)}; copy the shape of bulkio/data/seed.json"
        )
    space = {"id": data["space"]["id"], "name": data["space"]["name"]}
    users = [
        {k: u.get(k) for k in ("id", "first_name", "last_name", "email", "type")} | {"space": space}
        for u in data["users"]
    ]
    clients = [
        {
            "id": c["id"],
            "external_id": c.get("external_id"),
            "external_origin": c.get("external_origin"),
            "name": c["name"],
            "shortcode": c.get("shortcode"),
            "primary_contact": None,
            "origin_space": None,
        }
        for c in data["clients"]
    ]
    lookups: dict[str, list[dict[str, Any]]] = {
        "countries": [dict(c) for c in countries()],
        "users": users,
        "clients": clients,
    }
    for key in _LOOKUP_KEYS[2:]:
        lookups[key] = [dict(item) for item in data[key]]
    tokens = _seed_tokens(data, users, where)
    if token is not None or read_only_token is not None:
        tokens = _given_tokens(tokens, token, read_only_token)
    reader = next((t.token for t in tokens if WRITE_SCOPE not in t.scopes), None)
    return Reference(
        space=space,
        lookups=lookups,
        tokens={t.token: t for t in tokens},
        default_token=tokens[0].token,
        read_only_token=reader,
    )
