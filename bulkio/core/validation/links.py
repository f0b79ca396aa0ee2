"""Links between contacts and companies: from a flat file's rows, from a contact row that
names its company, or from a links sheet. The last two point at records that may come in a
later batch, so they are resolved when the whole file has been read."""

from __future__ import annotations

from typing import Any

import polars as pl
from rapidfuzz import fuzz, process

from bulkio.core.entities import Entity, MatchKey, Role
from bulkio.core.issues import ROW_COLUMN, Severity
from bulkio.core.mapping.expressions import field_expr, key_expr
from bulkio.core.mapping.schema import ExternalIdSpec, Mapping
from bulkio.core.validation.companies import normalise_name
from bulkio.core.validation.issue_log import Batch, IssueLog
from bulkio.core.validation.records import CompanyRecord, ContactRecord, LinkRecord, RecordKey

_POSITION = "link.position"


class _Pending:
    """A link that names its contact and company by a value from a cell."""

    __slots__ = ("company", "contact", "position", "role", "row", "sheet")

    def __init__(
        self,
        contact: str | RecordKey,
        company: str,
        position: str | None,
        row: int,
        sheet: str | None,
        role: Role,
    ) -> None:
        self.contact, self.company, self.position = contact, company, position
        self.row, self.sheet, self.role = row, sheet, role


_FLAT_CHUNKS = 8  # batches of flat links kept apart before they are merged


class LinkBook:
    def __init__(self, log: IssueLog, mapping: Mapping) -> None:
        self._log = log
        self._mapping = mapping
        self._pending: list[_Pending] = []
        self.links: dict[tuple[RecordKey, RecordKey], LinkRecord] = {}
        self._flat_kept: list[tuple[pl.DataFrame, str | None]] = []  # see ``take_flat``
        self.resolved: dict[tuple[RecordKey, RecordKey], _Pending] = {}
        # without records: hashes of flat rows' links, a column per batch (not a million ints)
        self._flat_pairs: list[pl.Series] = []
        # entity -> id, name or e-mail of a record whose own row has errors -> (row, sheet)
        self._rejected: dict[Entity, dict[str, tuple[int, str | None]]] = {e: {} for e in Entity}
        self._known: dict[Entity, list[str]] = {}  # keys and names, for "did you mean"
        self._spelled: dict[str, str] = {}  # a normalised company name -> as the file wrote it
        self._noted: set[tuple[Entity, str]] = set()  # references noted as looked up in Kanbert

    def rebind(self, mapping: Mapping) -> None:
        """Use the mapping as bound to the sheets' own column names (see binding.py)."""
        self._mapping = mapping

    @property
    def count(self) -> int:
        """Distinct links found, whether or not their records are kept."""
        if self.links:
            return len(self.links)
        return self._flat_pairs_known().len() + len(self.resolved)

    def forget_flat(self, pairs: set[int]) -> None:
        """Forget flat links (by the hash ``take_flat`` counts them by) found invalid once the
        whole file was read."""
        known = self._flat_pairs_known()
        gone = pl.Series(list(pairs), dtype=pl.UInt64)
        self._flat_pairs = [known.filter(~known.is_in(gone.implode()))]

    def _flat_pairs_known(self) -> pl.Series:
        """The distinct flat links taken so far (kept as one column from then on)."""
        if not self._flat_pairs:
            return pl.Series("pairs", [], pl.UInt64)
        if len(self._flat_pairs) > 1:
            self._flat_pairs = [pl.concat(self._flat_pairs).unique()]
        return self._flat_pairs[0]

    def named_contacts(self) -> set[str]:
        """The keys the pending links may name their contacts by: an id, or an e-mail."""
        named = {link.contact for link in self._pending if isinstance(link.contact, str)}
        return named | {normalise_name(value) for value in named}

    def note_rejected(
        self, mapped: pl.DataFrame, rejected: pl.Series, entity: Entity, sheet: str | None
    ) -> None:
        """Remember the records of a companies or contacts sheet whose rows have errors, so a
        link to one of them says to fix that row rather than that the record is missing."""
        picked = mapped.filter(rejected)
        if picked.height == 0:
            return
        named = entity.key(entity.match_field)
        names = (
            picked[named].cast(pl.String)
            if named in picked.columns
            else pl.Series([None] * picked.height, dtype=pl.String)
        )
        book = self._rejected[entity]
        for by, key, name, row in zip(
            picked[f"{entity}.__by"].to_list(), picked[f"{entity}.__key"].to_list(),
            names.to_list(), picked[ROW_COLUMN].to_list(), strict=True,
        ):  # fmt: skip
            for value in (key if by != "row" else None, name):
                if value is not None:
                    book.setdefault(normalise_name(str(value)), (row, sheet))

    def take_flat(self, mapped: pl.DataFrame, chosen: pl.Series, batch: Batch) -> None:
        """Each chosen flat row links its contact to the company on the same row (kept as
        columns until ``make_flat``, when records are kept)."""
        if not batch.keep_records:
            # both ends are on the row: nothing to check across the file, only to count
            self._flat_pairs.append(flat_pairs(mapped.filter(chosen)).unique().alias("pairs"))
            if len(self._flat_pairs) >= _FLAT_CHUNKS:
                self._flat_pairs_known()
            return
        position = pl.col(_POSITION) if _POSITION in mapped.columns else pl.lit(None)
        picked = mapped.filter(chosen).select(
            "contact.__by",
            "contact.__key",
            "company.__by",
            "company.__key",
            position.cast(pl.String),
            ROW_COLUMN,
        )
        self._flat_kept.append((picked, batch.sheet))

    def make_flat(
        self,
        contacts: dict[RecordKey, ContactRecord],
        companies: dict[RecordKey, CompanyRecord],
    ) -> None:
        """The flat rows' links as records, sharing their records' keys: once the whole
        file is read, so a million of them are not held beside the batch being checked."""
        kept, self._flat_kept = self._flat_kept, []
        kept.reverse()
        links = self.links
        positions: dict[str, str] = {}  # a position repeated is one text
        while kept:
            picked, sheet = kept.pop()
            for c_by, c_key, o_by, o_key, pos, row in picked.iter_rows():
                pair: Any = ((c_by, c_key), (o_by, o_key))  # equal to the RecordKey pair
                if pair in links:
                    continue
                pos = pos if pos is None else positions.setdefault(pos, pos)
                contact, company = contacts[pair[0]].key, companies[pair[1]].key
                links[(contact, company)] = LinkRecord(contact, company, pos, row, sheet, Role.FLAT)

    def queue_contact_company(self, mapped: pl.DataFrame, chosen: pl.Series, batch: Batch) -> None:
        """A contacts sheet's rows that name one company each."""
        position = pl.col(_POSITION) if _POSITION in mapped.columns else pl.lit(None)
        picked = mapped.filter(chosen & mapped["contact_company.__ext"].is_not_null())
        spec = self._mapping.contact.company
        split = spec.split if spec is not None else None
        for by, value, companies, pos, row in picked.select(
            "contact.__by",
            "contact.__key",
            "contact_company.__ext",
            position.cast(pl.String),
            ROW_COLUMN,
        ).iter_rows():
            key = RecordKey(by, value)
            named = _split(companies, split)
            if pos is not None and len(named) > 1:
                held = self._mapping.contact.company_position
                where = " + ".join(spec.source_columns()) if spec else "the company column"
                self._log.add(
                    f"the position is taken for each of the {len(named)} companies in "
                    f"'{where}'; correct it in Kanbert where it differs",
                    row=row,
                    column=" + ".join(held.source_columns()) if held else None,
                    value=pos,
                    sheet=batch.sheet,
                    field="link.position",
                    severity=Severity.WARNING,
                )
            for company in named:
                self._pending.append(_Pending(key, company, pos, row, batch.sheet, Role.CONTACTS))

    def add_sheet(self, frame: pl.DataFrame, batch: Batch) -> None:
        """The rows of a links sheet: contact, company and position."""
        link = self._mapping.link
        assert link.contact is not None and link.company is not None
        position = field_expr(link.position) if link.position else pl.lit(None, pl.String)
        picked = frame.select(
            pl.col(ROW_COLUMN),
            key_expr(link.contact).alias("contact"),
            key_expr(link.company).alias("company"),
            position.alias("position"),
        )
        for row, contacts, companies, pos in picked.iter_rows():
            if contacts is not None and companies is not None:
                for contact in _split(contacts, link.contact.split):
                    for company in _split(companies, link.company.split):
                        self._pending.append(
                            _Pending(contact, company, pos, row, batch.sheet, Role.LINKS)
                        )
                continue
            contact, company = contacts, companies
            if contact is None and company is None:
                continue  # an empty row
            missing = Entity.CONTACT if contact is None else Entity.COMPANY
            spec = link.contact if contact is None else link.company
            column = " + ".join(spec.source_columns())
            self._log.add(
                f"the link names no {missing}; fill in column '{column}' or delete the row",
                row=row,
                column=column,
                sheet=batch.sheet,
                field=f"link.{missing}",
            )

    def resolve(
        self,
        contacts: set[tuple[str, str]],
        companies: set[RecordKey],
        *,
        keep_records: bool,
        contact_emails: dict[str, RecordKey] | None = None,
        company_names: dict[str, RecordKey] | None = None,
        spelled: dict[str, str] | None = None,
    ) -> None:
        """Find every pending link's contact and company in the whole file. ``spelled``
        (a normalised company name -> as written) names a near miss as the file does."""
        self._spelled = spelled or {}
        found: dict[tuple[RecordKey, RecordKey], _Pending] = {}
        self.resolved = found
        self._known = {
            Entity.CONTACT: [value for _, value in contacts] + list(contact_emails or {}),
            Entity.COMPANY: [key.value for key in companies] + list(company_names or {}),
        }
        unknown_company = self._mapping.link.unknown_company
        told: set[str] = set()  # company keys already named in a warning
        for link in self._pending:
            self._log.role = link.role
            if isinstance(link.contact, RecordKey):
                contact: RecordKey | None = link.contact
            else:
                contact = _find(contacts, Entity.CONTACT.match, link.contact, contact_emails)
                if contact is None and self._mapping.link.unknown_contact == "look-up":
                    contact = self._look_up(link, Entity.CONTACT)
            company = _find(companies, Entity.COMPANY.match, link.company, company_names)
            if contact is not None and company is None and unknown_company == "kanbert":
                company = RecordKey("external_id", link.company)
                if link.company not in told:
                    told.add(link.company)
                    self._in_kanbert(link)
            elif company is None and unknown_company == "look-up":
                company = self._look_up(link, Entity.COMPANY)
            if contact is None or company is None:
                self._missing(link, Entity.CONTACT if contact is None else Entity.COMPANY)
                continue
            earlier = found.get((contact, company))
            if earlier is None:
                found[(contact, company)] = link
                if keep_records:
                    self.links[(contact, company)] = LinkRecord(
                        contact, company, link.position, link.row, link.sheet, link.role
                    )
            elif earlier.position != link.position:
                self._log.add(
                    f"this contact and company are also linked on row {earlier.row} with "
                    f"position '{earlier.position}'; keep one row per contact and company",
                    row=link.row,
                    value=link.position,
                    sheet=link.sheet,
                    field="link.position",
                )

    def _in_kanbert(self, link: _Pending) -> None:
        """The warning for a company key that is not in this file (unknown_company: kanbert)."""
        spec = self._spec(link, Entity.COMPANY)
        self._log.add(
            f"company '{link.company}' is not in this file; the import links to the Kanbert "
            f"company with external ID '{link.company}', so import the companies export first",
            row=link.row,
            column=" + ".join(spec.source_columns()) if spec else None,
            value=link.company,
            sheet=link.sheet,
            field="link.company",
            severity=Severity.WARNING,
        )

    def _look_up(self, link: _Pending, entity: Entity) -> RecordKey | None:
        """The key of a record this file does not hold, for the import to look up in
        Kanbert, with a note the first time the key comes up; None when it names a record
        of this file whose own row has errors (that error is the one to fix)."""
        ref = str(link.contact if entity is Entity.CONTACT else link.company)
        if normalise_name(ref) in self._rejected[entity]:
            return None
        key = RecordKey("ref", ref)
        if (entity, ref) not in self._noted:
            self._noted.add((entity, ref))
            by = "exact name" if entity is Entity.COMPANY else "e-mail"
            spec = self._spec(link, entity)
            self._log.add(
                f"{entity} '{ref}' is not in this file; it will be looked up in Kanbert by "
                f"external ID or {by}",
                row=link.row,
                column=" + ".join(spec.source_columns()) if spec else None,
                value=ref,
                sheet=link.sheet,
                field=f"link.{entity}",
                severity=Severity.NOTE,
            )
        return key

    def _spec(self, link: _Pending, entity: Entity) -> ExternalIdSpec | None:
        """The mapping's spec of the column that names ``entity`` on the link's row."""
        m = self._mapping
        if entity is Entity.CONTACT:
            return m.link.contact
        return m.link.company if link.role is Role.LINKS else m.contact.company

    def _near(self, entity: Entity, ref: str) -> str:
        """ "; did you mean 'Muster GmbH'?" when the file holds a nearly identical key."""
        found = _near_miss(ref, self._known.get(entity, []))
        if found is None:
            return ""
        return f" (did you mean '{self._spelled.get(found, found)}'?)"

    def _missing(self, link: _Pending, entity: Entity) -> None:
        spec = self._spec(link, entity)
        ref = link.contact if entity is Entity.CONTACT else link.company
        column = " + ".join(spec.source_columns()) if spec else None
        message = (
            f"{entity} '{ref}' is not in the file{self._near(entity, str(ref))}; add it to the "
            f"{entity.plural} or correct the value"
        )
        bad = self._rejected[entity].get(normalise_name(str(ref)))
        if bad is not None:
            row, sheet = bad
            where = f"row {row}" + (f" of sheet '{sheet}'" if sheet else "")
            message = f"{entity} '{ref}' on {where} has errors; fixing that row fixes this link too"
        self._log.add(
            message,
            row=link.row,
            column=column,
            value=str(ref),
            sheet=link.sheet,
            field=f"link.{entity}",
        )


def flat_pairs(mapped: pl.DataFrame) -> pl.Series:
    """Each flat row's link as one hash of its contact's and company's keys."""
    keys = mapped.select("contact.__by", "contact.__key", "company.__by", "company.__key")
    return keys.hash_rows()


def _near_miss(value: str, known: list[str]) -> str | None:
    """The known key or name nearly the same as ``value`` ("Muster Gmbh." for "muster gmbh"),
    compared as keys are (case and spacing aside)."""
    if not known:
        return None
    best = process.extractOne(
        normalise_name(value), known, scorer=fuzz.ratio, processor=normalise_name, score_cutoff=85
    )
    return None if best is None else str(best[0])


def _split(value: str, separator: str | None) -> list[str]:
    """One key, or with a separator every non-blank key in the cell."""
    if separator is None:
        return [value]
    return [part.strip() for part in value.split(separator) if part.strip()]


def _find(
    known: set[Any], match: MatchKey, value: str, aliases: dict[str, RecordKey] | None = None
) -> RecordKey | None:
    """The key a cell's value points at: an external id, else an e-mail or a company name
    (of a record keyed by it, or of one keyed by its external id)."""
    if ("external_id", value) in known:
        return RecordKey("external_id", value)
    norm = normalise_name(value)
    if (match, norm) in known:
        return RecordKey(match, norm)
    return (aliases or {}).get(norm)
