"""The draft as YAML text: one or more sheet plans, with comments saying what to check."""

from __future__ import annotations

import json
import textwrap
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
        [v for p in plans for v in p.addresses],
    )


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _sheet(sheet: str | int) -> str:
    return _q(sheet) if isinstance(sheet, str) else str(sheet)


def _line(indent: str, name: str, spec: str, comment: str) -> str:
    return f"{indent}{name}: {spec}" + (f"  # {comment}" if comment else "")


def _input_line(plan: SheetPlan, role: Role) -> list[str]:
    """The input line of one sheet, its reason above it and its footers beside it."""
    lines = textwrap.wrap(plan.why, 96, initial_indent="  # ", subsequent_indent="  #   ")
    options = f"sheet: {_sheet(plan.sheet)}"
    if plan.header_row:
        options += f", header_row: {plan.header_row}"
    footers = plan.footers
    comment = ""
    if footers is not None:
        if footers.pattern is not None:
            options += f", skip_rows: {_q(footers.pattern)}"
        comment = footer_note(plan)
        if footers.several:
            comment = "CHECK: " + comment
    lines.append(_line("  ", role, f"{{{options}}}", comment))
    return lines


def footer_note(plan: SheetPlan) -> str:
    """What the draft does with a sheet's footer rows."""
    footers = plan.footers
    if footers is None:
        return ""
    said = "; ".join(f"row {n}: '{t}'" for n, t in zip(footers.rows, footers.texts, strict=True))
    note = f"footer rows, not records ({said})"
    if footers.pattern is not None:
        note += ": skip_rows skips them"
    if footers.several:
        rows = ", ".join(str(n) for n in footers.several)
        note += (
            f"; row(s) {rows} fill more than one cell, which skip_rows does not skip: "
            "delete them from the file"
        )
    return note


def _held(plans: Sequence[SheetPlan], section: str) -> list[str]:
    """The fields a draft leaves switched off (values Kanbert must know), as comments."""
    return [
        _line("    # ", target.split(".", 1)[1], spec, why)
        for p in plans
        for target, spec, why in p.held
        if target.startswith(f"{section}.")
    ]


def draft_of(
    plans: Sequence[SheetPlan],
    *,
    source: str,
    left_out: Sequence[str] = (),
    aside: Sequence[str] = (),
) -> Draft:
    """The finished draft of a file made of these sheet plans (one for a flat file);
    ``left_out`` names the file's other data sheets and why they are not read (in the draft
    and its notes), ``aside`` the sheets that hold no data (in the notes only)."""
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
    ]
    for note in left_out:
        out += textwrap.wrap(note, 96, initial_indent="# ", subsequent_indent="#   ")
    out += ["version: 1", "input:"]
    for plan in plans:
        role = plan.role
        if not several:
            role = Role.FLAT if plan.has_person else Role.COMPANIES
        out += _input_line(plan, role)
    check = "" if region.sure else "CHECK: "
    out += ["defaults:", f"  phone_region: {region.region}  # {check}national numbers: "
            f"{region.reason}"]  # fmt: skip
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
        joined = next((p.several for p in plans if p.several), None)
        if entity is Entity.COMPANY and joined is not None:
            out.append(f"  several: {_q(joined)}  # some rows name several companies")
        for ref in _REF_NAMES:
            if ref.startswith(f"{entity}.") and ref in refs:
                column, comment = refs[ref]
                out.append(_line("  ", _REF_NAMES[ref], f"{{column: {_q(column)}}}", comment))
        out.append("  fields:" if fields[entity] else "  fields: {}")
        out += [_line("    ", n, s, c) for n, s, c in fields[entity]]
        out += _held(plans, entity)
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
    reads = [f"reads {p.why}" for p in plans if p.why]
    footers = [
        (f"sheet '{p.sheet}': " if isinstance(p.sheet, str) else "") + footer_note(p)
        for p in plans
        if p.footers
    ]
    return Draft(
        "\n".join(out) + "\n",
        tuple(choices),
        tuple(c for _, c, _ in unmapped),
        tuple(questions),
        (*reads, *left_out, *aside, *footers),
    )
