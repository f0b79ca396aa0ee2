"""A sandbox database seeded with a few records that test what a user would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import company, contact, seed

ARCHIVED_AT = "2024-05-05T05:05:05.000000Z"
RECENT = "2025-06-01T12:00:00.000000Z"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three companies (one archived) and three contacts; Jörg works at two companies."""
    path = tmp_path / "sandbox.sqlite"
    companies = [
        company(1, company_name="Müller & Söhne GmbH", custom_fields={"customer_number": "000123"}),
        company(2, company_name='=HYPERLINK("http://evil")', external_id="K-2"),
        company(3, company_name="Alt GmbH", deleted_at=ARCHIVED_AT, updated_at=ARCHIVED_AT),
    ]
    contacts = [
        contact(
            1,
            first_name="Jörg",
            last_name="Weiß",
            address_zip="01067",
            telephone="+49 351 1234567",
            position="-5 Rabatt",
            updated_at=RECENT,
        ),
        contact(2, first_name="@home", last_name="Öztürk", email=None, external_id=None),
        contact(3, first_name="Ülla", last_name="Ärger"),
    ]
    links = [
        (contacts[0]["id"], companies[0]["id"], "Geschäftsführer"),
        (contacts[0]["id"], companies[1]["id"], "Beirat"),
        (contacts[2]["id"], companies[1]["id"], "=1+1"),
    ]
    seed(path, companies, contacts, links)
    return path
