"""Templates of companies alone and of contacts alone, filled through openpyxl as a person
types, check and import with no mapping; a company or contact a row names that the file does
not hold is looked up in Kanbert (by external ID, else by exact name or e-mail): a note at
check, one in-filtered request per chunk at import, a row problem when Kanbert has none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from bulkio import Target, import_file
from bulkio.core.entities import Role
from bulkio.core.issues import Severity
from bulkio.sandbox import running
from bulkio.usecases.check import CheckResult, check_file
from bulkio.usecases.template import make_template
from tests.usecases.check.test_filled_template import fill
from tests.usecases.importer.files import SANDBOX_AUTH, read_platform, reset_stats

COMPANIES = [
    {"company.external_id": "K-1", "company.company_name": "Müller & Söhne GmbH"},
    {"company.company_name": "Alpen AG"},  # no external ID: found by its exact name
]
FEMALE = {"en": "female", "de": "weiblich"}  # as the gender dropdown offers it


def _template(path: Path, lang: str, entities: str, sheet: Role, rows: list[Any]) -> Path:
    make_template(path, lang=lang, entities=entities)
    fill(path, lang, sheet, rows)
    return path


def _by_severity(result: CheckResult, severity: Severity) -> list[tuple[int | None, str | None]]:
    return [(i.row, i.value) for i in result.issues if i.severity == severity]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_companies_then_a_contacts_template_import_with_no_mapping_and_land_linked(
    tmp_path: Path, lang: str
) -> None:
    companies = _template(tmp_path / "c.xlsx", lang, "companies", Role.COMPANIES, COMPANIES)
    contacts = _template(
        tmp_path / "p.xlsx",
        lang,
        "contacts",
        Role.CONTACTS,
        [
            {"contact.external_id": "P-1", "contact.last_name": "Weiß", "link.company": "K-1",
             "link.position": "Einkauf", "contact.gender": FEMALE[lang]},
            {"contact.external_id": "P-2", "contact.last_name": "Käser",
             "contact.email": "urs@alpen.ch", "link.company": "Alpen AG"},
        ],
    )  # fmt: skip

    checked = check_file(companies)
    assert checked.mapping.name.startswith("bulkio-template"), checked.mapping.reason
    assert checked.ok and checked.issues == []
    checked = check_file(contacts)  # offline: the companies are not in this file
    assert checked.ok and checked.report is None
    assert _by_severity(checked, Severity.ERROR) == _by_severity(checked, Severity.WARNING) == []
    notes = [i for i in checked.issues if i.severity == Severity.NOTE]
    assert [(n.row, n.value) for n in notes] == [(2, "K-1"), (3, "Alpen AG")]
    assert "will be looked up in Kanbert" in notes[0].message  # the empty Links sheet: quiet

    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        first = import_file(companies, target=target, report=tmp_path / "c-results.xlsx")
        second = import_file(contacts, target=target, report=tmp_path / "p-results.xlsx")
        again = import_file(contacts, target=target, report=tmp_path / "p-again.xlsx")
        platform = read_platform(box.base_url, box.token)

    assert first.ok and first.outcomes == {"created": 2}, first.summary()
    assert second.ok and second.outcomes == {"created": 2}, second.summary()
    assert again.ok and again.outcomes == {"unchanged": 2} and again.plan is not None
    assert again.plan.writes == 0
    name_of = {c["id"]: c["company_name"] for c in platform.companies}
    links = {
        (contact["external_id"], name_of[company["id"]], company["contact_company"]["position"])
        for contact in platform.contacts
        for company in contact["companies"]
    }
    assert links == {("P-1", "Müller & Söhne GmbH", "Einkauf"), ("P-2", "Alpen AG", "")}
    assert {c["external_id"]: c["gender"] for c in platform.contacts}["P-1"] == "female"
    assert len(platform.companies) == 2  # found, not created again


def test_a_links_sheet_links_contacts_and_companies_kanbert_holds(tmp_path: Path) -> None:
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        first = _template(tmp_path / "c.xlsx", "en", "companies", Role.COMPANIES, COMPANIES)
        import_file(first, target=target, report=tmp_path / "c-results.xlsx")
        people = [
            {"contact.external_id": "P-1", "contact.last_name": "Weiß"},
            {"contact.email": "urs@alpen.ch", "contact.last_name": "Käser"},
        ]
        earlier = _template(tmp_path / "p.xlsx", "en", "contacts", Role.CONTACTS, people)
        import_file(earlier, target=target, report=tmp_path / "p-results.xlsx")
        links = _template(
            tmp_path / "links.xlsx",
            "en",
            "contacts",
            Role.LINKS,
            [
                {"link.contact": "P-1", "link.company": "Alpen AG", "link.position": "Beirat"},
                {"link.contact": "urs@alpen.ch", "link.company": "K-1"},
            ],
        )

        checked = check_file(links)
        assert checked.ok and [i.severity for i in checked.issues] == [Severity.NOTE] * 4
        result = import_file(links, target=target, report=tmp_path / "l-results.xlsx")
        platform = read_platform(box.base_url, box.token)

    assert result.ok and result.outcomes == {"linked": 2}, result.summary()
    assert len(platform.contacts) == 2
    linked = {
        (contact["last_name"], company["company_name"])
        for contact in platform.contacts
        for company in contact["companies"]
    }
    assert linked == {("Weiß", "Alpen AG"), ("Käser", "Müller & Söhne GmbH")}


def test_references_are_looked_up_a_chunk_per_request_not_by_reading_every_company(
    tmp_path: Path,
) -> None:
    many = [
        {"company.external_id": f"K-{n}", "company.company_name": f"Firma {n}"} for n in range(300)
    ]
    people = [
        {"contact.email": f"p{n}@firma.de", "link.company": f"K-{n}" if n % 2 else f"Firma {n}"}
        for n in range(150)
    ]
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        companies = _template(tmp_path / "c.xlsx", "en", "companies", Role.COMPANIES, many)
        import_file(companies, target=target, report=tmp_path / "c-results.xlsx")
        contacts = _template(tmp_path / "p.xlsx", "en", "contacts", Role.CONTACTS, people)
        reset_stats(box.root_url)
        result = import_file(contacts, target=target, report=tmp_path / "p-results.xlsx")
        stats = httpx.get(box.root_url + "/_sandbox/stats", headers=SANDBOX_AUTH).json()

    assert result.ok and result.outcomes == {"created": 150}, result.summary()
    company_reads = sum(
        item["count"]
        for item in stats["requests"]
        if item["method"] == "GET" and item["route"].endswith("/companies")
    )
    # 75 external IDs in one request, the 75 names in another; 300 companies are 3 pages
    assert company_reads == 2


def test_a_reference_kanbert_lacks_or_holds_twice_stops_the_import_on_its_row(
    tmp_path: Path,
) -> None:
    twins = [{"company.external_id": f"K-{n}", "company.company_name": "Acme"} for n in (1, 2)]
    with running(tmp_path / "sandbox.sqlite") as box:
        target = Target(api_url=box.base_url, token=box.token)
        companies = _template(tmp_path / "c.xlsx", "en", "companies", Role.COMPANIES, twins)
        assert import_file(companies, target=target, report=tmp_path / "c-results.xlsx").ok
        contacts = _template(
            tmp_path / "p.xlsx",
            "en",
            "contacts",
            Role.CONTACTS,
            [
                {"contact.last_name": "Nowak", "link.company": "Nope GmbH"},
                {"contact.last_name": "Berg", "link.company": "Acme"},
            ],
        )
        assert check_file(contacts).ok  # offline it cannot know

        result = import_file(contacts, target=target, report=tmp_path / "p-results.xlsx")
        platform = read_platform(box.base_url, box.token)

    assert not result.ok and result.stopped and "nothing was sent" in result.stopped
    errors = [i for i in result.issues if i.severity == Severity.ERROR]
    assert [(i.row, i.column, i.value) for i in errors] == [
        (2, "Company (external ID or name)", "Nope GmbH"),
        (3, "Company (external ID or name)", "Acme"),
    ]
    assert "neither in this file nor in Kanbert" in errors[0].message
    assert "2 companies in Kanbert have the name 'Acme'" in errors[1].message
    assert platform.contacts == []
