"""Ids of the sandbox's seed records, and a look-up of a country's id over the API."""

from __future__ import annotations

import httpx

READONLY_TOKEN = "sandbox-readonly-token"
VIP = "c6b06bd6-4365-59db-ab49-5eeb5013f26b"
PARTNER = "e7cadb73-7b21-55c6-ab02-f1ead15804a3"
IT_SERVICES = "3943a287-6d00-5b06-a8b4-43ff0ee7c138"
SIZE_11_50 = "8cf113a8-39a3-5115-a9b1-1121bb3850a3"
REVENUE_1_5 = "da59f673-9ae5-5930-96d7-1efdc4376ccb"
JONAS = "6937317c-f286-5687-a4fc-696bfa773250"
CLIENT_MB = "81cffb73-dee3-562d-8d8b-9d6825c29495"


def country_id(api: httpx.Client, code: str) -> str:
    cursor: str | None = None
    while True:
        params = {"page[size]": "100"} | ({"page[cursor]": cursor} if cursor else {})
        body = api.get("/countries", params=params).json()
        for country in body["data"]:
            if country["code"] == code:
                return str(country["id"])
        cursor = body["meta"]["next_cursor"]
        if cursor is None:
            raise AssertionError(f"no country {code}")
