"""Workbooks with separate sheets: which sheet holds companies, contacts or links, judged by
its headers, and one draft reading them all (``input: companies/contacts/links``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bulkio.core.entities import Role
from bulkio.core.layout import SHEETS, build_layout, sheet_for_title
from bulkio.core.layout import normalize_header as layout_header
from bulkio.core.suggest.draft import Draft
from bulkio.core.suggest.drafting import plan_sheet
from bulkio.core.suggest.keys import names_company, names_person
from bulkio.core.suggest.matching import match_header
from bulkio.core.suggest.rendering import draft_of

_PERSON_FIELDS = {
    "contact.first_name", "contact.last_name", "contact.full_name", "contact.gender",
    "contact.birthday", "contact.mobile", "contact.email_private", "contact.title",
}  # fmt: skip


@dataclass(frozen=True)
class SheetSample:
    """One sheet's name, header row and a sample of its values."""

    name: str
    headers: tuple[str, ...]
    samples: Mapping[str, Sequence[str | None]]
    header_row: int | None = None


def classify_sheet(name: str, headers: Sequence[str]) -> Role | None:
    """Companies, contacts or links by the sheet's headers; None for a sheet that holds none
    of them (instructions, lists, notes)."""
    templated = template_role(headers)
    if templated is not None:
        return templated
    targets = {m.target for m in map(match_header, headers) if m is not None}
    person = bool(targets & _PERSON_FIELDS)
    if not person and len(headers) <= 4:
        to_person = any(names_person(h) for h in headers)
        to_company = any(names_company(h) for h in headers)
        if to_person and to_company:
            return Role.LINKS
    if person:
        return Role.CONTACTS
    if "company.company_name" in targets:
        return Role.COMPANIES
    titled = sheet_for_title(name)
    return titled if len(headers) > 1 else None


def template_role(headers: Sequence[str]) -> Role | None:
    """The bulkio template sheet whose labels most of these headers are; None otherwise."""
    layout = build_layout(export=True)
    wanted = {layout_header(h) for h in headers}
    hits: dict[Role, int] = {}
    for role in SHEETS:
        labels = {layout_header(t) for c in layout.columns(role) for t in (c.label_en, c.label_de)}
        hits[role] = len(wanted & labels)
    best = max(hits, key=lambda r: hits[r])
    return best if hits[best] >= 2 and hits[best] >= 0.75 * len(wanted) else None


def draft_workbook(sheets: Sequence[SheetSample], *, source: str) -> Draft:
    """A separate-sheets draft: each data sheet planned in its role; sheets that hold no
    companies, contacts or links are left out (and a second sheet of the same role is named
    as a question)."""
    chosen: dict[Role, SheetSample] = {}
    questions: list[str] = []
    for sheet in sheets:
        role = classify_sheet(sheet.name, sheet.headers)
        if role is None:
            continue
        if role in chosen:
            questions.append(f"sheet '{sheet.name}' also looks like {role}; only "
                             f"'{chosen[role].name}' is read")  # fmt: skip
            continue
        chosen[role] = sheet
    plans = [
        plan_sheet(
            s.headers,
            s.samples,
            role=role,
            sheet=s.name,
            header_row=s.header_row,
            template=template_role(s.headers) == role,
        )
        for role in SHEETS
        if (s := chosen.get(role)) is not None
    ]
    if plans:
        plans[0].questions.extend(questions)
    return draft_of(plans, source=source)


def data_sheets(sheets: Sequence[SheetSample]) -> list[tuple[Role, SheetSample]]:
    """The sheets that hold companies, contacts or links, with their role."""
    found = [(classify_sheet(s.name, s.headers), s) for s in sheets]
    return [(role, s) for role, s in found if role is not None]
