"""A commented mapping draft from a header row and a sample of its values.

Confident choices are written plainly; guesses carry a ``# CHECK:`` comment saying why they
were made; columns without a home are listed at the end, so the user sees what is left.
One sheet is planned at a time (:func:`plan_sheet`); a flat file is one plan, a workbook with
separate companies, contacts and links sheets is several (:mod:`.workbook`).

The values decide where they can: whole names ("Herr Dr. Hans Müller", "Weiß, Anna") are split
whatever the column is called, the salutation giving the gender; dates get the formats their
values settle; street lines with house numbers are split; an id column becomes a key only when
its values can be one, else the rows that stop it are named; footer rows are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bulkio.core.entities import Entity, Role
from bulkio.core.layout import Column, build_layout
from bulkio.core.layout import normalize_header as layout_header
from bulkio.core.suggest.draft import Choice, Draft, SheetPlan, SheetSample
from bulkio.core.suggest.footers import find_footers
from bulkio.core.suggest.guess import (
    EMAIL_FIELDS,
    LINK_POSITION,
    REF_CONTACT_COMPANY,
    REF_CONTACT_POSITION,
    REF_LINK_COMPANY,
    REF_LINK_CONTACT,
    ColumnGuess,
)
from bulkio.core.suggest.keys import (
    blank_rows,
    companies_repeat,
    company_conflicts,
    follows_company,
    looks_like_id,
    names_company,
    names_person,
    repeated_values,
    rows_text,
    unique_per_row,
)
from bulkio.core.suggest.matching import HeaderMatch, match_header
from bulkio.core.suggest.rendering import draft_of
from bulkio.core.suggest.sniffing import look_at
from bulkio.core.suggest.specs import gather_evidence, write_fields
from bulkio.core.suggest.synonyms import COMPANY_IDS_ELSEWHERE, ROLE_HEADERS, normalize_header

_BY_VALUES = {"email": "any.email", "phone": "any.phone", "url": "company.homepage"}
_ANY_CONTACT = {"email": "email", "phone": "telephone", "fax": "fax", "locale": "locale"}
_ANY_COMPANY = {"email": "email_general", "phone": "phone", "fax": "fax", "locale": "locale"}
_NAME_TARGETS = ("contact.last_name", "contact.full_name")
__all__ = ["Choice", "Draft", "SheetPlan", "SheetSample", "draft_mapping", "plan_sheet"]
FOOTER_ROWS = 10  # footers are looked for among the last rows of a sheet


@dataclass(frozen=True)
class _Rows:
    """The sampled values by column and each sampled row's number."""

    values: Mapping[str, Sequence[str | None]]
    numbers: Sequence[int]

    def of(self, header: str) -> Sequence[str | None]:
        return self.values.get(header, ())


def _layout_target(col: ColumnGuess, sheet: Role) -> bool:
    """Give a bulkio template column its target; False when the header is no template label."""
    found: Column | None = build_layout(export=True).column_for_header(sheet, col.header)
    wanted = layout_header(col.header)
    if found is None or wanted not in (
        layout_header(found.label_en),
        layout_header(found.label_de),
    ):
        return False
    col.fixed = True
    if found.read_only:
        col.notes.append("set by Kanbert; an import does not change it")
        return True
    if found.key == "link.company":
        col.target = REF_CONTACT_COMPANY if sheet is Role.CONTACTS else REF_LINK_COMPANY
    elif found.key == LINK_POSITION:
        col.target = REF_CONTACT_POSITION if sheet is Role.CONTACTS else LINK_POSITION
    elif found.key == "link.contact":
        col.target = REF_LINK_CONTACT
    else:
        col.target = found.key
    return True


def _initial_target(col: ColumnGuess) -> None:
    m, look = col.match, col.look
    if look.kind == "profile_url":
        col.target, col.confident = "any.external_id", m is not None and m.confident
        col.notes.append("the values are profile links, one per person: a good key")
        return
    if m is not None and m.score < 100 and looks_like_id(col.header):
        # "Company No" is no company name, "Firmennr" an id: the values tell whose
        target = m.target if m.target.endswith("external_id") else "any.external_id"
        m = HeaderMatch(col.header, target, 100.0, "id")
    if m is not None:
        col.target, col.confident = m.target, m.confident
        if not m.confident:
            col.notes.append(f"the header looks like '{m.matched}' ({m.score:.0f}%)")
        if m.target.endswith("external_id") and look.kind in ("date", "email", "phone"):
            col.target = None  # "Customer since" is no "Customer ID"
            col.notes.append(f"but the values are {look.kind}s, not ids")
            return
        if m.target in _NAME_TARGETS and look.kind == "full_name":
            col.target = "contact.full_name"
            col.notes.append("the values are whole names; they are split")
        if m.target == "contact.title" and look.kind == "job_title":
            col.target = "contact.position"
            col.notes.append("the values are job titles, not academic titles")
        if m.target in _NAME_TARGETS and look.kind == "company":
            col.target = "company.company_name"
            col.notes.append("the values look like company names (GmbH, KG, Ltd...)")
        if look.kind == "email" and not m.target.endswith(EMAIL_FIELDS):
            col.target, col.confident = "any.email", False
            col.notes.append("but the values are e-mail addresses")
            return
        expected = {"any.email": "email", "any.phone": "phone", "contact.mobile": "phone"}
        want = expected.get(m.target)
        if want and look.filled and look.kind not in (want, None, "job_title"):
            col.confident = False
            col.notes.append(f"but the values look like {look.kind} values")
        return
    by_values = _BY_VALUES.get(look.kind or "")
    if by_values:
        col.target, col.confident = by_values, False
        col.notes.append(f"the header says nothing, but {look.share:.0%} of the values are "
                         f"{look.kind} values")  # fmt: skip


def _people_and_companies(cols: list[ColumnGuess], role: Role) -> tuple[bool, bool]:
    if role is not Role.FLAT:
        return role.holds(Entity.CONTACT), role.holds(Entity.COMPANY)
    targets = {c.target for c in cols if c.target}
    has_person = any(t.startswith("contact.") for t in targets)
    has_company = "company.company_name" in targets
    elsewhere = {normalize_header(w) for w in COMPANY_IDS_ELSEWHERE}
    if has_person and any(normalize_header(c.header) in elsewhere for c in cols):
        has_company = False  # the companies are in another file: the addresses are the person's
    return has_person, has_company


def _resolve_any(cols: list[ColumnGuess], has_person: bool, has_company: bool) -> None:
    for col in cols:
        if not col.target or not col.target.startswith("any."):
            continue
        name = col.target.removeprefix("any.")
        if name.startswith("address_"):
            if has_company or not has_person:
                col.target = "company.address_invoice_" + name.removeprefix("address_")
            else:
                col.target = "contact." + name
        elif has_person:
            col.target = "contact." + _ANY_CONTACT.get(name, name)
        else:
            col.target = "company." + _ANY_COMPANY.get(name, name)


def _references(
    cols: list[ColumnGuess],
    samples: Mapping[str, Sequence[str | None]],
    role: Role,
    company_ref: str | None,
) -> None:
    """On a contacts sheet: the column naming the contact's company (``company_ref`` when
    known) and the position there; on a links sheet: the contact, the company and the
    position."""
    free = [c for c in cols if not c.fixed]
    if role is Role.CONTACTS:
        if any(c.target == REF_CONTACT_COMPANY for c in cols):
            company = None
        elif company_ref is not None:
            company = next(c for c in free if c.header == company_ref)
        else:
            ids = [c for c in free if (looks_like_id(c.header) and names_company(c.header))
                   and not unique_per_row(samples.get(c.header, ()))]  # fmt: skip
            names = [c for c in free if c.target == "company.company_name"]
            company = next(iter(ids or names), None)
        if company is not None:
            company.target = REF_CONTACT_COMPANY
            company.notes.append(
                "names the contact's company (its id or name on the companies sheet)"
            )
        if any(c.target == REF_CONTACT_COMPANY for c in cols):
            for col in free:
                if (
                    col.target == "contact.position"
                    and normalize_header(col.header) in ROLE_HEADERS
                ):
                    col.target = REF_CONTACT_POSITION
                    col.notes.append("the contact's position at that company")
                    break
        for col in free:  # the company's own fields on a contacts sheet are no one's
            if col.target and col.target.startswith("company."):
                col.notes.append(f"looks like {col.target}, but this is the contacts sheet")
                col.target = None
    elif role is Role.LINKS:
        for col in free:
            if names_person(col.header) or (col.target or "").endswith(("email", "external_id")):
                wanted = REF_LINK_CONTACT
            elif names_company(col.header) or col.target == "company.company_name":
                wanted = REF_LINK_COMPANY
            elif col.target in ("contact.position", LINK_POSITION):
                wanted = LINK_POSITION
            else:
                col.target = None
                continue
            if any(c.target == wanted for c in cols if c is not col):
                col.target = None
            else:
                col.target, col.confident = wanted, True


def _assign_keys(
    cols: list[ColumnGuess], rows: _Rows, role: Role, has_person: bool, has_company: bool
) -> None:
    """Give the id columns to the company and the contact by what their values do; an id
    column whose values cannot be a key says which rows stop it."""
    candidates = [
        c for c in cols
        if not c.fixed and ((c.target or "").endswith(".external_id")
                            or (c.target is None and looks_like_id(c.header)))
    ]  # fmt: skip
    if not candidates:
        return
    named = {id(c): c.target for c in candidates}
    for col in candidates:
        col.target = None

    def said(col: ColumnGuess, *entities: str) -> bool:
        return (named[id(col)] or "").split(".")[0] in entities

    company_key: ColumnGuess | None = None
    contact_key: ColumnGuess | None = None
    sure = True
    name_col = next((c for c in cols if c.target == "company.company_name"), None)
    names = rows.of(name_col.header) if name_col is not None else ()
    flat = role is Role.FLAT and has_person and has_company and name_col is not None
    if flat:
        if companies_repeat(names):
            following = [c for c in candidates if follows_company(rows.of(c.header), names)]
            company_key = next(iter(following), None)
            unique = [c for c in candidates
                      if c is not company_key and unique_per_row(rows.of(c.header))]  # fmt: skip
            contact_key = next(iter(unique), None)
        else:  # every company once: the values cannot tell; the header's words must
            sure = False
            by_words = [c for c in candidates if said(c, "company") or names_company(c.header)]
            by_words = [c for c in by_words if unique_per_row(rows.of(c.header))]
            company_key = next(iter(by_words), None)
            rest = [c for c in candidates
                    if c is not company_key and unique_per_row(rows.of(c.header))]  # fmt: skip
            contact_key = next(iter(rest), None)
    elif has_person:
        unique = [c for c in candidates
                  if unique_per_row(rows.of(c.header)) and not said(c, "company")]  # fmt: skip
        contact_key = next(iter(unique), None)
    else:
        unique = [c for c in candidates if unique_per_row(rows.of(c.header))]
        company_key = next(iter(unique), None)
    if company_key is not None:
        company_key.target = "company.external_id"
        company_key.confident = sure and company_key.confident
        if role is Role.FLAT and has_person:
            company_key.notes.append(
                "the same value whenever the company is the same: the company's own number"
                if sure else "every company is on one row only, so the values cannot tell"
            )  # fmt: skip
        _name_blanks(company_key, rows, "name")
    if contact_key is not None:
        contact_key.target = "contact.external_id"
        contact_key.confident = sure and contact_key.confident
        if role is Role.FLAT and has_company:
            contact_key.notes.append("a different value on every row: the contact's own number")
        _name_blanks(contact_key, rows, "e-mail")
    for col in candidates:
        if col.target is not None:
            continue
        values = rows.of(col.header)
        stops: list[str] = []
        if flat and (said(col, "company") or names_company(col.header)):
            stops = company_conflicts(values, names, rows.numbers)
        stops = stops or repeated_values(values, rows.numbers)
        if stops:
            col.notes.append("not used as a key: " + "; ".join(stops))
        elif named[id(col)] is not None:
            col.notes.append("looks like an id, but its values fit neither the company nor "
                             "the contact")  # fmt: skip


def _name_blanks(key: ColumnGuess, rows: _Rows, instead: str) -> None:
    empty = blank_rows(rows.of(key.header), rows.numbers)
    if empty:
        key.confident = False
        key.notes.append(f"{rows_text(empty)} {'has' if len(empty) == 1 else 'have'} none "
                         f"(found by {instead} instead)")  # fmt: skip


def _distinct_rows(headers: Sequence[str], sample: SheetSample) -> _Rows:
    """The sampled rows without those that repeat another row exactly (a row pasted twice is
    a duplicate to report, not evidence that an id column repeats)."""
    seen: set[tuple[str | None, ...]] = set()
    kept: dict[str, list[str | None]] = {h: [] for h in headers}
    numbers: list[int] = []
    for number, cells in sample.cells():
        row = tuple(cells)
        if row in seen:
            continue
        seen.add(row)
        numbers.append(number)
        for h, value in zip(headers, row, strict=True):
            kept[h].append(value)
    return _Rows(kept, numbers)


def _positions(cols: list[ColumnGuess]) -> None:
    """In a flat file "Position"/"Funktion" beside a company is the role AT that company
    (link.position); "Job Title" is the person's own title. One such column alone becomes
    the link's position, with the alternative named."""
    free = [c for c in cols if not c.fixed and c.target == "contact.position"]
    free = [c for c in free if c.confident] or free  # a header that only resembles one aside
    roles = [c for c in free if normalize_header(c.header) in ROLE_HEADERS]
    jobs = [c for c in free if c not in roles]
    alone = (len(roles) + len(jobs)) == 1
    chosen = roles[0] if roles else (jobs[0] if alone else None)
    if chosen is None:
        return
    chosen.target = LINK_POSITION
    chosen.notes.append("the contact's position at the company on the same row")
    if alone:
        chosen.notes.append("if it is the person's own job title whatever the company, move "
                            "it under contact: fields as position")  # fmt: skip


def _deduplicate(cols: list[ColumnGuess]) -> None:
    taken: dict[str, ColumnGuess] = {}
    ranked = sorted(cols, key=lambda c: (c.fixed, c.match.score if c.match else 0.0), reverse=True)
    for col in ranked:
        if not col.target:
            continue
        if col.target in taken:
            col.notes.append(f"also looks like {col.target}, which '{taken[col.target].header}' "
                             "already fills")  # fmt: skip
            col.target = None
        else:
            taken[col.target] = col


def plan_sheet(
    sample: SheetSample,
    *,
    role: Role = Role.FLAT,
    template: bool = False,
    today: date | None = None,
    company_ref: str | None = None,
) -> SheetPlan:
    """What each column of one sheet becomes; ``role`` is the sheet's job in the file;
    ``template``: the sheet is the bulkio template's, so its labels are taken as they are;
    ``today`` places two-digit years (default: the current date); ``company_ref``: on a
    contacts sheet, the column that names each contact's company."""
    footers = find_footers(sample.cells()[-FOOTER_ROWS:])
    sample = sample.without(footers.rows)
    headers, samples = sample.headers, sample.samples
    cols = [ColumnGuess(h, match_header(h), look_at(samples.get(h, ()))) for h in headers]
    layout_sheet = role if template and role is not Role.FLAT else None
    for col in cols:
        if layout_sheet is None or not _layout_target(col, layout_sheet):
            _initial_target(col)
    has_person, has_company = _people_and_companies(cols, role)
    _references(cols, samples, role, company_ref)
    _assign_keys(cols, _distinct_rows(headers, sample), role, has_person, has_company)
    if role is Role.FLAT and has_person and has_company:
        _positions(cols)
    _resolve_any(cols, has_person, has_company)
    _deduplicate(cols)
    plan = SheetPlan(
        role, sample.name, sample.header_row, tuple(headers), has_person, has_company,
        {"company": [], "contact": [], "link": []}, {}, {}, [], [], [], [],
        footers=footers if footers.rows else None,
    )  # fmt: skip
    gather_evidence(plan, cols, samples)
    write_fields(plan, cols, samples, today or date.today())
    return plan


def draft_mapping(
    headers: Sequence[str],
    samples: Mapping[str, Sequence[str | None]],
    *,
    source: str = "the file",
    sheet: str | int = 0,
    header_row: int | None = None,
    rows: Sequence[int] = (),
) -> Draft:
    """A mapping draft for a sheet with these headers; ``samples`` are some of each
    column's values (the first few hundred rows are plenty), ``rows`` their row numbers."""
    sample = SheetSample(sheet, tuple(headers), samples, header_row, tuple(rows))
    return draft_of([plan_sheet(sample)], source=source)
