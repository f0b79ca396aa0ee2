"""The plan and the label resolution, without HTTP."""

from __future__ import annotations

from bulkio.core.entities import Entity
from bulkio.core.lookups import Lookup
from bulkio.core.plan import (
    Existing,
    Mode,
    Op,
    changed_values,
    make_plan,
    plan_links,
    plan_records,
)
from bulkio.core.record_values import RecordValues
from bulkio.core.resolve import Desired, reference_tables, resolve
from bulkio.core.validation.records import CompanyRecord, ContactRecord, LinkRecord, RecordKey

K1 = RecordKey("external_id", "K-1")
P1 = RecordKey("external_id", "P-1")
LISTS = {
    Lookup.COUNTRIES: [{"id": "c-de", "name": "Germany", "code": "DE"}],
    Lookup.TAGS: [{"id": "t-vip", "title": "VIP"}, {"id": "t-lead", "title": "Lead"}],
    Lookup.BUSINESS_FIELDS: [{"id": "b-it", "name": "IT services"}],
    Lookup.USERS: [{"id": "u-1", "email": "anna@firma.de"}],
    Lookup.CLIENTS: [{"id": "cl-1", "name": "Muster GmbH", "external_id": "M-001"}],
    Lookup.CUSTOM_FIELDS: [{"alias": "newsletter", "type": "boolean", "entity_type": "contact"}],
}


def company(values: dict[str, object]) -> Desired:
    return Desired(Entity.COMPANY, K1, [2], dict(values))


def test_labels_become_ids_case_insensitively() -> None:
    record = CompanyRecord(
        K1,
        [2, 3],
        {"company_name": "A", "address_invoice_country": "de", "tags": ["vip", "Lead"]},
        {},
    )
    person = ContactRecord(
        P1, (2,), RecordValues.of(("owner", "client"), ("ANNA@firma.de", "m-001"))
    )
    resolved = resolve([record], [person], reference_tables(LISTS), {})
    assert resolved.issues == []
    assert resolved.companies[0].values == {
        "company_name": "A",
        "address_invoice_country": "c-de",
        "tags": ["t-vip", "t-lead"],
    }
    assert resolved.contacts[0].values == {"owner": "u-1", "client": "cl-1"}


def test_an_unknown_label_is_a_problem_on_every_row_naming_column_and_choices() -> None:
    record = CompanyRecord(K1, [2, 5], {"business_field": "Bakery"}, {})
    columns = {"company.business_field": "Branche"}
    resolved = resolve([record], [], reference_tables(LISTS), columns)
    assert resolved.companies == []
    assert [(i.row, i.column) for i in resolved.issues] == [(2, "Branche"), (5, "Branche")]
    assert "'Bakery' is not an industry Kanbert knows; use one of: IT services" in str(
        resolved.issues[0]
    )


def test_a_new_record_is_created_with_its_non_empty_values() -> None:
    [action] = plan_records([company({"company_name": "A", "phone": None, "tags": []})], {})
    assert (action.op, action.changes, action.requests) == (Op.CREATE, {"company_name": "A"}, 1)


def test_only_changed_fields_are_sent_and_empty_cells_erase_nothing() -> None:
    have = Existing("id-1", {"company_name": "A", "phone": "+49 1", "tags": ["t2", "t1"]})
    want = company({"company_name": "B", "phone": None, "tags": ["t1", "t2"]})
    [action] = plan_records([want], {K1: have})
    assert (action.op, action.changes, action.kanbert_id) == (
        Op.UPDATE,
        {"company_name": "B"},
        "id-1",
    )
    [same] = plan_records([company({"company_name": "A", "phone": None})], {K1: have})
    assert (same.op, same.requests) == (Op.UNCHANGED, 0)


def test_erase_empty_clears_text_and_tags_but_not_yes_no_fields() -> None:
    have = {"phone": "+49 1", "tags": ["t1"], "invoices_by_post": True}
    want: dict[str, object] = {"phone": None, "tags": [], "invoices_by_post": None}
    assert changed_values(want, have, erase_empty=True) == {"phone": None, "tags": []}


def test_phones_and_emails_written_differently_are_not_changes() -> None:
    have = {"phone": "+49 (0)351 123-45", "email": "Info@Muster.DE", "fax": "0049 351 99"}
    want = {"phone": "+4935112345", "email": "info@muster.de", "fax": "+4935199"}
    assert changed_values(want, have) == {}
    assert changed_values({"phone": "+4935112346"}, have) == {"phone": "+4935112346"}
    assert changed_values({"company_name": "muster"}, {"company_name": "Muster"}) == {
        "company_name": "muster"
    }


def test_custom_fields_are_compared_alias_by_alias() -> None:
    have = {"custom_fields": {"newsletter": True, "segment": "A"}}
    want = {"custom_fields": {"newsletter": False, "segment": "A"}}
    assert changed_values(want, have) == {"custom_fields": {"newsletter": False}}


def test_an_archived_match_is_restored_and_then_patched() -> None:
    have = Existing("id-1", {"company_name": "A"}, archived=True)
    [action] = plan_records([company({"company_name": "B"})], {K1: have})
    assert (action.op, action.requests) == (Op.RESTORE, 2)


def test_modes_leave_existing_or_new_records_alone() -> None:
    have = Existing("id-1", {"company_name": "A"})
    [kept] = plan_records([company({"company_name": "B"})], {K1: have}, mode=Mode.CREATE_ONLY)
    assert (kept.op, kept.requests, kept.kanbert_id) == (Op.SKIP, 0, "id-1")
    [new] = plan_records([company({"company_name": "B"})], {}, mode=Mode.UPDATE_ONLY)
    assert (new.op, new.requests) == (Op.SKIP, 0)


def test_links_are_made_relinked_or_left_by_position() -> None:
    companies = plan_records([company({"company_name": "A"})], {K1: Existing("co-1", {})})
    k2 = RecordKey("external_id", "K-2")
    companies += plan_records([Desired(Entity.COMPANY, k2, [3], {"company_name": "B"})], {})
    have_p1 = Existing("ct-1", {}, links={"co-1": "CEO"})
    contacts = plan_records([Desired(Entity.CONTACT, P1, [2], {})], {P1: have_p1})
    links = [
        LinkRecord(P1, K1, "CEO", 2),
        LinkRecord(P1, k2, None, 3),
        LinkRecord(P1, K1, "CEO", 4),  # the same pair again: one action, two rows
    ]
    actions = plan_links(links, companies, contacts, {P1: have_p1})
    assert [(a.op, a.rows) for a in actions] == [(Op.UNCHANGED, (2, 4)), (Op.LINK, (3,))]
    moved = plan_links([LinkRecord(P1, K1, "CFO", 2)], companies, contacts, {P1: have_p1})
    assert [(a.op, a.requests) for a in moved] == [(Op.RELINK, 1)]


def test_links_come_in_the_order_their_pairs_first_appear_with_every_row() -> None:
    keys = [RecordKey("external_id", f"K-{n}") for n in range(3)]
    p2 = RecordKey("external_id", "P-2")
    companies = plan_records(
        [Desired(Entity.COMPANY, k, [n], {"company_name": k.value}) for n, k in enumerate(keys)],
        {},
    )
    contacts = plan_records(
        [Desired(Entity.CONTACT, P1, (2,), {}), Desired(Entity.CONTACT, p2, (3,), {})], {}
    )
    links = [
        LinkRecord(P1, keys[0], "CEO", 2),
        LinkRecord(p2, keys[0], None, 3),
        LinkRecord(P1, keys[1], None, 4),
        LinkRecord(p2, keys[0], "CTO", 5),  # again: the first row's position stays
        LinkRecord(P1, keys[2], None, 6),
        LinkRecord(P1, keys[1], None, 7),
        LinkRecord(P1, keys[0], None, 8),
    ]
    actions = plan_links(links, companies, contacts, {})
    assert [(a.contact_key, a.company_key, a.position, a.rows) for a in actions] == [
        (P1, keys[0], "CEO", (2, 8)),
        (p2, keys[0], "", (3, 5)),
        (P1, keys[1], "", (4, 7)),
        (P1, keys[2], "", (6,)),
    ]


def test_a_link_to_a_record_that_is_not_imported_is_skipped() -> None:
    contacts = plan_records(
        [Desired(Entity.CONTACT, P1, [2], {})], {}, mode=Mode.UPDATE_ONLY
    )  # new contact, update-only: not created
    companies = plan_records([company({"company_name": "A"})], {})
    [action] = plan_links([LinkRecord(P1, K1, "CEO", 2)], companies, contacts, {})
    assert action.op == Op.SKIP


def test_an_update_keeps_what_kanbert_held_of_each_field_it_changes() -> None:
    held = {
        "company_name": "A",
        "phone": "+49 1",
        "custom_fields": {"segment": "A", "newsletter": True},
    }
    want = company({"company_name": "B", "phone": "+49 1", "custom_fields": {"segment": "B"}})
    [action] = plan_records([want], {K1: Existing("id-1", held)})
    assert action.changes == {"company_name": "B", "custom_fields": {"segment": "B"}}
    assert action.before == {"company_name": "A", "custom_fields": {"segment": "A"}}
    [new] = plan_records([company({"company_name": "B"})], {})
    assert new.before == {}


def test_a_plan_names_each_action_by_its_place_in_the_run() -> None:
    have_p1 = Existing("ct-1", {}, links={"co-1": "CEO"})
    plan = make_plan(
        [company({"company_name": "A"})],
        [Desired(Entity.CONTACT, P1, [2], {"first_name": "Anna"})],
        [LinkRecord(P1, K1, "CFO", 2)],
        {K1: Existing("co-1", {"company_name": "A"})},
        {P1: have_p1},
    )
    phases = [(name, [(i, a.op) for i, a in steps]) for name, steps in plan.phases()]
    assert phases == [
        ("companies", [(0, Op.UNCHANGED)]),
        ("contacts", [(1, Op.UPDATE)]),
        ("links", [(2, Op.RELINK)]),
    ]
    assert plan.actions[2].before == "CEO"
    assert plan.writes == 2
