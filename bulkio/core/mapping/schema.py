"""The shape of a mapping file, as pydantic models.

Every model forbids unknown keys, so a typo ("colum:") is an error that the loader turns
into a message with the YAML line and the closest valid key.
"""

from __future__ import annotations

import codecs
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bulkio.core.entities import Entity, Role
from bulkio.core.normalize.country import country_lookup
from bulkio.core.normalize.phone import is_phone_region

SIMPLE_STEPS: tuple[str, ...] = ("trim", "collapse_spaces", "upper", "lower", "title")
STEP_KEYS: tuple[str, ...] = ("replace", "regex_replace", "extract", "remove")
NAME_PARTS: tuple[str, ...] = ("title", "first", "last")
STREET_PARTS: tuple[str, ...] = ("street", "house")
CUSTOM_TYPES: tuple[str, ...] = ("string", "boolean", "integer", "date")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


DELIMITER_NAMES: dict[str, str] = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}
MAX_HEADER_ROW = 1_048_576  # Excel's last row


class CsvOptions(_Strict):
    """Reader overrides for CSV input."""

    encoding: str | None = None
    delimiter: str | None = None

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(
                    "unknown encoding; use a name such as utf-8, cp1252, latin-1 or utf-16, "
                    "or leave it out to detect it"
                ) from None
        return value

    @field_validator("delimiter")
    @classmethod
    def _one_plain_character(cls, value: str | None) -> str | None:
        if value is None:
            return value
        char = DELIMITER_NAMES.get(value.lower(), "\t" if value == "\\t" else value)
        if len(char) != 1 or not char.isascii() or char in '"\r\n' or char.isalnum():
            raise ValueError(
                "the delimiter must be one plain character such as , ; | or tab "
                "(or its name: comma, semicolon, tab, pipe)"
            )
        return value


def country_code(value: str | None) -> str | None:
    """A phone region: an ISO country code ("DE", "de"); a country's name is refused with
    its code ("Germany" -> did you mean DE?)."""
    if value is None:
        return None
    code = value.strip().upper()
    if is_phone_region(code):
        return code
    named = country_lookup().get(value.strip().lower())
    if named is not None and is_phone_region(named):
        raise ValueError(f"write the country's ISO code; did you mean {named}?")
    raise ValueError("write the country's two-letter ISO code, like DE, AT, CH or GB")


class InputSpec(_Strict):
    """Where one role's rows are: a sheet (name or 0-based index) and the header row."""

    sheet: str | int = 0
    header_row: int | None = Field(default=None, ge=1, le=MAX_HEADER_ROW)  # 1-based; None = detect
    csv: CsvOptions | None = None  # this role's CSV overrides; default: input.csv
    # a row whose only filled cell matches this pattern is not data (a report's footer lines)
    skip_rows: str | None = None


class InputSection(_Strict):
    """One key per role (``Role``'s values): where its rows are."""

    flat: InputSpec | None = None
    companies: InputSpec | None = None
    contacts: InputSpec | None = None
    links: InputSpec | None = None
    csv: CsvOptions = CsvOptions()
    # for every role that names none of its own (see InputSpec.skip_rows)
    skip_rows: str | None = None

    @model_validator(mode="after")
    def _one_layout(self) -> InputSection:
        separate = [r for r in Role if r is not Role.FLAT and self.spec(r) is not None]
        if self.flat is not None and separate:
            raise ValueError(
                "use either 'flat' (one row per contact and its company) or separate sheets "
                "('companies', 'contacts', 'links'), not both; found flat and "
                + ", ".join(separate)
            )
        return self

    def spec(self, role: Role) -> InputSpec | None:
        spec: InputSpec | None = getattr(self, role.value)
        return spec


class Defaults(_Strict):
    phone_region: str = "DE"  # national numbers and postcodes on rows that name no country
    date_formats: list[str] = []
    # true: the order of day and month in date_formats is the preset's assumption (an English
    # Outlook writes month/day or day/month by the computer's settings); the file's own
    # values settle it where they can (see date_order.py)
    date_formats_assumed: bool = False
    excel_serial: bool = False
    list_separator: str = ","
    # true: every column the mapping reads may be missing from the sheet (a field says
    # 'optional: false' to be required); real exports leave out columns nobody filled
    optional: bool = False

    @field_validator("phone_region")
    @classmethod
    def _country_code(cls, value: str) -> str:
        return country_code(value) or value


class CleanStep(_Strict):
    """One cleaning step written as a mapping, e.g. ``{replace: {"(0)": ""}}``."""

    replace: dict[str, str] | None = None  # literal text -> replacement
    regex_replace: dict[str, str] | None = None  # pattern -> replacement ($1 for groups)
    extract: str | None = None  # keep the first group (or the whole match) of this pattern
    remove: str | None = None  # remove every one of these characters

    @model_validator(mode="after")
    def _exactly_one(self) -> CleanStep:
        given = [k for k in STEP_KEYS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"a cleaning step is one of {', '.join(SIMPLE_STEPS)} or one of "
                f"{', '.join(STEP_KEYS)} with its value; found {', '.join(given) or 'nothing'}"
            )
        return self


Step = Literal["trim", "collapse_spaces", "upper", "lower", "title"] | CleanStep


class LabelPick(_Strict):
    """Pick one of ``columns`` by the label in the column beside it (Google's "E-mail 1 -
    Label" = "* Work"): the label columns, in the order of the value columns, and the labels
    wanted, most wanted first (compared without case, spaces and a leading "*")."""

    columns: list[str] = Field(min_length=1)
    one_of: list[str] = Field(min_length=1)
    # also take a value whose label no other field of these columns wants ("Büro", a label
    # the person typed), when this field has no value of its own; a warning says so
    others: bool = False
    # set by the section (see _labels_taken_elsewhere): what the other fields want
    taken_elsewhere: list[str] = []


def label_key(label: str) -> str:
    """A label as compared: no case, no spaces around it, no leading "*" (Google's mark of
    the primary value)."""
    return label.strip().lstrip("* ").lower()


def _labels_taken_elsewhere(fields: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
    """``fields`` with each ``label.others`` told the labels its siblings (the fields picking
    from the same label columns) want."""
    changed = dict(fields)
    for name, spec in fields.items():
        if spec.label is None or not spec.label.others:
            continue
        taken = [
            label_key(wanted)
            for other, sibling in fields.items()
            if other != name and sibling.label is not None
            and sibling.label.columns == spec.label.columns
            for wanted in sibling.label.one_of
        ]  # fmt: skip
        label = spec.label.model_copy(update={"taken_elsewhere": sorted(set(taken))})
        changed[name] = spec.model_copy(update={"label": label})
    return changed


class SkipRule(_Strict):
    """Values matching ``pattern`` are left empty, with a warning naming the value and
    ``because`` (e.g. a birthday without a year, "--07-14")."""

    pattern: str
    because: str | None = None


def _names(data: Any) -> Any:
    """``column: [A, B]`` (the column under any of these names) -> column A, other names B."""
    if isinstance(data, dict) and isinstance(data.get("column"), list):
        data = dict(data)
        names = [str(n) for n in data["column"]]
        if not names:
            raise ValueError("'column' needs at least one column name")
        data["column"], data["other_names"] = names[0], names[1:]
    return data


class FieldSpec(_Strict):
    """Where one target field's value comes from and how it is cleaned."""

    column: str | None = None
    # set by the loader from 'column: [A, B, C]': the names the same column has in other
    # versions or languages of an export; the sheet's own name is used (see binding.py)
    other_names: list[str] = []
    columns: list[str] | None = None
    join: str = " "
    constant: str | int | bool | None = None
    clean: list[Step] = []
    split_name: Literal["title", "first", "last"] | None = None
    split_street: Literal["street", "house"] | None = None
    split: str | None = None
    map: dict[str, str | int | bool | None] | None = None
    default: str | int | bool | None = None
    formats: list[str] | None = None
    excel_serial: bool | None = None
    region: str | None = None
    type: Literal["string", "boolean", "integer", "date"] | None = None
    label: LabelPick | None = None  # with 'columns': take the one whose label is wanted
    first_of: str | None = Field(default=None, min_length=1)  # several values joined by this
    skip: SkipRule | None = None  # values left empty with a warning
    # the column(s) may be missing from the sheet: then empty; None: as defaults.optional
    optional: bool | None = None
    # set by the loader: whether 'default' was written (a written null differs from none)
    has_default: bool = False
    has_constant: bool = False

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"column": data}
        if isinstance(data, dict):
            data = dict(_names(data))
            data["has_default"] = "default" in data
            data["has_constant"] = "constant" in data
        return data

    @field_validator("region")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        return country_code(value)

    @model_validator(mode="after")
    def _one_source(self) -> FieldSpec:
        sources = [
            name
            for name, given in (
                ("column", self.column is not None),
                ("columns", self.columns is not None),
                ("constant", self.has_constant),
            )
            if given
        ]
        if len(sources) != 1:
            raise ValueError(
                "say where the value comes from with exactly one of 'column', 'columns' "
                f"or 'constant'; found {', '.join(sources) or 'none'}"
            )
        if self.columns is not None and not self.columns:
            raise ValueError("'columns' needs at least one column name")
        if self.label is not None and (
            self.columns is None or len(self.columns) != len(self.label.columns)
        ):
            raise ValueError(
                "'label' picks one of 'columns' by the label beside it: write the value "
                "columns under 'columns' and as many label columns, in the same order, under "
                "'label: columns'"
            )
        return self

    def source_columns(self) -> list[str]:
        if self.column is not None:
            return [self.column]
        return list(self.columns or [])

    def names(self) -> list[str]:
        """Every name the single source column may have (``column: [A, B]``)."""
        return [self.column, *self.other_names] if self.column is not None else []

    def read_columns(self) -> list[str]:
        """Every column the field reads: its sources and any label columns."""
        labels = self.label.columns if self.label is not None else []
        return self.source_columns() + [c for c in labels if c not in self.source_columns()]


class ExternalIdSpec(_Strict):
    column: str | None = None
    other_names: list[str] = []  # from 'column: [A, B]', as for fields
    columns: list[str] | None = None
    join: str = "-"
    # several keys in one cell ("5120002;5120001"), one link each; only for the keys a
    # contact or links-sheet row names (contact: company, link: contact/company)
    split: str | None = Field(default=None, min_length=1)
    optional: bool | None = None  # the column may be missing: then no key from it

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else _names(data)

    @model_validator(mode="after")
    def _one_source(self) -> ExternalIdSpec:
        if (self.column is None) == (self.columns is None):
            raise ValueError("write the external id as 'column: NAME' or 'columns: [A, B]'")
        return self

    def source_columns(self) -> list[str]:
        return [self.column] if self.column is not None else list(self.columns or [])

    def names(self) -> list[str]:
        return [self.column, *self.other_names] if self.column is not None else []


class CompanyKey(_Strict):
    external_id: ExternalIdSpec | None = None
    match: Literal["name", "none"] = "name"


class ContactKey(_Strict):
    external_id: ExternalIdSpec | None = None
    match: Literal["email", "none"] = "email"


class CompanySection(_Strict):
    key: CompanyKey = CompanyKey()
    # flat files: a contact row may name several companies, their cells (and the position)
    # holding one value per company joined by this text ("A ::: B"); see company_parts.py
    several: str | None = Field(default=None, min_length=1)
    fields: dict[str, FieldSpec] = {}

    @model_validator(mode="after")
    def _labels(self) -> CompanySection:
        fields = _labels_taken_elsewhere(self.fields)
        return self.model_copy(update={"fields": fields}) if fields != self.fields else self


class ContactSection(_Strict):
    key: ContactKey = ContactKey()
    company: ExternalIdSpec | None = None  # separate sheets: the one company a contact row names
    company_position: FieldSpec | None = None  # ... and the contact's position there
    fields: dict[str, FieldSpec] = {}

    @model_validator(mode="after")
    def _labels(self) -> ContactSection:
        fields = _labels_taken_elsewhere(self.fields)
        return self.model_copy(update={"fields": fields}) if fields != self.fields else self


class LinkSection(_Strict):
    position: FieldSpec | None = None
    contact: ExternalIdSpec | None = None  # links sheet: the contact's key
    company: ExternalIdSpec | None = None  # links sheet: the company's key
    # a company key that is not in this file: "error" (a row issue); "kanbert" (a warning
    # once per key; the link is kept and the import finds the company in Kanbert by its
    # external ID), for a contacts export whose companies come in a second file; or
    # "look-up" (a note once per key; the import finds the company in Kanbert by external
    # ID or exact name, and a row problem when Kanbert has none), as a template's column
    # "Company (external ID or name)" promises
    unknown_company: Literal["error", "kanbert", "look-up"] = "error"
    # a links sheet's contact key that is not in this file: "error", or "look-up" (a note
    # once per key; the import finds the contact in Kanbert by external ID or e-mail)
    unknown_contact: Literal["error", "look-up"] = "error"


class Mapping(_Strict):
    """A loaded, checked mapping file."""

    version: Literal[1] = 1
    origin: str | None = None
    input: InputSection = InputSection(flat=InputSpec())
    defaults: Defaults = Defaults()
    company: CompanySection = CompanySection()
    contact: ContactSection = ContactSection()
    link: LinkSection = LinkSection()

    @property
    def inputs(self) -> dict[Role, InputSpec]:
        """The roles to read, each with its sheet and header row."""
        found = {r: spec for r in Role if (spec := self.input.spec(r)) is not None}
        found = found or {Role.FLAT: InputSpec()}
        return {role: self._with_input_defaults(spec) for role, spec in found.items()}

    def _with_input_defaults(self, spec: InputSpec) -> InputSpec:
        """A role's spec with what it leaves out taken from ``input:`` (csv, skip_rows)."""
        update: dict[str, Any] = {}
        if spec.csv is None:
            update["csv"] = self.input.csv
        if spec.skip_rows is None and self.input.skip_rows is not None:
            update["skip_rows"] = self.input.skip_rows
        return spec.model_copy(update=update) if update else spec

    @property
    def csv(self) -> CsvOptions:
        """The CSV overrides for the whole file (a role may have its own, see ``inputs``)."""
        return self.input.csv

    @property
    def is_flat(self) -> bool:
        return Role.FLAT in self.inputs

    def section(self, entity: Entity) -> CompanySection | ContactSection:
        """The ``company:`` or ``contact:`` section."""
        return self.company if entity is Entity.COMPANY else self.contact
