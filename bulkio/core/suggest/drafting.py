"""A commented mapping draft from a header row and a sample of its values.

Confident choices are written plainly; guesses carry a ``# CHECK:`` comment saying why they
were made; columns without a home are listed at the end, so the user sees what is left.
One sheet is planned at a time (:func:`plan_sheet`); a flat file is one plan, a workbook with
separate companies, contacts and links sheets is several (:mod:`.workbook`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bulkio.core.entities import Entity, Role
from bulkio.core.layout import Column, build_layout
from bulkio.core.layout import normalize_header as layout_header
from bulkio.core.suggest.draft import Choice, Draft, SheetPlan
from bulkio.core.suggest.keys import (
    companies_repeat,
    follows_company,
    looks_like_id,
    names_company,
    names_person,
    unique_per_row,
)
from bulkio.core.suggest.matching import HeaderMatch, match_header
from bulkio.core.suggest.rendering import draft_of
from bulkio.core.suggest.sniffing import EMPTY_DATES, ColumnLook, look_at
from bulkio.core.suggest.synonyms import COMPANY_IDS_ELSEWHERE, ROLE_HEADERS, normalize_header

GENDER_MAP: dict[str, str | None] = {
    "herr": "male", "frau": "female", "mr": "male", "mr.": "male", "mrs": "female",
    "mrs.": "female", "ms": "female", "ms.": "female", "männlich": "male",
    "weiblich": "female", "male": "male", "female": "female", "m": "male", "w": "female",
    "f": "female", "divers": "diverse", "diverse": "diverse",
}  # fmt: skip
_BY_VALUES = {"email": "any.email", "phone": "any.phone", "url": "company.homepage"}
_ANY_CONTACT = {"email": "email", "phone": "telephone", "fax": "fax", "locale": "locale"}
_ANY_COMPANY = {"email": "email_general", "phone": "phone", "fax": "fax", "locale": "locale"}
_PHONE_FIELDS = ("telephone", "mobile", "phone", "fax")
# references between records, rendered outside ``fields``
REF_CONTACT_COMPANY = "contact.company"
REF_CONTACT_POSITION = "contact.company_position"
REF_LINK_CONTACT = "link.contact"
REF_LINK_COMPANY = "link.company"
LINK_POSITION = "link.position"
_REFS = (REF_CONTACT_COMPANY, REF_CONTACT_POSITION, REF_LINK_CONTACT, REF_LINK_COMPANY)
__all__ = ["Choice", "Draft", "SheetPlan", "draft_mapping", "plan_sheet"]


@dataclass
class _Column:
    header: str
    match: HeaderMatch | None
    look: ColumnLook
    target: str | None = None
    confident: bool = True
    notes: list[str] = field(default_factory=list)
    fixed: bool = False  # an exact label of the bulkio template: nothing second-guesses it


def _layout_target(col: _Column, sheet: Role) -> bool:
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


def _initial_target(col: _Column) -> None:
    m, look = col.match, col.look
    if look.kind == "profile_url":
        col.target, col.confident = "any.external_id", m is not None and m.confident
        col.notes.append("the values are profile links, one per person: a good key")
        return
    if m is not None:
        col.target, col.confident = m.target, m.confident
        if not m.confident:
            col.notes.append(f"the header looks like '{m.matched}' ({m.score:.0f}%)")
        if m.target == "contact.last_name" and m.matched == "name" and look.kind == "full_name":
            col.target = "contact.full_name"
            col.notes.append("the values look like whole names; they are split")
        if m.target == "contact.title" and look.kind == "job_title":
            col.target = "contact.position"
            col.notes.append("the values are job titles, not academic titles")
        if m.target in ("contact.last_name", "contact.full_name") and look.kind == "company":
            col.target = "company.company_name"
            col.notes.append("the values look like company names (GmbH, KG, Ltd...)")
        expected = {"any.email": "email", "any.phone": "phone", "contact.mobile": "phone"}
        want = expected.get(m.target)
        if want and look.filled and look.kind not in (want, None):
            col.confident = False
            col.notes.append(f"but the values look like {look.kind} values")
        return
    by_values = _BY_VALUES.get(look.kind or "")
    if by_values:
        col.target, col.confident = by_values, False
        col.notes.append(f"the header says nothing, but {look.share:.0%} of the values are "
                         f"{look.kind} values")  # fmt: skip


def _people_and_companies(cols: list[_Column], role: Role) -> tuple[bool, bool]:
    if role is not Role.FLAT:
        return role.holds(Entity.CONTACT), role.holds(Entity.COMPANY)
    targets = {c.target for c in cols if c.target}
    has_person = any(t.startswith("contact.") for t in targets)
    has_company = "company.company_name" in targets
    elsewhere = {normalize_header(w) for w in COMPANY_IDS_ELSEWHERE}
    if has_person and any(normalize_header(c.header) in elsewhere for c in cols):
        has_company = False  # the companies are in another file: the addresses are the person's
    return has_person, has_company


def _resolve_any(cols: list[_Column], has_person: bool, has_company: bool) -> None:
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
    cols: list[_Column], samples: Mapping[str, Sequence[str | None]], role: Role
) -> None:
    """On a contacts sheet: the column naming the contact's company and the position there;
    on a links sheet: the contact, the company and the position."""
    free = [c for c in cols if not c.fixed]
    if role is Role.CONTACTS:
        if any(c.target == REF_CONTACT_COMPANY for c in cols):
            company = None
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
    cols: list[_Column], samples: Mapping[str, Sequence[str | None]], role: Role,
    has_person: bool, has_company: bool,
) -> None:  # fmt: skip
    """Give the id columns to the company and the contact by what their values do."""
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

    def values(col: _Column) -> Sequence[str | None]:
        return samples.get(col.header, ())

    def said(col: _Column, *entities: str) -> bool:
        return (named[id(col)] or "").split(".")[0] in entities

    company_key: _Column | None = None
    contact_key: _Column | None = None
    sure = True
    name_col = next((c for c in cols if c.target == "company.company_name"), None)
    if role is Role.FLAT and has_person and has_company and name_col is not None:
        names = values(name_col)
        if companies_repeat(names):
            following = [c for c in candidates if follows_company(values(c), names)]
            company_key = next(iter(following), None)
            unique = [c for c in candidates if c is not company_key and unique_per_row(values(c))]
            contact_key = next(iter(unique), None)
        else:  # every company once: the values cannot tell; the header's words must
            sure = False
            by_words = [c for c in candidates if said(c, "company") or names_company(c.header)]
            company_key = next(iter(by_words), None)
            rest = [c for c in candidates if c is not company_key and unique_per_row(values(c))]
            contact_key = next(iter(rest), None)
    elif has_person:
        unique = [c for c in candidates if unique_per_row(values(c)) and not said(c, "company")]
        contact_key = next(iter(unique), None)
        if contact_key is None:
            loose = [c for c in candidates if said(c, "contact", "any")]
            contact_key, sure = next(iter(loose), None), False
    else:
        unique = [c for c in candidates if unique_per_row(values(c))]
        company_key = next(iter(unique), None)
        if company_key is None:
            loose = [c for c in candidates if said(c, "company", "any")]
            company_key, sure = next(iter(loose), None), False
    if company_key is not None:
        company_key.target = "company.external_id"
        company_key.confident = sure and company_key.confident
        if role is Role.FLAT and has_person:
            company_key.notes.append(
                "the same value whenever the company is the same: the company's own number"
                if sure else "every company is on one row only, so the values cannot tell"
            )  # fmt: skip
    if contact_key is not None:
        contact_key.target = "contact.external_id"
        contact_key.confident = sure and contact_key.confident
        if role is Role.FLAT and has_company:
            contact_key.notes.append("a different value on every row: the contact's own number")
    for col in candidates:
        if col.target is None and named[id(col)] is not None:
            col.notes.append("looks like an id, but its values fit neither the company nor "
                             "the contact")  # fmt: skip


def _distinct_rows(
    headers: Sequence[str], samples: Mapping[str, Sequence[str | None]]
) -> dict[str, list[str | None]]:
    """The samples without rows that repeat another row exactly (a row pasted twice is a
    duplicate to report, not evidence that an id column repeats)."""
    columns = [list(samples.get(h, ())) for h in headers]
    height = max((len(c) for c in columns), default=0)
    seen: set[tuple[str | None, ...]] = set()
    kept: dict[str, list[str | None]] = {h: [] for h in headers}
    for i in range(height):
        row = tuple(c[i] if i < len(c) else None for c in columns)
        if row in seen:
            continue
        seen.add(row)
        for h, value in zip(headers, row, strict=True):
            kept[h].append(value)
    return kept


def _positions(cols: list[_Column]) -> None:
    """In a flat file "Position"/"Funktion" beside a company is the role AT that company
    (link.position); "Job Title" is the person's own title. One such column alone becomes
    the link's position, with the alternative named."""
    free = [c for c in cols if not c.fixed and c.target == "contact.position"]
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


def _deduplicate(cols: list[_Column]) -> None:
    taken: dict[str, _Column] = {}
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


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _spec(column: str, **options: object) -> str:
    parts = [f"column: {quote(column)}"]
    for key, value in options.items():
        parts.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "{" + ", ".join(parts) + "}"


def plan_sheet(
    headers: Sequence[str],
    samples: Mapping[str, Sequence[str | None]],
    *,
    role: Role = Role.FLAT,
    sheet: str | int = 0,
    header_row: int | None = None,
    template: bool = False,
) -> SheetPlan:
    """What each column of one sheet becomes; ``role`` is the sheet's job in the file;
    ``template``: the sheet is the bulkio template's, so its labels are taken as they are."""
    cols = [_Column(h, match_header(h), look_at(samples.get(h, ()))) for h in headers]
    layout_sheet = role if template and role is not Role.FLAT else None
    for col in cols:
        if layout_sheet is None or not _layout_target(col, layout_sheet):
            _initial_target(col)
    has_person, has_company = _people_and_companies(cols, role)
    _references(cols, samples, role)
    _assign_keys(cols, _distinct_rows(headers, samples), role, has_person, has_company)
    if role is Role.FLAT and has_person and has_company:
        _positions(cols)
    _resolve_any(cols, has_person, has_company)
    _deduplicate(cols)
    plan = SheetPlan(
        role, sheet, header_row, tuple(headers), has_person, has_company,
        {"company": [], "contact": [], "link": []}, {}, {}, [], [], [], [],
    )  # fmt: skip
    _fill(plan, cols, samples)
    return plan


def _fill(
    plan: SheetPlan, cols: list[_Column], samples: Mapping[str, Sequence[str | None]]
) -> None:
    house_columns = {c.target for c in cols if c.target and c.target.endswith("_house")}

    def add(col: _Column, target: str, spec: str, extra_note: str = "") -> None:
        section, name = target.split(".", 1)
        notes = [*col.notes, extra_note] if extra_note else list(col.notes)
        comment = ("CHECK: " if not col.confident else "") + "; ".join(n for n in notes if n)
        plan.fields[section].append((name, spec, comment))
        plan.choices.append(
            Choice(col.header, target, col.confident, "; ".join(notes), {}, plan.sheet)
        )

    def comment(col: _Column) -> str:
        return ("CHECK: " if not col.confident else "") + "; ".join(n for n in col.notes if n)

    for col in cols:
        target, look = col.target, col.look
        if target is None:
            continue
        column_values = samples.get(col.header, ())
        name = target.split(".", 1)[1]
        if name in _PHONE_FIELDS or name.startswith(("telephone", "mobile")):
            plan.phones.extend(column_values)
        if name.endswith("country"):
            plan.countries.extend(column_values)
        if name.endswith("zip"):
            plan.zips.extend(column_values)
        if target.endswith(".external_id"):
            plan.keys[target.split(".")[0]] = (col.header, comment(col))
            plan.choices.append(
                Choice(col.header, target, col.confident, "; ".join(col.notes), {}, plan.sheet)
            )
            continue
        if target in _REFS:
            plan.refs[target] = (col.header, comment(col))
            plan.choices.append(
                Choice(col.header, target, col.confident, "; ".join(col.notes), {}, plan.sheet)
            )
            continue
        if col.fixed and not (look.kind == "date" and look.date_format):
            add(col, target, _spec(col.header))
            continue
        if target == "contact.full_name":
            for part in ("title", "first", "last"):
                field_name = {"title": "title", "first": "first_name", "last": "last_name"}[part]
                if not any(c.target == f"contact.{field_name}" for c in cols):
                    add(col, f"contact.{field_name}", _spec(col.header, split_name=part))
            continue
        values = {str(v).strip() for v in column_values if v and str(v).strip()}
        if target == "contact.gender":
            seen = {v: GENDER_MAP[v.casefold()] for v in sorted(values)
                    if v.casefold() in GENDER_MAP}  # fmt: skip
            add(col, target, _spec(col.header, map=seen or GENDER_MAP, default=None),
                "salutations become male/female; anything else stays empty")  # fmt: skip
            if not any(c.target == "contact.title" for c in cols):
                drop = {v: None for v in sorted(values) if v.casefold() in GENDER_MAP}
                add(col, "contact.title", _spec(col.header, map=drop),
                    "academic titles in the salutation (Dr., Prof.) are kept")  # fmt: skip
            continue
        if look.kind == "date" and look.date_format:
            plan.date_formats.append(look.date_format)
            empty = {e: None for e in sorted(EMPTY_DATES & values)}
            options: dict[str, object] = {"formats": [look.date_format]}
            if empty:
                options["map"] = empty
            add(col, target, _spec(col.header, **options),
                f"dates written like {look.date_format}")  # fmt: skip
            continue
        if target.endswith("birthday"):
            col.confident = False
            add(col, target, _spec(col.header), "the values do not show their date format")
            plan.questions.append(f"the date format of '{col.header}' (add formats: [...])")
            continue
        street_house = target.endswith("_street") and look.street_with_house
        if street_house and target.replace("_street", "_house") not in house_columns:
            add(col, target, _spec(col.header, split_street="street"),
                "street and house number are in one cell; they are split")  # fmt: skip
            add(col, target.replace("_street", "_house"), _spec(col.header, split_street="house"))
            continue
        add(col, target, _spec(col.header))

    plan.unmapped = [(c.header, "; ".join(c.notes)) for c in cols if c.target is None]
    if plan.role is Role.FLAT and not plan.has_person and not plan.has_company:
        plan.questions.append("no column was recognised as a name, a company or an e-mail")
    marked = Entity.CONTACT.required.marked
    person_keys = {*(Entity.CONTACT.key(n) for n in marked), "contact.full_name"}
    if plan.has_person and not any(t.target in person_keys for t in cols):
        plan.questions.append("which column holds the last name or the e-mail (one is required)")


def draft_mapping(
    headers: Sequence[str],
    samples: Mapping[str, Sequence[str | None]],
    *,
    source: str = "the file",
    sheet: str | int = 0,
    header_row: int | None = None,
) -> Draft:
    """A mapping draft for a sheet with these headers; ``samples`` are some of each
    column's values (the first few hundred rows are plenty)."""
    plan = plan_sheet(headers, samples, role=Role.FLAT, sheet=sheet, header_row=header_row)
    return draft_of([plan], source=source)
