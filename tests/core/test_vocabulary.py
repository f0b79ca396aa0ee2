"""What the vocabulary puts into messages and lists: plurals, look-up wording, seed lists."""

from __future__ import annotations

from bulkio.core.entities import Entity
from bulkio.core.lookups import Lookup
from bulkio.core.plan import Mode, plan_records
from bulkio.core.resolve import Desired, reference_tables, resolve
from bulkio.core.validation.records import CompanyRecord, RecordKey
from bulkio.usecases.template import offline_lookups

K1 = RecordKey("external_id", "K-1")


def test_update_only_says_which_records_it_does_not_create() -> None:
    new_company = Desired(Entity.COMPANY, K1, [2], {"company_name": "A"})
    [action] = plan_records([new_company], {}, mode=Mode.UPDATE_ONLY)
    assert action.note == "not in Kanbert; update-only does not create companies"


def test_an_unknown_custom_field_is_named_with_the_entity_and_what_exists() -> None:
    record = CompanyRecord(K1, [4], {"company_name": "A"}, {"segment": "B2B"})
    lists = {
        Lookup.CUSTOM_FIELDS: [{"alias": "vip", "type": "boolean", "entity_type": "company"}],
    }
    resolved = resolve([record], [], reference_tables(lists), {})
    [issue] = resolved.issues
    assert issue.row == 4
    assert issue.message.startswith(
        "Kanbert has no custom field 'segment' for companies; its custom fields are: vip."
    )


def test_every_label_look_up_a_field_uses_offers_values_offline() -> None:
    choices = offline_lookups()
    used = {f.lookup for e in Entity for f in e.fields if f.lookup is not None}
    assert choices.countries
    for lookup in used - {Lookup.COUNTRIES}:
        assert choices.of(lookup), lookup
