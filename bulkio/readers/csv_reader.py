"""CSV and other delimited text files: any common encoding, sniffed delimiter, streamed reading."""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import polars as pl

from bulkio.core.errors import InputFileError
from bulkio.core.issues import ROW_COLUMN, RowIssue, Severity
from bulkio.readers.delimiter import sniff_delimiter
from bulkio.readers.header import (
    SAMPLE_ROWS,
    HeaderCell,
    detect_header_row,
    looks_like_text,
    name_columns,
)
from bulkio.readers.source import Source, SourceKind, stream_digest
from bulkio.readers.table import SourceTable
from bulkio.readers.text_encoding import (
    SAMPLE_BYTES,
    DetectedEncoding,
    detect_encoding,
    named_encoding,
    transcode_to_utf8,
    undecodable,
)

WIDTH_SAMPLE_RECORDS = 1000
MIN_CHUNK_BYTES = 1 << 20  # the least the file is parsed in at a time
MAX_COLUMNS = 16_384  # a workbook's limit: reports and results show every column
MAX_MIXED_LINES_SHOWN = 10
SPARE_COLUMNS = 8  # room for rows wider than the sample, so they are noticed, not lost
MAX_WIDE_ROW_NOTES = 20
_EXTRA = "__extra__"
CSV_SHEET_NAME = "data"
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_DELIMITER_ALIASES = {name: char for char, name in _DELIMITER_NAMES.items()} | {"\\t": "\t"}


class TextSource(Source):
    """A delimited text file, opened once: its encoding is detected once and a file that is
    not UTF-8 is copied as UTF-8 once; every table streams from the open file or that copy."""

    kind = SourceKind.TEXT

    def __init__(self, path: Path, stream: BinaryIO) -> None:
        super().__init__(path)
        self._stream = stream
        stream.seek(0)
        self._head = stream.read(SAMPLE_BYTES)
        if not self._head.lstrip(codecs.BOM_UTF8).strip(b" \t\r\n\x00\xff\xfe"):
            raise InputFileError(
                f"the file is empty: {path}",
                hint="Export the sheet again, or choose the file that holds the data.",
            )
        self._detected: DetectedEncoding | None = None
        self._copies: dict[str, BinaryIO] = {}  # codec -> the file as UTF-8

    @property
    def sheet_names(self) -> list[str]:
        return [CSV_SHEET_NAME]

    @property
    def encoding(self) -> DetectedEncoding:
        """The file's encoding as detected (a BOM, valid UTF-8, or a guess)."""
        if self._detected is None:
            self._detected = detect_encoding(self._stream, self._head)
        return self._detected

    def table(
        self,
        *,
        sheet: str | int | None = None,
        header_row: int | None = None,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> SourceTable:
        del sheet  # a text file is one table
        detected = named_encoding(encoding) if encoding else self.encoding
        notes: list[RowIssue] = []
        if detected.guessed:
            notes.append(
                RowIssue(
                    f"the file has no encoding mark and is not UTF-8; it was read as "
                    f"{detected.label}. If letters such as ä, ö, ü or € look wrong, "
                    "save the file as 'CSV UTF-8' or name its encoding",
                    severity=Severity.WARNING,
                )
            )
        if detected.mixed_lines:
            notes.append(_mixed_note(detected.mixed_lines))
        sample = self._decode_sample(detected)
        line_end = "\r" if "\r" in sample and "\n" not in sample else "\n"  # Excel for Mac: CR
        if delimiter is None:
            delimiter = sniff_delimiter(sample)
        delimiter = _DELIMITER_ALIASES.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1 or not delimiter.isascii():
            raise InputFileError(
                f"the delimiter must be one plain (ASCII) character, not '{delimiter}'",
                hint="Use one of , ; | or a tab.",
            )

        records, exhausted = self._first_records(detected, delimiter, header_row)
        width = max((len(r) for r in records), default=0)
        index = _header_index(records, header_row, self.path)
        header = records[index]
        data = records[index + 1 :]
        kept = _kept_columns(header, data, width)
        if len(kept) > MAX_COLUMNS:
            raise InputFileError(
                f"'{self.path.name}' has {len(kept):,} columns; bulkio reads at most "
                f"{MAX_COLUMNS:,} (as many as a workbook holds, so reports can show every column)",
                hint="Delete the columns you do not need, or split the file, and try again.",
            )
        cells = [HeaderCell(header[i] if i < len(header) else None, i) for i in kept]
        columns, name_notes = name_columns(cells, index + 1, None)
        notes.extend(name_notes)
        if exhausted and not any(any(cell.strip() for cell in r) for r in data):
            notes.append(
                RowIssue(
                    "the file has a header row but no data rows",
                    row=index + 1,
                    severity=Severity.WARNING,
                )
            )
        shape = _Shape(delimiter, line_end, width, index + 1, kept, columns)

        def source(rows: int) -> Iterator[pl.DataFrame]:
            # the UTF-8 copy, if one is needed, is made here, before a thread reads ahead
            return self._stream_rows(self._utf8(detected), shape, rows, notes)

        return SourceTable(
            path=self.path,
            sheet=None,
            header_row=index + 1,
            columns=columns,
            notes=notes,
            encoding=detected.label,
            delimiter=delimiter,
            _source=source,
        )

    def digest(self) -> str:
        return stream_digest(self._stream)

    def close(self) -> None:
        for copy in self._copies.values():
            copy.close()
        self._copies.clear()
        self._stream.close()

    def _decode_sample(self, detected: DetectedEncoding) -> str:
        decoder = codecs.getincrementaldecoder(detected.codec)(errors=detected.errors)
        try:
            return decoder.decode(self._head, final=False)
        except UnicodeDecodeError as exc:
            raise undecodable(self.path.name, detected, exc) from None

    def _first_records(
        self, detected: DetectedEncoding, delimiter: str, header_row: int | None
    ) -> tuple[list[list[str]], bool]:
        """The first records as the csv module reads them, and whether that was the whole
        file."""
        wanted = max(WIDTH_SAMPLE_RECORDS, (header_row or 0) + SAMPLE_ROWS)
        self._stream.seek(0)
        text = io.TextIOWrapper(
            self._stream, encoding=detected.codec, errors=detected.errors, newline=""
        )
        records: list[list[str]] = []
        try:
            records.extend(islice(csv.reader(text, delimiter=delimiter), wanted + 1))
        except UnicodeDecodeError as exc:
            raise undecodable(self.path.name, detected, exc) from None
        except csv.Error as exc:
            raise _csv_error(self.path, len(records) + 1, exc) from None
        finally:
            text.detach()  # the stream stays open for the next read
        exhausted = len(records) <= wanted
        return records[:wanted], exhausted

    def _utf8(self, detected: DetectedEncoding) -> BinaryIO:
        """The file as UTF-8: the file itself, or its copy (made on the first read)."""
        if detected.is_utf8:
            return self._stream
        if detected.codec not in self._copies:
            self._copies[detected.codec] = transcode_to_utf8(self._stream, detected, self.path.name)
        return self._copies[detected.codec]

    def _stream_rows(
        self, data: BinaryIO, shape: _Shape, rows: int, notes: list[RowIssue]
    ) -> Iterator[pl.DataFrame]:
        raw = [f"c{i}" for i in range(shape.width + SPARE_COLUMNS)]
        extra = raw[len(shape.kept) :]
        picked = [
            pl.col(raw[i]).alias(name) for i, name in zip(shape.kept, shape.columns, strict=True)
        ]
        wide_rows = 0
        records = 0  # the records read so far, header included: the next chunk's first number
        size = max(MIN_CHUNK_BYTES, rows * _bytes_per_record(self._head, shape.line_end))
        try:
            for chunk in _record_chunks(data, shape.line_end.encode(), size):
                frame = pl.scan_csv(
                    chunk,
                    has_header=False,
                    separator=shape.delimiter,
                    eol_char=shape.line_end,
                    schema=dict.fromkeys(raw, pl.String),
                    missing_columns="insert",
                    row_index_name=ROW_COLUMN,
                    row_index_offset=records + 1,
                    empty_string_is_null=True,
                    truncate_ragged_lines=False,
                ).collect()
                records += frame.height
                batch = (
                    frame.lazy()
                    .filter(pl.col(ROW_COLUMN) > shape.header_row)
                    .with_columns(pl.when(pl.col(raw) != "").then(pl.col(raw)))  # "" -> null
                    .filter(pl.any_horizontal(pl.col(raw).is_not_null()) if raw else pl.lit(False))
                    .select(
                        *picked,
                        pl.col(ROW_COLUMN).cast(pl.Int64),
                        pl.any_horizontal(pl.col(extra).is_not_null()).alias(_EXTRA),
                    )
                    .collect()
                )
                del frame, chunk
                for start in range(0, batch.height, rows):
                    part = batch.slice(start, rows)
                    for number in part.filter(pl.col(_EXTRA))[ROW_COLUMN].to_list():
                        wide_rows += 1
                        if wide_rows <= MAX_WIDE_ROW_NOTES:
                            notes.append(_wide_row_note(number, shape.delimiter))
                    yield part.drop(_EXTRA)
        except pl.exceptions.PolarsError as exc:
            raise InputFileError(
                f"cannot read '{self.path.name}' as CSV with "
                f"{_delimiter_name(shape.delimiter)} as the delimiter: "
                f"{str(exc).splitlines()[0]}",
                hint="Check the file in a text editor, or name the delimiter and encoding.",
            ) from None


def _bytes_per_record(head: bytes, line_end: str) -> int:
    """About how many bytes a record takes, judged on the head of the file."""
    return max(1, len(head) // max(1, head.count(line_end.encode())))


def _record_chunks(stream: BinaryIO, line_end: bytes, size: int) -> Iterator[bytes]:
    """All of ``stream`` in pieces of about ``size`` bytes, each ending where a record
    ends: at a line end outside quotes (a quoted value may hold line ends). Polars parses
    one piece at a time, so memory holds a piece, not the file. A piece in which no record
    ends outside quotes (a stray quote) grows until one does, or to the end of the file."""
    read = _reader_from_start(stream)
    rest = b""
    quoted = False  # whether the text before ``rest`` leaves a quote open
    while True:
        data = read(size)
        block = rest + data if rest else data
        if not data:
            if block:
                yield block
            return
        cut = _record_end(block, line_end, quoted)
        if cut is None:
            rest = block
            continue
        yield block[:cut]
        quoted ^= block.count(b'"', 0, cut) % 2 == 1
        rest = block[cut:]


def _reader_from_start(stream: BinaryIO) -> Callable[[int], bytes]:
    """Reads ``stream`` from its start, at most ``size`` bytes a call. A file is read at an
    offset of its own (``os.pread``), so nothing else that reads it meanwhile (another table,
    its digest, in the thread that reads ahead or not) moves where this read goes on."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        descriptor = -1
    if descriptor < 0 or not hasattr(os, "pread"):
        stream.seek(0)
        return stream.read
    offset = 0

    def read(size: int) -> bytes:
        nonlocal offset
        data = os.pread(descriptor, size, offset)
        offset += len(data)
        return data

    return read


def _record_end(block: bytes, line_end: bytes, quoted: bool) -> int | None:
    """Where the last record that ends in ``block`` ends (after its line end), ``block``
    following text that leaves a quote open or not; None when none ends in it."""
    end = len(block)
    quotes = block.count(b'"') + quoted  # quotes before ``end``, counting an open one
    while (i := block.rfind(line_end, 0, end)) >= 0:
        quotes -= block.count(b'"', i, end)
        if quotes % 2 == 0:
            return i + len(line_end)
        end = i
    return None


@dataclass(frozen=True)
class _Shape:
    """How a table lies in the file: delimiter, record width, header row (1-based), the
    columns kept and their names."""

    delimiter: str
    line_end: str
    width: int
    header_row: int
    kept: list[int]
    columns: list[str]


def _delimiter_name(delimiter: str) -> str:
    """ "semicolon" for ";", as said in messages."""
    return _DELIMITER_NAMES.get(delimiter, f"'{delimiter}'")


def _csv_error(path: Path, row: int, exc: csv.Error) -> InputFileError:
    if "field limit" in str(exc):
        return InputFileError(
            f"cannot read '{path.name}' as CSV: a value in row {row} runs on for more than "
            f"{csv.field_size_limit():,} characters",
            hint=f'Usually a quote (") in row {row} is never closed: check that row in a text '
            "editor, or export the file from the spreadsheet again.",
        )
    return InputFileError(
        f"cannot read '{path.name}' as CSV: row {row}: {exc}",
        hint="Check the file in a text editor, or export it from the spreadsheet again.",
    )


def _mixed_note(lines: tuple[int, ...]) -> RowIssue:
    shown = ", ".join(str(n) for n in lines[:MAX_MIXED_LINES_SHOWN])
    hidden = len(lines) - MAX_MIXED_LINES_SHOWN
    more = f" and {hidden} more" if hidden > 0 else ""
    return RowIssue(
        f"the file is UTF-8 but line(s) {shown}{more} are not; their letters were read as "
        "Windows-1252. Check the names on those lines, and save the file as 'CSV UTF-8' "
        "to be sure",
        severity=Severity.WARNING,
    )


def _header_index(records: list[list[str]], header_row: int | None, path: Path) -> int:
    if header_row is not None:
        if header_row < 1 or header_row > len(records):
            raise InputFileError(
                f"header row {header_row} is beyond the data: '{path.name}' has "
                f"{len(records)} row(s)",
                hint="Give the number of the row that holds the column names, as the "
                "spreadsheet shows it, or leave it out to detect it.",
            )
        if not any(cell.strip() for cell in records[header_row - 1]):
            raise InputFileError(
                f"row {header_row} of '{path.name}' is empty, so it cannot be the header row",
                hint="Give the number of the row that holds the column names.",
            )
        return header_row - 1
    sample = [[cell.strip() or None for cell in r] for r in records[:SAMPLE_ROWS]]
    text_cells = [sum(1 for c in r if c is not None and looks_like_text(c)) for r in sample]
    return detect_header_row(sample, text_cells)


def _kept_columns(header: list[str], data: list[list[str]], width: int) -> list[int]:
    """All columns up to the last one with a header or with data in the sample."""
    last = -1
    for i in range(width):
        named = i < len(header) and header[i].strip()
        filled = any(i < len(r) and r[i].strip() for r in data)
        if named or filled:
            last = i
    return list(range(last + 1))


def _wide_row_note(row: int, delimiter: str) -> RowIssue:
    return RowIssue(
        f"this row has more cells than the header row has columns; the extra cells were left "
        f"out. A {_delimiter_name(delimiter)} inside a value needs quotes around the value",
        row=row,
        severity=Severity.WARNING,
    )
