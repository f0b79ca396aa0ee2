"""Lists: cursor pagination, sort with cursors, includes, every filter operator, archived."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import httpx

from bulkio.sandbox import Sandbox, Store


def _contact(i: int, **fields: Any) -> dict[str, Any]:
    stamp = f"2024-01-01T00:00:{i % 60:02d}.{i:06d}Z"
    record: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "external_id": f"C-{i:05d}",
        "first_name": f"Name{i % 7}",
        "last_name": f"Last{i:05d}",
        "email": f"p{i}@example.de",
        "custom_fields": {},
        "created_at": stamp,
        "updated_at": stamp,
        "deleted_at": None,
    }
    return record | fields


def _bulk(sandbox: Sandbox, records: list[dict[str, Any]], table: str = "contacts") -> None:
    store = Store(sandbox.db_path)
    store.insert_many(table, records)
    store.close()


def _walk(api: httpx.Client, path: str, params: dict[str, str]) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    body = api.get(path, params=params).json()
    while True:
        seen.extend(body["data"])
        url = body["meta"]["next_cursor_url"]
        if url is None:
            return seen
        body = api.get(url).json()


def test_ten_thousand_contacts_in_pages_of_100(sandbox: Sandbox, api: httpx.Client) -> None:
    _bulk(sandbox, [_contact(i) for i in range(10_000)])
    first = api.get("/contacts", params={"page[size]": "100"}).json()
    meta = first["meta"]
    assert set(meta) == {
        "path",
        "per_page",
        "next_cursor",
        "next_cursor_url",
        "prev_cursor",
        "prev_cursor_url",
    }
    assert meta["per_page"] == 100
    assert meta["prev_cursor"] is None
    assert meta["path"] == sandbox.base_url + "/contacts"
    ids: list[str] = []
    pages = 0
    body = first
    while True:
        pages += 1
        assert len(body["data"]) == 100
        ids.extend(c["external_id"] for c in body["data"])
        cursor = body["meta"]["next_cursor"]
        if cursor is None:
            break
        body = api.get("/contacts", params={"page[size]": "100", "page[cursor]": cursor}).json()
    assert pages == 100
    assert ids == [f"C-{i:05d}" for i in range(10_000)]
    # the last page leads back
    back = api.get(body["meta"]["prev_cursor_url"]).json()
    assert [c["external_id"] for c in back["data"]] == ids[9800:9900]
    assert isinstance(body["links"], list)


def test_default_page_size_is_30_and_over_100_is_422(sandbox: Sandbox, api: httpx.Client) -> None:
    _bulk(sandbox, [_contact(i) for i in range(40)])
    assert len(api.get("/contacts").json()["data"]) == 30
    too_big = api.get("/contacts", params={"page[size]": "101"})
    assert too_big.status_code == 422
    assert "page.size" in too_big.json()["errors"]
    assert api.get("/contacts", params={"page[size]": "zero"}).status_code == 422


def test_sort_with_cursors_visits_every_record_once_in_order(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    records = [
        _contact(
            i,
            first_name=None if i % 11 == 0 else f"N{i % 5}",
            custom_fields={"preferred_channel": ["email", "phone", "post"][i % 3]},
        )
        for i in range(250)
    ]
    _bulk(sandbox, records)
    by_id = {r["id"]: r for r in records}
    for sort in (
        "first_name,-created_at",
        "-first_name",
        "custom_fields.preferred_channel,last_name",
        "-last_name",
    ):
        walked = _walk(api, "/contacts", {"page[size]": "17", "sort": sort})
        assert len(walked) == 250, sort
        assert len({c["id"] for c in walked}) == 250, sort

        def key(c: dict[str, Any], sort: str = sort) -> tuple[Any, ...]:
            parts = []
            for name in sort.split(","):
                field = name.lstrip("-")
                stored = by_id[c["id"]]
                value = (
                    stored["custom_fields"].get(field.split(".")[1])
                    if field.startswith("custom_fields.")
                    else stored.get(field)
                )
                parts.append((value is None, value or ""))
            return tuple(parts)

        for a, b in itertools.pairwise(walked):
            for name, ka, kb in zip(sort.split(","), key(a), key(b), strict=True):
                if ka == kb:
                    continue
                # nulls sort last ascending (first descending)
                assert (ka < kb) != name.startswith("-"), (sort, ka, kb)
                break


def test_prev_cursor_walks_back_under_a_sort(sandbox: Sandbox, api: httpx.Client) -> None:
    _bulk(sandbox, [_contact(i) for i in range(50)])
    params = {"page[size]": "10", "sort": "-last_name"}
    pages = [api.get("/contacts", params=params).json()]
    while pages[-1]["meta"]["next_cursor_url"]:
        pages.append(api.get(pages[-1]["meta"]["next_cursor_url"]).json())
    assert len(pages) == 5
    back = pages[-1]
    for expected in reversed(pages[:-1]):
        back = api.get(back["meta"]["prev_cursor_url"]).json()
        assert back["data"] == expected["data"]
    assert back["meta"]["prev_cursor"] is None


def test_bad_sort_cursor_include_answer_400(sandbox: Sandbox, api: httpx.Client) -> None:
    assert api.get("/contacts", params={"sort": "email"}).status_code == 400
    assert api.get("/companies", params={"sort": "first_name"}).status_code == 400
    assert api.get("/contacts", params={"sort": "custom_fields.segment"}).status_code == 400
    assert api.get("/contacts", params={"page[cursor]": "garbage"}).status_code == 400
    assert api.get("/contacts", params={"include": "contacts"}).status_code == 400
    assert api.get("/companies", params={"sort": "company_name,-updated_at"}).status_code == 200


def test_include_embeds_positions_both_ways(api: httpx.Client) -> None:
    anna = api.post("/contacts", json={"first_name": "Anna"}).json()
    ben = api.post("/contacts", json={"first_name": "Ben"}).json()
    acme = api.post("/companies", json={"company_name": "ACME"}).json()
    api.put(f"/contacts/{anna['id']}/companies/{acme['id']}", json={"position": "CEO"})
    api.put(f"/contacts/{ben['id']}/companies/{acme['id']}", json={"position": "Sales"})
    companies = api.get("/companies", params={"include": "contacts"}).json()["data"]
    embedded = {c["first_name"]: c["contact_company"] for c in companies[0]["contacts"]}
    assert embedded == {"Anna": {"position": "CEO"}, "Ben": {"position": "Sales"}}
    contacts = api.get("/contacts", params={"include": "companies", "sort": "first_name"}).json()
    assert [c["companies"][0]["contact_company"]["position"] for c in contacts["data"]] == [
        "CEO",
        "Sales",
    ]
    assert "companies" not in api.get("/contacts").json()["data"][0]


def _filter(api: httpx.Client, path: str, *conditions: tuple[str, str, str | None]) -> Any:
    params: dict[str, str] = {"page[size]": "100"}
    for i, (field, op, value) in enumerate(conditions):
        params[f"filter[{i}][field]"] = field
        params[f"filter[{i}][op]"] = op
        if value is not None:
            params[f"filter[{i}][value]"] = value
    return api.get(path, params=params)


def test_every_filter_operator(api: httpx.Client) -> None:
    people = [
        {"external_id": "A", "first_name": "Anna", "email": "anna@x.de", "birthday": "1980-01-01"},
        {
            "external_id": "B",
            "first_name": "Bernd",
            "email": "bernd@y.com",
            "birthday": "1990-06-15",
        },
        {"external_id": "C", "first_name": "Carla", "email": None, "birthday": "2000-12-31"},
        {"external_id": "D", "first_name": "Anneliese", "email": "anne_50%@x.de"},
    ]
    for person in people:
        assert api.post("/contacts", json=person).status_code == 201

    def ids(*conditions: tuple[str, str, str | None]) -> list[str]:
        response = _filter(api, "/contacts", *conditions)
        assert response.status_code == 200, response.json()
        return sorted(c["external_id"] for c in response.json()["data"])

    assert ids(("email", "eq", "anna@x.de")) == ["A"]
    assert ids(("first_name", "ne", "Anna")) == ["B", "C", "D"]
    assert ids(("external_id", "in", "A,C,Z")) == ["A", "C"]
    assert ids(("external_id", "nin", "A,C")) == ["B", "D"]
    assert ids(("first_name", "contains", "nn")) == ["A", "D"]
    assert ids(("email", "contains", "_50%")) == ["D"]
    assert ids(("first_name", "startswith", "ann")) == ["A", "D"]
    assert ids(("email", "endswith", "@x.de")) == ["A", "D"]
    assert ids(("email", "isnull", None)) == ["C"]
    assert ids(("birthday", "notnull", None)) == ["A", "B", "C"]
    assert ids(("birthday", "lt", "1990-06-15")) == ["A"]
    assert ids(("birthday", "lte", "1990-06-15")) == ["A", "B"]
    assert ids(("birthday", "gt", "1990-06-15")) == ["C"]
    assert ids(("birthday", "gte", "1990-06-15")) == ["B", "C"]
    # conditions are ANDed
    assert ids(("first_name", "startswith", "Ann"), ("email", "endswith", ".de")) == ["A", "D"]
    assert ids(("first_name", "startswith", "Ann"), ("external_id", "eq", "D")) == ["D"]


def test_filters_on_booleans_and_custom_fields(api: httpx.Client) -> None:
    api.post(
        "/companies",
        json={
            "company_name": "A",
            "invoices_by_post": True,
            "custom_fields": {"segment": "A", "employees": 5},
        },
    )
    api.post(
        "/companies", json={"company_name": "B", "custom_fields": {"segment": "B", "employees": 50}}
    )

    def names(response: httpx.Response) -> list[str]:
        return [c["company_name"] for c in response.json()["data"]]

    assert names(_filter(api, "/companies", ("invoices_by_post", "eq", "true"))) == ["A"]
    assert names(_filter(api, "/companies", ("custom_fields.segment", "eq", "B"))) == ["B"]
    assert names(_filter(api, "/companies", ("custom_fields.employees", "gt", "10"))) == ["B"]


def test_unknown_filter_field_or_operator_answers_400(api: httpx.Client) -> None:
    unknown_field = _filter(api, "/contacts", ("shoe_size", "eq", "42"))
    assert unknown_field.status_code == 400
    assert "shoe_size" in unknown_field.json()["message"]
    unknown_op = _filter(api, "/contacts", ("email", "like", "x"))
    assert unknown_op.status_code == 400
    assert "like" in unknown_op.json()["message"]
    assert _filter(api, "/companies", ("first_name", "eq", "x")).status_code == 400


def test_archived_with_only_without(api: httpx.Client) -> None:
    kept = api.post("/companies", json={"company_name": "Kept"}).json()
    gone = api.post("/companies", json={"company_name": "Gone"}).json()
    api.delete(f"/companies/{gone['id']}")

    def names(mode: str | None) -> list[str]:
        params = {} if mode is None else {"archived": mode}
        return sorted(
            c["company_name"] for c in api.get("/companies", params=params).json()["data"]
        )

    assert names(None) == ["Kept"]
    assert names("without") == ["Kept"]
    assert names("only") == ["Gone"]
    assert names("with") == ["Gone", "Kept"]
    assert api.get("/companies", params={"archived": "all"}).status_code == 422
    assert kept["deleted_at"] is None


def test_names_and_emails_are_looked_up_in_an_index_not_record_by_record(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    _bulk(sandbox, [_contact(i) for i in range(300)])
    wanted = ["p7@example.de", "p250@example.de", "nobody@example.de"]
    answer = api.get(
        "/contacts",
        params={
            "filter[0][field]": "email",
            "filter[0][op]": "in",
            "filter[0][value]": ",".join(wanted),
            "archived": "with",
        },
    )
    assert sorted(r["email"] for r in answer.json()["data"]) == sorted(wanted[:2])
    store = Store(sandbox.db_path)
    try:
        for table, name in (("contacts", "email"), ("companies", "company_name")):
            plan = store.db.execute(
                f"EXPLAIN QUERY PLAN SELECT seq FROM {table} "
                f"WHERE json_extract(data, '$.{name}') IN (?, ?) ORDER BY seq LIMIT 101",
                ["a", "b"],
            ).fetchall()
            assert any(f"USING INDEX {table}_{name}" in str(step) for step in plan), plan
    finally:
        store.close()
