"""The contact and company endpoints: list, get, create, update, archive, restore, link."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import query
from .api_error import bad_request, invalid, not_found
from .credentials import authorize
from .entities import COMPANY, CONTACT, ENTITIES, Entity
from .json_text import parse_json
from .pages import envelope
from .reference import READ_SCOPE, WRITE_SCOPE, Reference
from .render import blank_record, now, render
from .store import Store
from .validation import check_body


async def read_json(request: Request) -> Any:
    """The request body's JSON value (None for an empty body); 400 when it is not JSON."""
    raw = await request.body()
    if not raw:
        return None
    try:
        return parse_json(raw)
    except ValueError as exc:
        raise bad_request(f"The request body is not valid JSON: {exc}.") from None


class Records:
    """Handlers for one sandbox (its store and reference data)."""

    def __init__(self, store: Store, reference: Reference) -> None:
        self.store = store
        self.reference = reference

    # -- helpers -------------------------------------------------------------------------

    def _entity(self, request: Request) -> Entity:
        return ENTITIES[str(request.url.path).split("/")[3]]

    def _load(self, entity: Entity, record_id: str) -> dict[str, Any]:
        record = self.store.get(entity.plural, record_id)
        if record is None:
            raise not_found(entity.name, record_id)
        return record

    def _includes(self, request: Request, entity: Entity) -> bool:
        raw = request.query_params.get("include", "")
        wanted = {p.strip() for p in raw.split(",") if p.strip()}
        unknown = wanted - {entity.other}
        if unknown:
            raise bad_request(
                f"Cannot include {', '.join(sorted(unknown))} on {entity.plural}; "
                f"include={entity.other} is possible."
            )
        return bool(wanted)

    def _render(self, entity: Entity, records: list[dict[str, Any]], include: bool) -> list[Any]:
        linked = self.store.linked(entity.plural, [r["id"] for r in records]) if include else {}
        other = ENTITIES[entity.other]
        return [
            render(entity, r, self.reference, linked.get(r["id"]) if include else None, other)
            for r in records
        ]

    def _check_unique(self, entity: Entity, external_id: Any, own_id: str | None) -> None:
        if external_id is None:
            return
        holder = self.store.id_with_external_id(entity.plural, external_id)
        if holder is not None and holder != own_id:
            raise invalid({"external_id": ["The external id has already been taken."]})

    # -- endpoints -----------------------------------------------------------------------

    async def list(self, request: Request) -> Response:
        authorize(request, self.reference, READ_SCOPE)
        entity = self._entity(request)
        params = dict(request.query_params)
        size = query.page_size(params)
        include = self._includes(request, entity)
        custom = self.reference.custom_fields_of(entity.name)
        clauses, args = query.filter_clauses(params, entity, custom)
        clauses.insert(0, query.archived_clause(params))
        keys = query.sort_keys(params, entity, custom)
        sort = params.get("sort", "")
        raw_cursor = params.get("page[cursor]")
        cursor = None if raw_cursor is None else query.decode_cursor(raw_cursor, sort, len(keys))
        backwards = cursor is not None and cursor.backwards
        if cursor is not None:
            clause, more = query.after_clause(keys, cursor)
            clauses.append(clause)
            args.extend(more)
        rows = self.store.select(
            entity.plural, " AND ".join(clauses), args, query.order_by(keys, backwards), size + 1
        )
        more_beyond = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        next_cursor = prev_cursor = None
        if rows:
            first_seq, first = rows[0]
            last_seq, last = rows[-1]
            # Going forwards, more rows lie ahead only if the page overflowed, and behind
            # whenever we came by a cursor; going backwards, the other way round.
            more_ahead = True if backwards else more_beyond
            more_behind = more_beyond if backwards else cursor is not None
            if more_ahead:
                next_cursor = query.cursor_of(keys, sort, last_seq, last, backwards=False)
            if more_behind:
                prev_cursor = query.cursor_of(keys, sort, first_seq, first, backwards=True)
        data = self._render(entity, [r for _, r in rows], include)
        return JSONResponse(envelope(request, params, data, size, next_cursor, prev_cursor))

    async def get(self, request: Request) -> Response:
        authorize(request, self.reference, READ_SCOPE)
        entity = self._entity(request)
        include = self._includes(request, entity)
        record = self._load(entity, request.path_params["id"])
        return JSONResponse(self._render(entity, [record], include)[0])

    async def create(self, request: Request) -> Response:
        authorize(request, self.reference, WRITE_SCOPE)
        entity = self._entity(request)
        changes = check_body(await read_json(request), entity, self.reference)
        self._check_unique(entity, changes.get("external_id"), None)
        stamp = now()
        record = blank_record(entity) | changes
        record |= {"id": str(uuid.uuid4()), "created_at": stamp, "updated_at": stamp}
        record["deleted_at"] = None
        self.store.insert(entity.plural, record)
        return JSONResponse(render(entity, record, self.reference), status_code=201)

    async def update(self, request: Request) -> Response:
        authorize(request, self.reference, WRITE_SCOPE)
        entity = self._entity(request)
        record = self._load(entity, request.path_params["id"])
        changes = check_body(await read_json(request), entity, self.reference)
        if "external_id" in changes:
            self._check_unique(entity, changes["external_id"], record["id"])
        if "custom_fields" in changes:
            changes["custom_fields"] = {
                **record.get("custom_fields", {}),
                **changes["custom_fields"],
            }
        if any(record.get(k) != v for k, v in changes.items()):
            record |= changes
            record["updated_at"] = now()
            self.store.replace(entity.plural, record)
        return JSONResponse(render(entity, record, self.reference))

    async def archive(self, request: Request) -> Response:
        authorize(request, self.reference, WRITE_SCOPE)
        entity = self._entity(request)
        record = self._load(entity, request.path_params["id"])
        if record.get("deleted_at") is None:
            stamp = now()
            record |= {"deleted_at": stamp, "updated_at": stamp}
            self.store.replace(entity.plural, record)
        return Response(status_code=204)

    async def restore(self, request: Request) -> Response:
        authorize(request, self.reference, WRITE_SCOPE)
        entity = self._entity(request)
        record = self._load(entity, request.path_params["id"])
        if record.get("deleted_at") is not None:
            record |= {"deleted_at": None, "updated_at": now()}
            self.store.replace(entity.plural, record)
        return JSONResponse(render(entity, record, self.reference))

    async def link(self, request: Request) -> Response:
        authorize(request, self.reference, WRITE_SCOPE)
        contact = self._load(CONTACT, request.path_params["id"])
        self._load(COMPANY, request.path_params["company_id"])
        body = await read_json(request)
        if not isinstance(body, dict):
            raise invalid(
                {"position": ['The body must be a JSON object like {"position": "..."}.']}
            )
        errors = {
            k: [f"The {k} field is not a field of the link; only position is."]
            for k in body
            if k != "position"
        }
        position = body.get("position")
        if position is not None and not isinstance(position, str):
            errors["position"] = ["The position field must be a string."]
        elif position is not None and len(position) > 255:
            errors["position"] = ["The position field must not be greater than 255 characters."]
        if errors:
            raise invalid(errors)
        self.store.link(contact["id"], request.path_params["company_id"], position or "")
        return JSONResponse(self._render(CONTACT, [contact], True)[0])

    async def unlink(self, request: Request) -> Response:
        authorize(request, self.reference, WRITE_SCOPE)
        self._load(CONTACT, request.path_params["id"])
        self._load(COMPANY, request.path_params["company_id"])
        self.store.unlink(request.path_params["id"], request.path_params["company_id"])
        return Response(status_code=204)
