"""API-shaped records (CompanyData, ContactData) for the writer tests."""

from __future__ import annotations

from typing import Any


def company(i: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"co-{i:06d}",
        "external_id": f"K-{i}",
        "external_origin": "crm",
        "company_name": f"Muster {i} GmbH",
        "vendor_identifier": None,
        "locale": "de",
        "tax_uid": "DE123456789",
        "taxation_enabled": False,
        "iban": None,
        "bic": None,
        "email": f"rechnung{i}@muster.de",
        "email_general": None,
        "phone": "+49 351 1234500",
        "fax": None,
        "homepage": None,
        "invoices_by_post": False,
        "invoices_by_email": True,
        "business_field": {"id": "bf-1", "name": "IT services"},
        "company_size": {"id": "cs-1", "title": "11-50"},
        "company_revenue": None,
        "tags": [{"id": "t1", "title": "VIP"}, {"id": "t2", "title": "Partner"}],
        "address_invoice_zip": "01067",
        "address_invoice_town": "Dresden",
        "address_invoice_country": {"id": "c-de", "name": "Deutschland", "code": "DE"},
        "address_invoice_is_delivery": True,
        "client": {"id": "cl-1", "name": "Muster Beratung GmbH", "external_id": "M-001"},
        "custom_fields": {"customer_number": "000123", "key_account": True, "employees": 42},
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-02-03T04:05:06Z",
        "deleted_at": None,
    }
    record.update(changes)
    return record


def contact(
    i: int, companies: list[dict[str, Any]] | None = None, **changes: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"ct-{i:06d}",
        "external_id": f"C-{i}",
        "external_origin": None,
        "gender": "female",
        "first_name": "Anna",
        "last_name": f"Müller {i}",
        "title": "Dr.",
        "position": "Head of Sales",
        "locale": "de",
        "birthday": "1980-04-23",
        "email": f"anna{i}@example.de",
        "telephone": "+49 351 1234567",
        "mobile": "0171 1234567",
        "address_zip": "01067",
        "address_country": {"id": "c-de", "name": "Deutschland", "code": "DE"},
        "owner": {"id": "u1", "email": "sandra.box@example.com", "first_name": "Sandra"},
        "client": None,
        "companies": companies if companies is not None else [],
        "custom_fields": {"newsletter": False, "preferred_channel": "email"},
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": None,
        "deleted_at": None,
    }
    record.update(changes)
    return record


def linked(company_record: dict[str, Any], position: str) -> dict[str, Any]:
    """A company as embedded in a contact (include=companies), with the link's position."""
    return {**company_record, "contact_company": {"position": position}}
