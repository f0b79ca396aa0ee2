"""Everything bulkio ASSUMES about the Kanbert API, in one place.

Kanbert's reference documents how the API answers, but not everything bulkio relies on:
single-record paths, write-body field names, the link endpoint, the page-size limit, error
bodies and rate-limit headers (see ``docs/kanbert-api.md``). Those are marked "(assumed)"
here, so that when the real API differs, this module changes and nothing else. No HTTP
happens here: these are pure functions from our terms (an ``Entity``, bulkio's field names)
to the API's and back. Only ``bulkio/kanbert/`` uses this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from bulkio.core.entities import Entity
from bulkio.core.lookups import Lookup

# --- resources and paths -------------------------------------------------------------------

CONTACTS = Entity.CONTACT.resource
COMPANIES = Entity.COMPANY.resource
RECORD_RESOURCES: frozenset[str] = frozenset(entity.resource for entity in Entity)
# the look-up lists' endpoints (assumed, but for /users and /clients): see core/lookups.py
LOOKUP_RESOURCES: frozenset[str] = frozenset(lookup.resource for lookup in Lookup)
LIST_RESOURCES: frozenset[str] = RECORD_RESOURCES | LOOKUP_RESOURCES

WHOAMI_PATH = "/whoami"


def list_path(resource: str) -> str:
    """``/contacts``: the list endpoint of a resource (and where a POST creates one)."""
    _check_resource(resource, LIST_RESOURCES)
    return f"/{resource}"


def record_path(resource: str, record_id: str) -> str:
    """``/contacts/{id}``: GET one, PATCH it, DELETE (archive) it. (assumed)"""
    _check_resource(resource, RECORD_RESOURCES)
    return f"/{resource}/{_segment(record_id)}"


def restore_path(resource: str, record_id: str) -> str:
    """``/contacts/{id}/restore``: POST brings an archived record back. (assumed)"""
    return f"{record_path(resource, record_id)}/restore"


def link_path(contact_id: str, company_id: str) -> str:
    """``/contacts/{contact_id}/companies/{company_id}``: PUT links, DELETE unlinks. (assumed)"""
    return f"/{CONTACTS}/{_segment(contact_id)}/{COMPANIES}/{_segment(company_id)}"


def link_body(position: str | None) -> dict[str, Any]:
    """The body of the link PUT: the contact's position at that company. (assumed)"""
    return {"position": position or ""}


def always_there(path: str) -> bool:
    """Whether ``path`` is an endpoint that exists whatever the data (``/whoami``, a list
    such as ``/contacts``), unlike a path with a record's id: a 404 there means the base URL
    is not the API's."""
    return path == WHOAMI_PATH or path.strip("/") in LIST_RESOURCES


def _check_resource(resource: str, allowed: frozenset[str]) -> None:
    if resource not in allowed:
        raise ValueError(f"unknown Kanbert resource {resource!r}; known: {sorted(allowed)}")


def _segment(value: str) -> str:
    if not value:
        raise ValueError("a record id must not be empty")
    return quote(str(value), safe="")


# --- paging and list parameters ------------------------------------------------------------

PAGE_SIZE_MAX = 100  # (assumed) larger answers 422
PAGE_SIZE_PARAM = "page[size]"
PAGE_CURSOR_PARAM = "page[cursor]"
ARCHIVED_CHOICES: frozenset[str] = frozenset({"with", "only", "without"})
# Keep request URLs well below the 8 KB many servers and proxies accept.
URL_LENGTH_BUDGET = 6000
IN_VALUES_MAX = 1000  # (assumed) values in one ``in`` filter; short keys reach it first

Filter = tuple[str, str, Any]
"""One condition: ``(field, op, value)``, e.g. ``("external_id", "in", ["K-1", "K-2"])``."""

ID_FIELD = "id"  # (assumed) records filter by id (eq, in): many fetched by id per request
VALUELESS_OPS: frozenset[str] = frozenset({"isnull", "notnull"})
LIST_OPS: frozenset[str] = frozenset({"in", "nin"})
UPDATED_AT_FIELD = "updated_at"


def changed_since(timestamp: str) -> Filter:
    """The filter for records changed at or after ``timestamp`` (the API's ISO form)."""
    return (UPDATED_AT_FIELD, "gte", timestamp)


def archived_param(include_archived: bool) -> str | None:
    """The ``archived`` parameter that lists live records, and archived ones when asked."""
    return "with" if include_archived else None


def list_params(
    *,
    page_size: int = PAGE_SIZE_MAX,
    cursor: str | None = None,
    include: Sequence[str] = (),
    sort: Sequence[str] = (),
    archived: str | None = None,
    filters: Sequence[Filter] = (),
) -> list[tuple[str, str]]:
    """The query parameters of one list request, in a stable order."""
    if not 1 <= page_size <= PAGE_SIZE_MAX:
        raise ValueError(f"page size must be between 1 and {PAGE_SIZE_MAX}, not {page_size}")
    params: list[tuple[str, str]] = [(PAGE_SIZE_PARAM, str(page_size))]
    if cursor:
        params.append((PAGE_CURSOR_PARAM, cursor))
    if include:
        params.append(("include", ",".join(include)))
    if sort:
        params.append(("sort", ",".join(sort)))
    if archived is not None:
        if archived not in ARCHIVED_CHOICES:
            raise ValueError(f"archived must be one of {sorted(ARCHIVED_CHOICES)}")
        params.append(("archived", archived))
    params.extend(encode_filters(filters))
    return params


def encode_filters(filters: Sequence[Filter]) -> list[tuple[str, str]]:
    """Form-style filters: ``filter[0][field]=email&filter[0][op]=eq&filter[0][value]=...``."""
    params: list[tuple[str, str]] = []
    for index, (name, op, value) in enumerate(filters):
        params.append((f"filter[{index}][field]", name))
        params.append((f"filter[{index}][op]", op))
        if op not in VALUELESS_OPS:
            params.append((f"filter[{index}][value]", _filter_value(op, value)))
    return params


def _filter_value(op: str, value: Any) -> str:
    if op in LIST_OPS:
        if isinstance(value, str):
            return value
        return ",".join(_scalar(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def query_length(params: Iterable[tuple[str, str]]) -> int:
    """How many characters these parameters take once percent-encoded in a URL."""
    return sum(len(quote(k, safe="")) + len(quote(v, safe="")) + 2 for k, v in params)


_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"


def quoted_length(text: str) -> int:
    """``len(quote(text, safe=""))`` without building the quoted text: each byte but the
    unreserved ones is written as three characters (%XX)."""
    raw = text.encode("utf-8")
    return len(raw) + 2 * len(raw.translate(None, _UNRESERVED))


def chunk_keys(
    keys: Iterable[str], *, budget: int, most: int = IN_VALUES_MAX
) -> Iterator[list[str]]:
    """Split keys into lists whose comma-joined, percent-encoded text fits ``budget`` chars,
    at most ``most`` keys each.

    Empty and duplicate keys are dropped. A key that contains a comma cannot be written in an
    ``in`` list; it comes out alone, and the caller asks for it with ``eq``.
    """
    chunk: list[str] = []
    size = 0
    seen: set[str] = set()
    for key in keys:
        if not key or key in seen:
            continue
        seen.add(key)
        if "," in key:
            yield [key]
            continue
        quoted = quoted_length(key)
        cost = quoted + (len("%2C") if chunk else 0)
        if chunk and (size + cost > budget or len(chunk) >= most):
            yield chunk
            chunk, size = [], 0
            cost = quoted
        chunk.append(key)
        size += cost
    if chunk:
        yield chunk


@dataclass(frozen=True)
class Page:
    """One page of a list answer: its records and the cursor of the next page, if any."""

    records: list[dict[str, Any]]
    next_cursor: str | None


def parse_page(payload: Any) -> Page:
    """Read the documented envelope ``{"data": [...], "meta": {"next_cursor": ...}}``."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ValueError("the answer is not a list page (no 'data' list)")
    meta = payload.get("meta") or {}
    cursor = meta.get("next_cursor") if isinstance(meta, dict) else None
    records = [r for r in payload["data"] if isinstance(r, dict)]
    return Page(records=records, next_cursor=str(cursor) if cursor else None)


def parse_record(payload: Any) -> dict[str, Any]:
    """A single record answer: the bare object. A ``data`` wrapper is tolerated. (assumed)"""
    if isinstance(payload, dict):
        inner = payload.get("data")
        if isinstance(inner, dict) and "id" not in payload:
            return inner
        return payload
    raise ValueError("the answer is not a JSON object")


# --- write bodies --------------------------------------------------------------------------

# (assumed) references are written by id, named like this in the write bodies.
ID_FIELDS: Mapping[str, str] = {
    "address_country": "address_country_id",
    "address_invoice_country": "address_invoice_country_id",
    "address_delivery_country": "address_delivery_country_id",
    "owner": "owner_id",
    "client": "client_id",
    "business_field": "business_field_id",
    "company_size": "company_size_id",
    "company_revenue": "company_revenue_id",
    "tags": "tag_ids",
}
SERVER_OWNED: frozenset[str] = frozenset(
    {"id", "created_at", "updated_at", "deleted_at", "contact_company", "companies", "contacts"}
)


_FIELD_OF_WRITE_NAME: Mapping[str, str] = {v: k for k, v in ID_FIELDS.items()}


def write_field_name(name: str) -> str:
    """The write-body key for a catalogue field: ``address_country`` -> ``address_country_id``."""
    return ID_FIELDS.get(name, name)


def field_name(write_name: str) -> str:
    """The catalogue field of a write-body key (as a 422 names it): the inverse of
    ``write_field_name``."""
    return _FIELD_OF_WRITE_NAME.get(write_name, write_name)


def write_body(values: Mapping[str, Any]) -> dict[str, Any]:
    """A create/patch body from catalogue-named values whose references already hold ids.

    ``{"address_country": "<id>", "tags": ["<id>"]}`` becomes
    ``{"address_country_id": "<id>", "tag_ids": ["<id>"]}``; server-owned keys are dropped;
    ``custom_fields`` stays an object keyed by alias.
    """
    body: dict[str, Any] = {}
    for name, value in values.items():
        if name in SERVER_OWNED:
            continue
        body[write_field_name(name)] = value
    return body


# --- errors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorBody:
    """What an error answer says: its message and, for a 422, the messages per field."""

    message: str
    field_errors: dict[str, list[str]] = field(default_factory=dict)


def parse_error_body(content: bytes) -> ErrorBody:
    """Read ``{"message": ..., "errors": {"email": ["..."]}}`` (Laravel's shape). (assumed)

    Anything else (HTML from a proxy, empty body) gives a message from its first text.
    """
    try:
        payload = json.loads(content.decode("utf-8", errors="replace")) if content else None
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        text = content.decode("utf-8", errors="replace").strip()
        return ErrorBody(message=" ".join(text.split())[:200])
    message = payload.get("message")
    errors: dict[str, list[str]] = {}
    raw = payload.get("errors")
    if isinstance(raw, dict):
        for name, messages in raw.items():
            if isinstance(messages, list):
                errors[str(name)] = [str(m) for m in messages]
            elif messages is not None:
                errors[str(name)] = [str(messages)]
    return ErrorBody(message=str(message) if message else "", field_errors=errors)


# --- scopes and rate limits ----------------------------------------------------------------

READ_SCOPE = "contact-data:read"
WRITE_SCOPE = "contact-data:write"
NO_RECORD_ID = "00000000-0000-0000-0000-000000000000"  # (assumed) ids are UUIDs, never nil


def write_scope_probe() -> tuple[str, str, dict[str, Any]]:
    """The request that tells whether a token may write, and changes nothing: an empty
    PATCH of a contact no record is (method, path, body). (assumed) The scope is checked
    before the record is looked up, so it answers ``403`` without ``contact-data:write`` and
    ``404`` with it."""
    return "PATCH", record_path(CONTACTS, NO_RECORD_ID), {}


LIMIT_HEADER = "X-RateLimit-Limit"
REMAINING_HEADER = "X-RateLimit-Remaining"
RESET_HEADER = "X-RateLimit-Reset"  # unix time, on a 429
RETRY_AFTER_HEADER = "Retry-After"  # seconds, on a 429
RATE_WINDOW_SECONDS = 60.0  # (assumed) Laravel's throttle: the limit is per minute


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    """An integer header, or None when it is missing or not a number."""
    value = headers.get(name)
    if value is None:
        return None
    try:
        return int(float(value.strip()))
    except ValueError:
        return None


def header_float(headers: Mapping[str, str], name: str) -> float | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        return float(value.strip())
    except ValueError:
        return None


# --- fetched records back into write shape (for diffing) ------------------------------------

LINKED = {CONTACTS: COMPANIES, COMPANIES: CONTACTS}  # what ``include=`` embeds on each
LINK_PIVOT = "contact_company"  # (documented) the embedded record's link data: {"position"}


def record_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """A fetched ``ContactData``/``CompanyData`` as catalogue-named values with ids.

    The inverse of ``write_body``'s naming: ``{"address_country": {"id": "c1", ...}}`` becomes
    ``{"address_country": "c1"}``, ``tags`` a list of tag ids, ``custom_fields`` stays an
    object keyed by alias; server-owned keys and embedded records are dropped. Comparing
    this with what a spreadsheet asks for tells which fields a PATCH must send.
    """
    values: dict[str, Any] = {}
    for name, value in record.items():
        if name in SERVER_OWNED:
            continue
        if name == "tags":
            values[name] = [str(t["id"]) for t in value or () if isinstance(t, dict) and "id" in t]
        elif name in ID_FIELDS:
            values[name] = str(value["id"]) if isinstance(value, dict) and "id" in value else None
        elif name == "custom_fields":
            values[name] = dict(value) if isinstance(value, dict) else {}
        else:
            values[name] = value
    return values


def linked_positions(record: Mapping[str, Any], resource: str = CONTACTS) -> dict[str, str]:
    """The records embedded by ``include=`` (id -> position at the link), e.g. a contact's
    companies. Empty when the record was fetched without the include."""
    found: dict[str, str] = {}
    for item in record.get(LINKED[resource]) or ():
        if isinstance(item, dict) and "id" in item:
            pivot = item.get(LINK_PIVOT)
            position = pivot.get("position") if isinstance(pivot, dict) else None
            found[str(item["id"])] = str(position or "")
    return found


def record_id(record: Mapping[str, Any]) -> str:
    """The id of a fetched or created record."""
    value = record.get("id")
    if not value:
        raise ValueError("the record has no id")
    return str(value)


def is_archived(record: Mapping[str, Any]) -> bool:
    return bool(record.get("deleted_at"))


# Filterable fields used to find records again by the import's fallback keys. (assumed:
# email and company_name take eq/in like any scalar field)
EMAIL_FIELD = "email"
COMPANY_NAME_FIELD = "company_name"
# (assumed) eq and in on these fields find only values in the case sent ("Muster GmbH" is not
# "MUSTER GMBH"), so a name is looked up in its usual spellings; False sends one spelling
FILTERS_MATCH_CASE = True
