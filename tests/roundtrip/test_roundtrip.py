"""An export is a backup that imports again as it is: export sandbox A, import the export
with no mapping into an empty sandbox B, export B: both exports hold the same data.

What is compared: every sheet (Companies, Contacts, Links) cell by cell, under the same
headers, after leaving out the columns Kanbert sets itself (Kanbert ID, Created at, Updated
at, Archived at); rows are compared as sorted lists, since ids and creation order may differ.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bulkio import Target, import_file
from bulkio.core.export_manifest import MANIFEST_NAME
from bulkio.sandbox import running
from bulkio.usecases.export import export
from tests.roundtrip.platform import FORMULA_STARTS, seed_platform
from tests.usecases.importer.files import read_platform, reset_stats, write_counts

READ_ONLY = {"Kanbert ID", "Created at", "Updated at", "Archived at"} | {
    "Kanbert-ID", "Erstellt am", "Geändert am", "Archiviert am",
}  # fmt: skip
Sheets = dict[str, list[tuple[str | None, ...]]]


def _comparable(header: list[str], rows: list[list[str | None]]) -> list[tuple[str | None, ...]]:
    keep = [i for i, name in enumerate(header) if name not in READ_ONLY]
    return sorted(
        (tuple(row[i] if i < len(row) else None for i in keep) for row in rows),
        key=lambda r: tuple(v or "" for v in r),
    )


def read_xlsx(path: Path) -> Sheets:
    book = openpyxl.load_workbook(path, read_only=True)
    sheets: Sheets = {}
    for name in ("Companies", "Contacts", "Links"):
        header, *rows = [list(r) for r in book[name].iter_rows(values_only=True)]
        sheets[name] = [tuple(str(h) for h in header), *_comparable(header, rows)]
    return sheets


def read_csv_zip(path: Path) -> Sheets:
    sheets: Sheets = {}
    with zipfile.ZipFile(path) as archive:
        delimiter = json.loads(archive.read(MANIFEST_NAME))["delimiter"]  # ';' in German
        for name, member in (("Companies", "companies.csv"), ("Contacts", "contacts.csv"),
                             ("Links", "links.csv")):  # fmt: skip
            text = archive.read(member).decode("utf-8-sig")
            header, *rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            cells = [[v if v != "" else None for v in row] for row in rows]
            sheets[name] = [tuple(header), *_comparable(header, cells)]
    return sheets


def _target(box: object) -> Target:
    return Target(api_url=box.base_url, token=box.token, max_in_flight=8)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "lang"), [("backup.xlsx", "en"), ("backup.zip", "en"), ("sicherung.zip", "de")]
)
def test_an_export_imports_into_an_empty_platform_and_exports_the_same(
    tmp_path: Path, name: str, lang: str
) -> None:
    seeded = seed_platform(tmp_path / "a.sqlite")
    first, second = tmp_path / "a" / name, tmp_path / "b" / name
    first.parent.mkdir()
    second.parent.mkdir()
    read = read_xlsx if name.endswith(".xlsx") else read_csv_zip

    with running(tmp_path / "a.sqlite") as a:
        exported = export(_target(a), first, lang=lang)
    assert exported.counts == seeded

    with running(tmp_path / "b.sqlite") as b:
        result = import_file(first, target=_target(b), report=tmp_path / "b" / "results.xlsx")
        assert result.mapping.startswith("bulkio-template"), result.mapping
        assert result.ok, (result.summary(), [str(i) for i in result.issues][:10])
        assert result.outcomes["created"] == seeded["companies"] + seeded["contacts"]
        assert set(result.outcomes) <= {"created", "linked"}, result.outcomes  # Links sheet rows
        export(_target(b), second, lang=lang)
        platform = read_platform(b.base_url, b.token)

    before, after = read(first), read(second)
    for sheet in ("Companies", "Contacts", "Links"):
        assert before[sheet][0] == after[sheet][0], f"{sheet}: headers differ"
        assert len(before[sheet]) == len(after[sheet]), f"{sheet}: row counts differ"
        for old, new in zip(before[sheet][1:], after[sheet][1:], strict=True):
            assert old == new, f"{sheet}: a row differs"

    # What Kanbert holds in B, not only what its export says.
    assert len(platform.companies) == seeded["companies"]
    assert sum(len(c.get("companies") or ()) for c in platform.contacts) == seeded["links"]
    k1 = next(c for c in platform.companies if c["external_id"] == "K-0001")
    assert k1["address_invoice_zip"] == "01067"
    assert k1["custom_fields"]["customer_number"] == "000001"
    assert k1["custom_fields"]["employees"] == 7
    assert k1["custom_fields"]["key_account"] is False
    names = {c["company_name"] for c in platform.companies}
    # names starting with = + - @ ' (one for each, i = 3, 13, 23, ...) come back as they were
    assert {f"{start} {3 + 10 * n}" for n, start in enumerate(FORMULA_STARTS)} <= names
    firsts = {c["first_name"] for c in platform.contacts}
    assert set(FORMULA_STARTS) <= firsts
    c7 = next(c for c in platform.contacts if c["external_id"] == "C-0008")  # three companies
    assert sorted(co["contact_company"]["position"] for co in c7["companies"]) == [
        "=Aufsicht", "Beirat", "Geschäftsführerin",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["backup.xlsx", "backup.zip"])
def test_reimporting_an_export_into_its_own_platform_writes_nothing(
    tmp_path: Path, name: str
) -> None:
    seeded = seed_platform(tmp_path / "a.sqlite")
    out = tmp_path / name
    with running(tmp_path / "a.sqlite") as a:
        export(_target(a), out)
        reset_stats(a.root_url)

        result = import_file(out, target=_target(a), report=tmp_path / "results.xlsx")

        assert result.ok, (result.summary(), [str(i) for i in result.issues][:10])
        # every row of every sheet (Links rows included) is already as Kanbert holds it
        rows = seeded["companies"] + seeded["contacts"] + seeded["links"] - seeded["contacts"]
        assert result.outcomes == {"unchanged": rows}
        assert write_counts(a.root_url) == {}
