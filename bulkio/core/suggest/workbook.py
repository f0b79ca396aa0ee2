"""Which sheets of a file to read, chosen by evidence, and one draft reading them.

Each sheet is looked at on its own: the fields its headers name, the shapes of its values
(e-mails, phone numbers, postcodes, dates), its row count. A sheet holding people and sheets
holding only companies are read together (``input: companies/contacts/links``) only when
they refer to each other: a column of the people's sheet whose values are the ids or names of
the companies' sheet. A supplier list beside a customer list refers to nothing, so it is
not paired: one sheet is read, chosen by its name (the one the file is named for, a customer
or contact list over a supplier list or an archive), what it holds and its size, and the
others are named with the reason they are left out. The bulkio template is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bulkio.core.entities import Role
from bulkio.core.layout import SHEETS, build_layout, sheet_for_title
from bulkio.core.layout import normalize_header as layout_header
from bulkio.core.suggest.draft import Draft, SheetPlan, SheetSample
from bulkio.core.suggest.drafting import plan_sheet
from bulkio.core.suggest.keys import looks_like_id, names_company, names_person
from bulkio.core.suggest.rendering import draft_of
from bulkio.core.suggest.sniffing import look_at
from bulkio.core.suggest.synonyms import normalize_header

_SHAPES = {"email": "e-mails", "phone": "phone numbers", "date": "dates", "url": "web addresses"}
_ZIP = re.compile(r"^(?:[A-Z]{1,2}-?)?\d{4,5}$|^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)
_LISTS = ("kunde", "kontakt", "adress", "customer", "contact", "client", "address", "mandant",
          "mitglied", "member", "person", "ansprech", "firmen", "compan")  # fmt: skip
_ASIDE = ("lieferant", "supplier", "vendor", "archiv", "alt", "old", "ehemalig", "former",
          "gelöscht", "deleted", "vorlage", "template", "beispiel", "example", "test",
          "kopie", "copy", "backup", "hinweis", "anleitung", "info")  # fmt: skip
_HOLDS = {
    Role.FLAT: "companies and contacts",
    Role.COMPANIES: "companies",
    Role.CONTACTS: "contacts",
    Role.LINKS: "links between contacts and companies",
}
OVERLAP = 0.8  # this share of a reference column's values must be found in the other sheet


@dataclass(frozen=True)
class SheetLook:
    """One sheet looked at alone: what it holds and what shows it."""

    sample: SheetSample
    role: Role | None  # None: holds no companies, contacts or links
    plan: SheetPlan  # the sheet planned alone
    shapes: tuple[str, ...]  # "e-mails", "phone numbers", "postcodes", "dates"
    index: int

    @property
    def name(self) -> str:
        return str(self.sample.name)

    def describe(self) -> str:
        """'24 rows of companies and contacts; headers name Firma, E-Mail, Telefon and 4
        more; values: e-mails, phone numbers'."""
        holds = _HOLDS[self.role] if self.role else "nothing bulkio imports"
        recognised = list(dict.fromkeys(c.column for c in self.plan.choices))
        footers = self.plan.footers
        rows = self.sample.size - (len(footers.rows) if footers is not None else 0)
        text = f"{rows} rows of {holds}"
        if recognised:
            shown = ", ".join(recognised[:4])
            more = f" and {len(recognised) - 4} more" if len(recognised) > 4 else ""
            text += f"; headers name {shown}{more}"
        if self.shapes:
            text += f"; values: {', '.join(self.shapes)}"
        return text


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


def look_at_sheet(sample: SheetSample, index: int = 0, today: date | None = None) -> SheetLook:
    """What one sheet holds, judged by its headers and values."""
    plan = plan_sheet(sample, today=today)
    role: Role | None = None
    if plan.has_person and plan.has_company:
        role = Role.FLAT
    elif plan.has_person:
        role = Role.CONTACTS
    elif plan.has_company:
        role = Role.COMPANIES
    elif len(sample.headers) <= 4 and any(map(names_person, sample.headers)):
        role = Role.LINKS if any(map(names_company, sample.headers)) else None
    if role is None and len(sample.headers) > 1:
        role = sheet_for_title(str(sample.name))
    shapes: list[str] = []
    for header in sample.headers:
        values = sample.samples.get(header, ())
        kind = look_at(values).kind
        if kind in _SHAPES and _SHAPES[kind] not in shapes:
            shapes.append(_SHAPES[kind])
        filled = [v.strip() for v in values if v and v.strip()]
        if filled and "postcodes" not in shapes and _mostly_postcodes(filled):
            shapes.append("postcodes")
    return SheetLook(sample, role, plan, tuple(shapes), index)


def _mostly_postcodes(values: Sequence[str]) -> bool:
    return sum(bool(_ZIP.match(v)) for v in values) >= 0.8 * len(values)


def _distinct(values: Sequence[str | None]) -> set[str]:
    return {v.strip().casefold() for v in values if v is not None and v.strip()}


def _key_columns(sheet: SheetLook) -> dict[str, set[str]]:
    """The columns that name a sheet's records: its ids and its names or e-mails, each with
    its distinct values, only when every row has its own."""
    found: dict[str, set[str]] = {}
    targets = {c.column: c.target for c in sheet.plan.choices}
    for header in sheet.sample.headers:
        target = targets.get(header, "")
        naming = target.endswith(("external_id", "company_name", ".email")) or looks_like_id(header)
        values = [v for v in sheet.sample.samples.get(header, ()) if v and v.strip()]
        distinct = _distinct(values)
        if naming and distinct and len(distinct) == len(values):
            found[header] = distinct
    return found


def refers_to(people: SheetLook, other: SheetLook) -> tuple[str, str, float] | None:
    """The column of ``people`` whose values are the ids or names of ``other``'s rows:
    (its header, the header in ``other``, the share found); None when none is."""
    best: tuple[str, str, float] | None = None
    keys = _key_columns(other)
    for header in people.sample.headers:
        values = _distinct(people.sample.samples.get(header, ()))
        if not values:
            continue
        for key, known in keys.items():
            shared = len(values & known)
            share = shared / len(values)
            enough = share >= OVERLAP and shared >= min(2, len(values))
            if enough and (best is None or share > best[2]):
                best = (header, key, share)
    return best


def _name_rank(name: str, source: str) -> int:
    """2: the sheet the file is named for; 1: a customer or contact list; -1: suppliers,
    archives, examples; 0: nothing said."""
    words = normalize_header(name).replace("_", " ").split()
    stem = normalize_header(source.rsplit(".", 1)[0]).replace("_", " ").split()
    if any(len(w) >= 4 and any(s.startswith(w) or w.startswith(s) for s in stem if len(s) >= 4)
           for w in words):  # fmt: skip
        rank = 2
    elif any(w.startswith(_LISTS) for w in words):
        rank = 1
    else:
        rank = 0
    if any(w.startswith(_ASIDE) for w in words):
        rank = -1
    return rank


def _richness(role: Role | None) -> int:
    return {Role.FLAT: 2, Role.CONTACTS: 1, Role.COMPANIES: 1}.get(role, 0) if role else 0


def draft_file(sheets: Sequence[SheetSample], *, source: str, today: date | None = None) -> Draft:
    """The draft for a file with these sheets: its data sheets paired where they refer to
    each other, else its best data sheet alone; the draft and its notes say which and why."""
    looks = [look_at_sheet(s, i, today) for i, s in enumerate(sheets)]
    data = [s for s in looks if s.role is not None] or looks[:1]
    templated = {s.name: template_role(s.sample.headers) for s in data}
    paired = _pairing(data)
    if len(data) > 1 and all(templated.values()):
        plans, read = _template_plans(data, templated, today)
    elif paired is not None:
        plans, read = _paired_plans(paired, today), paired.sheets
    else:
        chosen = max(
            data,
            key=lambda s: (
                _name_rank(s.name, source), _richness(s.role), len(s.plan.choices),
                s.sample.size, -s.index,
            ),
        )  # fmt: skip
        plans, read = [chosen.plan], (chosen,)
        if len(sheets) > 1:
            chosen.plan.why = f"sheet '{chosen.name}': {chosen.describe()}"
    names = " and ".join(f"'{s.name}'" for s in read)
    left_out = [_left_out(s, names, source) for s in data if s not in read]
    aside = [
        f"sheet '{s.name}' is not read: it holds no companies or contacts"
        for s in looks
        if s not in read and s not in data
    ]
    return draft_of(plans, source=source, left_out=left_out, aside=aside)


def _left_out(sheet: SheetLook, read: str, source: str) -> str:
    return (
        f"sheet '{sheet.name}' is not read ({sheet.describe()}): its rows are not the "
        f"companies or contacts of {read} (none of its ids or names appear there); to import "
        f'it, draft its own mapping: bulkio mapping suggest {source} --sheet "{sheet.name}"'
    )


@dataclass(frozen=True)
class _Pairing:
    companies: SheetLook
    contacts: SheetLook
    reference: tuple[str, str, float]  # contacts' column, companies' column, share found
    links: SheetLook | None = None

    @property
    def sheets(self) -> tuple[SheetLook, ...]:
        found = (self.companies, self.contacts, self.links)
        return tuple(s for s in found if s is not None)


def _pairing(data: Sequence[SheetLook]) -> _Pairing | None:
    """Companies and contacts sheets that refer to each other (and a links sheet between
    them); None when no two sheets do."""
    best: _Pairing | None = None
    for people in data:
        if people.role not in (Role.FLAT, Role.CONTACTS):
            continue
        for firms in data:
            if firms is people or firms.role is not Role.COMPANIES:
                continue
            found = refers_to(people, firms)
            if found is not None and (best is None or found[2] > best.reference[2]):
                best = _Pairing(firms, people, found)
    if best is None:
        return None
    for sheet in data:
        if sheet.role is Role.LINKS and refers_to(sheet, best.companies):
            return _Pairing(best.companies, best.contacts, best.reference, sheet)
    return best


def _paired_plans(paired: _Pairing, today: date | None) -> list[SheetPlan]:
    column, key, share = paired.reference
    plans = []
    for role, sheet in zip(SHEETS, paired.sheets, strict=False):
        ref = column if sheet is paired.contacts else None
        plan = plan_sheet(sheet.sample, role=role, today=today, company_ref=ref)
        plan.why = f"sheet '{sheet.name}' as the {role}: {sheet.describe()}"
        plans.append(plan)
    plans[1].why += (
        f"; its column '{column}' names the companies of '{paired.companies.name}' "
        f"({share:.0%} of its values are in '{key}' there)"
    )
    return plans


def _template_plans(
    data: Sequence[SheetLook], templated: Mapping[str, Role | None], today: date | None
) -> tuple[list[SheetPlan], tuple[SheetLook, ...]]:
    """The bulkio template's sheets, each in the role its labels say."""
    chosen: dict[Role, SheetLook] = {}
    questions: list[str] = []
    for sheet in data:
        role = templated[sheet.name]
        assert role is not None
        if role in chosen:
            questions.append(f"sheet '{sheet.name}' also looks like {role}; only "
                             f"'{chosen[role].name}' is read")  # fmt: skip
            continue
        chosen[role] = sheet
    plans = []
    for role in SHEETS:
        if (found := chosen.get(role)) is not None:
            plan = plan_sheet(found.sample, role=role, template=True, today=today)
            plan.why = f"sheet '{found.name}' as the {role} of the bulkio template"
            plans.append(plan)
    plans[0].questions.extend(questions)
    return plans, tuple(chosen.values())
