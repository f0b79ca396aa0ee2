"""The Validator: batches of source rows in, typed records and row issues out.

Each batch is mapped and normalised column by column (polars), checked as a whole with one
TypeAdapter call per entity, and then checked against the rest of the file: duplicate keys,
flat rows that disagree about the same company, links to companies or contacts that are not
in the file. Between batches only keys stay in memory unless records are kept.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import polars as pl
from pydantic import ValidationError

from bulkio.core.errors import MappingError
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.mapping.columns import check_columns
from bulkio.core.mapping.expressions import field_expr, key_expr, unmapped_expr
from bulkio.core.mapping.schema import ROLES, ExternalIdSpec, Mapping
from bulkio.core.validation.bodies import COMPANY_BODIES, CONTACT_BODIES
from bulkio.core.validation.records import (
    CompanyRecord,
    ContactRecord,
    LinkRecord,
    RecordKey,
    ValidationResult,
)
from bulkio.core.validation.targets import Target, normalize, targets_for

_EXT = "__ext"
_ROLE_OF = {"company": "companies", "contact": "contacts"}
_PAIR = "__ref"

Seen = dict[RecordKey, tuple[int, str | None, dict[str, Any]]]


def _name_key(expr: pl.Expr) -> pl.Expr:
    return expr.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


class Validator:
    """Feed it batches with ``add``; ``finish`` returns records, links, issues and counts."""

    def __init__(self, mapping: Mapping, *, keep_records: bool = True) -> None:
        self.mapping = mapping
        self.keep_records = keep_records
        self._targets = {role: targets_for(mapping, role) for role in mapping.inputs}
        self._issues: list[RowIssue] = []
        self._companies: Seen = {}
        self._contacts: Seen = {}
        self._contact_rows: dict[RecordKey, int] = {}
        self._company_records: dict[RecordKey, CompanyRecord] = {}
        self._contact_records: dict[RecordKey, ContactRecord] = {}
        self._links: dict[tuple[RecordKey, RecordKey], LinkRecord] = {}
        self._pending: list[tuple[str | None, str | None, str | None, int, str | None, str]] = []
        self._rows_by_role: Counter[str] = Counter()
        self._role = ""
        self._bad_rows: set[tuple[str, int]] = set()  # (role, row) with an error

    # -- the public API ------------------------------------------------------------------

    def add(self, role: str, frame: pl.DataFrame, *, sheet: str | None = None) -> None:
        """Validate one batch of rows of ``role`` ("flat", "companies", "contacts", "links")."""
        if role not in ROLES or role not in self._targets:
            raise MappingError(
                f"the mapping does not read a '{role}' sheet; it reads {', '.join(self._targets)}"
            )
        check_columns(self.mapping, role, list(frame.columns), sheet=sheet)
        self._role = role
        self._rows_by_role[role] += frame.height
        if frame.height == 0:
            return
        if role == "links":
            self._add_links(frame, sheet)
            return
        mapped, bad = self._map(role, frame, sheet)
        has_company = role in ("flat", "companies")
        has_contact = role in ("flat", "contacts")
        company_present = self._present(mapped, "company", role) if has_company else None
        contact_present = self._present(mapped, "contact", role) if has_contact else None
        if company_present is not None:
            bad = self._require_company_name(mapped, company_present, bad, sheet)
        if contact_present is not None:
            bad = self._require_contact_name(mapped, contact_present, bad, sheet)
        mapped = mapped.with_columns(self._key_columns(role))
        good = ~bad
        company_ok = contact_ok = None
        if company_present is not None:
            company_ok = self._take_companies(mapped, company_present & good, role, sheet)
        if contact_present is not None:
            contact_ok = self._take_contacts(mapped, contact_present & good, role, sheet)
        if role == "flat" and company_ok is not None and contact_ok is not None:
            both = company_ok & contact_ok & company_present & contact_present
            self._take_flat_links(mapped, both, sheet)
        if (
            role == "contacts"
            and self.mapping.contact.company is not None
            and contact_ok is not None
        ):
            self._queue_contact_company(mapped, contact_ok & contact_present, sheet)

    def finish(self) -> ValidationResult:
        """Resolve links against the whole file and count rows."""
        self._resolve_pending()
        bad = self._bad_rows
        contacts = [r for r in self._contact_records.values() if (r.role, r.rows[0]) not in bad]
        dropped = {r.key for r in self._contact_records.values()} - {r.key for r in contacts}
        links = [
            link
            for link in self._links.values()
            if link.contact_key not in dropped and (link.role, link.row) not in bad
        ]
        invalid_by_role = Counter(role for role, _ in bad)
        read = sum(self._rows_by_role.values())
        invalid = len(bad)
        return ValidationResult(
            companies=list(self._company_records.values()),
            contacts=contacts,
            links=links,
            issues=sorted(self._issues, key=lambda i: (i.sheet or "", i.row or 0)),
            rows_read=read,
            rows_valid=read - invalid,
            rows_invalid=invalid,
            warnings=sum(1 for i in self._issues if i.severity == Severity.WARNING),
            rows_by_role=dict(self._rows_by_role),
            invalid_by_role=dict(invalid_by_role),
        )

    # -- mapping and normalising ---------------------------------------------------------

    def _issue(self, message: str, **where: Any) -> None:
        issue = RowIssue(message, **where)
        self._issues.append(issue)
        if issue.severity == Severity.ERROR and issue.row is not None:
            self._bad_rows.add((self._role, issue.row))

    def _map(
        self, role: str, frame: pl.DataFrame, sheet: str | None
    ) -> tuple[pl.DataFrame, pl.Series]:
        targets = self._targets[role]
        exprs = [pl.col(ROW_COLUMN)] + [field_expr(t.spec).alias(t.column) for t in targets]
        for entity, spec in self._key_specs(role):
            exprs.append(key_expr(spec).alias(f"{entity}.{_EXT}"))
        raw = frame.select(exprs)
        bad = pl.Series([False] * frame.height)
        columns: list[pl.Series] = [raw[ROW_COLUMN]]
        for target in targets:
            result = normalize(target, raw[target.column], self.mapping)
            columns.append(result.values.alias(target.column))
            if result.problems.null_count() < len(result.problems):
                found = result.problems.is_not_null()
                bad = bad | found
                self._cell_issues(frame, raw, target, result.problems, found, sheet)
            self._unmapped_warnings(frame, target, sheet)
        columns += [raw[c] for c in raw.columns if c.endswith(_EXT)]
        return pl.DataFrame(columns), bad

    def _cell_issues(
        self,
        frame: pl.DataFrame,
        raw: pl.DataFrame,
        target: Target,
        problems: pl.Series,
        found: pl.Series,
        sheet: str | None,
    ) -> None:
        source = target.spec.column
        shown = frame[source] if source is not None else raw[target.column]
        picked = pl.DataFrame(
            {"row": frame[ROW_COLUMN], "value": shown.cast(pl.String), "message": problems}
        ).filter(found)
        for row, value, message in picked.iter_rows():
            self._issue(
                message,
                row=row,
                column=target.source,
                value=value,
                sheet=sheet,
                field=f"{target.entity}.{target.name}",
            )

    def _unmapped_warnings(self, frame: pl.DataFrame, target: Target, sheet: str | None) -> None:
        expr = unmapped_expr(target.spec)
        if expr is None:
            return
        source = target.spec.column
        picked = frame.filter(expr)
        if picked.height == 0:
            return
        default = target.spec.default
        left = "left it empty" if default is None else f"used the default '{default}'"
        known = ", ".join(str(k) for k in (target.spec.map or {}))
        for row, value in picked.select(ROW_COLUMN, pl.col(source or ROW_COLUMN)).iter_rows():
            self._issue(
                f"'{value}' is not in the list for this column ({known}); {left}",
                row=row,
                column=target.source,
                value=None if value is None else str(value),
                sheet=sheet,
                field=f"{target.entity}.{target.name}",
                severity=Severity.WARNING,
            )

    def _key_specs(self, role: str) -> list[tuple[str, ExternalIdSpec]]:
        m = self.mapping
        specs: list[tuple[str, ExternalIdSpec | None]] = []
        if role in ("flat", "companies"):
            specs.append(("company", m.company.key.external_id))
        if role in ("flat", "contacts"):
            specs.append(("contact", m.contact.key.external_id))
        if role == "contacts":
            specs.append(("contact_company", m.contact.company))
        return [(e, s) for e, s in specs if s is not None]

    # -- per-row checks ------------------------------------------------------------------

    def _present(self, mapped: pl.DataFrame, entity: str, role: str) -> pl.Series:
        """Rows that carry this entity at all (in a flat file a contact may have no company)."""
        columns = [
            t.column for t in self._targets[role] if t.entity == entity and not t.spec.has_constant
        ]
        if self._has_ext(role, entity):
            columns.append(f"{entity}.{_EXT}")
        if not columns:
            return pl.Series([False] * mapped.height)
        return mapped.select(pl.any_horizontal([pl.col(c).is_not_null() for c in columns]))[:, 0]

    def _target_of(self, role: str, column: str) -> Target | None:
        for t in self._targets[role]:
            if t.column == column:
                return t
        return None

    def _require_company_name(
        self, mapped: pl.DataFrame, present: pl.Series, bad: pl.Series, sheet: str | None
    ) -> pl.Series:
        spec = self.mapping.company.fields.get("company_name")
        name = mapped["company.company_name"] if spec else pl.Series([None] * mapped.height)
        missing = present & name.is_null()
        if not missing.any():
            return bad
        column = " + ".join(spec.source_columns()) if spec else None
        fix = f"fill in column '{column}'" if column else "map company_name in the mapping file"
        for row in mapped.filter(missing)[ROW_COLUMN]:
            self._issue(
                f"the company has no name; {fix}",
                row=row,
                column=column,
                sheet=sheet,
                field="company.company_name",
            )
        return bad | missing

    def _require_contact_name(
        self, mapped: pl.DataFrame, present: pl.Series, bad: pl.Series, sheet: str | None
    ) -> pl.Series:
        names = [f"contact.{n}" for n in ("first_name", "last_name", "email")]
        have = [c for c in names if c in mapped.columns]
        if have:
            empty = mapped.select(pl.all_horizontal([pl.col(c).is_null() for c in have]))[:, 0]
        else:
            empty = pl.Series([True] * mapped.height)
        missing = present & empty & ~bad
        if not missing.any():
            return bad
        columns = [
            c
            for n in ("first_name", "last_name", "email")
            if (s := self.mapping.contact.fields.get(n))
            for c in s.source_columns()
        ]
        listed = ", ".join(f"'{c}'" for c in dict.fromkeys(columns)) or "(none mapped)"
        for row in mapped.filter(missing)[ROW_COLUMN]:
            self._issue(
                f"the contact has neither a name nor an e-mail; fill in one of {listed}",
                row=row,
                sheet=sheet,
                field="contact.last_name",
            )
        return bad | missing

    # -- keys, records and links ---------------------------------------------------------

    def _key_columns(self, role: str) -> list[pl.Expr]:
        m, cols = self.mapping, []
        for entity, match, field in (
            ("company", m.company.key.match, "company_name"),
            ("contact", m.contact.key.match, "email"),
        ):
            if role not in ("flat", _ROLE_OF[entity]):
                continue
            ext = f"{entity}.{_EXT}"
            by = pl.lit("row")
            value = pl.col(ROW_COLUMN).cast(pl.String)
            fallback = f"{entity}.{field}"
            if match != "none" and fallback in self._columns_of(role):
                matched = (
                    _name_key(pl.col(fallback))
                    if field == "company_name"
                    else pl.col(fallback).str.to_lowercase()
                )
                by = (
                    pl.when(matched.is_not_null())
                    .then(pl.lit("name" if field == "company_name" else "email"))
                    .otherwise(by)
                )
                value = pl.coalesce(matched, value)
            if self._has_ext(role, entity):
                by = pl.when(pl.col(ext).is_not_null()).then(pl.lit("external_id")).otherwise(by)
                value = pl.coalesce(pl.col(ext), value)
            cols += [by.alias(f"{entity}.__by"), value.alias(f"{entity}.__key")]
        return cols

    def _columns_of(self, role: str) -> set[str]:
        return {t.column for t in self._targets[role]}

    def _has_ext(self, role: str, entity: str) -> bool:
        return any(e == entity for e, _ in self._key_specs(role))

    def _bodies(self, mapped: pl.DataFrame, role: str, entity: str) -> pl.DataFrame:
        targets = [t for t in self._targets[role] if t.entity == entity]
        plain = [pl.col(t.column).alias(t.name) for t in targets if t.custom_alias is None]
        custom = [pl.col(t.column).alias(t.custom_alias or "") for t in targets if t.custom_alias]
        exprs = plain
        if self._has_ext(role, entity):
            exprs.append(pl.col(f"{entity}.{_EXT}").alias("external_id"))
        if self.mapping.origin is not None and f"{entity}.external_origin" not in mapped.columns:
            exprs.append(pl.lit(self.mapping.origin).alias("external_origin"))
        if custom:
            exprs.append(pl.struct(custom).alias("custom_fields"))
        return mapped.select(exprs)

    def _validate_bodies(
        self, mapped: pl.DataFrame, role: str, entity: str, sheet: str | None
    ) -> tuple[list[dict[str, Any]], set[int]]:
        rows = self._bodies(mapped, role, entity).to_dicts()
        adapter = COMPANY_BODIES if entity == "company" else CONTACT_BODIES
        failed: set[int] = set()
        try:
            adapter.validate_python(rows)
        except ValidationError as exc:
            for error in exc.errors():
                index = int(error["loc"][0])
                name = ".".join(str(p) for p in error["loc"][1:])
                failed.add(index)
                target = self._target_of(role, f"{entity}.{name}")
                self._issue(
                    f"'{error['input']}' does not fit: {error['msg'].lower()}",
                    row=int(mapped[ROW_COLUMN][index]),
                    column=target.source if target else None,
                    value=str(error["input"]),
                    sheet=sheet,
                    field=f"{entity}.{name}",
                )
        return rows, failed

    def _take_companies(
        self, mapped: pl.DataFrame, ok: pl.Series, role: str, sheet: str | None
    ) -> pl.Series:
        """Record the companies of the rows in ``ok``; repeats merge, disagreements are issues."""
        columns = [c for c in mapped.columns if c.startswith("company.")]
        variants = (
            mapped.filter(ok)
            .group_by(columns, maintain_order=True)
            .agg(pl.col(ROW_COLUMN).alias("__rows"))
        )
        rows, failed = self._validate_bodies(variants, role, "company", sheet)
        refused: list[int] = []
        for index, (by, value, row_list, body) in enumerate(
            zip(
                variants["company.__by"],
                variants["company.__key"],
                variants["__rows"],
                rows,
                strict=True,
            )
        ):
            if index in failed:
                refused += row_list
                continue
            key = RecordKey(by, value)
            if role == "companies" or key not in self._companies:
                if key in self._companies:  # a second row for the same key in a companies sheet
                    first = self._companies[key][0]
                    for row in row_list:
                        self._issue(
                            f"company {key} is also on row {first}; each company once, please "
                            "(delete one row or give them different ids)",
                            row=row,
                            sheet=sheet,
                            field="company.external_id",
                        )
                    refused += row_list
                    continue
                self._companies[key] = (row_list[0], sheet, body)
                if self.keep_records:
                    self._company_records[key] = CompanyRecord(
                        key,
                        list(row_list),
                        _without_custom(body),
                        dict(body.get("custom_fields") or {}),
                        sheet,
                        role,
                    )
                continue
            first_row, _first_sheet, known = self._companies[key]
            clash = _disagreement(known, body)
            if clash is None:
                _fill_blanks(known, body)
                if self.keep_records:
                    record = self._company_records[key]
                    record.rows.extend(row_list)
                    record.fields.update(_without_custom(known))
                    record.custom_fields.update(known.get("custom_fields") or {})
                continue
            name, old, new = clash
            target = self._target_of(role, f"company.{name}")
            for row in row_list:
                self._issue(
                    f"company {key} is on row {first_row} with {name} '{old}' but here with "
                    f"'{new}'; make the rows agree",
                    row=row,
                    column=target.source if target else None,
                    value=None if new is None else str(new),
                    sheet=sheet,
                    field=f"company.{name}",
                )
            refused += row_list
        return ok & ~mapped[ROW_COLUMN].is_in(refused)

    def _take_contacts(
        self, mapped: pl.DataFrame, ok: pl.Series, role: str, sheet: str | None
    ) -> pl.Series:
        chosen = mapped.filter(ok)
        rows, failed = self._validate_bodies(chosen, role, "contact", sheet)
        refused: list[int] = []
        for index, (by, value, row, body) in enumerate(
            zip(
                chosen["contact.__by"],
                chosen["contact.__key"],
                chosen[ROW_COLUMN],
                rows,
                strict=True,
            )
        ):
            if index in failed:
                refused.append(row)
                continue
            key = RecordKey(by, value)
            seen = self._contact_rows.get(key)
            if seen is not None:
                record = self._contact_records.get(key)
                same = (
                    record is not None
                    and _disagreement(record.fields, _without_custom(body)) is None
                )
                if role == "flat" and (same or not self.keep_records):
                    continue  # the same person again, with another company: one more link
                self._issue(
                    f"contact {key} is also on row {seen}; each contact once, please "
                    "(or list their companies on a links sheet)",
                    row=row,
                    sheet=sheet,
                    field="contact.email" if by == "email" else "contact.external_id",
                )
                refused.append(row)
                continue
            self._contact_rows[key] = row
            if self.keep_records:
                custom = body.pop("custom_fields", {}) or {}
                self._contact_records[key] = ContactRecord(key, [row], body, custom, sheet, role)
        return ok & ~mapped[ROW_COLUMN].is_in(refused)

    def _take_flat_links(self, mapped: pl.DataFrame, ok: pl.Series, sheet: str | None) -> None:
        if not self.keep_records:
            return
        position = "link.position" if "link.position" in mapped.columns else None
        chosen = mapped.filter(ok)
        for row in chosen.select(
            "contact.__by",
            "contact.__key",
            "company.__by",
            "company.__key",
            pl.col(position) if position else pl.lit(None, dtype=pl.String),
            ROW_COLUMN,
        ).iter_rows():
            contact = RecordKey(row[0], row[1])
            company = RecordKey(row[2], row[3])
            self._links.setdefault(
                (contact, company), LinkRecord(contact, company, row[4], row[5], sheet, "flat")
            )

    def _queue_contact_company(
        self, mapped: pl.DataFrame, ok: pl.Series, sheet: str | None
    ) -> None:
        position = "link.position" if "link.position" in mapped.columns else None
        chosen = mapped.filter(ok & mapped["contact_company.__ext"].is_not_null())
        for by, value, company, pos, row in chosen.select(
            "contact.__by",
            "contact.__key",
            "contact_company.__ext",
            pl.col(position) if position else pl.lit(None, dtype=pl.String),
            ROW_COLUMN,
        ).iter_rows():
            self._pending.append((f"{by}\0{value}", company, pos, row, sheet, "contacts"))

    def _add_links(self, frame: pl.DataFrame, sheet: str | None) -> None:
        m = self.mapping
        assert m.link.contact is not None and m.link.company is not None
        exprs = [
            pl.col(ROW_COLUMN),
            key_expr(m.link.contact).alias("contact"),
            key_expr(m.link.company).alias("company"),
        ]
        if m.link.position is not None:
            exprs.append(field_expr(m.link.position).alias("position"))
        else:
            exprs.append(pl.lit(None, dtype=pl.String).alias("position"))
        for row, contact, company, position in frame.select(exprs).iter_rows():
            if contact is None or company is None:
                missing = "contact" if contact is None else "company"
                spec = m.link.contact if contact is None else m.link.company
                column = " + ".join(spec.source_columns())
                self._issue(
                    f"the link names no {missing}; fill in column '{column}' or delete the row",
                    row=row,
                    column=" + ".join(spec.source_columns()),
                    sheet=sheet,
                    field=f"link.{missing}",
                )
                continue
            self._pending.append((contact, company, position, row, sheet, "links"))

    def _find(self, entity: str, value: str) -> RecordKey | None:
        seen: dict[RecordKey, Any] = self._companies if entity == "company" else self._contact_rows
        for key in (
            RecordKey("external_id", value),
            RecordKey("name", " ".join(value.lower().split()))
            if entity == "company"
            else RecordKey("email", value.strip().lower()),
        ):
            if key in seen:
                return key
        return None

    def _resolve_pending(self) -> None:
        m = self.mapping
        for contact_ref, company_ref, position, row, sheet, role in self._pending:
            self._role = role
            if role == "contacts":
                assert contact_ref is not None
                by, value = contact_ref.split("\0", 1)
                contact: RecordKey | None = RecordKey(by, value)  # type: ignore[arg-type]
            else:
                contact = self._find("contact", contact_ref or "")
            company = self._find("company", company_ref or "")
            if contact is None:
                assert m.link.contact is not None
                column = " + ".join(m.link.contact.source_columns())
                self._issue(
                    f"contact '{contact_ref}' is not in the file; add it to the contacts sheet "
                    "or correct the value",
                    row=row,
                    column=column,
                    value=contact_ref,
                    sheet=sheet,
                    field="link.contact",
                )
                continue
            if company is None:
                spec = m.link.company if role == "links" else m.contact.company
                where = " + ".join(spec.source_columns()) if spec else None
                self._issue(
                    f"company '{company_ref}' is not in the file; add it to the companies sheet "
                    "or correct the value",
                    row=row,
                    column=where,
                    value=company_ref,
                    sheet=sheet,
                    field="link.company",
                )
                continue
            pair = (contact, company)
            known = self._links.get(pair)
            if known is not None and known.position != position:
                self._issue(
                    f"this link is also on row {known.row} with position '{known.position}'; "
                    "keep one row per contact and company",
                    row=row,
                    value=position,
                    sheet=sheet,
                    field="link.position",
                )
                continue
            if self.keep_records and known is None:
                self._links[pair] = LinkRecord(contact, company, position, row, sheet, role)


def _without_custom(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "custom_fields"}


def _disagreement(known: dict[str, Any], new: dict[str, Any]) -> tuple[str, Any, Any] | None:
    """The first field two versions of a record give different non-empty values for."""
    for name, value in new.items():
        old = known.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            inner = _disagreement(old, value)
            if inner is not None:
                return (f"{name}.{inner[0]}", inner[1], inner[2])
            continue
        if value is not None and old is not None and value != old:
            return name, old, value
    return None


def _fill_blanks(known: dict[str, Any], new: dict[str, Any]) -> None:
    for name, value in new.items():
        if known.get(name) is None and value is not None:
            known[name] = value
