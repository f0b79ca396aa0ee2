"""The Validator: batches of source rows in, typed records and row issues out.

Each batch is mapped and normalised column by column (polars), checked against the write
bodies with one pydantic call per entity, and then checked against the rest of the file:
duplicate keys, flat rows that disagree about the same company, links to companies or
contacts that are not in the file. Between batches only keys stay in memory (a compact
polars table) unless records are kept.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import polars as pl

from bulkio.core.errors import MappingError
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.core.mapping.columns import check_columns
from bulkio.core.mapping.expressions import field_expr, key_expr, unmapped_expr
from bulkio.core.mapping.schema import ROLES, ExternalIdSpec, Mapping
from bulkio.core.validation.body_check import check_bodies
from bulkio.core.validation.evaluation import EXT, evaluate
from bulkio.core.validation.records import (
    CompanyRecord,
    ContactRecord,
    LinkRecord,
    RecordKey,
    ValidationResult,
)
from bulkio.core.validation.targets import Target, targets_for

_EXT = EXT
_BY = "__by"
_KEY = "__key"
_ROLE_OF = {"company": "companies", "contact": "contacts"}
_INDEX_SCHEMA = {"by": pl.String, "key": pl.String, "__hash": pl.UInt64}
_SEEN_SCHEMA = {"by": pl.String, "key": pl.String, "row": pl.Int64, "hash": pl.UInt64}

Pending = tuple[str | None, str | None, str | None, int, str | None, str]


class Validator:
    """Feed it batches with ``add``; ``finish`` returns records, links, issues and counts."""

    def __init__(self, mapping: Mapping, *, keep_records: bool = True) -> None:
        self.mapping = mapping
        self.keep_records = keep_records
        self._targets = {role: targets_for(mapping, role) for role in mapping.inputs}
        self._issues: list[RowIssue] = []
        self._role = ""
        self._bad_rows: set[tuple[str, int]] = set()  # (role, row) with an error
        self._rows_by_role: Counter[str] = Counter()
        # companies are few: their merged bodies stay, to name the field two rows disagree on
        self._companies: dict[RecordKey, tuple[int, dict[str, Any]]] = {}
        self._contacts_seen = pl.DataFrame(schema=_SEEN_SCHEMA)
        self._company_index = pl.DataFrame(schema=_INDEX_SCHEMA)  # (key, hash) seen and taken
        self._company_records: dict[RecordKey, CompanyRecord] = {}
        self._contact_records: dict[RecordKey, ContactRecord] = {}
        self._links: dict[tuple[RecordKey, RecordKey], LinkRecord] = {}
        self._pending: list[Pending] = []

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
        company = self._present(mapped, "company", role) if role != "contacts" else None
        contact = self._present(mapped, "contact", role) if role != "companies" else None
        cells_ok = ~bad
        if company is not None:
            bad = self._require_company_name(mapped, company & cells_ok, bad, sheet)
        if contact is not None:
            bad = self._require_contact_name(mapped, contact & cells_ok, bad, sheet)
        mapped = mapped.with_columns(self._key_columns(role))
        ok = ~bad
        if company is not None:
            ok = self._take_companies(mapped, company & ok, ok, sheet)
        if contact is not None:
            ok = self._take_contacts(mapped, contact & ok, ok, sheet)
        if role == "flat" and company is not None and contact is not None:
            self._take_flat_links(mapped, company & contact & ok, sheet)
        if role == "contacts" and self.mapping.contact.company is not None:
            assert contact is not None
            self._queue_contact_company(mapped, contact & ok, sheet)

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
        read = sum(self._rows_by_role.values())
        return ValidationResult(
            companies=list(self._company_records.values()),
            contacts=contacts,
            links=links,
            issues=sorted(self._issues, key=lambda i: (i.sheet or "", i.row or 0)),
            rows_read=read,
            rows_valid=read - len(bad),
            rows_invalid=len(bad),
            warnings=sum(1 for i in self._issues if i.severity == Severity.WARNING),
            rows_by_role=dict(self._rows_by_role),
            invalid_by_role=dict(Counter(role for role, _ in bad)),
        )

    # -- issues --------------------------------------------------------------------------

    def _issue(self, message: str, **where: Any) -> None:
        issue = RowIssue(message, **where)
        self._issues.append(issue)
        if issue.severity == Severity.ERROR and issue.row is not None:
            self._bad_rows.add((self._role, issue.row))

    def _target_of(self, role: str, column: str) -> Target | None:
        for t in self._targets[role]:
            if t.column == column:
                return t
        return None

    # -- mapping and normalising ---------------------------------------------------------

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

    def _has_ext(self, role: str, entity: str) -> bool:
        return any(e == entity for e, _ in self._key_specs(role))

    def _map(
        self, role: str, frame: pl.DataFrame, sheet: str | None
    ) -> tuple[pl.DataFrame, pl.Series]:
        targets = self._targets[role]
        done = evaluate(frame, targets, self._key_specs(role), self.mapping)
        bad = pl.Series([False]).new_from_index(0, frame.height)
        for target in targets:
            problems = done.problems.get(target.column)
            if problems is not None:
                found = problems.is_not_null()
                bad = bad | found
                self._cell_issues(frame, done.raw[target.column], target, problems, found, sheet)
            self._unmapped_warnings(frame, target, sheet)
        return done.values, bad

    def _cell_issues(
        self,
        frame: pl.DataFrame,
        raw: pl.Series,
        target: Target,
        problems: pl.Series,
        found: pl.Series,
        sheet: str | None,
    ) -> None:
        source = target.spec.column
        shown = frame[source] if source is not None else raw
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
        picked = frame.select(
            ROW_COLUMN, source_text=pl.coalesce(target.spec.source_columns())
        ).filter(frame.select(expr.fill_null(False)).to_series())
        if picked.height == 0:
            return
        default = target.spec.default
        left = "left it empty" if default is None else f"used '{default}'"
        known = ", ".join(str(k) for k in (target.spec.map or {}))
        for row, value in picked.iter_rows():
            self._issue(
                f"'{value}' is not one of {known}; {left}",
                row=row,
                column=target.source,
                value=value,
                sheet=sheet,
                field=f"{target.entity}.{target.name}",
                severity=Severity.WARNING,
            )

    # -- per-row checks ------------------------------------------------------------------

    def _present(self, mapped: pl.DataFrame, entity: str, role: str) -> pl.Series:
        """Rows that carry this entity at all (in a flat file a contact may have no company)."""
        columns = [
            t.column for t in self._targets[role] if t.entity == entity and not t.spec.has_constant
        ]
        if self._has_ext(role, entity):
            columns.append(f"{entity}.{_EXT}")
        if not columns:
            return pl.Series([False]).new_from_index(0, mapped.height)
        return mapped.select(pl.any_horizontal([pl.col(c).is_not_null() for c in columns]))[:, 0]

    def _require_company_name(
        self, mapped: pl.DataFrame, candidates: pl.Series, bad: pl.Series, sheet: str | None
    ) -> pl.Series:
        spec = self.mapping.company.fields.get("company_name")
        if spec is not None:
            missing = candidates & mapped["company.company_name"].is_null()
        else:
            missing = candidates
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
        self, mapped: pl.DataFrame, candidates: pl.Series, bad: pl.Series, sheet: str | None
    ) -> pl.Series:
        names = ("first_name", "last_name", "email")
        have = [f"contact.{n}" for n in names if f"contact.{n}" in mapped.columns]
        if have:
            empty = mapped.select(pl.all_horizontal([pl.col(c).is_null() for c in have]))[:, 0]
            missing = candidates & empty
        else:
            missing = candidates
        if not missing.any():
            return bad
        columns = [
            column
            for n in names
            if (spec := self.mapping.contact.fields.get(n)) is not None
            for column in spec.source_columns()
        ]
        listed = ", ".join(f"'{c}'" for c in dict.fromkeys(columns)) or "(none is mapped)"
        for row in mapped.filter(missing)[ROW_COLUMN]:
            self._issue(
                f"the contact has neither a name nor an e-mail; fill in one of {listed}",
                row=row,
                sheet=sheet,
                field="contact.last_name",
            )
        return bad | missing

    # -- keys and bodies -----------------------------------------------------------------

    def _key_columns(self, role: str) -> list[pl.Expr]:
        m, found = self.mapping, []
        fallbacks = (("company", m.company.key.match), ("contact", m.contact.key.match))
        for entity, match in fallbacks:
            if role not in ("flat", _ROLE_OF[entity]):
                continue
            by: Any = pl.lit("row")
            value = pl.col(ROW_COLUMN).cast(pl.String)
            if match == "name" and self._target_of(role, "company.company_name"):
                name = pl.col("company.company_name")
                matched = name.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
                by = pl.when(matched.is_not_null()).then(pl.lit("name")).otherwise(by)
                value = pl.coalesce(matched, value)
            elif match == "email" and self._target_of(role, "contact.email"):
                matched = pl.col("contact.email").str.to_lowercase()
                by = pl.when(matched.is_not_null()).then(pl.lit("email")).otherwise(by)
                value = pl.coalesce(matched, value)
            if self._has_ext(role, entity):
                ext = pl.col(f"{entity}.{_EXT}")
                by = pl.when(ext.is_not_null()).then(pl.lit("external_id")).otherwise(by)
                value = pl.coalesce(ext, value)
            found += [by.alias(f"{entity}.{_BY}"), value.alias(f"{entity}.{_KEY}")]
        return found

    def _bodies(self, mapped: pl.DataFrame, entity: str) -> pl.DataFrame:
        """The batch as write bodies: field names, external id, origin, custom_fields."""
        targets = [t for t in self._targets[self._role] if t.entity == entity]
        exprs = [pl.col(t.column).alias(t.name) for t in targets if t.custom_alias is None]
        if self._has_ext(self._role, entity):
            exprs.append(pl.col(f"{entity}.{_EXT}").alias("external_id"))
        if self.mapping.origin is not None and f"{entity}.external_origin" not in mapped.columns:
            exprs.append(pl.lit(self.mapping.origin).alias("external_origin"))
        custom = [pl.col(t.column).alias(t.custom_alias or "") for t in targets if t.custom_alias]
        if custom:
            exprs.append(pl.struct(custom).alias("custom_fields"))
        return mapped.select(exprs)

    def _refuse_bodies(
        self, bodies: pl.DataFrame, rows: pl.Series, entity: str, sheet: str | None
    ) -> set[int]:
        refused: set[int] = set()
        for refusal in check_bodies(bodies, rows, entity):
            target = self._target_of(self._role, f"{entity}.{refusal.field}")
            for row in refusal.rows:
                self._issue(
                    refusal.message,
                    row=row,
                    column=target.source if target else None,
                    value=refusal.value,
                    sheet=sheet,
                    field=f"{entity}.{refusal.field}",
                )
            refused.update(refusal.rows)
        return refused

    # -- companies -----------------------------------------------------------------------

    def _take_companies(
        self, mapped: pl.DataFrame, chosen: pl.Series, ok: pl.Series, sheet: str | None
    ) -> pl.Series:
        """Record the companies of the chosen rows; repeats merge, disagreements are issues."""
        columns = [c for c in mapped.columns if c.startswith("company.")]
        fields = [c for c in columns if not c.endswith((_BY, _KEY))]
        variants = (
            mapped.filter(chosen)
            .group_by(columns, maintain_order=True)
            .agg(pl.col(ROW_COLUMN).alias("__rows"))
            .with_columns(
                (pl.struct(fields).hash() if fields else pl.lit(0, pl.UInt64)).alias("__hash")
            )
            .rename({f"company.{_BY}": "by", f"company.{_KEY}": "key"})
        )
        # a variant already seen exactly so (same key, same values) needs no further look
        seen = variants.join(
            self._company_index, on=["by", "key", "__hash"], how="semi", maintain_order="left"
        )
        if self.keep_records and self._role != "companies":
            for by, value, rows in seen.select("by", "key", "__rows").iter_rows():
                self._company_records[RecordKey(by, value)].rows.extend(rows)
        fresh = variants.join(
            self._company_index, on=["by", "key", "__hash"], how="anti", maintain_order="left"
        )
        refused: set[int] = set()
        if self._role == "companies":
            for by, value, rows in seen.select("by", "key", "__rows").iter_rows():
                key = RecordKey(by, value)
                for row in rows:
                    self._duplicate_company(key, self._companies[key][0], row, sheet)
                refused.update(rows)
        bodies = self._bodies(fresh, "company")
        first_rows = fresh["__rows"].list.first()
        refused |= self._refuse_bodies(bodies, first_rows, "company", sheet)
        taken: list[tuple[str, str, int]] = []
        for by, value, row_list, digest, body in zip(
            fresh["by"].to_list(),
            fresh["key"].to_list(),
            fresh["__rows"].to_list(),
            fresh["__hash"].to_list(),
            bodies.to_dicts(),
            strict=True,
        ):
            if row_list[0] in refused:
                refused.update(row_list)
                continue
            key = RecordKey(by, value)
            if self._role == "companies" and len(row_list) > 1:
                for row in row_list[1:]:
                    self._duplicate_company(key, row_list[0], row, sheet)
                refused.update(row_list[1:])
                row_list = row_list[:1]
            if self._take_company(key, row_list, body, sheet):
                taken.append((by, value, digest))
            else:
                refused.update(row_list)
        if taken:
            index = pl.DataFrame(taken, schema=_INDEX_SCHEMA, orient="row")
            self._company_index = pl.concat([self._company_index, index])
        return ok & ~mapped[ROW_COLUMN].is_in(list(refused))

    def _take_company(
        self, key: RecordKey, rows: list[int], body: dict[str, Any], sheet: str | None
    ) -> bool:
        known = self._companies.get(key)
        if known is None:
            self._companies[key] = (rows[0], body)
            if self.keep_records:
                custom = dict(body.get("custom_fields") or {})
                fields = _without_custom(body)
                self._company_records[key] = CompanyRecord(
                    key, list(rows), fields, custom, sheet, self._role
                )
            return True
        first_row, merged = known
        if self._role == "companies":
            for row in rows:
                self._duplicate_company(key, first_row, row, sheet)
            return False
        clash = _disagreement(merged, body)
        if clash is not None:
            name, old, new = clash
            target = self._target_of(self._role, f"company.{name}")
            for row in rows:
                self._issue(
                    f"company {key} is on row {first_row} with {name} '{old}' but here with "
                    f"'{new}'; make the rows agree",
                    row=row,
                    column=target.source if target else None,
                    value=None if new is None else str(new),
                    sheet=sheet,
                    field=f"company.{name}",
                )
            return False
        _fill_blanks(merged, body)
        if self.keep_records:
            record = self._company_records[key]
            record.rows.extend(rows)
            record.fields.update(_without_custom(merged))
            record.custom_fields.update(merged.get("custom_fields") or {})
        return True

    def _duplicate_company(self, key: RecordKey, first: int, row: int, sheet: str | None) -> None:
        self._issue(
            f"company {key} is also on row {first}; list each company once "
            "(delete one of the rows or give them different ids)",
            row=row,
            sheet=sheet,
            field="company.external_id" if key.by == "external_id" else "company.company_name",
        )

    # -- contacts ------------------------------------------------------------------------

    def _take_contacts(
        self, mapped: pl.DataFrame, chosen: pl.Series, ok: pl.Series, sheet: str | None
    ) -> pl.Series:
        """Record new contacts; a key seen before is a duplicate, except in a flat file where
        the same person (identical fields) on another row is one more company link."""
        picked = mapped.filter(chosen)
        bodies = self._bodies(picked, "contact")
        refused = self._refuse_bodies(bodies, picked[ROW_COLUMN], "contact", sheet)
        person = [c for c in picked.columns if c.startswith("contact.") and not c.endswith(_KEY)]
        keys = picked.select(
            pl.col(f"contact.{_BY}").alias("by"),
            pl.col(f"contact.{_KEY}").alias("key"),
            pl.col(ROW_COLUMN).alias("row"),
            pl.struct(person).hash().alias("hash"),
        )
        seen = self._contacts_seen.rename({"row": "seen_row", "hash": "seen_hash"})
        judged = (
            keys.with_columns(
                pl.col("row").first().over(["by", "key"]).alias("batch_row"),
                pl.col("hash").first().over(["by", "key"]).alias("batch_hash"),
            )
            .join(seen, on=["by", "key"], how="left", maintain_order="left")
            .with_columns(
                pl.coalesce("seen_row", "batch_row").alias("first_row"),
                pl.coalesce("seen_hash", "batch_hash").alias("first_hash"),
            )
            .with_columns(
                (pl.col("row") != pl.col("first_row")).alias("repeat"),
                (pl.col("hash") == pl.col("first_hash")).alias("same"),
                pl.Series("refused", picked[ROW_COLUMN].is_in(list(refused))),
            )
        )
        clashes = judged.filter(
            pl.col("repeat") & ~pl.col("refused") & ~(pl.col("same") & (self._role == "flat"))
        )
        for by, value, row, first_row in clashes.select(
            "by", "key", "row", "first_row"
        ).iter_rows():
            key = RecordKey(by, value)
            self._issue(
                f"contact {key} is also on row {first_row}; list each contact once "
                "(or list their companies on a links sheet)",
                row=row,
                sheet=sheet,
                field="contact.email" if by == "email" else "contact.external_id",
            )
            refused.add(row)
        new = ~judged["repeat"] & ~judged["refused"]
        self._contacts_seen = pl.concat([self._contacts_seen, keys.filter(new)])
        if self.keep_records:
            self._record_contacts(picked.filter(new), bodies.filter(new), sheet)
            for by, value, row in (
                judged.filter(pl.col("repeat") & pl.col("same") & ~pl.col("refused"))
                .select("by", "key", "row")
                .iter_rows()
            ):
                record = self._contact_records.get(RecordKey(by, value))
                if record is not None and self._role == "flat":
                    record.rows.append(row)
        return ok & ~mapped[ROW_COLUMN].is_in(list(refused))

    def _record_contacts(
        self, picked: pl.DataFrame, bodies: pl.DataFrame, sheet: str | None
    ) -> None:
        has_custom = "custom_fields" in bodies.columns
        for by, value, row, body in zip(
            picked[f"contact.{_BY}"],
            picked[f"contact.{_KEY}"],
            picked[ROW_COLUMN],
            bodies.to_dicts(),
            strict=True,
        ):
            custom = body.pop("custom_fields") if has_custom else {}
            key = RecordKey(by, value)
            self._contact_records[key] = ContactRecord(key, [row], body, custom, sheet, self._role)

    # -- links ---------------------------------------------------------------------------

    def _take_flat_links(self, mapped: pl.DataFrame, chosen: pl.Series, sheet: str | None) -> None:
        if not self.keep_records:
            return
        position = pl.col("link.position") if "link.position" in mapped.columns else pl.lit(None)
        picked = mapped.filter(chosen).select(
            f"contact.{_BY}",
            f"contact.{_KEY}",
            f"company.{_BY}",
            f"company.{_KEY}",
            position.cast(pl.String),
            ROW_COLUMN,
        )
        for c_by, c_key, o_by, o_key, pos, row in picked.iter_rows():
            contact, company = RecordKey(c_by, c_key), RecordKey(o_by, o_key)
            self._links.setdefault(
                (contact, company), LinkRecord(contact, company, pos, row, sheet, "flat")
            )

    def _queue_contact_company(
        self, mapped: pl.DataFrame, chosen: pl.Series, sheet: str | None
    ) -> None:
        position = pl.col("link.position") if "link.position" in mapped.columns else pl.lit(None)
        picked = mapped.filter(chosen & mapped[f"contact_company.{_EXT}"].is_not_null())
        for by, value, company, pos, row in picked.select(
            f"contact.{_BY}",
            f"contact.{_KEY}",
            f"contact_company.{_EXT}",
            position.cast(pl.String),
            ROW_COLUMN,
        ).iter_rows():
            self._pending.append((f"{by}\0{value}", company, pos, row, sheet, "contacts"))

    def _add_links(self, frame: pl.DataFrame, sheet: str | None) -> None:
        m = self.mapping
        assert m.link.contact is not None and m.link.company is not None
        position = field_expr(m.link.position) if m.link.position else pl.lit(None, pl.String)
        picked = frame.select(
            pl.col(ROW_COLUMN),
            key_expr(m.link.contact).alias("contact"),
            key_expr(m.link.company).alias("company"),
            position.alias("position"),
        )
        for row, contact, company, pos in picked.iter_rows():
            if contact is not None and company is not None:
                self._pending.append((contact, company, pos, row, sheet, "links"))
                continue
            if contact is None and company is None:
                continue  # an empty row
            missing = "contact" if contact is None else "company"
            spec = m.link.contact if contact is None else m.link.company
            column = " + ".join(spec.source_columns())
            self._issue(
                f"the link names no {missing}; fill in column '{column}' or delete the row",
                row=row,
                column=column,
                sheet=sheet,
                field=f"link.{missing}",
            )

    def _resolve_pending(self) -> None:
        if not self._pending:
            return
        contacts = set(
            zip(
                self._contacts_seen["by"].to_list(),
                self._contacts_seen["key"].to_list(),
                strict=True,
            )
        )
        for contact_ref, company_ref, position, row, sheet, role in self._pending:
            self._role = role
            if role == "contacts":
                by, value = (contact_ref or "").split("\0", 1)
                contact: RecordKey | None = RecordKey(by, value)  # type: ignore[arg-type]
            else:
                contact = _find(contacts, "email", contact_ref or "")
            company = _find(set(self._companies), "name", company_ref or "")
            if contact is None:
                self._missing("contact", contact_ref, row, sheet)
                continue
            if company is None:
                self._missing("company", company_ref, row, sheet)
                continue
            known = self._links.get((contact, company))
            if known is not None and known.position != position:
                self._issue(
                    f"this contact and company are also linked on row {known.row} with position "
                    f"'{known.position}'; keep one row per contact and company",
                    row=row,
                    value=position,
                    sheet=sheet,
                    field="link.position",
                )
            elif known is None and self.keep_records:
                self._links[(contact, company)] = LinkRecord(
                    contact, company, position, row, sheet, role
                )

    def _missing(self, entity: str, ref: str | None, row: int, sheet: str | None) -> None:
        m = self.mapping
        if entity == "contact":
            spec = m.link.contact
        else:
            spec = m.link.company if self._role == "links" else m.contact.company
        column = " + ".join(spec.source_columns()) if spec else None
        plural = "contacts" if entity == "contact" else "companies"
        self._issue(
            f"{entity} '{ref}' is not in the file; add it to the {plural} or correct the value",
            row=row,
            column=column,
            value=ref,
            sheet=sheet,
            field=f"link.{entity}",
        )


def _find(known: set[Any], match: str, value: str) -> RecordKey | None:
    """The key a links sheet's value points at: an external id, else e-mail / name."""
    if ("external_id", value) in known:
        return RecordKey("external_id", value)
    norm = " ".join(value.lower().split())
    if (match, norm) in known:
        return RecordKey(match, norm)  # type: ignore[arg-type]
    return None


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
        old = known.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            _fill_blanks(old, value)
        elif old is None and value is not None:
            known[name] = value
