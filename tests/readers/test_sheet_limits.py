"""The quick scan of a worksheet that runs before calamine parses it: it must never count
less than the full scan, whatever the XML looks like, and a workbook it lets through must
really fit (a stray far cell written in an unusual way is still found)."""

from __future__ import annotations

import random
import zipfile
from array import array
from pathlib import Path

import pytest

from bulkio.core.errors import InputFileError
from bulkio.readers import open_source
from bulkio.readers.limits import check_workbook
from bulkio.readers.quick_extent import quick_shared_strings, quick_sheet_extent
from bulkio.readers.sheet_extent import scan_shared_strings, scan_sheet
from tests.hostile.make_files import _CONTENT_TYPES, _NO_STRINGS, _RELS, _WORKBOOK, _WORKBOOK_RELS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _cell(reference: str, text: str = "x", space: str = " ") -> str:
    return f'<c{space}r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def _rows(count: int, columns: str = "ABCD") -> str:
    return "".join(
        f'<row r="{r}">' + "".join(_cell(f"{c}{r}", f"{c}-{r}") for c in columns) + "</row>"
        for r in range(1, count + 1)
    )


def _sheet(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def _workbook(path: Path, sheet: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(name="Kontakte"))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", _NO_STRINGS)
    return path


def _check(path: Path) -> None:
    with path.open("rb") as stream:
        check_workbook(path, stream)


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("space", ["\n", "\t", "\r\n", "  "])
def test_a_far_cell_whose_tag_breaks_after_c_is_refused(tmp_path: Path, space: str) -> None:
    # '<c\nr="XFD1048576">' is a cell to calamine like any other; the quick scan once missed it
    body = _rows(3) + '<row r="1048576">' + _cell("XFD1048576", space=space) + "</row>"
    path = _workbook(tmp_path / "far.xlsx", _sheet(body))
    with pytest.raises(InputFileError, match=r"too large to read as a workbook.*XFD1048576"):
        _check(path)


def test_a_far_cell_inside_a_low_row_tag_is_refused(tmp_path: Path) -> None:
    body = _rows(3) + '<row r="4">' + _cell("XFD1048576") + "</row>" + _rows(2)
    path = _workbook(tmp_path / "hidden.xlsx", _sheet(body))
    with pytest.raises(InputFileError, match=r"too large to read as a workbook.*XFD1048576"):
        _check(path)


def test_a_far_cell_with_a_namespace_prefix_is_refused(tmp_path: Path) -> None:
    far = '<x:c r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>'
    body = _rows(3) + f'<row r="1048576">{far}</row>'
    sheet = _sheet(body).replace(
        f'xmlns="{_MAIN}"'.encode(), f'xmlns="{_MAIN}" xmlns:x="{_MAIN}"'.encode()
    )
    path = _workbook(tmp_path / "prefixed.xlsx", sheet)
    with pytest.raises(InputFileError, match=r"too large to read as a workbook"):
        _check(path)


def test_an_ordinary_sheet_is_counted_from_a1_to_its_last_row_and_column() -> None:
    extent = quick_sheet_extent(_pieces(_sheet(_rows(500, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")), 4096))
    assert extent is not None
    assert (extent.cells, extent.grid_cells, extent.last_cell) == (500 * 26, 500 * 26, "Z500")


def test_a_cell_beyond_the_rows_seen_widens_the_count_in_a_later_piece() -> None:
    body = _rows(50) + '<row r="51">' + _cell("AB900") + _cell("C51") + "</row>" + _rows(3)
    extent = quick_sheet_extent(_pieces(_sheet(body), 256))
    assert extent is not None
    assert extent.last_cell == "AB900"
    assert extent.grid_cells == 900 * 28


def test_text_written_in_several_ways_is_plain_text_and_one_number_is_not() -> None:
    def row(r: int, kind: str) -> str:
        cells = {
            "inline": _cell(f"A{r}"),
            "shared": f'<c r="A{r}" t="s"><v>0</v></c>',
            "formula": f'<c r="A{r}" t="str"><f>"x"</f><v>x</v></c>',
            "number": f'<c r="A{r}"><v>7</v></c>',
        }
        return f'<row r="{r}">{cells[kind]}</row>'

    kinds = ["inline"] * 40 + ["shared"] * 40 + ["formula"] * 10 + ["inline"] * 40
    mixed = "".join(row(r, kind) for r, kind in enumerate(kinds, start=1))
    for size in (64, 300, 5000):
        extent = quick_sheet_extent(_pieces(_sheet(mixed), size))
        assert extent is not None and extent.text_cells and extent.plain_text
    kinds[100] = "number"
    one_number = "".join(row(r, kind) for r, kind in enumerate(kinds, start=1))
    for size in (64, 300, 5000):
        extent = quick_sheet_extent(_pieces(_sheet(one_number), size))
        assert extent is not None and not extent.text_cells


def test_a_cell_without_a_reference_leaves_it_to_the_full_scan() -> None:
    body = _rows(3) + '<row r="4"><c t="inlineStr"><is><t>x</t></is></c></row>'
    assert quick_sheet_extent([_sheet(body)]) is None


def test_the_quick_count_is_never_below_the_full_scan() -> None:
    rng = random.Random(14)
    for _ in range(200):
        cells = []
        for _ in range(rng.randint(1, 40)):
            row = rng.choice([rng.randint(1, 30), rng.randint(1, 1_048_576)])
            column = "".join(rng.choice("ABCXYZ") for _ in range(rng.randint(1, 3)))
            space = rng.choice([" ", " ", " ", "\n"])
            cells.append((row, column, space))
        body = "".join(
            f'<row r="{rng.choice([row, rng.randint(1, 40)])}">'
            + _cell(f"{column}{row}", space=s)
            + "</row>"
            for row, column, s in cells
        )
        data = _sheet(body)
        quick = quick_sheet_extent(_pieces(data, rng.choice([64, 300, 5000])))
        if quick is None:
            continue
        full = scan_sheet(_pieces(data, 1000))
        assert quick.cells >= full.cells
        assert quick.memory() >= full.memory(), body


def test_a_workbook_within_the_budget_is_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ok.xlsx", _sheet(_rows(2000)))
    with open_source(path) as source:
        assert source.table().read_all().height == 1999


def test_the_quick_shared_strings_scan_finds_what_the_full_scan_finds() -> None:
    rng = random.Random(7)
    for _ in range(50):
        items = "".join(
            f"<si><t>{'x' * rng.randint(0, 300)}</t></si>" for _ in range(rng.randint(0, 60))
        )
        data = f'<sst xmlns="{_MAIN}" count="9" uniqueCount="{rng.randint(0, 99)}">{items}</sst>'
        pieces = _pieces(data.encode(), rng.choice([50, 700, 100_000]))
        quick = quick_shared_strings(pieces)
        assert quick is not None
        full = scan_shared_strings(pieces)
        assert (quick.declared, list(quick.lengths), quick.text_bytes) == (
            full.declared,
            list(full.lengths),
            full.text_bytes,
        )


@pytest.mark.parametrize(
    "table",
    [
        '<sst uniqueCount="1"><si xml:space="preserve"><t>a</t></si></sst>',
        '<sst uniqueCount="1"><si\n><t>a</t></si></sst>',
        '<x:sst xmlns:x="m" uniqueCount="4000000000"><si><t>a</t></si></x:sst>',
    ],
)
def test_shared_strings_written_otherwise_are_left_to_the_full_scan(table: str) -> None:
    assert quick_shared_strings([table.encode()]) is None


def test_a_declared_count_of_four_billion_strings_is_seen() -> None:
    strings = quick_shared_strings([b'<sst count="1" uniqueCount="4000000000"><si><t>a</t></si>'])
    assert strings is not None
    assert strings.declared == 4_000_000_000


def test_cells_that_share_a_long_string_count_its_text_once_each() -> None:
    lengths = array("Q", [30_000, 5])
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>{r % 2}</v></c>'
        f'<c r="B{r}" s="1" t="s"><v>0</v></c></row>'
        for r in range(1, 1001)
    )
    pieces = _pieces(_sheet(body), 999)
    quick = quick_sheet_extent(pieces, lengths)
    assert quick is not None
    assert quick.text_bytes == scan_sheet(pieces, lengths).text_bytes == 1500 * 30_000 + 500 * 5
