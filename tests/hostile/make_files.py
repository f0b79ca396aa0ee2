"""Hostile and damaged input files, built from scratch (no checked-in blobs).

Importable (``build(folder)`` writes every file and returns their paths by name) and runnable:

    python tests/hostile/make_files.py FOLDER

Each file is an example of a class of attack or damage; ``CHECKS`` says how ``bulkio check``
is run on it (the benchmark runs exactly these commands and prints each one's peak memory).
"""

from __future__ import annotations

import random
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

MAPPING_NAME = "contacts.yaml"
MAPPING = """\
version: 1
input:
  flat: {sheet: 0}
company:
  fields:
    company_name: Firma
contact:
  key: {match: email}
  fields:
    first_name: Vorname
    last_name: Nachname
    email: E-Mail
"""
HEADER = ["Firma", "Vorname", "Nachname", "E-Mail"]
ROWS = [
    ["Müller GmbH", "Jürgen", "Weiß", "juergen@example.de"],
    ["Bäckerei Schön", "Änne", "Groß", "aenne@example.de"],
]
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


# --- XLSX and ODS written part by part, so their parts can say anything -------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NO_STRINGS = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" uniqueCount="0"/>'


def _cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def _table_rows() -> str:
    rows = [HEADER, *ROWS]
    return "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{'ABCD'[c]}{r}", value) for c, value in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )


def _sheet(body: str, dimension: str = "A1:D3") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    )


Part = Callable[[zipfile.ZipFile, str], None]  # writes a part under the given name


def _xlsx(path: Path, sheet: str, strings: str | Part = _NO_STRINGS) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name="Kontakte"))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if isinstance(strings, str):
            archive.writestr("xl/sharedStrings.xml", strings)
        else:
            strings(archive, "xl/sharedStrings.xml")


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods_cell(text: str, repeat: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{times}><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def _ods_content(extra_rows: str = "", name: str = "Kontakte") -> str:
    rows = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in [HEADER, *ROWS]
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="{name}">{rows}{extra_rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )


def _ods(path: Path, content: str, mimetype: Part | None = None) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        if mimetype is None:
            archive.writestr("mimetype", ODS_MIMETYPE, zipfile.ZIP_STORED)
        else:
            mimetype(archive, "mimetype")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def _patch_part(path: Path, name: str, method: int | None = None, flags: int = 0) -> None:
    """Rewrite the compression method and flag bits of one part, in both of its headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    central = data.find(b"PK\x01\x02", 0)
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == name.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    for flag_at, method_at in ((local + 6, local + 8), (central + 8, central + 10)):
        struct.pack_into("<H", data, flag_at, struct.unpack_from("<H", data, flag_at)[0] | flags)
        if method is not None:
            struct.pack_into("<H", data, method_at, method)
    path.write_bytes(bytes(data))


# --- the files ----------------------------------------------------------------------------


def xfd_cell(path: Path) -> None:
    """A 5 KB workbook with one stray cell at XFD1048576 (Excel's last cell)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kontakte"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    book.save(path)


def xfd_cell_elsewhere(path: Path) -> None:
    """The stray cell at XFD1048576 in a sheet kept outside xl/worksheets/, where the
    workbook's relations point."""
    rows = _table_rows() + '<row r="1048576">' + _cell("XFD1048576", "x") + "</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.replace("worksheets/sheet1", "data"))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name="Kontakte"))
        archive.writestr(
            "xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.replace("worksheets/sheet1", "data")
        )
        archive.writestr("xl/data.xml", _sheet(rows))
        archive.writestr("xl/sharedStrings.xml", _NO_STRINGS)


def zzzzzzzz_reference(path: Path) -> None:
    """A cell reference no sheet can have."""
    _xlsx(path, _sheet(_table_rows() + '<row r="3">' + _cell("ZZZZZZZZ3", "x") + "</row>"))


def shared_strings_bomb(path: Path) -> None:
    """A 300 KB workbook whose shared strings unpack to 300 MB."""

    def strings(archive: zipfile.ZipFile, name: str) -> None:
        with archive.open(name, "w", force_zip64=True) as part:
            part.write(f'<sst xmlns="{_MAIN}" uniqueCount="30000">'.encode())
            block = f"<si><t>{'a' * 10_000}</t></si>".encode() * 100
            for _ in range(300):
                part.write(block)
            part.write(b"</sst>")

    _xlsx(path, _sheet(_table_rows()), strings)


def panic_bomb(path: Path) -> None:
    """A 1 MB workbook (real-looking rows) with one cell reference that makes calamine panic
    ("capacity overflow", a BaseException) instead of failing."""
    rng = random.Random(5)
    rows = [_table_rows()]
    for r in range(4, 18000):
        values = [f"{rng.getrandbits(64):016x}" for _ in range(4)]
        rows.append(
            f'<row r="{r}">'
            + "".join(_cell(f"{'ABCD'[c]}{r}", v) for c, v in enumerate(values))
            + "</row>"
        )
    rows.append('<row r="4294967295">' + _cell("ZZZZZZZZ4294967295", "x") + "</row>")
    _xlsx(path, _sheet("".join(rows)))


def unique_count_bomb(path: Path) -> None:
    """Shared strings that declare four billion entries (calamine reserves room for them)."""
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="1" '
        'uniqueCount="4000000000"><si><t>a</t></si></sst>'
    )
    _xlsx(path, _sheet(_table_rows()), strings=strings)


def ods_mimetype_bomb(path: Path) -> None:
    """A 2 MB ODS whose 'mimetype' part unpacks to 2 GiB."""

    def mimetype(archive: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            part.write(ODS_MIMETYPE)
            zeros = bytes(1 << 20)
            for _ in range(2048):
                part.write(zeros)

    _ods(path, _ods_content(), mimetype)


def ods_repeat_bomb(path: Path) -> None:
    """An ODS of a few hundred bytes whose repeated cells expand to 50 million cells."""
    rows = (
        '<table:table-row table:number-rows-repeated="500000">'
        + _ods_cell("x", repeat=100)
        + "</table:table-row>"
    )
    _ods(path, _ods_content(rows))


def ods_trailing_rows(path: Path) -> None:
    """Not hostile: empty rows and columns repeated to the sheet's end, as LibreOffice
    writes them. They hold nothing, so the file reads as three rows."""
    rows = (
        '<table:table-row table:number-rows-repeated="1048573">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    _ods(path, _ods_content(rows))


def ods_deflate64(path: Path) -> None:
    """An ODS whose content is marked as packed with Deflate64."""
    _ods(path, _ods_content())
    _patch_part(path, "content.xml", method=9)


def ods_encrypted(path: Path) -> None:
    """An ODS whose content is marked as encrypted."""
    _ods(path, _ods_content())
    _patch_part(path, "content.xml", flags=0x1)


def xls_far_cell(path: Path) -> None:
    """A few-KB .xls with one cell at IV65536: the grid alone would take a gigabyte."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Kontakte")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write(65535, 255, "x")
    book.save(str(path))


def yaml_alias_bomb(path: Path) -> None:
    """A 600-byte mapping whose aliases expand to billions of values."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    path.write_text(MAPPING + "\n".join(lines) + "\n", encoding="utf-8")


def mixed_encoding(path: Path) -> None:
    """A UTF-8 file with one line saved as Windows-1252 (pasted from an old file)."""
    lines = [";".join(HEADER), ";".join(ROWS[0]), ";".join(ROWS[1])]
    data = "\n".join(lines[:2]).encode("utf-8") + b"\n"
    data += "Schäfer KG;Jörg;Köhler;joerg@example.de".encode("cp1252") + b"\n"
    data += lines[2].encode("utf-8") + b"\n"
    path.write_bytes(data)


def vertical_tab(path: Path) -> None:
    """An invalid e-mail with a vertical tab in it, and a cell with a terminal escape that
    would set the window title and clear the screen."""
    rows = [
        HEADER,
        ROWS[0],
        ["Bäckerei Schön", "Änne", "Groß", "aenne\x0b(at)example.de"],
        ["Evil Ltd", '"\x1b]0;pwned\x07\x1b[2J\x1b[H"', "Fake", "fake(at)example.de"],
    ]
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")


def control_sheet_name(path: Path) -> None:
    """A workbook whose sheet name holds a control character (BEL, written as &#7;)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name="Kon&#7;takte"))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        rows = _table_rows() + '<row r="4">' + _cell("A4", "Evil Ltd")
        rows += _cell("B4", "Bell&#7;a") + _cell("D4", "bella(at)example.de") + "</row>"
        archive.writestr("xl/worksheets/sheet1.xml", _sheet(rows, "A1:D4"))
        archive.writestr("xl/sharedStrings.xml", _NO_STRINGS)


def wide_csv(path: Path) -> None:
    """20,000 columns: more than a workbook can hold (16,384)."""
    header = [*HEADER, *(f"Feld {i}" for i in range(20_000 - len(HEADER)))]
    row = [*ROWS[0], *("x" for _ in range(20_000 - len(HEADER)))]
    path.write_text(";".join(header) + "\n" + ";".join(row) + "\n", encoding="utf-8")


def field_limit_csv(path: Path) -> None:
    """A quote opened in row 3 and never closed: the rest of the file is one huge value."""
    lines = [";".join(HEADER), ";".join(ROWS[0]), 'Offen GmbH;"Anna;Auf;anna@example.de']
    lines += [";".join(ROWS[1])] * 20_000
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cr_only_csv(path: Path) -> None:
    """Lines ended by CR alone, as Excel for Mac (2011 and older) saves CSV."""
    lines = [";".join(r) for r in [HEADER, *ROWS]]
    path.write_bytes("\r".join(lines).encode("cp1252") + b"\r")


def header_only_csv(path: Path) -> None:
    """Column names and nothing below them."""
    path.write_text(";".join(HEADER) + "\n", encoding="utf-8")


def manifest_escape(path: Path) -> None:
    """A folder that looks like a bulkio CSV export whose manifest points outside it."""
    path.mkdir()
    outside = path.parent / "outside-secret.csv"
    outside.write_text("company_name\nNot yours\n", encoding="utf-8")
    (path / "bulkio-export.json").write_text(
        '{"format": "bulkio-export", "lang": "en", "files": '
        '{"companies": "../outside-secret.csv"}, "columns": []}',
        encoding="utf-8",
    )


def largest_grid_xlsx(path: Path) -> None:
    """Not hostile: the widest stray cell the budget lets through (96 x 100,000 cells)."""
    _xlsx(path, _sheet(_table_rows() + '<row r="100000">' + _cell("CR100000", "x") + "</row>"))


def largest_grid_xls(path: Path) -> None:
    """Not hostile: the farthest stray cell of an .xls the budget lets through."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Kontakte")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write(25999, 255, "x")
    book.save(str(path))


def largest_shared_text(path: Path) -> None:
    """Not hostile: one 30,000-character shared string in 3,400 cells (100 MB of text from a
    20 KB file), about as much as the budget lets through."""
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" uniqueCount="1">'
        f"<si><t>{'a' * 30_000}</t></si></sst>"
    )
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="D{r}" t="s"><v>0</v></c></row>'
        for r in range(4, 1704)
    )
    _xlsx(path, _sheet(_table_rows() + rows), strings)


def _mapping_with(setting: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_text(MAPPING.replace("  flat: {sheet: 0}\n", setting, 1), encoding="utf-8")

    return build


BUILDERS: dict[str, Callable[[Path], None]] = {
    "xfd-cell.xlsx": xfd_cell,
    "xfd-cell-elsewhere.xlsx": xfd_cell_elsewhere,
    "zzzzzzzz3.xlsx": zzzzzzzz_reference,
    "shared-strings-bomb.xlsx": shared_strings_bomb,
    "panic-bomb.xlsx": panic_bomb,
    "unique-count-bomb.xlsx": unique_count_bomb,
    "mimetype-2gib.ods": ods_mimetype_bomb,
    "repeat-bomb.ods": ods_repeat_bomb,
    "trailing-rows.ods": ods_trailing_rows,
    "largest-grid.xlsx": largest_grid_xlsx,
    "largest-grid.xls": largest_grid_xls,
    "largest-shared-text.xlsx": largest_shared_text,
    "deflate64.ods": ods_deflate64,
    "encrypted.ods": ods_encrypted,
    "far-cell.xls": xls_far_cell,
    "alias-bomb.yaml": yaml_alias_bomb,
    "mixed-encoding.csv": mixed_encoding,
    "vertical-tab.csv": vertical_tab,
    "control-sheet-name.xlsx": control_sheet_name,
    "wide-20000.csv": wide_csv,
    "field-limit.csv": field_limit_csv,
    "cr-only.csv": cr_only_csv,
    "header-only.csv": header_only_csv,
    "manifest-escape": manifest_escape,
    "bad-encoding.yaml": _mapping_with("  flat: {sheet: 0}\n  csv: {encoding: klingon-8}\n"),
    "bad-delimiter.yaml": _mapping_with('  flat: {sheet: 0}\n  csv: {delimiter: "§"}\n'),
    "bad-header-row.yaml": _mapping_with("  flat: {sheet: 0, header_row: 99999999999999999999}\n"),
}

# how `bulkio check` runs on each file: the file and its mapping ("{dir}" is the folder)
_WITH_MAPPING = ["-m", f"{{dir}}/{MAPPING_NAME}"]
CHECKS: dict[str, list[str]] = {
    name: ["{dir}/" + name, *_WITH_MAPPING] for name in BUILDERS if not name.endswith(".yaml")
} | {
    name: ["{dir}/header-only.csv", "-m", "{dir}/" + name]
    for name in BUILDERS
    if name.endswith(".yaml")
}
CHECKS["bad-header-row.yaml"] = ["{dir}/plain.csv", "-m", "{dir}/bad-header-row.yaml"]
CHECKS["bad-encoding.yaml"] = ["{dir}/plain.csv", "-m", "{dir}/bad-encoding.yaml"]
CHECKS["bad-delimiter.yaml"] = ["{dir}/plain.csv", "-m", "{dir}/bad-delimiter.yaml"]
CHECKS["alias-bomb.yaml"] = ["{dir}/plain.csv", "-m", "{dir}/alias-bomb.yaml"]


def plain_csv(path: Path) -> None:
    """A good file, to run the bad mappings on."""
    path.write_text("\n".join(";".join(r) for r in [HEADER, *ROWS]) + "\n", encoding="utf-8")


def build(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the hostile files (all, or those named) and the mapping into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MAPPING_NAME).write_text(MAPPING, encoding="utf-8")
    plain_csv(folder / "plain.csv")
    paths: dict[str, Path] = {}
    for name, builder in BUILDERS.items():
        if names is not None and name not in names:
            continue
        path = folder / name
        if not path.exists():
            builder(path)
        paths[name] = path
    return paths


def check_args(name: str, folder: Path) -> list[str]:
    """The arguments of ``bulkio check`` for the file called ``name`` in ``folder``."""
    return [arg.replace("{dir}", str(folder)) for arg in CHECKS[name]]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_files.py FOLDER")
    for name, path in build(Path(sys.argv[1])).items():
        print(f"{path.stat().st_size if path.is_file() else 0:>12,}  {name}")
