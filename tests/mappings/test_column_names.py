"""A column under any of its names (`column: [A, B]`), columns that may be missing
(`defaults: optional`), and what a file needs at the least: a column that names a record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bulkio.core.errors import MappingError
from bulkio.core.issues import Severity
from bulkio.core.known_exports import signature_for
from bulkio.core.mapping import parse_mapping
from bulkio.core.mapping.binding import NUMBER
from bulkio.core.recognize import normalize
from bulkio.usecases.check import check_file
from bulkio.usecases.mappings import list_presets, preset_text

MAPPING = """\
version: 1
defaults: {optional: true}
company:
  fields:
    company_name: {column: [Company, Firma]}
contact:
  fields:
    first_name: {column: [First Name, Vorname]}
    last_name: {column: [Last Name, Nachname]}
    email: {column: [E-mail Address, E-Mail-Adresse]}
    birthday: {column: [Birthday, Geburtstag], formats: ["%d.%m.%Y"]}
link:
  position: {column: [Job Title, Position]}
"""


def _files(tmp_path: Path, header: str, *rows: str, mapping: str = MAPPING) -> tuple[Path, Path]:
    data = tmp_path / "list.csv"
    data.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(mapping, encoding="utf-8")
    return data, path


def test_a_column_is_read_under_whichever_of_its_names_the_sheet_has(tmp_path: Path) -> None:
    data, mapping = _files(
        tmp_path,
        "Vorname;Nachname;Firma;Position;E-Mail-Adresse",
        "Anna;Müller;Muster GmbH;Geschäftsführerin;anna@muster.de",
    )
    result = check_file(data, mapping=mapping, keep_records=True)
    assert result.ok
    (anna,) = result.validation.contacts
    assert (anna.fields["first_name"], anna.fields["email"]) == ("Anna", "anna@muster.de")
    (link,) = result.validation.links
    assert link.position == "Geschäftsführerin"


def test_a_problem_names_the_column_as_the_sheet_names_it(tmp_path: Path) -> None:
    data, mapping = _files(
        tmp_path,
        "Vorname;Nachname;E-Mail-Adresse;Geburtstag",
        "Anna;Müller;anna(at)x.de;31.02.1980",
    )
    result = check_file(data, mapping=mapping)
    assert {(i.row, i.column) for i in result.validation.errors} == {
        (2, "E-Mail-Adresse"),
        (2, "Geburtstag"),
    }


def test_missing_optional_columns_are_one_warning_and_the_file_checks_clean(
    tmp_path: Path,
) -> None:
    data, mapping = _files(tmp_path, "First Name,Last Name", "Anna,Müller")
    result = check_file(data, mapping=mapping)
    assert result.ok
    (note,) = result.issues
    assert note.severity == Severity.WARNING and note.row is None
    for column in ("Company", "E-mail Address", "Birthday", "Job Title"):
        assert f"'{column}'" in note.message
    assert "stay empty" in note.message


def test_a_column_marked_optional_false_is_still_required(tmp_path: Path) -> None:
    strict = MAPPING.replace("{column: [Company, Firma]}", "{column: Company, optional: false}")
    data, mapping = _files(tmp_path, "First Name,Last Name", "Anna,Müller", mapping=strict)
    with pytest.raises(MappingError, match="column 'Company' not found"):
        check_file(data, mapping=mapping)


def test_a_file_with_no_column_that_names_a_record_is_refused(tmp_path: Path) -> None:
    # (a file with only company columns is a list of companies: that one imports)
    data, mapping = _files(tmp_path, "Position,Telefon", "CEO,0351 1")
    with pytest.raises(MappingError) as caught:
        check_file(data, mapping=mapping)
    text = str(caught.value)
    assert "none of the columns that name a contact" in text
    assert "'First Name'" in text and "'E-mail Address'" in text


def test_an_empty_list_of_names_is_a_mapping_error_with_its_line() -> None:
    with pytest.raises(MappingError, match=r"line 4.*at least one column name"):
        parse_mapping("version: 1\ncontact:\n  fields:\n    email: {column: []}\n", source="m")


def _read_columns(preset: str) -> set[str]:
    """Every column name (and alternative name) a preset reads."""
    found: set[str] = set()

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list) and key in ("column", "columns"):
            found.update(str(n) for n in node)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key == "column":
            found.add(node)

    walk(YAML(typ="safe").load(preset_text(preset)))
    return found


EXPORTS = [p.name for p in list_presets() if not p.name.startswith("bulkio-template")]


@pytest.mark.parametrize("preset", EXPORTS)
def test_every_column_a_preset_reads_is_known_to_recognition(preset: str) -> None:
    # recognition and the preset agree on the export's columns and their other names
    signature = signature_for(preset)
    assert signature is not None
    known = {normalize(h) for h in signature.headers} | {normalize(h) for h in signature.also}
    known |= {normalize(n) for variant in signature.variants for n in variant}
    known |= {f"{normalize(h)} (2)" for h in signature.headers if signature.headers.count(h) > 1}
    templates = [
        re.compile(re.escape(normalize(t)).replace(r"\{n\}", "[0-9]+"))
        for t in signature.also
        if NUMBER in t
    ]
    unknown = {
        c
        for c in _read_columns(preset)
        if normalize(c) not in known and not any(t.fullmatch(normalize(c)) for t in templates)
    }
    assert unknown == set()
