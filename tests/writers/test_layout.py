from __future__ import annotations

from bulkio.core.entities import Entity, Role
from bulkio.core.layout import build_layout, sheet_for_title
from bulkio.usecases.template import offline_lookups


def test_every_writable_field_and_custom_field_has_a_column() -> None:
    lookups = offline_lookups()
    layout = build_layout(lookups.custom_fields)
    company_keys = {c.key for c in layout.columns(Role.COMPANIES)}
    contact_keys = {c.key for c in layout.columns(Role.CONTACTS)}
    assert {Entity.COMPANY.key(f.name) for f in Entity.COMPANY.fields} <= company_keys
    assert {Entity.CONTACT.key(f.name) for f in Entity.CONTACT.fields} <= contact_keys
    assert "company.custom_fields.segment" in company_keys
    assert "contact.custom_fields.preferred_channel" in contact_keys
    assert {"contact.custom_fields.segment"}.isdisjoint(contact_keys)
    assert {"link.company", "link.position"} <= contact_keys
    assert [c.key for c in layout.columns(Role.LINKS)] == [
        "link.contact",
        "link.company",
        "link.position",
    ]


def test_headers_in_either_language_find_the_same_column() -> None:
    layout = build_layout(offline_lookups().custom_fields)
    for header in ("Last name *", "Nachname", "  nachname * ", "contact.last_name", "last_name"):
        col = layout.column_for_header(Role.CONTACTS, header)
        assert col is not None and col.key == "contact.last_name", header
    zip_de = layout.column_for_header(Role.COMPANIES, "Rechnungsadresse: PLZ")
    assert zip_de is not None and zip_de.key == "company.address_invoice_zip"
    assert layout.column_for_header(Role.COMPANIES, "Segment") is not None
    assert layout.column_for_header(Role.COMPANIES, "Shoe size") is None
    assert sheet_for_title("Kontakte") == Role.CONTACTS
    assert sheet_for_title("Verknüpfungen") == Role.LINKS
    assert sheet_for_title("Companies") == Role.COMPANIES


def test_required_columns_and_export_columns() -> None:
    layout = build_layout(entities=(Entity.CONTACT,), export=True)
    required = {c.key for c in layout.columns(Role.CONTACTS) if c.required}
    assert required == {"contact.last_name", "contact.email"}
    assert Role.COMPANIES not in layout.sheets
    tail = [c.key for c in layout.columns(Role.CONTACTS)][-4:]
    assert tail == ["contact.id", "contact.created_at", "contact.updated_at", "contact.deleted_at"]
    assert all(c.read_only for c in layout.columns(Role.CONTACTS)[-4:])
