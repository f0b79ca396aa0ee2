"""What tests across the suite share: bulkio's per-user state in a folder of the session,
a fresh sandbox over real HTTP on loopback (and a check that it never answered 5xx without an
injected fault), and the record factory that stores companies, contacts and links straight
into a sandbox database (the fast way to have thousands).

Every test session keeps bulkio's per-user state (the import locks) in its own folder, so
tests leave nothing in the user's home and never meet another session's locks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from bulkio.journal.lock import STATE_ENV
from bulkio.sandbox import Sandbox, Store, running
from bulkio.sandbox.countries import country_id


@pytest.fixture(autouse=True, scope="session")
def _state_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(STATE_ENV, str(tmp_path_factory.mktemp("bulkio-state")))
        yield


def assert_no_server_errors(sandbox: Sandbox) -> None:
    stats = httpx.get(sandbox.root_url + "/_sandbox/stats", headers=sandbox.auth_headers).json()
    errors = [r for r in stats["requests"] if r["status"] >= 500]
    assert errors == [], f"the sandbox answered 5xx without injected faults: {errors}"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    with running(tmp_path / "sandbox.sqlite") as running_sandbox:
        yield running_sandbox
        assert_no_server_errors(running_sandbox)


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {sandbox.token}", "Accept": "application/json"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers, timeout=10) as client:
        yield client


# --- the record factory ---------------------------------------------------------------

STAMP = "2024-03-01T10:00:00.000000Z"
VIP = "c6b06bd6-4365-59db-ab49-5eeb5013f26b"
IT_SERVICES = "3943a287-6d00-5b06-a8b4-43ff0ee7c138"


def company(i: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"00000000-0000-4000-8000-{i:012d}",
        "external_id": f"K-{i}",
        "company_name": f"Muster {i} GmbH",
        "taxation_enabled": False,
        "invoices_by_post": False,
        "invoices_by_email": True,
        "address_invoice_is_delivery": True,
        "address_invoice_zip": "01067",
        "address_invoice_town": "Dresden",
        "address_invoice_country_id": country_id("DE"),
        "business_field_id": IT_SERVICES,
        "tag_ids": [VIP],
        "custom_fields": {"customer_number": f"{i:06d}"},
        "created_at": STAMP,
        "updated_at": STAMP,
        "deleted_at": None,
    }
    record.update(changes)
    return record


def contact(i: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"00000000-0000-4000-9000-{i:012d}",
        "external_id": f"C-{i}",
        "first_name": "Anna",
        "last_name": f"Müller {i}",
        "email": f"anna{i}@example.de",
        "address_zip": "01067",
        "address_country_id": country_id("DE"),
        "custom_fields": {},
        "created_at": STAMP,
        "updated_at": STAMP,
        "deleted_at": None,
    }
    record.update(changes)
    return record


def seed(
    db: Path,
    companies: Iterable[dict[str, Any]] = (),
    contacts: Iterable[dict[str, Any]] = (),
    links: Sequence[tuple[str, str, str]] = (),
) -> None:
    """Store records and links ``(contact_id, company_id, position)`` in the sandbox file."""
    store = Store(db)
    try:
        store.insert_many("companies", companies)
        store.insert_many("contacts", contacts)
        with store.db:
            store.db.executemany(
                "INSERT INTO contact_company (contact_id, company_id, position) VALUES (?, ?, ?)",
                links,
            )
    finally:
        store.close()
