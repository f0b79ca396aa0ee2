"""A commented mapping draft from a header row and a sample of its values.

Confident choices are written plainly; guesses carry a ``# CHECK:`` comment saying why they
were made; columns without a home are listed at the end, so the user sees what is left.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bulkio.core.suggest.matching import HeaderMatch, match_header
from bulkio.core.suggest.sniffing import EMPTY_DATES, ColumnLook, look_at
from bulkio.core.suggest.synonyms import COMPANY_IDS_ELSEWHERE, normalize_header

GENDER_MAP: dict[str, str | None] = {
    "herr": "male", "frau": "female", "mr": "male", "mr.": "male", "mrs": "female",
    "mrs.": "female", "ms": "female", "ms.": "female", "männlich": "male",
    "weiblich": "female", "male": "male", "female": "female", "m": "male", "w": "female",
    "f": "female", "divers": "diverse", "diverse": "diverse",
}  # fmt: skip
_BY_VALUES = {"email": "any.email", "phone": "any.phone", "url": "company.homepage"}
_ANY_CONTACT = {"email": "email", "phone": "telephone", "fax": "fax", "locale": "locale"}
_ANY_COMPANY = {"email": "email_general", "phone": "phone", "fax": "fax", "locale": "locale"}


@dataclass(frozen=True)
class Choice:
    """One column's proposed target and how sure the draft is."""

    column: str
    target: str  # "contact.email", "company.address_invoice_zip", "link.position"
    confident: bool
    note: str = ""
    options: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    text: str  # the YAML, with comments
    choices: tuple[Choice, ...]
    unmapped: tuple[str, ...]
    questions: tuple[str, ...]  # what the user still has to decide

    def target_of(self, column: str) -> str | None:
        """The field the draft gives a column (a split column gives its first part)."""
        return next((c.target for c in self.choices if c.column == column), None)


@dataclass
class _Column:
    header: str
    match: HeaderMatch | None
    look: ColumnLook
    target: str | None = None
    confident: bool = True
    notes: list[str] = field(default_factory=list)


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


def _resolve(cols: list[_Column]) -> tuple[bool, bool]:
    targets = {c.target for c in cols if c.target}
    has_person = any(t.startswith("contact.") for t in targets)
    has_company = "company.company_name" in targets
    elsewhere = {normalize_header(w) for w in COMPANY_IDS_ELSEWHERE}
    if has_person and any(normalize_header(c.header) in elsewhere for c in cols):
        has_company = False  # the companies are in another file: the addresses are the person's
    for col in cols:
        if not col.target or not col.target.startswith("any."):
            continue
        name = col.target.removeprefix("any.")
        if name == "external_id":
            col.target = ("contact." if has_person else "company.") + "external_id"
        elif name.startswith("address_"):
            if has_company or not has_person:
                col.target = "company.address_invoice_" + name.removeprefix("address_")
            else:
                col.target = "contact." + name
        elif has_person:
            col.target = "contact." + _ANY_CONTACT.get(name, name)
        else:
            col.target = "company." + _ANY_COMPANY.get(name, name)
    return has_person, has_company


def _deduplicate(cols: list[_Column]) -> None:
    taken: dict[str, _Column] = {}
    ranked = sorted(cols, key=lambda c: c.match.score if c.match else 0.0, reverse=True)
    for col in ranked:
        if not col.target:
            continue
        if col.target in taken:
            col.notes.append(f"also looks like {col.target}, which '{taken[col.target].header}' "
                             "already fills")  # fmt: skip
            col.target = None
        else:
            taken[col.target] = col


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _spec(column: str, **options: object) -> str:
    parts = [f"column: {_q(column)}"]
    for key, value in options.items():
        parts.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "{" + ", ".join(parts) + "}"


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
    cols = [_Column(h, match_header(h), look_at(samples.get(h, ()))) for h in headers]
    for col in cols:
        _initial_target(col)
    _deduplicate(cols)
    has_person, has_company = _resolve(cols)
    _deduplicate(cols)

    fields: dict[str, list[tuple[str, str, str]]] = {"company": [], "contact": [], "link": []}
    keys: dict[str, str] = {}
    choices: list[Choice] = []
    questions: list[str] = []
    date_formats: list[str] = []
    regions: list[str] = []
    house_columns = {c.target for c in cols if c.target and c.target.endswith("_house")}

    def add(col: _Column, target: str, spec: str, extra_note: str = "") -> None:
        section, name = target.split(".", 1)
        notes = [*col.notes, extra_note] if extra_note else list(col.notes)
        comment = ("CHECK: " if not col.confident else "") + "; ".join(n for n in notes if n)
        fields[section].append((name, spec, comment))
        choices.append(Choice(col.header, target, col.confident, "; ".join(notes)))

    for col in cols:
        target, look = col.target, col.look
        if target is None:
            continue
        if target.endswith(".external_id"):
            keys[target.split(".")[0]] = col.header
            choices.append(Choice(col.header, target, col.confident, "; ".join(col.notes)))
            continue
        if target == "contact.full_name":
            for part in ("title", "first", "last"):
                name = {"title": "title", "first": "first_name", "last": "last_name"}[part]
                if not any(c.target == f"contact.{name}" for c in cols):
                    add(col, f"contact.{name}", _spec(col.header, split_name=part))
            continue
        values = {str(v).strip() for v in samples.get(col.header, ()) if v and str(v).strip()}
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
            date_formats.append(look.date_format)
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
            questions.append(f"the date format of '{col.header}' (add formats: [...])")
            continue
        if look.kind == "phone" and look.phone_region:
            regions.append(look.phone_region)
        street_house = target.endswith("_street") and look.street_with_house
        if street_house and target.replace("_street", "_house") not in house_columns:
            add(col, target, _spec(col.header, split_street="street"),
                "street and house number are in one cell; they are split")  # fmt: skip
            add(col, target.replace("_street", "_house"), _spec(col.header, split_street="house"))
            continue
        add(col, target, _spec(col.header))

    unmapped = tuple(c.header for c in cols if c.target is None)
    if not has_person and not has_company:
        questions.append("no column was recognised as a name, a company or an e-mail")
    if has_person and not any(t.target in ("contact.last_name", "contact.email",
                                           "contact.full_name") for t in cols):  # fmt: skip
        questions.append("which column holds the last name or the e-mail (one is required)")
    region = max(set(regions), key=regions.count) if regions else "DE"
    text = _render(
        source,
        sheet,
        header_row,
        has_person,
        has_company,
        keys,
        fields,
        unmapped,
        questions,
        region,
        sorted(set(date_formats)),
        cols,
    )
    return Draft(text, tuple(choices), unmapped, tuple(questions))


def _render(
    source: str,
    sheet: str | int,
    header_row: int | None,
    has_person: bool,
    has_company: bool,
    keys: Mapping[str, str],
    fields: Mapping[str, list[tuple[str, str, str]]],
    unmapped: Sequence[str],
    questions: Sequence[str],
    region: str,
    date_formats: Sequence[str],
    cols: Sequence[_Column],
) -> str:
    out = [
        f"# Mapping drafted by 'bulkio mapping suggest' from {source}.",
        "# Plain lines are confident; lines marked 'CHECK:' are guesses: read them, fix what",
        "# is wrong, then run 'bulkio check' with this file. The format: mappings/README.md.",
        "version: 1",
        "input:",
    ]
    role = "flat" if has_person else "companies"
    row = f", header_row: {header_row}" if header_row else ""
    out.append(f"  {role}: {{sheet: {_q(sheet) if isinstance(sheet, str) else sheet}{row}}}")
    out += ["defaults:", f"  phone_region: {region}"]
    if date_formats:
        out.append(f"  date_formats: {json.dumps(list(date_formats))}")
    if has_company or not has_person:
        out += ["company:", "  key:"]
        if "company" in keys:
            out.append(f"    external_id: {{column: {_q(keys['company'])}}}")
        out.append("    match: name")
        out.append("  fields:" if fields["company"] else "  fields: {}")
        out += _field_lines(fields["company"])
    if has_person:
        out += ["contact:", "  key:"]
        if "contact" in keys:
            out.append(f"    external_id: {{column: {_q(keys['contact'])}}}")
        out.append("    match: email")
        out.append("  fields:" if fields["contact"] else "  fields: {}")
        out += _field_lines(fields["contact"])
    if fields["link"]:
        name, spec, comment = fields["link"][0]
        out += ["link:", f"  {name}: {spec}" + (f"  # {comment}" if comment else "")]
    if unmapped:
        out.append("# Not mapped (no home in Kanbert found). To keep one, add it under fields as")
        out.append("# custom_fields.<alias>: {column: ..., type: string} (the alias from Kanbert):")
        notes = {c.header: "; ".join(c.notes) for c in cols}
        for header in unmapped:
            out.append(f"#   - {_q(header)}" + (f"  ({notes[header]})" if notes[header] else ""))
    if questions:
        out.append("# Still to decide:")
        out += [f"#   - {q}" for q in questions]
    return "\n".join(out) + "\n"


def _field_lines(entries: Sequence[tuple[str, str, str]]) -> list[str]:
    return [f"    {n}: {s}" + (f"  # {c}" if c else "") for n, s, c in entries]
