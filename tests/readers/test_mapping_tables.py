"""mapping_tables: the one way a mapping's tables are opened, whoever reads them."""

from __future__ import annotations

from pathlib import Path

from bulkio.core.mapping import parse_mapping
from bulkio.readers import mapping_tables, open_source

FIELDS = "company:\n  fields: {company_name: Firma}\n"


def test_a_roles_csv_settings_take_what_they_leave_out_from_the_whole_input(
    tmp_path: Path,
) -> None:
    path = tmp_path / "firmen.csv"
    path.write_bytes("Firma#Ort\nMüller GmbH#Köln\n".encode("cp1252"))
    mapping = parse_mapping(
        "input:\n  csv: {delimiter: '#'}\n  flat: {sheet: 0, csv: {encoding: cp1252}}\n" + FIELDS,
        source="m.yaml",
    )

    with open_source(path) as source:
        ((role, table),) = mapping_tables(source, mapping)
        rows = table.read_all().to_dicts()

    assert role == "flat"
    assert (table.encoding, table.delimiter) == ("Windows-1252", "#")
    assert table.notes == []  # named, not guessed: no warning
    assert [(r["Firma"], r["Ort"]) for r in rows] == [("Müller GmbH", "Köln")]
