"""The draft as YAML text: one or more sheet plans, with comments saying what to check."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bulkio.core.entities import Entity, Role
from bulkio.core.suggest.draft import Choice, Draft, SheetPlan
from bulkio.core.suggest.region import RegionChoice, choose_region

_REF_NAMES = {
    "contact.company": "company",
    "contact.company_position": "company_position",
    "link.contact": "contact",
    "link.company": "company",
}


def region_of(plans: Sequence[SheetPlan]) -> RegionChoice:
    """The file's phone region from the evidence of all its sheets."""
    return choose_region(
        [v for p in plans for v in p.phones],
        [v for p in plans for v in p.countries],
        [v for p in plans for v in p.zips],
        [h for p in plans for h in p.headers],
    )


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _sheet(sheet: str | int) -> str:
    return _q(sheet) if isinstance(sheet, str) else str(sheet)


def _line(indent: str, name: str, spec: str, comment: str) -> str:
    return f"{indent}{name}: {spec}" + (f"  # {comment}" if comment else "")


def draft_of(plans: Sequence[SheetPlan], *, source: str) -> Draft:
    """The finished draft of a file made of these sheet plans (one for a flat file)."""
    region = region_of(plans)
    formats = sorted({f for p in plans for f in p.date_formats})
    questions = [q for p in plans for q in p.questions]
    several = len(plans) > 1
    has_person = any(p.has_person for p in plans)
    has_company = any(p.has_company for p in plans)
    out = [
        f"# Mapping drafted by 'bulkio mapping suggest' from {source}.",
        "# Plain lines are confident; lines marked 'CHECK:' are guesses: read them, fix what",
        "# is wrong, then run 'bulkio check' with this file. The format: mappings/README.md.",
        "version: 1",
        "input:",
    ]
    for plan in plans:
        role = plan.role
        if not several:
            role = Role.FLAT if plan.has_person else Role.COMPANIES
        row = f", header_row: {plan.header_row}" if plan.header_row else ""
        out.append(f"  {role}: {{sheet: {_sheet(plan.sheet)}{row}}}")
    out += ["defaults:", f"  phone_region: {region.region}  # national numbers: {region.reason}"]
    if formats:
        out.append(f"  date_formats: {json.dumps(formats)}")
    keys = {e: k for p in reversed(plans) for e, k in p.keys.items()}
    refs = {r: v for p in reversed(plans) for r, v in p.refs.items()}
    fields = {s: [f for p in plans for f in p.fields[s]] for s in (*Entity, "link")}
    shown = {Entity.COMPANY: has_company or not has_person, Entity.CONTACT: has_person}
    for entity in Entity:
        if not shown[entity]:
            continue
        out += [f"{entity}:", "  key:"]
        if entity in keys:
            column, comment = keys[entity]
            out.append(_line("    ", "external_id", f"{{column: {_q(column)}}}", comment))
        out.append(f"    match: {entity.match}")
        for ref in _REF_NAMES:
            if ref.startswith(f"{entity}.") and ref in refs:
                column, comment = refs[ref]
                out.append(_line("  ", _REF_NAMES[ref], f"{{column: {_q(column)}}}", comment))
        out.append("  fields:" if fields[entity] else "  fields: {}")
        out += [_line("    ", n, s, c) for n, s, c in fields[entity]]
    link_lines = [_line("  ", n, s, c) for n, s, c in fields["link"][:1]]
    for ref in ("link.contact", "link.company"):
        if ref in refs:
            column, comment = refs[ref]
            link_lines.append(_line("  ", _REF_NAMES[ref], f"{{column: {_q(column)}}}", comment))
    if link_lines:
        out += ["link:", *link_lines]
    unmapped = [(p.sheet, c, why) for p in plans for c, why in p.unmapped]
    if unmapped:
        out.append("# Not mapped (no home in Kanbert found). To keep one, add it under fields as")
        out.append("# custom_fields.<alias>: {column: ..., type: string} (the alias from Kanbert):")
        for sheet, column, why in unmapped:
            where = f"sheet {_sheet(sheet)}: " if several else ""
            out.append(f"#   - {where}{_q(column)}" + (f"  ({why})" if why else ""))
    if questions:
        out.append("# Still to decide:")
        out += [f"#   - {q}" for q in questions]
    choices: list[Choice] = [c for p in plans for c in p.choices]
    return Draft(
        "\n".join(out) + "\n",
        tuple(choices),
        tuple(c for _, c, _ in unmapped),
        tuple(questions),
    )
