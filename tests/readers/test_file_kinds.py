"""Files that are not what they should be: missing, empty, of another kind, disguised."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from bulkio.core.errors import BulkioError, InputFileError
from bulkio.core.issues import ROW_COLUMN
from tests.readers.conftest import OpenTable, SheetNames


def test_missing_file_names_the_path(tmp_path: Path, open_table: OpenTable) -> None:
    with pytest.raises(InputFileError, match=r"file not found: .*nicht-da\.xlsx") as caught:
        open_table(tmp_path / "nicht-da.xlsx")
    assert caught.value.exit_code == 2
    assert isinstance(caught.value, BulkioError)


def test_empty_xlsx_named_file_is_called_empty(tmp_path: Path, open_table: OpenTable) -> None:
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    with pytest.raises(InputFileError, match="the file is empty"):
        open_table(path)


def test_pdf_is_an_unknown_kind_and_the_message_lists_what_is_read(
    tmp_path: Path, open_table: OpenTable
) -> None:
    path = tmp_path / "kunden.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(InputFileError, match="looks like a PDF document") as caught:
        open_table(path)
    assert ".xlsx" in caught.value.message
    assert ".csv" in caught.value.message


def test_word_document_is_not_taken_for_a_workbook(tmp_path: Path, open_table: OpenTable) -> None:
    path = tmp_path / "brief.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputFileError, match="looks like a Word document"):
        open_table(path)


def test_binary_file_is_an_unknown_kind(tmp_path: Path, open_table: OpenTable) -> None:
    path = tmp_path / "daten.dat"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputFileError, match="binary file"):
        open_table(path)


def test_html_saved_as_xls_says_how_to_fix_it(tmp_path: Path, open_table: OpenTable) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>Name</td></tr></table></body></html>")
    with pytest.raises(InputFileError, match="web page") as caught:
        open_table(path)
    assert "save it as .xlsx" in str(caught.value)


def test_kind_is_judged_by_content_not_by_name(
    tmp_path: Path, open_table: OpenTable, sheet_names: SheetNames
) -> None:
    workbook = tmp_path / "wirklich-excel.csv"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name"])
    sheet.append(["Anna"])
    book.save(workbook)
    assert open_table(workbook).read_all().to_dicts() == [{"Name": "Anna", ROW_COLUMN: 2}]

    text = tmp_path / "eigentlich-text.xlsx"
    text.write_text("Name;Ort\nAnna;Bonn\n", encoding="utf-8")
    assert open_table(text).delimiter == ";"
    assert sheet_names(text) == ["data"]


def test_encrypted_workbook_says_password(tmp_path: Path, open_table: OpenTable) -> None:
    # An encrypted .xlsx is an OLE2 container with an EncryptionInfo stream; this stand-in
    # carries the same signature and directory name.
    path = tmp_path / "geheim.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 1024)
    with pytest.raises(InputFileError, match="password-protected"):
        open_table(path)


def test_corrupt_zip_workbook_is_called_damaged(tmp_path: Path, open_table: OpenTable) -> None:
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(InputFileError, match="damaged"):
        open_table(path)
