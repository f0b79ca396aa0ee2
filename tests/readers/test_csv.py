"""CSV files as customers send them: encodings, delimiters, quotes, preambles, traps."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN, Severity
from bulkio.readers import open_source
from tests.readers.conftest import OpenTable, SheetNames


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def rows(path: Path, **options: Any) -> list[dict[str, object]]:
    with open_source(path) as source:
        return source.table(**options).read_all().to_dicts()


def test_utf8_without_bom_keeps_leading_zeros_and_phone_numbers(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = write(tmp_path, "Name,PLZ,Telefon\nAnna Müller,01067,+49 30 1234\n")
    table = open_table(path)
    assert table.columns == ["Name", "PLZ", "Telefon"]
    assert table.encoding == "UTF-8"
    assert table.delimiter == ","
    assert table.notes == []
    assert rows(path) == [
        {"Name": "Anna Müller", "PLZ": "01067", "Telefon": "+49 30 1234", ROW_COLUMN: 2}
    ]


def test_utf8_with_bom_has_a_clean_first_header(tmp_path: Path, open_table: OpenTable) -> None:
    path = write(tmp_path, "\ufeffFirma;Ort\nBäckerei Schön;Köln\n")
    table = open_table(path)
    assert table.columns == ["Firma", "Ort"]
    assert rows(path) == [{"Firma": "Bäckerei Schön", "Ort": "Köln", ROW_COLUMN: 2}]


def test_semicolon_cp1252_with_umlauts_and_euro_is_guessed_with_a_note(
    tmp_path: Path, open_table: OpenTable
) -> None:
    text = (
        "Firma;Straße;Umsatz\r\nMüller & Söhne GmbH;Hauptstraße 5;1.000 €\r\nÖko AG;Ölweg 1;5 €\r\n"
    )
    path = write(tmp_path, text, "cp1252")
    table = open_table(path)
    assert table.encoding == "Windows-1252"
    assert table.delimiter == ";"
    assert any("Windows-1252" in note.message for note in table.notes)
    assert all(note.severity is Severity.WARNING for note in table.notes)
    assert table.columns == ["Firma", "Straße", "Umsatz"]
    assert rows(path)[0] == {
        "Firma": "Müller & Söhne GmbH",
        "Straße": "Hauptstraße 5",
        "Umsatz": "1.000 €",
        ROW_COLUMN: 2,
    }


def test_latin1_data_reads_as_western_european(tmp_path: Path) -> None:
    path = write(tmp_path, "Name;Ort\nJosé Pérez;Málaga\nFrançois;Besançon\n", "latin-1")
    assert [r["Name"] for r in rows(path)] == ["José Pérez", "François"]


def test_excel_for_macs_csv_in_mac_roman_is_read_as_mac_roman(
    tmp_path: Path, open_table: OpenTable
) -> None:
    """Excel for Mac's "CSV (Macintosh)" writes Mac Roman (ä = 0x8A, ß = 0xA7) and ends
    lines with CR; read as Windows-1252 "Müller" would become "MŸller"."""
    text = "Firma;Straße;Ort\rMüller & Söhne;Gößweinstr. 2;Köln\rWeiß GmbH;Am Bächle 1;Überlingen\r"
    path = write(tmp_path, text, "mac_roman")
    table = open_table(path)
    assert table.encoding == "Mac Roman"
    assert any("read as Mac Roman" in note.message for note in table.notes)
    assert [(r["Firma"], r["Straße"], r["Ort"]) for r in rows(path)] == [
        ("Müller & Söhne", "Gößweinstr. 2", "Köln"),
        ("Weiß GmbH", "Am Bächle 1", "Überlingen"),
    ]


def test_utf16_unicode_text_from_excel_is_tab_separated(
    tmp_path: Path, open_table: OpenTable
) -> None:
    # Excel's "Unicode text" export: UTF-16 LE with a BOM, tabs, CRLF.
    text = "\ufeffName\tOrt\r\nJürgen\tMünchen\r\n€ Bank\tZürich\r\n"
    path = write(tmp_path, text, "utf-16-le", name="export.txt")
    table = open_table(path)
    assert table.delimiter == "\t"
    assert table.encoding == "UTF-16"
    assert rows(path) == [
        {"Name": "Jürgen", "Ort": "München", ROW_COLUMN: 2},
        {"Name": "€ Bank", "Ort": "Zürich", ROW_COLUMN: 3},
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(tmp_path: Path, delimiter: str, open_table: OpenTable) -> None:
    lines = ["Name,Ort,PLZ", "Anna,Berlin,10115", "Ben,Köln,50667", "Cem,Essen,45127"]
    path = write(tmp_path, "\n".join(line.replace(",", delimiter) for line in lines) + "\n")
    table = open_table(path)
    assert table.delimiter == delimiter
    assert table.columns == ["Name", "Ort", "PLZ"]
    assert table.read_all().height == 3


def test_commas_inside_quotes_do_not_fool_the_semicolon_sniff(
    tmp_path: Path, open_table: OpenTable
) -> None:
    text = 'Firma;Notiz\n"Meier, Schulz & Co";"a, b, c, d"\n"X, Y";"1,2,3"\n"Z";"p, q"\n'
    path = write(tmp_path, text)
    assert open_table(path).delimiter == ";"
    assert rows(path)[0]["Firma"] == "Meier, Schulz & Co"


def test_quoted_newlines_count_as_one_row_like_a_spreadsheet_shows(tmp_path: Path) -> None:
    text = (
        "Name,Adresse,Notiz\r\n"
        '"Anna","Hauptstr. 1\r\n10115 Berlin","sagt ""Hallo"", gern"\r\n'
        '"Ben","Weg 2","x"\r\n'
    )
    path = write(tmp_path, text)
    data = rows(path)
    assert data[0]["Adresse"] == "Hauptstr. 1\r\n10115 Berlin" or data[0]["Adresse"] == (
        "Hauptstr. 1\n10115 Berlin"
    )
    assert data[0]["Notiz"] == 'sagt "Hallo", gern'
    assert [r[ROW_COLUMN] for r in data] == [2, 3]


def test_header_in_row_3_below_a_title_is_found(tmp_path: Path, open_table: OpenTable) -> None:
    text = "Kundenliste Export 2024\n\nName;PLZ;Ort\nAnna;01067;Dresden\nBen;80331;München\n"
    path = write(tmp_path, text)
    table = open_table(path)
    assert table.header_row == 3
    assert table.columns == ["Name", "PLZ", "Ort"]
    assert [(r["PLZ"], r[ROW_COLUMN]) for r in rows(path)] == [("01067", 4), ("80331", 5)]


def test_header_row_can_be_given(tmp_path: Path, open_table: OpenTable) -> None:
    path = write(tmp_path, "a;b\n1;2\nName;Ort\nAnna;Bonn\n")
    table = open_table(path, header_row=3)
    assert table.columns == ["Name", "Ort"]
    assert rows(path, header_row=3) == [{"Name": "Anna", "Ort": "Bonn", ROW_COLUMN: 4}]


def test_header_row_beyond_the_data_is_an_error_that_says_so(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = write(tmp_path, "Name\nAnna\n")
    with pytest.raises(InputFileError, match="header row 9 is beyond the data"):
        open_table(path, header_row=9)


def test_empty_rows_are_dropped_and_numbers_stay_true(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = write(tmp_path, "Name;Ort;;\nAnna;Bonn;;\n;;;\n\nBen;Ulm;;\n;;;\n")
    table = open_table(path)
    assert table.columns == ["Name", "Ort"]  # trailing empty unnamed columns dropped
    assert rows(path) == [
        {"Name": "Anna", "Ort": "Bonn", ROW_COLUMN: 2},
        {"Name": "Ben", "Ort": "Ulm", ROW_COLUMN: 5},
    ]


def test_empty_cells_are_null_not_empty_text(tmp_path: Path) -> None:
    path = write(tmp_path, 'Name,Ort\nAnna,\n,""\nBen,Ulm\n')
    data = rows(path)
    assert data[0] == {"Name": "Anna", "Ort": None, ROW_COLUMN: 2}
    assert [r[ROW_COLUMN] for r in data] == [2, 4]


def test_blank_and_duplicate_headers_are_renamed_with_notes(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = write(tmp_path, "Name,,Name, Ort \nAnna,x,Anne,Bonn\n")
    table = open_table(path)
    assert table.columns == ["Name", "Column B", "Name (2)", "Ort"]
    messages = " | ".join(note.message for note in table.notes)
    assert "column B has no header" in messages
    assert "'Name' appears more than once" in messages
    assert table.read_all().columns == ["Name", "Column B", "Name (2)", "Ort", ROW_COLUMN]


def test_header_only_file_gives_zero_rows_and_a_note(tmp_path: Path, open_table: OpenTable) -> None:
    path = write(tmp_path, "Name;PLZ;Ort\r\n")
    table = open_table(path)
    frame = table.read_all()
    assert frame.height == 0
    assert frame.schema == pl.Schema(
        {"Name": pl.String, "PLZ": pl.String, "Ort": pl.String, ROW_COLUMN: pl.Int64}
    )
    assert any("no data rows" in note.message for note in table.notes)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_file_is_an_error_that_names_it(
    tmp_path: Path, content: bytes, open_table: OpenTable
) -> None:
    path = tmp_path / "leer.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match="the file is empty"):
        open_table(path)


def test_encoding_and_delimiter_can_be_given(tmp_path: Path, open_table: OpenTable) -> None:
    path = write(tmp_path, "Name|Ort\nÄrger|Köln\n", "cp1252")
    table = open_table(path, encoding="cp1252", delimiter="|")
    assert table.notes == []
    assert rows(path, encoding="cp1252", delimiter="|")[0]["Name"] == "Ärger"


def test_wrong_encoding_given_is_a_clear_error(tmp_path: Path, open_table: OpenTable) -> None:
    path = write(tmp_path, "Name\nÄrger\n", "cp1252")
    with pytest.raises(InputFileError, match=r"cannot read 'in\.csv' as UTF-8"):
        open_table(path, encoding="utf-8").read_all()
    with pytest.raises(InputFileError, match="unknown encoding 'klingon'"):
        open_table(path, encoding="klingon")


def test_batches_split_the_rows_and_keep_the_columns(tmp_path: Path, open_table: OpenTable) -> None:
    lines = ["Nr;Name"] + [f"{i};Person {i}" for i in range(1, 26)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    frames = list(open_table(path).batches(rows=10))
    assert [f.height for f in frames] == [10, 10, 5]
    assert all(f.columns == ["Nr", "Name", ROW_COLUMN] for f in frames)
    assert frames[-1][ROW_COLUMN].to_list()[-1] == 26


def test_csv_has_one_sheet_name(tmp_path: Path, sheet_names: SheetNames) -> None:
    assert sheet_names(write(tmp_path, "a,b\n1,2\n")) == ["data"]


def test_a_50_mb_csv_streams_in_batches(tmp_path: Path, open_table: OpenTable) -> None:
    path = tmp_path / "big.csv"
    header = "Vorname;Nachname;PLZ;Ort;Straße;Telefon;E-Mail;Notiz\n"
    line = (
        "Jürgen;Müller-Lüdenscheidt;01067;Dresden;Königsbrücker Straße 12;"
        '+49 351 123456;j.mueller@example.de;"Kunde, seit 2019"\n'
    )
    block_lines = 10_000
    blocks = 50 * 1024 * 1024 // (len(line.encode()) * block_lines) + 1
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        block = line * block_lines
        for _ in range(blocks):
            out.write(block)
    total = blocks * block_lines
    assert path.stat().st_size > 50 * 1024 * 1024
    count, last, biggest = 0, 0, 0
    for batch in open_table(path).batches(rows=100_000):
        count += batch.height
        biggest = max(biggest, batch.height)
        last = batch[ROW_COLUMN][-1]
    assert count == total
    assert last == total + 1
    assert biggest <= 100_000


def test_a_row_wider_than_the_header_gets_a_note_naming_it(
    tmp_path: Path, open_table: OpenTable
) -> None:
    # Far below the first rows, which decide the columns.
    lines = ["Name;Ort"] + ["Anna;Bonn"] * 2000 + ["Müller; Sohn;Köln", "Ben;Ulm"]
    path = write(tmp_path, "\n".join(lines) + "\n")
    table = open_table(path)
    assert table.columns == ["Name", "Ort"]
    data = table.read_all().to_dicts()
    assert data[-2] == {"Name": "Müller", "Ort": " Sohn", ROW_COLUMN: 2002}
    wide = [n for n in table.notes if "more cells than the header" in n.message]
    assert [n.row for n in wide] == [2002]
    assert "semicolon inside a value needs quotes" in wide[0].message


def test_cyrillic_windows_1251_is_not_forced_into_western(
    tmp_path: Path, open_table: OpenTable
) -> None:
    text = "Имя;Город\nИван Петров;Москва\nАнна Смирнова;Санкт-Петербург\n" * 5
    path = write(tmp_path, text, "cp1251")
    table = open_table(path)
    assert table.columns == ["Имя", "Город"]
    assert table.read_all()["Город"].to_list()[:2] == ["Москва", "Санкт-Петербург"]


def test_delimiter_can_be_named_in_words(tmp_path: Path, open_table: OpenTable) -> None:
    path = write(tmp_path, "Name\tOrt\nAnna\tBonn\n")
    assert open_table(path, delimiter="tab").delimiter == "\t"
    assert open_table(path, delimiter="\\t").columns == ["Name", "Ort"]


def test_the_utf8_copy_of_a_windows_1252_file_leaves_nothing_in_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    path = write(tmp_path, "Name;Ort\nJürgen;München\n", "cp1252")

    with open_source(path) as source:
        first = source.table().read_all()
        again = source.table(delimiter=";").read_all()
        assert list(temp.iterdir()) == []  # the copy has no name, not even while it is read

    assert (
        first.to_dicts()
        == again.to_dicts()
        == [{"Name": "Jürgen", "Ort": "München", ROW_COLUMN: 2}]
    )
    assert list(temp.iterdir()) == []


def test_a_file_read_in_small_pieces_reads_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big file is parsed a piece at a time; pieces end only where a record ends, so a
    quoted value with line ends and quotes in it, a blank line, a row wider than the
    header, row numbers and a CR-only file read the same in any piece size."""
    import bulkio.readers.csv_reader as csv_reader

    lines = ["Name;Notiz;Ort", 'Anna;"zwei|Zeilen; mit ""Zitat""";Köln', "", 'Bernd;"x";Bonn']
    lines += [
        f'P{i};"a|""b""|";Ort {i};extra' if i % 7 == 0 else f"P{i};n{i};O{i}" for i in range(60)
    ]
    for line_end in ("\n", "\r\n", "\r"):
        text = (line_end.join(lines) + line_end).replace("|", line_end)  # a line end in a value
        path = write(tmp_path, text, name=f"in{ord(line_end[-1])}.csv")
        whole = rows(path)
        with open_source(path) as source:
            one_table = source.table()
            batches = [b.to_dicts() for b in one_table.batches(1_000)]
            whole_notes = list(one_table.notes)
        monkeypatch.setattr(csv_reader, "MIN_CHUNK_BYTES", 1)
        with open_source(path) as source:
            table = source.table()
            pieces = list(table.batches(3))
            assert [r for b in pieces for r in b.to_dicts()] == whole
            assert table.notes == whole_notes
        monkeypatch.undo()
        assert len(pieces) > 10 and all(p.height <= 3 for p in pieces)
        assert [r for b in batches for r in b] == whole
        assert str(whole[0]["Notiz"]).endswith('Zeilen; mit "Zitat"')  # one value, two lines
        assert [r[ROW_COLUMN] for r in whole][:3] == [2, 4, 5]


def test_a_stray_quote_does_not_cut_a_record_in_two() -> None:
    """No record ends outside quotes after a stray quote: the piece grows to the end."""
    from io import BytesIO

    from bulkio.readers.csv_reader import _record_chunks

    data = b'a;b\n1;"x\ny"\n2;5" Zoll\n3;z\n4;w\n'
    for size in range(1, len(data) + 1):
        pieces = list(_record_chunks(BytesIO(data), b"\n", size))
        assert b"".join(pieces) == data
        assert all(p.endswith(b"\n") for p in pieces)
        assert b'1;"x\ny"\n' in pieces[0] + pieces[1] if len(pieces) > 1 else True
        assert not any(p.endswith(b'"x\n') for p in pieces)
