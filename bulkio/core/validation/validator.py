"""The Validator: batches of source rows in, typed records and row issues out.

Each batch is mapped and normalised column by column (polars), checked against the write
bodies with one pydantic call per entity, and handed to the record books (companies.py,
contacts.py, links.py), which check it against the rest of the file: duplicate keys, flat
rows that disagree about the same company, links to records that are not in the file.
Between batches only keys stay in memory unless records are kept.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import polars as pl

from bulkio.core.collector import collector_paused
from bulkio.core.entities import Entity, Role
from bulkio.core.errors import MappingError
from bulkio.core.fields import Kind
from bulkio.core.issues import ROW_COLUMN, Severity
from bulkio.core.mapping.binding import NUMBER, Binding, bind
from bulkio.core.mapping.columns import check_columns, optional_columns
from bulkio.core.mapping.company_parts import NUMBERED, PART, Mismatch, company_parts, has_parts
from bulkio.core.mapping.date_order import decide_order
from bulkio.core.mapping.expressions import (
    field_expr,
    left_out_exprs,
    picked_column_expr,
    source_expr,
    unmapped_expr,
)
from bulkio.core.mapping.schema import ExternalIdSpec, Mapping
from bulkio.core.validation.body_check import check_bodies
from bulkio.core.validation.companies import CompanyBook
from bulkio.core.validation.contacts import ContactBook
from bulkio.core.validation.copies import RowCopies
from bulkio.core.validation.evaluation import EXT, evaluate
from bulkio.core.validation.footers import footer_rows
from bulkio.core.validation.issue_log import Batch, IssueLog
from bulkio.core.validation.labels import label_warnings
from bulkio.core.validation.links import LinkBook, flat_pairs
from bulkio.core.validation.records import RecordKey, ValidationResult
from bulkio.core.validation.targets import Target, targets_for

_EXT = EXT
_POSITION = "link.position"
_BY = "__by"
_KEY = "__key"


class Validator:
    """Feed it batches with ``add``; ``finish`` returns records, links, issues and counts."""

    def __init__(
        self, mapping: Mapping, *, keep_records: bool = True, mapping_name: str | None = None
    ) -> None:
        self.mapping = mapping
        self.mapping_name = mapping_name  # the preset's name or the file's, for messages
        self.keep_records = keep_records
        self._targets = {role: targets_for(mapping, role) for role in mapping.inputs}
        self._log = IssueLog()
        self._rows_by_role: Counter[Role] = Counter()
        self._companies = CompanyBook(self._log)
        self._contacts = ContactBook(self._log)
        self._links = LinkBook(self._log, mapping)
        self._copies = RowCopies()
        # (role, sheet, row, external id, hash of the row's link) of flat rows whose company
        # has an id and no name: another row with the same id may name it
        self._unnamed: list[tuple[Role, str | None, int, str, int | None]] = []
        self._later: pl.DataFrame | None = None  # this batch's such rows, until keyed
        # role -> its sheet's numbered columns, once the mapping is bound to the sheet
        self._bound: dict[Role, dict[str, dict[int, str]]] = {}

    # -- the public API ------------------------------------------------------------------

    def add(self, role: Role, frame: pl.DataFrame, *, sheet: str | None = None) -> None:
        """Validate one batch of rows of ``role``.

        Raises MappingError when the mapping does not read this role or a column it reads
        is missing; every problem with a row becomes a row issue."""
        with collector_paused():
            self._add(role, frame, sheet)

    def rows_told(self, since: int = 0) -> tuple[pl.Series, int]:
        """The rows (numbers, any sheet) given an issue since mark ``since`` (0, or the mark
        this returned last), and the mark for next time: which rows a batch gave a problem."""
        return self._log.rows_since(since)

    def finish(self) -> ValidationResult:
        """Resolve links against the whole file and count rows."""
        self._nameless_companies()
        self._companies.compare_pending()
        if self.keep_records:
            self._links.make_flat(self._contacts.records, self._companies.records)
        self._links.resolve(
            self._contacts.keys(among=self._links.named_contacts()),
            self._companies.keys(),
            keep_records=self.keep_records,
            contact_emails=self._contacts.emails,
            company_names=self._companies.names,
            spelled=self._companies.spelled,
        )
        bad = self._log.bad_rows
        records = self._contacts.records.values()
        contacts = [r for r in records if (r.role, r.rows[0]) not in bad]
        dropped = {r.key for r in records if (r.role, r.rows[0]) in bad}  # keys are unique
        links = [
            link
            for link in self._links.links.values()
            if link.contact_key not in dropped and (link.role, link.row) not in bad
        ]
        read = sum(self._rows_by_role.values())
        companies = self._companies.records.values()
        return ValidationResult(
            companies=[r for r in companies if self._companies.named(r.key)],
            contacts=contacts,
            links=links,
            issues=sorted(self._log.issues, key=lambda i: (i.sheet or "", i.row or 0)),
            rows_read=read,
            rows_valid=read - len(bad),
            rows_invalid=len(bad),
            warnings=self._log.warnings,
            company_count=self._companies.named_count(),
            contact_count=self._contacts.count - len(dropped),
            link_count=len(links) if self.keep_records else self._links.count,
            rows_by_role=dict(self._rows_by_role),
            invalid_by_role=dict(Counter(role for role, _ in bad)),
            copies=dict(self._copies.found),
        )

    # -- one batch -----------------------------------------------------------------------

    def _add(self, role: Role, frame: pl.DataFrame, sheet: str | None) -> None:
        if role not in self._targets:
            raise MappingError(
                f"the mapping does not read a '{role}' sheet; it reads {', '.join(self._targets)}"
            )
        check_columns(self.mapping, role, list(frame.columns), sheet=sheet)
        numbered = self._bind(role, list(frame.columns))
        frame = _without_skipped_rows(frame, self.mapping.inputs[role].skip_rows)
        frame = self._without_footers(frame, sheet)
        self._log.role = role
        self._rows_by_role[role] += frame.height
        frame = self._without_copies(frame, sheet)  # read, and counted, once
        if role is Role.FLAT and has_parts(self.mapping):  # one part per company of a row
            frame, mismatches = company_parts(frame, Binding(self.mapping, numbered))
            self._paired_warnings(mismatches, sheet)
        absent = [c for c in optional_columns(self.mapping, role) if c not in frame.columns]
        if absent:  # optional columns the sheet lacks read as empty
            frame = frame.with_columns([pl.lit(None, pl.String).alias(c) for c in absent])
        batch = Batch(
            role=role,
            sheet=sheet,
            source_of=lambda column: self._source_of(role, column),
            check=lambda rows, numbers, entity: self._check(rows, numbers, entity, role, sheet),
            keep_records=self.keep_records,
        )
        if frame.height == 0:
            return
        if role is Role.LINKS:
            self._links.add_sheet(frame, batch)
            return
        self._settle_date_order(role, frame, sheet)
        mapped, bad, failed = self._map(role, frame, sheet)
        present = {entity: self._present(mapped, entity, role) for entity in role.entities}
        on_row = present.get(Entity.CONTACT)
        if on_row is not None:  # a row naming several companies has a part per company;
            present[Entity.CONTACT] = on_row & _first_parts(mapped)  # its first has the contact
        company, contact = present.get(Entity.COMPANY), present.get(Entity.CONTACT)
        if company is not None:
            self._positions_without_company(mapped, company, sheet)
        for entity, rows in present.items():
            # a row whose name or e-mail cell is wrong has been told so already
            said = [failed[c] for n in entity.required.any_of if (c := entity.key(n)) in failed]
            if said:
                rows = rows & ~pl.select(pl.any_horizontal(said)).to_series()
            bad = self._require(entity, mapped, rows, bad, sheet)
        if contact is not None:
            self._contacts_without_name(mapped, contact & ~bad, sheet)
        bad = _whole_rows(mapped, bad)
        mapped = mapped.with_columns(self._key_columns(role))
        self._note_unnamed(mapped, sheet)
        ok = ~bad
        if company is not None:
            self._companies.compare_later(mapped, company & bad, batch)
            refused = self._companies.take(mapped, company & ok, batch)
            ok = ok & ~mapped[ROW_COLUMN].is_in(list(refused))
        if contact is not None:
            refused = self._contacts.take(mapped, contact & ok, batch)
            ok = ok & ~mapped[ROW_COLUMN].is_in(list(refused))
        if company is not None and on_row is not None:
            self._links.take_flat(mapped, company & on_row & ok, batch)
        if role.entity is not None:  # a link to one of these names its row
            self._links.note_rejected(mapped, present[role.entity] & ~ok, role.entity, sheet)
        if role is Role.CONTACTS and self.mapping.contact.company is not None:
            assert contact is not None
            self._links.queue_contact_company(mapped, contact & ok, batch)

    def _issue(self, message: str, **where: Any) -> None:
        self._log.add(message, **where)

    def _note_unnamed(self, mapped: pl.DataFrame, sheet: str | None) -> None:
        """Remember the rows ``_require`` left to the end (a company with an id and no name)
        with what they link, to forget it should no row name the company."""
        if self._later is None or self._later.height == 0:
            return
        rows = mapped.filter(pl.col(ROW_COLUMN).is_in(self._later[ROW_COLUMN].implode()))
        pairs = flat_pairs(rows) if "contact.__key" in rows.columns else None
        for i, (row, value) in enumerate(self._later.iter_rows()):
            pair = None if pairs is None else pairs[i]
            self._unnamed.append((Role.FLAT, sheet, row, value, pair))
        self._later = None

    def _nameless_companies(self) -> None:
        """Company rows without a name whose id no other row names: an error on each."""
        name = Entity.COMPANY.key(Entity.COMPANY.required.any_of[0])
        refused: set[int] = set()
        pairs: set[int] = set()
        for role, sheet, row, value, pair in self._unnamed:
            if self._companies.named(RecordKey("external_id", value)):
                continue
            refused.add(row)
            if pair is not None:
                pairs.add(pair)
            column = self._source_of(role, name)
            fix = f"fill in column '{column}'" if column else "map company_name in the mapping"
            self._log.role = role
            self._issue(
                f"the company has no name; {fix} (no row with its id '{value}' names it)",
                row=row,
                column=column,
                sheet=sheet,
                field=name,
            )
        if refused:  # what these rows brought is not counted
            self._contacts.forget_rows(refused)
            self._links.forget_flat(pairs)

    def _without_footers(self, frame: pl.DataFrame, sheet: str | None) -> pl.DataFrame:
        """The frame without total lines ("Summe: 12 Kontakte"), each skipped with a warning."""
        footers = footer_rows(frame)
        if footers.height == 0:
            return frame
        for row, text in footers.iter_rows():
            self._issue(
                f"'{text}' looks like a total line, not data, so the row is skipped",
                row=row,
                value=text,
                sheet=sheet,
                severity=Severity.WARNING,
            )
        return frame.filter(~pl.col(ROW_COLUMN).is_in(footers[ROW_COLUMN].implode()))

    def _without_copies(self, frame: pl.DataFrame, sheet: str | None) -> pl.DataFrame:
        """The frame without exact copies of earlier rows, each named with a warning."""
        before = len(self._copies.found)
        frame = self._copies.take(frame, sheet)
        for (_, row), first in list(self._copies.found.items())[before:]:
            self._issue(
                f"this row is also on row {first}, the same in every cell (a duplicate of row "
                f"{first}), so it is read once",
                row=row,
                sheet=sheet,
                severity=Severity.WARNING,
            )
        return frame

    def _bind(self, role: Role, columns: list[str]) -> dict[str, dict[int, str]]:
        """Bind the mapping to the first sheet of ``role`` (binding.py): each column by the
        name this sheet gives it; return the sheet's numbered columns."""
        if role not in self._bound:
            binding = bind(self.mapping, role, columns)
            self.mapping = binding.mapping
            self._bound[role] = binding.numbered
            self._targets[role] = targets_for(self.mapping, role)
            self._links.rebind(self.mapping)
        return self._bound[role]

    def _settle_date_order(self, role: Role, frame: pl.DataFrame, sheet: str | None) -> None:
        """While the mapping's date order is an assumption, let the first batch with dates
        settle it (date_order.py); from then on every batch reads in that order."""
        defaults = self.mapping.defaults
        if not defaults.date_formats_assumed:
            return
        dated = [t for t in self._targets[role] if t.kind is Kind.DATE and t.spec.formats is None]
        if not dated:
            return
        texts = frame.select([field_expr(t.spec).alias(t.column) for t in dated])
        values = pl.concat([texts[t.column] for t in dated])
        columns = [t.source or t.column for t in dated]
        verdict = decide_order(defaults.date_formats, values, columns, self.mapping_name)
        if verdict.formats is None:
            return
        update = {"date_formats": verdict.formats, "date_formats_assumed": False}
        self.mapping = self.mapping.model_copy(
            update={"defaults": defaults.model_copy(update=update)}
        )
        if verdict.warning is not None:
            self._issue(verdict.warning, sheet=sheet, severity=Severity.WARNING)

    def _paired_warnings(self, mismatches: list[Mismatch], sheet: str | None) -> None:
        """A cell whose values and the companies of its row do not pair up one to one."""
        for m in mismatches:
            self._issue(
                f"the cell holds {m.values} value(s) and '{m.names_column}' {m.companies} "
                "companies; they are paired in order, the first with the first company: "
                "check that each belongs to its company",
                row=m.row,
                column=m.column,
                sheet=sheet,
                severity=Severity.WARNING,
            )

    def _target_of(self, role: Role, column: str) -> Target | None:
        for t in self._targets[role]:
            if t.column == column:
                return t
        return None

    def _source_of(self, role: Role, column: str) -> str | None:
        target = self._target_of(role, column)
        return target.source if target else None

    # -- mapping and normalising ---------------------------------------------------------

    def _key_specs(self, role: Role) -> list[tuple[str, ExternalIdSpec]]:
        """(column prefix, spec) of each external id the rows of ``role`` carry."""
        specs: list[tuple[str, ExternalIdSpec | None]] = [
            (entity, self.mapping.section(entity).key.external_id) for entity in role.entities
        ]
        if role is Role.CONTACTS:
            specs.append(("contact_company", self.mapping.contact.company))
        return [(e, s) for e, s in specs if s is not None]

    def _has_ext(self, role: Role, entity: Entity) -> bool:
        return any(e == entity for e, _ in self._key_specs(role))

    def _map(
        self, role: Role, frame: pl.DataFrame, sheet: str | None
    ) -> tuple[pl.DataFrame, pl.Series, dict[str, pl.Series]]:
        """The batch's clean values, the rows with a cell problem, and per target column
        the rows whose cell had one."""
        targets = self._targets[role]
        failed: dict[str, pl.Series] = {}
        done = evaluate(frame, targets, self._key_specs(role), self.mapping)
        bad = pl.Series([False]).new_from_index(0, frame.height)
        first = _first_parts(frame)
        contact_frame = frame.filter(first) if PART in frame.columns else frame
        for target in targets:
            # a contact's cells are said once per row, on the part that carries the contact
            own = contact_frame if target.entity == Entity.CONTACT else frame
            problems = done.problems.get(target.column)
            if problems is not None:
                found = problems.is_not_null()
                if target.entity == Entity.CONTACT:
                    found = found & first
                bad = bad | found
                failed[target.column] = found
                self._cell_issues(frame, done.raw[target.column], target, problems, found, sheet)
            warnings = done.warnings.get(target.column)
            if warnings is not None:
                found = warnings.is_not_null()
                if target.entity == Entity.CONTACT:
                    found = found & first
                self._cell_issues(
                    frame, done.raw[target.column], target, warnings, found, sheet, Severity.WARNING
                )
            self._unmapped_warnings(own, target, sheet)
            self._left_out_warnings(own, target, sheet)
        self._label_warnings(frame, contact_frame, targets, sheet)
        parts = [c for c in (PART, NUMBERED) if c in frame.columns]
        return done.values.with_columns(frame.select(parts)), bad, failed

    def _cell_issues(
        self,
        frame: pl.DataFrame,
        raw: pl.Series,
        target: Target,
        problems: pl.Series,
        found: pl.Series,
        sheet: str | None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        source = target.spec.column
        shown = frame[source] if source is not None else raw
        picked = pl.DataFrame(
            {
                "row": frame[ROW_COLUMN],
                "value": shown.cast(pl.String),
                "message": problems,
                "column": self._columns_of(frame, target),
            }
        ).filter(found)
        self._log.add_many(
            picked["message"],
            picked["row"],
            picked["column"],
            picked["value"],
            sheet=sheet,
            field=target.column,
            severity=severity,
        )

    def _columns_of(self, frame: pl.DataFrame, target: Target) -> pl.Series:
        """The spreadsheet column behind each row's value (with 'label', the one picked; with
        {n}, the one of the row's company)."""
        picked = picked_column_expr(target.spec)
        column = pl.repeat(pl.lit(target.source, dtype=pl.String), pl.len())
        if picked is not None:
            column = pl.coalesce(picked, column)
        return frame.select(_numbered_name(column, frame)).to_series()

    def _left_out_warnings(self, frame: pl.DataFrame, target: Target, sheet: str | None) -> None:
        """Warnings for what 'first_of' and 'skip' leave out, naming the values."""
        spec = target.spec
        extra, skipped = left_out_exprs(spec)
        if extra is None and skipped is None:
            return
        picked = pl.DataFrame(
            {
                "row": frame[ROW_COLUMN],
                "column": self._columns_of(frame, target),
                "kept": frame.select(source_expr(spec)).to_series(),
                "extra": _column(frame, extra),
                "skipped": _column(frame, skipped),
            }
        ).filter(pl.col("extra").is_not_null() | pl.col("skipped").is_not_null())
        field = target.column
        for row, column, kept, others, value in picked.iter_rows():
            if others is not None:
                self._issue(
                    f"the cell holds several values; '{kept}' is used and '{others}' left out "
                    f"(Kanbert's {target.name} holds one)",
                    row=row,
                    column=column,
                    value=kept,
                    sheet=sheet,
                    field=field,
                    severity=Severity.WARNING,
                )
            if value is not None:
                assert spec.skip is not None
                because = spec.skip.because or "the mapping leaves out values like this"
                self._issue(
                    f"'{value}' is left empty: {because}",
                    row=row,
                    column=column,
                    value=value,
                    sheet=sheet,
                    field=field,
                    severity=Severity.WARNING,
                )

    def _label_warnings(
        self,
        frame: pl.DataFrame,
        contact_frame: pl.DataFrame,
        targets: list[Target],
        sheet: str | None,
    ) -> None:
        """Values picked by a label no field wants, and values no field takes."""
        for entity in {t.entity for t in targets}:
            own = contact_frame if entity == Entity.CONTACT else frame
            mine = [t for t in targets if t.entity == entity]
            for w in label_warnings(own, mine):
                self._issue(
                    w.message,
                    row=w.row,
                    column=w.column,
                    value=w.value,
                    sheet=sheet,
                    field=w.field,
                    severity=Severity.WARNING,
                )

    def _unmapped_warnings(self, frame: pl.DataFrame, target: Target, sheet: str | None) -> None:
        expr = unmapped_expr(target.spec)
        if expr is None:
            return
        rows = frame.filter(expr.fill_null(False))  # few: the columns are named only for them
        if rows.height == 0:
            return
        picked = rows.select(
            ROW_COLUMN, source_text=pl.coalesce(target.spec.source_columns())
        ).with_columns(column=self._columns_of(rows, target))
        default = target.spec.default
        left = "left it empty" if default is None else f"used '{default}'"
        known = ", ".join(str(k) for k in (target.spec.map or {}))
        for row, value, column in picked.iter_rows():
            self._issue(
                f"'{value}' is not one of {known}; {left}",
                row=row,
                column=column,
                value=value,
                sheet=sheet,
                field=target.column,
                severity=Severity.WARNING,
            )

    # -- per-row checks ------------------------------------------------------------------

    def _present(self, mapped: pl.DataFrame, entity: Entity, role: Role) -> pl.Series:
        """Rows that carry this entity at all (in a flat file a contact may have no company)."""
        columns = [
            t.column for t in self._targets[role] if t.entity == entity and not t.spec.has_constant
        ]
        if self._has_ext(role, entity):
            columns.append(f"{entity}.{_EXT}")
        if not columns:
            return pl.Series([False]).new_from_index(0, mapped.height)
        return mapped.select(pl.any_horizontal([pl.col(c).is_not_null() for c in columns]))[:, 0]

    def _require(
        self,
        entity: Entity,
        mapped: pl.DataFrame,
        candidates: pl.Series,
        bad: pl.Series,
        sheet: str | None,
    ) -> pl.Series:
        """Rows of ``entity`` that fill none of the fields it requires are errors."""
        required = entity.required
        have = [entity.key(n) for n in required.any_of if entity.key(n) in mapped.columns]
        if have:
            empty = mapped.select(pl.all_horizontal([pl.col(c).is_null() for c in have]))[:, 0]
            missing = candidates & empty
        else:
            missing = candidates
        if (
            entity is Entity.COMPANY
            and self._log.role is Role.FLAT
            and self._has_ext(Role.FLAT, entity)
        ):
            # a company with its id may take its name from another row with the same id
            # (a name written once): whether one does is known at the end
            ext = mapped[f"{entity}.{_EXT}"]
            self._later = mapped.filter(missing & ext.is_not_null()).select(ROW_COLUMN, ext.name)
            missing = missing & ext.is_null()
        if not missing.any():
            return bad
        fields = self.mapping.section(entity).fields
        field = entity.key(required.marked[0])
        if len(required.any_of) == 1:  # the column, numbered as the row's company is
            name = required.any_of[0]
            spec = fields.get(name)
            source = " + ".join(spec.source_columns()) if spec else None
            named = pl.lit(source, dtype=pl.String)
            rows = mapped.filter(missing).select(ROW_COLUMN, _numbered_name(named, mapped))
            for row, column in rows.iter_rows():
                fix = f"fill in column '{column}'" if column else f"map {name} in the mapping file"
                self._issue(
                    f"{required.problem}; {fix}", row=row, column=column, sheet=sheet, field=field
                )
            return bad | missing
        columns = [
            column
            for name in required.any_of
            if (spec := fields.get(name)) is not None
            for column in spec.source_columns()
        ]
        listed = ", ".join(f"'{c}'" for c in dict.fromkeys(columns)) or "(none is mapped)"
        for row in mapped.filter(missing)[ROW_COLUMN]:
            self._issue(
                f"{required.problem}; fill in one of {listed}", row=row, sheet=sheet, field=field
            )
        return bad | missing

    def _contacts_without_name(
        self, mapped: pl.DataFrame, rows: pl.Series, sheet: str | None
    ) -> None:
        """A contact with an e-mail and no name is imported (Kanbert allows it), with a
        warning naming the name columns the mapping reads, when it reads any."""
        contact = Entity.CONTACT
        names = [n for n in ("first_name", "last_name") if contact.key(n) in mapped.columns]
        email = contact.key(contact.match_field)
        if not names or email not in mapped.columns:
            return  # a mapping that reads no names asks for none
        nameless = (
            rows
            & mapped.select(
                pl.all_horizontal([pl.col(contact.key(n)).is_null() for n in names])
                & pl.col(email).is_not_null()
            ).to_series()
        )
        if not nameless.any():
            return
        fields = self.mapping.contact.fields
        columns = [c for n in names if (spec := fields.get(n)) for c in spec.source_columns()]
        listed = ", ".join(f"'{c}'" for c in dict.fromkeys(columns))
        for row, value in mapped.filter(nameless).select(ROW_COLUMN, email).iter_rows():
            self._issue(
                f"the contact has an e-mail but no name; it is imported without a name, "
                f"found again by its e-mail: fill in {listed} if you know the name",
                row=row,
                value=value,
                sheet=sheet,
                field=contact.key("last_name"),
                severity=Severity.WARNING,
            )

    def _positions_without_company(
        self, mapped: pl.DataFrame, company: pl.Series, sheet: str | None
    ) -> None:
        """A further company's position with no company beside it (a title in "Organization 2
        - Title", no name in "Organization 2 - Name") is left out, with a warning."""
        position = self.mapping.link.position
        if PART not in mapped.columns or position is None or _POSITION not in mapped.columns:
            return
        lost = (mapped[PART] > 0) & ~company & mapped[_POSITION].is_not_null()
        if not lost.any():
            return
        source = pl.lit(" + ".join(position.source_columns()), dtype=pl.String)
        name = self.mapping.company.fields.get("company_name")
        named = pl.lit(" + ".join(name.source_columns()) if name else "", dtype=pl.String)
        picked = mapped.filter(lost).select(
            ROW_COLUMN,
            _POSITION,
            _numbered_name(source, mapped).alias("column"),
            _numbered_name(named, mapped).alias("company"),
        )
        for row, value, column, company_column in picked.iter_rows():
            self._issue(
                f"the position '{value}' has no company beside it, so it is left out; "
                f"fill in column '{company_column}'",
                row=row,
                column=column,
                value=value,
                sheet=sheet,
                field=_POSITION,
                severity=Severity.WARNING,
            )

    # -- keys and bodies -----------------------------------------------------------------

    def _key_columns(self, role: Role) -> list[pl.Expr]:
        """Each record's key: its external id, else its name or e-mail (as the mapping's
        ``match`` says), else its row; compared as ``normalise_name`` compares."""
        found = []
        for entity in role.entities:
            by: Any = pl.lit("row")
            value = pl.col(ROW_COLUMN).cast(pl.String)
            target = entity.key(entity.match_field)
            match = self.mapping.section(entity).key.match
            if match == entity.match and self._target_of(role, target):
                text = pl.col(target).str.to_lowercase()
                matched = text.str.replace_all(r"\s+", " ").str.strip_chars()
                by = pl.when(matched.is_not_null()).then(pl.lit(entity.match)).otherwise(by)
                value = pl.coalesce(matched, value)
            if self._has_ext(role, entity):
                ext = pl.col(f"{entity}.{_EXT}")
                by = pl.when(ext.is_not_null()).then(pl.lit("external_id")).otherwise(by)
                value = pl.coalesce(ext, value)
            found += [by.alias(f"{entity}.{_BY}"), value.alias(f"{entity}.{_KEY}")]
        return found

    def _bodies(self, mapped: pl.DataFrame, entity: Entity, role: Role) -> pl.DataFrame:
        """The batch as write bodies: field names, external id, origin, custom_fields."""
        targets = [t for t in self._targets[role] if t.entity == entity]
        exprs = [pl.col(t.column).alias(t.name) for t in targets if t.custom_alias is None]
        if self._has_ext(role, entity):
            exprs.append(pl.col(f"{entity}.{_EXT}").alias("external_id"))
        if self.mapping.origin is not None and f"{entity}.external_origin" not in mapped.columns:
            exprs.append(pl.lit(self.mapping.origin).alias("external_origin"))
        custom = [pl.col(t.column).alias(t.custom_alias or "") for t in targets if t.custom_alias]
        if custom:
            exprs.append(pl.struct(custom).alias("custom_fields"))
        return mapped.select(exprs)

    def _check(
        self,
        mapped: pl.DataFrame,
        rows: pl.Series,
        entity: Entity,
        role: Role,
        sheet: str | None,
    ) -> tuple[pl.DataFrame, set[int]]:
        """The rows as write bodies, and the rows whose values pydantic refuses (issues)."""
        bodies = self._bodies(mapped, entity, role)
        refused: set[int] = set()
        for refusal in check_bodies(bodies, rows, entity):
            for row in refusal.rows:
                self._issue(
                    refusal.message,
                    row=row,
                    column=self._source_of(role, entity.key(refusal.field)),
                    value=refusal.value,
                    sheet=sheet,
                    field=entity.key(refusal.field),
                )
            refused.update(refusal.rows)
        return bodies, refused


def _without_skipped_rows(frame: pl.DataFrame, pattern: str | None) -> pl.DataFrame:
    """The frame without rows whose only filled cell matches ``pattern`` (input: skip_rows)."""
    cells = [c for c in frame.columns if c != ROW_COLUMN]
    if pattern is None or not cells or frame.height == 0:
        return frame
    text = [pl.col(c).cast(pl.String).str.strip_chars().replace("", None) for c in cells]
    alone = pl.sum_horizontal([t.is_not_null() for t in text]) == 1
    matches = pl.coalesce(text).str.contains(pattern).fill_null(False)
    return frame.filter(~(alone & matches))


def _first_parts(frame: pl.DataFrame) -> pl.Series:
    """The rows that carry their row's contact: all, unless a row has a part per company."""
    if PART in frame.columns:
        return frame[PART] == 0
    return pl.repeat(True, frame.height, dtype=pl.Boolean, eager=True)


def _whole_rows(frame: pl.DataFrame, bad: pl.Series) -> pl.Series:
    """A problem in one part of a row makes every part of it bad: a row is one unit."""
    if PART not in frame.columns or not bad.any():
        return bad
    return frame[ROW_COLUMN].is_in(frame.filter(bad)[ROW_COLUMN].implode())


def _numbered_name(column: pl.Expr, frame: pl.DataFrame) -> pl.Expr:
    """A column name with {n} as the row's company number ("Organization 2 - Name")."""
    if NUMBERED not in frame.columns:
        return column
    number = pl.col(NUMBERED).cast(pl.String)
    named = column.str.replace(NUMBER, number, literal=True)
    return pl.when(number.is_not_null()).then(named).otherwise(column)


def _column(frame: pl.DataFrame, expr: pl.Expr | None) -> pl.Series:
    """One text column of ``frame`` by ``expr``; all empty when there is none."""
    if expr is None:
        return pl.repeat(None, frame.height, dtype=pl.String, eager=True)
    return frame.select(expr).to_series()
