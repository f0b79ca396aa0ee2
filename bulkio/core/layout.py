"""The standard workbook layout, defined once: sheets, columns, labels, notes, closed lists.

The template a customer fills, the export (a backup that re-imports as it is) and the
import of a filled template without a mapping all use this layout. Three sheets:

- Companies: one row per company, a column per writable field of ``CompanyData``
  (custom fields included).
- Contacts: one row per contact, a column per writable field of ``ContactData``, plus the
  contact's FIRST company (by external ID or name) and the position there.
- Links: further companies of a contact, one row per link (contact by external ID or
  e-mail, company by external ID or name, position).

A column is known to machines by its ``key`` (``company.company_name``,
``contact.custom_fields.newsletter``, ``link.company``) and to people by its label in English
or German. ``Layout.column_for_header`` finds a column by either label (with or without the
required mark), by key or by field name, so an English and a German template import alike.
Exports add read-only columns (Kanbert ID, created/updated/archived) at the end.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bulkio.core.choices import Choices, CustomFieldDef
from bulkio.core.entities import Entity, Role
from bulkio.core.fields import CUSTOM_FIELDS_PREFIX, GENDERS, LINK_POSITION, Field, Kind
from bulkio.core.lookups import Lookup

LAYOUT_VERSION = 1
LANGUAGES: tuple[str, ...] = ("en", "de")
REQUIRED_MARK = " *"

META_SHEET = "_bulkio"  # hidden: sheet / column / label / key of every column
LISTS_SHEET = "_lists"  # hidden: the values of every dropdown

# Yes/no words written to and offered by the layout, per language. An import must accept both.
BOOL_WORDS: dict[str, tuple[str, str]] = {"en": ("yes", "no"), "de": ("ja", "nein")}
# The gender dropdown's words per language, in the order of ``GENDERS`` (the import reads both).
GENDER_WORDS: dict[str, tuple[str, ...]] = {"en": GENDERS, "de": ("männlich", "weiblich", "divers")}

# Names of closed lists that are not API look-ups.
CHOICES_GENDERS = "genders"
CHOICES_BOOL = "bool"
CHOICES_CUSTOM = "custom:"  # + "<entity>.<alias>" of a select-type custom field

FORMAT_TEXT = "@"
FORMAT_GENERAL = "General"
# How a date column shows its dates (the cells hold dates); German Excel calls it TT.MM.JJJJ.
DATE_FORMATS: dict[str, str] = {"en": "yyyy-mm-dd", "de": "DD.MM.YYYY"}

# The roles a layout workbook has a sheet for, in sheet order.
SHEETS: tuple[Role, ...] = (Role.COMPANIES, Role.CONTACTS, Role.LINKS)
INSTRUCTIONS_TITLE: dict[str, str] = {"en": "Instructions", "de": "Anleitung"}

_KIND_HINT: dict[Kind, tuple[str, str]] = {
    Kind.TEXT: ("Text", "Text"),
    Kind.EMAIL: ("An e-mail address", "Eine E-Mail-Adresse"),
    Kind.PHONE: (
        "A phone number, best with country code",
        "Eine Telefonnummer, am besten mit Ländervorwahl",
    ),
    Kind.URL: ("A web address", "Eine Webadresse"),
    Kind.DATE: ("A date", "Ein Datum"),
    Kind.BOOL: ("yes or no", "ja oder nein"),
    Kind.COUNTRY: (
        "Country name (English or German) or ISO code; pick from the list",
        "Ländername (deutsch oder englisch) oder ISO-Code; aus der Liste wählen",
    ),
    Kind.GENDER: ("male, female or diverse", "männlich, weiblich oder divers"),
    Kind.IBAN: ("An IBAN", "Eine IBAN"),
    Kind.BIC: ("A BIC (SWIFT code)", "Eine BIC (SWIFT-Code)"),
    Kind.VAT: ("EU VAT identification number", "Umsatzsteuer-Identifikationsnummer"),
    Kind.LOCALE: ("Language code, e.g. de or en", "Sprachcode, z. B. de oder en"),
    Kind.REFERENCE: ("Pick a value from the list", "Einen Wert aus der Liste wählen"),
    Kind.TAGS: ("Several separated by commas", "Mehrere durch Kommas getrennt"),
}

# German notes for catalogue fields whose English note says more than the kind's hint.
_NOTE_DE: dict[str, str] = {
    "external_id": "Ihre eigene eindeutige ID; damit wird der Datensatz beim nächsten Import "
    "wiedergefunden",
    "external_origin": "Das System, aus dem die externe ID stammt",
    "title": "Akademischer Titel vor dem Namen",
    "position": "Die allgemeine Funktion des Kontakts",
    "owner": "E-Mail des Kanbert-Benutzers, der diesen Kontakt betreut",
    "client": "Name oder externe ID des Mandanten",
    "taxation_enabled": "ja oder nein",
}

# German examples for catalogue fields whose example is English words.
_EXAMPLE_DE: dict[str, str] = {
    "position": "Vertriebsleiterin",
    "link.position": "Geschäftsführerin",
}


def example_in(lang: str, example: str, kind: Kind) -> str:
    """An example as the template of ``lang`` shows it: yes/no, genders and dates in the
    words and format of the language ("nein", "weiblich", "23.04.1980")."""
    if not example or lang == "en":
        return example
    if kind == Kind.BOOL:
        return BOOL_WORDS[lang][BOOL_WORDS["en"].index(example)]
    if kind == Kind.GENDER:
        return GENDER_WORDS[lang][GENDERS.index(example)]
    if kind == Kind.DATE:
        year, month, day = example.split("-")
        return f"{day}.{month}.{year}"
    return example


@dataclass(frozen=True)
class Column:
    """One column of the layout."""

    sheet: Role
    key: str  # "company.company_name", "contact.custom_fields.newsletter", "link.company"
    label_en: str
    label_de: str
    note_en: str
    note_de: str
    example: str = ""
    example_de: str = ""  # when German words differ from the example's
    kind: Kind = Kind.TEXT
    required: bool = False
    read_only: bool = False  # export only: Kanbert ID and timestamps
    choices: str | None = None  # name of the closed list offered as a dropdown
    strict: bool = True  # the dropdown rejects values not on the list
    number_format: str = FORMAT_TEXT
    width: int = 16
    custom_type: str | None = None  # a custom field's type: string, boolean, integer, ...

    @property
    def field(self) -> str:
        """The key without its entity: "company_name", "custom_fields.segment", "position"."""
        return self.key.split(".", 1)[1]

    def label(self, lang: str) -> str:
        return self.label_de if lang == "de" else self.label_en

    def header(self, lang: str) -> str:
        """The header cell's text: the label, with the required mark when required."""
        return self.label(lang) + (REQUIRED_MARK if self.required else "")

    def note(self, lang: str) -> str:
        """What goes in this column and an example, for the header's comment."""
        de = lang == "de"
        lines = [self.note_de if de else self.note_en]
        if self.required:
            lines.append(_required_text(self, lang))
        example = self.example_de if de and self.example_de else self.example
        if example:
            lines.append(("Beispiel: " if de else "Example: ") + example)
        if self.read_only:
            lines.append(
                "Von Kanbert vergeben; wird beim Import nicht geändert."
                if de
                else "Set by Kanbert; an import does not change it."
            )
        lines.append(("Feld: " if de else "Field: ") + self.key)
        return "\n".join(line for line in lines if line)


def _required_text(col: Column, lang: str) -> str:
    """What a required column's note says: "Required.", or what a record of its entity
    needs when that is one of several fields."""
    entity = Entity.named(col.key.partition(".")[0])
    note = entity.required.note(lang) if entity is not None else ""
    return note or ("Pflichtfeld." if lang == "de" else "Required.")


def normalize_header(text: str) -> str:
    """A header as compared: no required mark, no case, single spaces."""
    text = text.strip()
    while text.endswith("*"):
        text = text[:-1].rstrip()
    return re.sub(r"\s+", " ", text).casefold()


class Layout:
    """The sheets and columns of one workbook (custom fields and export columns decided)."""

    def __init__(self, columns: dict[Role, tuple[Column, ...]]) -> None:
        self._columns = columns
        self._by_header: dict[Role, dict[str, Column]] = {}
        for sheet, cols in columns.items():
            index: dict[str, Column] = {}
            for col in cols:
                for name in (col.key, col.field, col.label_en, col.label_de):
                    index.setdefault(normalize_header(name), col)
            self._by_header[sheet] = index

    @property
    def sheets(self) -> tuple[Role, ...]:
        return tuple(self._columns)

    def columns(self, sheet: Role) -> tuple[Column, ...]:
        return self._columns.get(sheet, ())

    def column_for_header(self, sheet: Role, header: str) -> Column | None:
        """The column a header names: English or German label (with or without "*"),
        key ("contact.email") or field name ("email"); None when it names none."""
        return self._by_header.get(sheet, {}).get(normalize_header(header))

    def column(self, key: str) -> Column | None:
        for cols in self._columns.values():
            for col in cols:
                if col.key == key:
                    return col
        return None


def header_lines(columns: Iterable[Column], lang: str) -> int:
    """How many lines the header row needs when each header wraps in its column's width:
    a writer sets the row that tall, since LibreOffice does not fit row heights itself."""
    return max(
        (len(textwrap.wrap(col.header(lang), width=col.width - 2)) for col in columns), default=1
    )


def sheet_for_title(title: str) -> Role | None:
    """The layout sheet a sheet title names, in either language ("Kontakte" -> CONTACTS)."""
    wanted = normalize_header(title)
    for sheet in SHEETS:
        if wanted == sheet.value or wanted in {normalize_header(t) for t in sheet.sheet_titles}:
            return sheet
    return None


def _width(labels: tuple[str, str], example: str = "", *, required: bool = False) -> int:
    """A column's width in characters: its header on at most two lines (no word broken)
    and its example on one, within 12 to 24, so a sheet of many columns still fits a
    printed page's width."""
    headers = [label + (REQUIRED_MARK if required else "") for label in labels]
    word = max(len(w) for header in headers for w in header.split())
    half = max((len(header) + 1) // 2 for header in headers)
    return max(12, min(24, max(word + 2, half + 3, len(example) + 2)))


def _field_column(entity: Entity, f: Field, lang_dates: str) -> Column:
    choices: str | None = None
    strict = True
    if f.kind == Kind.BOOL:
        choices = CHOICES_BOOL
    elif f.kind == Kind.GENDER:
        choices = CHOICES_GENDERS
    elif f.lookup is not None:
        choices, strict = f.lookup.value, f.lookup.strict
    hint_en, hint_de = _KIND_HINT[f.kind]
    return Column(
        sheet=entity.role,
        key=entity.key(f.name),
        label_en=f.label_en,
        label_de=f.label_de,
        note_en=f.note_en or hint_en,
        note_de=_NOTE_DE.get(f.name, hint_de),
        example=f.example,
        example_de=_EXAMPLE_DE.get(f.name) or example_in("de", f.example, f.kind),
        kind=f.kind,
        required=f.name in entity.required.marked,
        choices=choices,
        strict=strict,
        number_format=DATE_FORMATS[lang_dates] if f.kind == Kind.DATE else FORMAT_TEXT,
        width=_width(
            (f.label_en, f.label_de), f.example, required=f.name in entity.required.marked
        ),
    )


_CUSTOM_KIND = {"boolean": Kind.BOOL, "date": Kind.DATE}
_CUSTOM_HINT = {
    "string": ("Text", "Text"),
    "boolean": ("yes or no", "ja oder nein"),
    "integer": ("A whole number", "Eine ganze Zahl"),
    "date": ("A date", "Ein Datum"),
    "select": ("Pick a value from the list", "Einen Wert aus der Liste wählen"),
}


def _custom_column(entity: Entity, cf: CustomFieldDef, taken: set[str], lang_dates: str) -> Column:
    kind = _CUSTOM_KIND.get(cf.type, Kind.TEXT)
    label_en = label_de = cf.name
    if normalize_header(cf.name) in taken:
        label_en, label_de = f"{cf.name} (custom)", f"{cf.name} (benutzerdefiniert)"
    hint_en, hint_de = _CUSTOM_HINT.get(cf.type, _CUSTOM_HINT["string"])
    if cf.type == "select" and cf.options:
        choices: str | None = f"{CHOICES_CUSTOM}{entity.key(cf.alias)}"
        hint_en += ": " + ", ".join(cf.options)
        hint_de += ": " + ", ".join(cf.options)
    else:
        choices = CHOICES_BOOL if kind == Kind.BOOL else None
    if kind == Kind.DATE:
        number_format = DATE_FORMATS[lang_dates]
    elif cf.type == "integer":
        number_format = FORMAT_GENERAL
    else:
        number_format = FORMAT_TEXT
    example = {"boolean": "yes", "integer": "42", "date": "2024-01-31"}.get(cf.type, "")
    if cf.type == "select" and cf.options:
        example = cf.options[0]
    return Column(
        sheet=entity.role,
        key=entity.key(f"{CUSTOM_FIELDS_PREFIX}{cf.alias}"),
        label_en=label_en,
        label_de=label_de,
        note_en=f"Custom field '{cf.name}'. {hint_en}",
        note_de=f"Benutzerdefiniertes Feld '{cf.name}'. {hint_de}",
        example=example,
        example_de=example_in("de", example, kind),
        kind=kind,
        choices=choices,
        number_format=number_format,
        width=_width((label_en, label_de), example),
        custom_type=cf.type,
    )


def _link_company_column(sheet: Role, *, required: bool, with_companies: bool) -> Column:
    """The column naming a contact's company; a company the file lacks is looked up in
    Kanbert."""
    if with_companies:
        where_en = "as on the Companies sheet; a company that is not there is looked up in Kanbert"
        where_de = "wie im Blatt Firmen; eine Firma, die dort nicht steht, wird in Kanbert gesucht"
    else:
        where_en, where_de = (
            "as in Kanbert, where it is looked up",
            "wie in Kanbert, wo sie gesucht wird",
        )
    further_en = " Further companies go on the Links sheet." if sheet is Role.CONTACTS else ""
    further_de = (
        " Weitere Firmen gehören ins Blatt Verknüpfungen." if sheet is Role.CONTACTS else ""
    )
    label_en, label_de = "Company (external ID or name)", "Firma (externe ID oder Name)"
    return Column(
        sheet=sheet,
        key="link.company",
        label_en=label_en,
        label_de=label_de,
        note_en=f"The company this contact works at: its External ID or its exact name {where_en}."
        + further_en,
        note_de=f"Die Firma, bei der der Kontakt arbeitet: ihre externe ID oder ihr genauer Name "
        f"{where_de}." + further_de,
        example="K-2001",
        required=required,
        width=_width((label_en, label_de), required=required),
    )


def _link_position_column(sheet: Role) -> Column:
    return Column(
        sheet=sheet,
        key="link.position",
        label_en=LINK_POSITION.label_en,
        label_de=LINK_POSITION.label_de,
        note_en=LINK_POSITION.note_en,
        note_de="Die Rolle des Kontakts in dieser Firma",
        example=LINK_POSITION.example,
        example_de=_EXAMPLE_DE["link.position"],
        width=_width((LINK_POSITION.label_en, LINK_POSITION.label_de), LINK_POSITION.example),
    )


def _read_only_columns(entity: Entity) -> list[Column]:
    specs = [
        ("id", "Kanbert ID", "Kanbert-ID", "The record's id in Kanbert", "Die ID in Kanbert"),
        ("created_at", "Created at", "Erstellt am", "When it was created", "Angelegt am"),
        ("updated_at", "Updated at", "Geändert am", "When it last changed", "Zuletzt geändert"),
        ("deleted_at", "Archived at", "Archiviert am", "When it was archived", "Archiviert am"),
    ]
    return [
        Column(
            sheet=entity.role,
            key=entity.key(name),
            label_en=en,
            label_de=de,
            note_en=note_en,
            note_de=note_de,
            read_only=True,
            width=38 if name == "id" else 22,
        )
        for name, en, de, note_en, note_de in specs
    ]


def build_layout(
    custom_fields: Iterable[CustomFieldDef] = (),
    *,
    entities: Sequence[Entity] = tuple(Entity),
    export: bool = False,
    lang: str = "en",
) -> Layout:
    """The layout for these custom fields and entities.

    ``export`` adds the read-only columns (Kanbert ID, timestamps) at the end of the Companies
    and Contacts sheets. ``lang`` only chooses the date format of date columns. The Links sheet
    comes with the Contacts sheet.
    """
    custom = tuple(custom_fields)
    columns: dict[Role, tuple[Column, ...]] = {}
    for entity in Entity:
        if entity not in entities:
            continue
        cols: list[Column] = []
        for f in entity.fields:
            cols.append(_field_column(entity, f, lang))
            if entity is Entity.CONTACT and f.name == "position":
                cols.append(
                    _link_company_column(
                        entity.role, required=False, with_companies=Entity.COMPANY in entities
                    )
                )
                cols.append(_link_position_column(entity.role))
        taken = {normalize_header(t) for c in cols for t in (c.label_en, c.label_de)}
        for cf in custom:
            if cf.entity == entity:
                cols.append(_custom_column(entity, cf, taken, lang))
        if export:
            cols.extend(_read_only_columns(entity))
        columns[entity.role] = tuple(cols)
    if Entity.CONTACT in entities:
        labels = ("Contact (external ID or e-mail)", "Kontakt (externe ID oder E-Mail)")
        contact_col = Column(
            sheet=Role.LINKS,
            key="link.contact",
            label_en=labels[0],
            label_de=labels[1],
            note_en="The contact: its External ID or its e-mail as on the Contacts sheet; a "
            "contact that is not there is looked up in Kanbert.",
            note_de="Der Kontakt: seine externe ID oder seine E-Mail wie im Blatt Kontakte; ein "
            "Kontakt, der dort nicht steht, wird in Kanbert gesucht.",
            example="C-1001",
            required=True,
            width=_width(labels, required=True),
        )
        columns[Role.LINKS] = (
            contact_col,
            _link_company_column(
                Role.LINKS, required=True, with_companies=Entity.COMPANY in entities
            ),
            _link_position_column(Role.LINKS),
        )
    return Layout(columns)


def choice_values(name: str, choices: Choices, lang: str) -> list[str]:
    """The values a dropdown of the closed list ``name`` offers, in the template's language."""
    if name == CHOICES_BOOL:
        return list(BOOL_WORDS.get(lang, BOOL_WORDS["en"]))
    if name == CHOICES_GENDERS:
        return list(GENDER_WORDS.get(lang, GENDERS))
    if name.startswith(CHOICES_CUSTOM):
        wanted = name[len(CHOICES_CUSTOM) :]
        for cf in choices.custom_fields:
            if cf.entity.key(cf.alias) == wanted:
                return list(cf.options)
        return []
    if name == Lookup.COUNTRIES:
        return sorted({c.name(lang) for c in choices.countries}, key=str.casefold)
    lookup = next((lookup for lookup in Lookup if lookup == name), None)
    return [c.label for c in choices.of(lookup)] if lookup is not None else []


META_HEADER: tuple[str, ...] = (
    "sheet",
    "column",
    "header",
    "key",
    "required",
    "read_only",
    "type",
)


def meta_rows(layout: Layout, lang: str) -> list[list[str]]:
    """The rows of the hidden ``_bulkio`` sheet: a marker row, a header, one row per column.

    Row 1 is ``["bulkio-layout", "<version>", "<lang>"]``: it marks the workbook as written by
    bulkio in this layout. Then ``META_HEADER`` and, per column, the sheet title, the column
    letter, the header as written, the key, "yes"/"" for required and read-only, and a custom
    field's type (string, boolean, integer, date, select; "" for the other columns), so an
    import of the workbook reads each custom field as its type.
    """
    rows: list[list[str]] = [["bulkio-layout", str(LAYOUT_VERSION), lang], list(META_HEADER)]
    for sheet in layout.sheets:
        for i, col in enumerate(layout.columns(sheet)):
            rows.append(
                [
                    sheet.sheet_title(lang),
                    column_letter(i + 1),
                    col.header(lang),
                    col.key,
                    "yes" if col.required else "",
                    "yes" if col.read_only else "",
                    col.custom_type or "",
                ]
            )
    return rows


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column index: 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
