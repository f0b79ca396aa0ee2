"""Single records: create, get, partial update, archive, restore, and the 4xx answers."""

from __future__ import annotations

import re

import httpx

from tests.sandbox.conftest import (
    CLIENT_MB,
    IT_SERVICES,
    JONAS,
    PARTNER,
    REVENUE_1_5,
    SIZE_11_50,
    VIP,
    country_id,
)

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def test_create_contact_answers_201_with_the_full_record(api: httpx.Client) -> None:
    de = country_id(api, "DE")
    response = api.post(
        "/contacts",
        json={
            "first_name": "Anna",
            "last_name": "Müller",
            "email": "anna@example.de",
            "birthday": "1980-04-23",
            "address_country_id": de,
            "owner_id": JONAS,
            "client_id": CLIENT_MB,
            "custom_fields": {"newsletter": True, "preferred_channel": "email"},
        },
    )
    assert response.status_code == 201
    contact = response.json()
    assert contact["first_name"] == "Anna"
    assert contact["address_country"] == {"id": de, "name": "Germany", "code": "DE"}
    assert contact["owner"]["email"] == "jonas.weber@example.com"
    assert contact["owner"]["space"]["name"] == "Muster Beratung GmbH"
    assert contact["client"]["name"] == "Muster Beratung GmbH"
    assert contact["custom_fields"]["newsletter"] is True
    assert contact["custom_fields"]["department"] is None
    assert ISO_UTC.match(contact["created_at"]) and ISO_UTC.match(contact["updated_at"])
    assert contact["deleted_at"] is None
    assert api.get(f"/contacts/{contact['id']}").json() == contact


def test_create_company_with_references_and_tags(api: httpx.Client) -> None:
    response = api.post(
        "/companies",
        json={
            "company_name": "ACME GmbH",
            "business_field_id": IT_SERVICES,
            "company_size_id": SIZE_11_50,
            "company_revenue_id": REVENUE_1_5,
            "tag_ids": [VIP, PARTNER],
            "invoices_by_email": True,
            "custom_fields": {"employees": 42, "segment": "B", "key_account": False},
        },
    )
    assert response.status_code == 201
    company = response.json()
    assert company["business_field"] == {"id": IT_SERVICES, "name": "IT services"}
    assert company["company_size"] == {"id": SIZE_11_50, "title": "11-50"}
    assert [t["title"] for t in company["tags"]] == ["VIP", "Partner"]
    assert company["invoices_by_email"] is True
    assert company["invoices_by_post"] is False
    assert company["custom_fields"]["employees"] == 42


def test_patch_changes_only_the_keys_sent(api: httpx.Client) -> None:
    created = api.post(
        "/contacts",
        json={"first_name": "Anna", "last_name": "Alt", "custom_fields": {"department": "IT"}},
    ).json()
    response = api.patch(
        f"/contacts/{created['id']}",
        json={"last_name": "Neu", "custom_fields": {"newsletter": True}},
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated["first_name"] == "Anna"
    assert updated["last_name"] == "Neu"
    assert updated["custom_fields"]["department"] == "IT"
    assert updated["custom_fields"]["newsletter"] is True
    assert updated["updated_at"] >= created["updated_at"]
    assert api.get(f"/contacts/{created['id']}").json()["last_name"] == "Neu"


def test_delete_archives_and_restore_brings_back(api: httpx.Client) -> None:
    contact = api.post("/contacts", json={"first_name": "Gone"}).json()
    assert api.delete(f"/contacts/{contact['id']}").status_code == 204
    archived = api.get(f"/contacts/{contact['id']}").json()
    assert ISO_UTC.match(archived["deleted_at"])
    assert api.get("/contacts").json()["data"] == []
    only = api.get("/contacts", params={"archived": "only"}).json()["data"]
    assert [c["id"] for c in only] == [contact["id"]]
    restored = api.post(f"/contacts/{contact['id']}/restore")
    assert restored.status_code == 200
    assert restored.json()["deleted_at"] is None
    assert [c["id"] for c in api.get("/contacts").json()["data"]] == [contact["id"]]


def test_unknown_id_answers_404_with_a_message(api: httpx.Client) -> None:
    for method, path in [
        ("GET", "/contacts/nope"),
        ("PATCH", "/companies/nope"),
        ("DELETE", "/contacts/nope"),
        ("POST", "/companies/nope/restore"),
        ("PUT", "/contacts/nope/companies/nope"),
    ]:
        response = api.request(method, path, json={})
        assert response.status_code == 404, (method, path)
        assert "nope" in response.json()["message"]


def test_invalid_body_answers_422_in_laravel_shape(api: httpx.Client) -> None:
    response = api.post(
        "/contacts",
        json={
            "email": "anna(at)example.de",
            "email_private": "x@",
            "birthday": "23.04.1980",
            "owner_id": "no-such-user",
            "nickname": "Anni",
            "id": "mine",
            "custom_fields": {"newsletter": "yes", "shoe_size": 42, "preferred_channel": "fax"},
        },
    )
    assert response.status_code == 422
    body = response.json()
    assert body["message"].startswith("The email field must be a valid email address.")
    assert "more errors" in body["message"]
    errors = body["errors"]
    assert errors["email"] == ["The email field must be a valid email address."]
    assert set(errors) == {
        "email",
        "email_private",
        "birthday",
        "owner_id",
        "nickname",
        "id",
        "custom_fields.newsletter",
        "custom_fields.shoe_size",
        "custom_fields.preferred_channel",
    }
    assert all(isinstance(v, list) and v for v in errors.values())
    assert api.get("/contacts").json()["data"] == []


def test_company_booleans_and_types_are_checked(api: httpx.Client) -> None:
    response = api.post(
        "/companies",
        json={
            "taxation_enabled": "maybe",
            "company_name": 12,
            "email_general": "info-at-acme",
            "tag_ids": ["no-such-tag"],
            "business_field_id": "nope",
            "custom_fields": {"employees": "many", "customer_since": "2020-02-30"},
        },
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {
        "taxation_enabled",
        "company_name",
        "email_general",
        "tag_ids",
        "business_field_id",
        "custom_fields.employees",
        "custom_fields.customer_since",
    }


def test_duplicate_external_id_answers_422_on_external_id(api: httpx.Client) -> None:
    first = api.post("/companies", json={"external_id": "K-1", "company_name": "A"})
    assert first.status_code == 201
    again = api.post("/companies", json={"external_id": "K-1", "company_name": "B"})
    assert again.status_code == 422
    assert list(again.json()["errors"]) == ["external_id"]
    other = api.post("/companies", json={"external_id": "K-2"}).json()
    clash = api.patch(f"/companies/{other['id']}", json={"external_id": "K-1"})
    assert clash.status_code == 422
    same = api.patch(f"/companies/{first.json()['id']}", json={"external_id": "K-1"})
    assert same.status_code == 200
    # a contact may use the same external id as a company: unique per entity
    assert api.post("/contacts", json={"external_id": "K-1"}).status_code == 201


def test_body_that_is_not_json_or_not_an_object_is_refused(api: httpx.Client) -> None:
    broken = api.post("/contacts", content=b"{first_name", headers={"content-type": "text/plain"})
    assert broken.status_code == 400
    assert "JSON" in broken.json()["message"]
    listed = api.post("/contacts", json=[{"first_name": "A"}])
    assert listed.status_code == 422


def test_link_creates_updates_and_removes_with_position(api: httpx.Client) -> None:
    contact = api.post("/contacts", json={"first_name": "Anna"}).json()
    acme = api.post("/companies", json={"company_name": "ACME"}).json()
    beta = api.post("/companies", json={"company_name": "Beta"}).json()
    path = f"/contacts/{contact['id']}/companies/{acme['id']}"
    linked = api.put(path, json={"position": "CEO"})
    assert linked.status_code == 200
    assert linked.json()["companies"][0]["contact_company"] == {"position": "CEO"}
    again = api.put(path, json={"position": "CEO"})
    assert again.json() == linked.json()  # idempotent
    api.put(f"/contacts/{contact['id']}/companies/{beta['id']}", json={"position": "Advisor"})
    moved = api.put(path, json={"position": "CFO"}).json()
    positions = {c["company_name"]: c["contact_company"]["position"] for c in moved["companies"]}
    assert positions == {"ACME": "CFO", "Beta": "Advisor"}
    assert api.delete(path).status_code == 204
    left = api.get(f"/contacts/{contact['id']}", params={"include": "companies"}).json()
    assert [c["company_name"] for c in left["companies"]] == ["Beta"]
    bad = api.put(path, json={"position": 5, "role": "x"})
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"position", "role"}
    assert api.put(f"/contacts/{contact['id']}/companies/nope", json={}).status_code == 404


def test_unknown_route_and_method_answer_json(api: httpx.Client) -> None:
    missing = api.get("/persons")
    assert missing.status_code == 404
    assert "message" in missing.json()
    wrong = api.put("/contacts", json={})
    assert wrong.status_code == 405
    assert "message" in wrong.json()
