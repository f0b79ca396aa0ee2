"""The undo's pure stage: how an import's writes are traced and reversed against what
Kanbert holds now."""

from __future__ import annotations

from typing import Any

from bulkio.core.plan import Existing, Op
from bulkio.core.reversal import Step, Verb, plan_reversal
from bulkio.core.trail import PastWrite, trace


def _write(
    op: Op,
    sent: dict[str, Any],
    before: Any = None,
    *,
    entity: str = "contact",
    kanbert_id: str = "c1",
    confirmed: bool = True,
) -> PastWrite:
    key = {
        "contact": "external_id:P-1",
        "company": "external_id:K-1",
        "link": "external_id:P-1 -> external_id:K-1",
    }[entity]
    return PastWrite(op, entity, key, sent, before, kanbert_id, (2,), confirmed)


def test_a_field_written_twice_goes_back_to_what_it_held_before_the_first_write() -> None:
    trails = trace(
        [
            _write(Op.UPDATE, {"last_name": "B"}, {"last_name": "A"}, confirmed=False),
            _write(
                Op.UPDATE,
                {"last_name": "C", "custom_fields": {"x": 2}},
                {"last_name": "B", "custom_fields": {"x": None}},
            ),
        ]
    )
    now = {"c1": Existing("c1", {"last_name": "C", "custom_fields": {"x": 2}})}

    plan = plan_reversal(trails, {}, now)

    [contact] = plan.contacts
    assert contact.verb == Verb.REVERT
    assert contact.changes == {"last_name": "A", "custom_fields": {"x": None}}


def test_fields_already_as_before_cost_nothing_and_changed_ones_are_left() -> None:
    trails = trace(
        [
            _write(
                Op.UPDATE,
                {"a": "new", "b": "new", "c": "new"},
                {"a": "old", "b": "old", "c": "old"},
            )
        ]
    )
    now = {"c1": Existing("c1", {"a": "old", "b": "new", "c": "someone's"})}

    [contact] = plan_reversal(trails, {}, now).contacts
    [forced] = plan_reversal(trails, {}, now, force=True).contacts

    assert {f.name: f.step for f in contact.fields} == {
        "a": Step.ALREADY,
        "b": Step.REVERT,
        "c": Step.CHANGED,
    }
    assert contact.changes == {"b": "old"}
    assert forced.changes == {"b": "old", "c": "old"}
    assert [(c.field, c.then, c.now) for c in plan_reversal(trails, {}, now).conflicts] == [
        ("c", "new", "someone's")
    ]


def test_a_write_that_may_never_have_landed_reports_no_change_since() -> None:
    trails = trace([_write(Op.UPDATE, {"a": "new"}, {"a": "old"}, confirmed=False)])
    now = {"c1": Existing("c1", {"a": "other"})}

    [contact] = plan_reversal(trails, {}, now).contacts

    assert contact.verb == Verb.NOTHING and contact.changes == {}


def test_a_created_record_someone_linked_since_stays_live() -> None:
    trails = trace(
        [
            _write(Op.CREATE, {"company_name": "Neu"}, entity="company", kanbert_id="k1"),
            _write(Op.LINK, {"position": "Chef"}, entity="link", kanbert_id="c1/k1"),
        ]
    )
    companies = {"k1": Existing("k1", {"company_name": "Neu"}, links={"c1": "Chef", "c2": ""})}
    contacts = {"c1": Existing("c1", {}, links={"k1": "Chef"})}

    plan = plan_reversal(trails, companies, contacts)

    [company] = plan.companies
    assert (company.archive, company.kept_live, company.linked_since) == (False, True, ("c2",))
    assert [link.verb for link in plan.links] == [Verb.UNLINK]
    assert [(c.what, c.field, c.now) for c in plan.conflicts] == [("company K-1", "links", ["c2"])]
    [forced] = plan_reversal(trails, companies, contacts, force=True).companies
    assert forced.archive


def test_a_restored_record_is_archived_again_after_its_fields_are_set_back() -> None:
    trails = trace([_write(Op.RESTORE, {"town": "Kiel"}, {"town": "Hamburg"})])
    now = {"c1": Existing("c1", {"town": "Kiel"})}

    [contact] = plan_reversal(trails, {}, now).contacts

    assert (contact.verb, contact.changes, contact.requests) == (
        Verb.REVERT_ARCHIVE,
        {"town": "Hamburg"},
        2,
    )
    archived = {"c1": Existing("c1", {"town": "Hamburg"}, archived=True)}
    [done] = plan_reversal(trails, {}, archived).contacts
    assert (done.verb, done.requests) == (Verb.NOTHING, 0)


def test_a_record_gone_from_kanbert_needs_nothing() -> None:
    trails = trace([_write(Op.CREATE, {"first_name": "A"})])

    [contact] = plan_reversal(trails, {}, {}).contacts

    assert contact.gone and contact.verb == Verb.NOTHING and contact.requests == 0
