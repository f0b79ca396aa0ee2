"""End to end over real HTTP: a flat file lands exactly, a second run writes nothing, and
changed cells cost exactly the writes they need."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl

from bulkio import Target, import_file
from bulkio.journal import ActionState, open_journal
from bulkio.sandbox import running
from tests.usecases.importer.files import (
    flat_rows,
    read_platform,
    reset_stats,
    write_counts,
    write_csv,
    write_mapping,
)


def test_two_thousand_contacts_land_exactly_then_nothing_then_only_the_changes(
    tmp_path: Path,
) -> None:
    rows = flat_rows(2000, per_company=5)
    data = write_csv(tmp_path / "kontakte.csv", rows)
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    report = tmp_path / "results.xlsx"
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token, max_in_flight=8)

        first = import_file(data, target=target, mapping=mapping, report=report)

        assert first.ok, first.summary()
        assert first.outcomes == {"created": 2000}
        platform = read_platform(box.base_url, box.token)
        assert len(platform.companies) == 400
        assert len(platform.contacts) == 2000
        assert sorted(platform.links()) == sorted((r[6], r[0], r[10]) for r in rows)
        contact = next(c for c in platform.contacts if c["external_id"] == "P-00007")
        assert (contact["first_name"], contact["email"]) == ("Vorname7", "person7@firma1.de")
        company = next(c for c in platform.companies if c["external_id"] == "K-00003")
        assert company["address_invoice_town"] == "Hamburg"
        assert company["business_field"]["name"] == "Retail"
        assert sorted(t["title"] for t in company["tags"]) == ["Partner", "VIP"]
        sheet = openpyxl.load_workbook(report, read_only=True).worksheets[1]
        header, *lines = list(sheet.iter_rows(values_only=True))
        assert header[-4:] == ("Outcome", "Kanbert contact id", "Kanbert company id", "Problem")
        assert len(lines) == 2000
        outcome, contact_id = header.index("Outcome"), header.index("Kanbert contact id")
        assert {line[outcome] for line in lines} == {"created"}
        ids = {c["external_id"]: c["id"] for c in platform.contacts}
        assert all(line[contact_id] == ids[line[header.index("Kontaktnr")]] for line in lines)

        reset_stats(box.root_url)
        second = import_file(data, target=target, mapping=mapping, report=report)

        assert second.ok
        assert second.outcomes == {"unchanged": 2000}
        assert write_counts(box.root_url) == {}
        assert second.requests <= 8 + 20 + 20 + 2  # look-ups + two key lookups in chunks

        changed = [list(r) for r in rows]
        for n in (1, 50, 333, 1200, 1999):
            changed[n][8] = f"Neuer Name {n}"  # last name: one PATCH each
        for n in (2, 700):
            changed[n][9] = f"neu{n}@firma.de"  # e-mail: one PATCH each
        for n in (3, 900, 1500):
            changed[n][10] = "Geschäftsführung"  # position: one PUT each
        write_csv(data, changed)
        reset_stats(box.root_url)

        third = import_file(data, target=target, mapping=mapping, report=report)

        assert third.ok
        assert third.outcomes == {"updated": 10, "unchanged": 1990}
        assert write_counts(box.root_url) == {
            "PATCH /api/v1/contacts/{id}": 7,
            "PUT /api/v1/contacts/{id}/companies/{company_id}": 3,
        }
        platform = read_platform(box.base_url, box.token)
        by_ext = {c["external_id"]: c for c in platform.contacts}
        assert by_ext["P-01200"]["last_name"] == "Neuer Name 1200"
        assert by_ext["P-00700"]["email"] == "neu700@firma.de"
        assert Counter(p for _, _, p in platform.links())["Geschäftsführung"] == 3


def test_the_journal_keeps_each_write_with_what_kanbert_held_before(tmp_path: Path) -> None:
    rows = flat_rows(10, per_company=5)
    data = write_csv(tmp_path / "kontakte.csv", rows)
    mapping = write_mapping(tmp_path / "kontakte.yaml")
    journal = tmp_path / "run.journal.sqlite"
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        first = import_file(data, target=target, mapping=mapping, journal=journal)
        assert first.ok, first.summary()
        rows[1][8] = "Neuer Name"  # P-00001's last name
        rows[3][10] = "Geschäftsführung"  # P-00003's position at K-00000
        write_csv(data, rows)
        changed = tmp_path / "run2.journal.sqlite"  # a changed file is another import
        second = import_file(data, target=target, mapping=mapping, journal=changed)
        assert second.outcomes == {"updated": 2, "unchanged": 8}

    with open_journal(changed) as book:
        last = book.last_run()
        assert last is not None
        entries = list(book.entries(run_id=last["id"]))
    with open_journal(journal) as book:
        created = next(iter(book.entries(run_id=1)))
    assert [(e.op, e.key, e.body, e.before, e.state) for e in entries] == [
        (
            "update",
            "external_id:P-00001",
            {"last_name": "Neuer Name"},
            {"last_name": "Nachname1"},
            ActionState.DONE,
        ),
        (
            "relink",
            "external_id:P-00003 -> external_id:K-00000",
            {"position": "Geschäftsführung"},
            "Rolle 3",
            ActionState.DONE,
        ),
    ]
    assert (created.op, created.before) == ("create", {})
