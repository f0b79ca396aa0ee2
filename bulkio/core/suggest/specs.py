"""The mapping lines of a sheet's columns once their targets are chosen: how each is read
(a date's formats, a whole name split, the gender from a salutation, a street line split, a
ZIP code and town split, the first of several e-mails) and what the file says about its
country. Fields whose values must be names a Kanbert list holds are written switched off."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from bulkio.core.entities import Entity, Role
from bulkio.core.fields import Field, Kind
from bulkio.core.lookups import Lookup
from bulkio.core.normalize.country import country_lookup
from bulkio.core.suggest.dates import EMPTY_DATES, century_cleaning, date_formats, four_digit
from bulkio.core.suggest.draft import Choice, SheetPlan
from bulkio.core.suggest.guess import EMAIL_FIELDS, LINK_POSITION, REFS, ColumnGuess
from bulkio.core.suggest.people import (
    TITLE_PATTERN,
    first_words,
    gender_spec,
    has_titles,
    salutations,
)
from bulkio.core.suggest.region import choose_region
from bulkio.core.suggest.sniffing import (
    TOWN_PART,
    ZIP_AND_TOWN,
    ZIP_PART,
    is_placeholder,
    several_emails,
    zip_and_town,
)
from bulkio.core.suggest.synonyms import normalize_header

GENDER_MAP: dict[str, str | None] = {
    "herr": "male", "frau": "female", "mr": "male", "mr.": "male", "mrs": "female",
    "mrs.": "female", "ms": "female", "ms.": "female", "männlich": "male",
    "weiblich": "female", "male": "male", "female": "female", "m": "male", "w": "female",
    "f": "female", "divers": "diverse", "diverse": "diverse", "miss": "female",
    "monsieur": "male", "madame": "female", "mme": "female",
}  # fmt: skip
_PHONE_FIELDS = ("telephone", "mobile", "phone", "fax")
_LAST_FIRST = {"name vorname", "nachname vorname", "surname first name", "last name first name",
               "surname forename", "nom prénom", "zuname vorname"}  # fmt: skip
HOUSE_SHARE = 0.5
_JOINED = " ::: "  # how Google's export joins several values in one cell
# a row's companies and its positions at them, several per cell: ``company: several:``
_SEVERAL_TARGETS = (
    "company.company_name",
    LINK_POSITION,
)  # split a street column when this share of its lines has a house number


def _steps(clean: object) -> list[dict[str, object]]:
    return [step for step in clean if isinstance(step, dict)] if isinstance(clean, list) else []


def _spec(col: ColumnGuess, **options: object) -> str:
    """One field's mapping line: the column, the options every line of it carries (a
    placeholder skipped, a note after a number dropped), then these."""
    merged: dict[str, object] = dict(col.options)
    parts_only = options.get("split_name") in ("title", "first") or options.get("split_street") == (
        "house"
    )
    extracts = any("extract" in step for step in _steps(options.get("clean")))
    if parts_only or extracts:  # a part taken from a placeholder is empty without a word
        merged.pop("skip", None)
    for key, value in options.items():
        before = merged.get(key)
        if key == "clean" and isinstance(before, list) and isinstance(value, list):
            merged[key] = [*before, *value]
        else:
            merged[key] = value
    parts = [f"column: {json.dumps(col.header, ensure_ascii=False)}"]
    for key, value in merged.items():
        parts.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "{" + ", ".join(parts) + "}"


def gather_evidence(
    plan: SheetPlan, cols: list[ColumnGuess], samples: Mapping[str, Sequence[str | None]]
) -> None:
    """The values that say which country the file is from: phones, countries, ZIP codes,
    e-mail and web addresses."""
    for col in cols:
        if col.target is None:
            continue
        values = samples.get(col.header, ())
        name = col.target.split(".", 1)[1]
        if name in _PHONE_FIELDS or name.startswith(("telephone", "mobile")):
            plan.phones.extend(values)
        elif name.endswith("country"):
            plan.countries.extend(values)
        elif name.endswith("zip"):
            plan.zips.extend(values)
        elif name.endswith("town") and zip_and_town(values):
            plan.zips.extend(m.group(1) for v in values if v and (m := ZIP_AND_TOWN.match(v)))
        elif name.startswith(("email", "homepage")):
            plan.addresses.extend(values)


def write_fields(
    plan: SheetPlan,
    cols: list[ColumnGuess],
    samples: Mapping[str, Sequence[str | None]],
    today: date,
) -> None:
    house_columns = {c.target for c in cols if c.target and c.target.endswith("_house")}
    region = choose_region(plan.phones, plan.countries, plan.zips, plan.headers, plan.addresses)
    month_first = region.region == "US"
    german = region.region == "DE" and all(c in ("DE", None) for c in _countries(plan.countries))

    def add(col: ColumnGuess, target: str, spec: str, extra_note: str = "") -> None:
        section, name = target.split(".", 1)
        said = any(c.column == col.header for c in plan.choices)  # notes once per column
        notes = [] if said else list(col.notes)
        notes += [extra_note] if extra_note else []
        comment = ("CHECK: " if not col.confident else "") + "; ".join(n for n in notes if n)
        plan.fields[section].append((name, spec, comment))
        plan.choices.append(
            Choice(col.header, target, col.confident, "; ".join(notes), {}, plan.sheet)
        )

    def comment(col: ColumnGuess) -> str:
        return ("CHECK: " if not col.confident else "") + "; ".join(n for n in col.notes if n)

    for col in cols:
        target, look = col.target, col.look
        if target is None:
            continue
        column_values = samples.get(col.header, ())
        _carried_options(col, target, column_values)
        if german and target.endswith("zip"):
            _lost_zeros(col, column_values)
        if target.endswith(".external_id"):
            plan.keys[target.split(".")[0]] = (col.header, comment(col))
            plan.choices.append(
                Choice(col.header, target, col.confident, "; ".join(col.notes), {}, plan.sheet)
            )
            continue
        if target in REFS:
            plan.refs[target] = (col.header, comment(col))
            plan.choices.append(
                Choice(col.header, target, col.confident, "; ".join(col.notes), {}, plan.sheet)
            )
            continue
        dates = look.dates
        real = [v for v in column_values if v and not is_placeholder(v)]
        if dates is None and _is_date(target):  # a birthday column: a few bad dates are data
            dates = date_formats(real, month_first=month_first, least=0.5)
        if dates is not None and month_first and not dates.settled:
            dates = date_formats(real, month_first=True, least=0.5) or dates
        if col.fixed and not (dates and dates.formats):
            add(col, target, _spec(col))
            continue
        joined = any(_JOINED in v for v in column_values if v)
        if target in _SEVERAL_TARGETS and plan.role is Role.FLAT and joined:
            plan.several = _JOINED
            col.notes.append(f"some rows name several companies joined by '{_JOINED}': one "
                             "company and one link each")  # fmt: skip
        if target == "contact.full_name":
            _full_name(col, cols, column_values, add)
            continue
        values = {str(v).strip() for v in column_values if v and str(v).strip()}
        if target == "contact.gender":
            _salutation(col, cols, column_values, add)
            continue
        if _kanbert_list(target) and not col.fixed:
            shown = ", ".join(f"'{v}'" for v in sorted(values)[:3])
            why = (f"not used yet: the values must be names Kanbert lists ({shown}), or the "
                   "import stops; remove the # when they are")  # fmt: skip
            plan.held.append((target, _spec(col), why))
            plan.unmapped.append((col.header, f"switched off above as {target}"))
            continue
        if dates is not None and (look.kind == "date" or _is_date(target)):
            if not dates.settled:
                col.confident = False
                plan.questions.append(f"the date format of '{col.header}': {dates.note}")
            options: dict[str, object] = {}
            formats, note = list(dates.formats), dates.note
            cleaning = century_cleaning(dates, today)
            if cleaning is not None:
                steps, century = cleaning
                options["clean"] = [{"regex_replace": steps}]
                note = f"{note}: {', '.join(formats)}; {century}"
                formats = list(four_digit(formats))
            plan.date_formats.extend(formats)
            if any(v.startswith("--") for v in values):  # "--07-14": a birthday, no year
                skip = col.options.get("skip")
                pattern = "^--" if not isinstance(skip, dict) else f"{skip['pattern']}|^--"
                options["skip"] = {"pattern": pattern, "because": "the date has no year"}
            empty = {e: None for e in sorted(EMPTY_DATES & values)}
            if formats:
                options["formats"] = formats
            if empty:
                options["map"] = empty
            add(col, target, _spec(col, **options), note)
            continue
        if target.endswith("birthday"):
            col.confident = False
            add(col, target, _spec(col), "the values do not show their date format")
            plan.questions.append(f"the date format of '{col.header}' (add formats: [...])")
            continue
        if target.endswith(("_town", "_zip")) and zip_and_town(column_values):
            zip_field, town_field = (target.rsplit("_", 1)[0] + part for part in ("_zip", "_town"))
            if not any(c.target in (zip_field, town_field) for c in cols if c is not col):
                add(col, zip_field, _spec(col, clean=[{"extract": ZIP_PART}]),
                    "ZIP code and town are in one cell; they are split")  # fmt: skip
                add(col, town_field, _spec(col, clean=[{"regex_replace": TOWN_PART}]))
                continue
        separator = several_emails(column_values) if target.endswith(EMAIL_FIELDS) else None
        if separator is not None:
            add(col, target, _spec(col, first_of=separator),
                "some cells hold several addresses: the first is used, a warning names the "
                "others")  # fmt: skip
            continue
        street_house = target.endswith("_street") and look.house_share >= HOUSE_SHARE
        if street_house and target.replace("_street", "_house") not in house_columns:
            add(col, target, _spec(col, split_street="street"),
                "street and house number are in one cell; they are split")  # fmt: skip
            add(col, target.replace("_street", "_house"), _spec(col, split_street="house"))
            continue
        add(col, target, _spec(col))

    plan.unmapped += [(c.header, "; ".join(c.notes)) for c in cols if c.target is None]
    if plan.role is Role.FLAT and not plan.has_person and not plan.has_company:
        plan.questions.append("no column was recognised as a name, a company or an e-mail")
    marked = Entity.CONTACT.required.marked
    person_keys = {*(Entity.CONTACT.key(n) for n in marked), "contact.full_name"}
    if plan.has_person and not any(t.target in person_keys for t in cols):
        plan.questions.append("which column holds the last name or the e-mail (one is required)")


# a phone number with a note after it ("0351 1234567 (Büro)", "0171-1234567 mobil")
_NOTE_AFTER_NUMBER = r"^([^A-Za-zÄÖÜäöüß]*\d)\s*[(\[]?\s*[A-Za-zÄÖÜäöüß].*$"
_NOTED = re.compile(_NOTE_AFTER_NUMBER)


def _escaped(text: str) -> str:
    """``text`` as a pattern that matches it literally (only the characters that mean
    something in a pattern escaped, so "-" stays "-")."""
    return "".join("\\" + ch if ch in ".^$*+?()[]{}|\\" else ch for ch in text)


def _carried_options(col: ColumnGuess, target: str, values: Sequence[str | None]) -> None:
    """What every line of this column carries: placeholders ("-", "k.A.", "n/a") left empty
    with a warning, and the notes after phone numbers dropped."""
    filled = {v.strip() for v in values if v and v.strip()}
    found = _field_of(target)
    if found is not None and found.kind is Kind.BOOL:
        return
    placeholders = sorted(v for v in filled if is_placeholder(v))
    if placeholders:
        pattern = "^(?:" + "|".join(_escaped(v) for v in placeholders) + ")$"
        col.options["skip"] = {"pattern": pattern, "because": "it stands for no value"}
        col.notes.append(f"{', '.join(repr(v) for v in placeholders)} left empty")
    if any(_JOINED in v for v in filled) and target not in _SEVERAL_TARGETS:
        col.options["first_of"] = _JOINED  # Google's export joins several values so
        col.notes.append(f"some cells hold several values joined by '{_JOINED}': the first "
                         "is used")  # fmt: skip
    if found is not None and found.kind is Kind.PHONE:
        noted = sorted(v for v in filled if _NOTED.match(v))
        if noted:
            col.options["clean"] = [{"regex_replace": {_NOTE_AFTER_NUMBER: "${1}"}}]
            col.notes.append(f"the words after a number are dropped ('{noted[0]}')")


def _field_of(target: str) -> Field | None:
    """The catalogue entry of "contact.birthday"; None for references and custom fields."""
    entity = Entity.named(target.split(".", 1)[0])
    return entity.field(target.split(".", 1)[1]) if entity is not None else None


def _is_date(target: str) -> bool:
    found = _field_of(target)
    return found is not None and found.kind is Kind.DATE


def _countries(values: Sequence[str | None]) -> set[str | None]:
    lookup = country_lookup()
    return {lookup.get(v.strip().casefold()) for v in values if v and v.strip()}


def _lost_zeros(col: ColumnGuess, values: Sequence[str | None]) -> None:
    """German ZIP codes with four digits lost their leading 0 to Excel ("1067" for 01067):
    put it back when most codes have their five digits."""
    codes = [v.strip() for v in values if v and v.strip().isdigit()]
    short = [c for c in codes if len(c) == 4]
    if short and len(codes) - len(short) >= len(short):
        steps = col.options.setdefault("clean", [])
        assert isinstance(steps, list)
        steps.append({"regex_replace": {r"^\s*(\d{4})\s*$": "0${1}"}})
        which = "a German ZIP code" if len(short) == 1 else f"{len(short)} German ZIP codes"
        col.notes.append(f"{which} lost the leading 0 to Excel ('{short[0]}'): it is put back")


def _salutation(
    col: ColumnGuess,
    cols: list[ColumnGuess],
    values: Sequence[str | None],
    add: Callable[[ColumnGuess, str, str, str], None],
) -> None:
    """The gender from a salutation column: a map when the cells are bare salutations
    ("Herr", "Frau"), else the salutation at the start of each cell ("Herr Dr.", "Firma"
    gives none), and the academic title written beside it."""
    filled = sorted({v.strip() for v in values if v and v.strip()})
    if all(v.casefold() in GENDER_MAP for v in filled):
        seen = {v: GENDER_MAP[v.casefold()] for v in filled}
        add(col, col.target or "", _spec(col, map=seen or GENDER_MAP, default=None),
            "salutations become male/female; anything else stays empty")  # fmt: skip
        return
    words = [w for w in first_words(values) if w.casefold() in GENDER_MAP]
    if not words:
        add(col, col.target or "", _spec(col, map=GENDER_MAP, default=None), "")
        return
    pattern, genders = gender_spec(words, GENDER_MAP)
    spec = _spec(col, clean=[{"extract": pattern}], map=genders, default=None)
    add(col, col.target or "", spec, f"the gender from the salutation ({', '.join(words)})")
    if has_titles(values) and not any(c.target == "contact.title" for c in cols):
        title = _spec(col, clean=[{"extract": TITLE_PATTERN}])
        add(col, "contact.title", title, "the academic title written beside the salutation")


def _kanbert_list(target: str) -> bool:
    """A field whose values must be names a Kanbert list holds (an industry, a tag)."""
    found = _field_of(target)
    return found is not None and found.lookup not in (None, Lookup.COUNTRIES)


def _full_name(
    col: ColumnGuess,
    cols: list[ColumnGuess],
    values: Sequence[str | None],
    add: Callable[[ColumnGuess, str, str, str], None],
) -> None:
    """A whole name split into title, first and last name (the parts no other column fills),
    and the gender from its salutation when no column holds one. A header that puts the last
    name first ("Name, Vorname") over cells without a comma ("Müller Hans") gets the comma
    the split needs."""
    words = salutations(values)
    filled = [v for v in values if v and v.strip()]
    commas = sum("," in v for v in filled)
    if normalize_header(col.header) in _LAST_FIRST and not words and commas * 5 < len(filled):
        col.options["clean"] = [{"regex_replace": {r"^\s*([^\s,]+)\s+([^,]+)$": "${1}, ${2}"}}]
        col.notes.append("the last name comes first, as the header says")
    for part, field_name in (("title", "title"), ("first", "first_name"), ("last", "last_name")):
        if not any(c.target == f"contact.{field_name}" for c in cols):
            add(col, f"contact.{field_name}", _spec(col, split_name=part), "")
    if words and not any(c.target == "contact.gender" for c in cols):
        pattern, genders = gender_spec(words)
        spec = _spec(col, clean=[{"extract": pattern}], map=genders, default=None)
        add(col, "contact.gender", spec, f"the gender from the salutation ({', '.join(words)})")
