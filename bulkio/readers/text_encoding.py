"""Which encoding a text file uses, and a copy of it as UTF-8 for polars, made chunk by chunk."""

from __future__ import annotations

import codecs
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from typing import BinaryIO

from bulkio.core.errors import InputFileError

CHUNK_BYTES = 1 << 20
SAMPLE_BYTES = 256 * 1024

# Single-byte encodings of Western European text: where a detector picks one of these,
# Windows-1252 (what Excel writes on a German or French Windows) is the better answer.
_WESTERN = {
    "cp1252",
    "windows_1252",
    "latin_1",
    "iso8859_1",
    "iso8859_15",
    "cp850",
    "cp437",
    "mac_roman",
    "iso8859_2",
    "cp1250",
    "ascii",
}

_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8",
    "utf_16": "UTF-16",
    "cp1252": "Windows-1252",
    "mac_roman": "Mac Roman",
}


# The rule for a UTF-8 file with some lines in Windows-1252 (a line pasted from an old file):
# every byte sequence that is valid UTF-8 is read as UTF-8, every other byte as Windows-1252
# (Latin-1 for the five bytes Windows-1252 leaves undefined), and a warning names the lines.
MIXED_ERRORS = "bulkio-windows-1252"


def _as_windows_1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    text = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b)
        for b in exc.object[exc.start : exc.end]
    )
    return text, exc.end


codecs.register_error(MIXED_ERRORS, _as_windows_1252)


@dataclass(frozen=True)
class DetectedEncoding:
    """``codec`` is a Python codec name; ``guessed`` is True when no BOM or valid UTF-8 said so.
    ``errors`` is the codec error handler: ``MIXED_ERRORS`` for a UTF-8 file whose lines
    ``mixed_lines`` are in Windows-1252."""

    codec: str
    guessed: bool = False
    errors: str = "strict"
    mixed_lines: tuple[int, ...] = ()

    @property
    def is_utf8(self) -> bool:
        """True when the file's bytes are UTF-8 as they are (no transcoding needed)."""
        return self.codec in ("utf_8", "utf_8_sig") and self.errors == "strict"

    @property
    def label(self) -> str:
        if self.mixed_lines:
            return "UTF-8 (some lines Windows-1252)"
        return _NAMES.get(self.codec, self.codec)


def detect_encoding(stream: BinaryIO, head: bytes) -> DetectedEncoding:
    """BOM first; then UTF-8 if the whole file is valid UTF-8, or if it holds UTF-8 text and
    some lines that are not (read by the mixed rule above); then a detector on a sample,
    preferring Windows-1252 for Western European text."""
    if head.startswith(codecs.BOM_UTF8):
        return DetectedEncoding("utf_8_sig")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DetectedEncoding("utf_16")
    newline = b"\r" if b"\r" in head and b"\n" not in head else b"\n"
    not_utf8, utf8_seen = _lines_not_utf8(stream, newline)
    if not not_utf8:
        return DetectedEncoding("utf_8")
    if utf8_seen:
        return DetectedEncoding("utf_8", errors=MIXED_ERRORS, mixed_lines=tuple(not_utf8))
    if _looks_western(head):
        codec = "cp1252" if _is_valid(stream, "cp1252") else "latin_1"
        return DetectedEncoding(codec, guessed=True)
    if _looks_western(head, "mac_roman"):  # Excel for Mac's "CSV (Macintosh)"
        return DetectedEncoding("mac_roman", guessed=True)
    from charset_normalizer import from_bytes  # here: most files never get this far

    best = from_bytes(head[:SAMPLE_BYTES]).best()
    codec = codecs.lookup(best.encoding).name.replace("-", "_") if best else "cp1252"
    if codec in _WESTERN:
        codec = "cp1252" if _is_valid(stream, "cp1252") else "latin_1"
    return DetectedEncoding(codec, guessed=True)


def named_encoding(name: str) -> DetectedEncoding:
    """The encoding the user named, checked to exist."""
    try:
        codec = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        raise InputFileError(
            f"unknown encoding '{name}'",
            hint="Use a name such as utf-8, cp1252, latin-1 or utf-16, or leave it out to "
            "detect it.",
        ) from None
    if codec == "utf_8":
        codec = "utf_8_sig"  # a BOM is still skipped when present
    return DetectedEncoding(codec)


def _looks_western(sample: bytes, codec: str = "cp1252") -> bool:
    """True when the sample read as ``codec`` gives Western European letters (äöüßéçñ€...)
    for nearly all of its non-ASCII bytes, and only a few of them, as German, French or
    Spanish text does."""
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return False
    special = [c for c in text if ord(c) > 127]
    if not special:
        return True
    western = sum(1 for c in special if ("\u00c0" <= c <= "\u00ff" and c.isalpha()) or c in _SIGNS)
    letters = sum(1 for c in text if c.isalpha())
    # Western words are mostly ASCII letters with a few accents; Cyrillic or Greek read as
    # Windows-1252 turns whole words into accented letters.
    return western >= 0.8 * len(special) and len(special) <= 0.3 * letters


_SIGNS = set("€£§°²³µ½¼¾«»„“”‘’–—…·×÷©®™")


def _is_valid(stream: BinaryIO, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    stream.seek(0)
    try:
        while chunk := stream.read(CHUNK_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _lines_not_utf8(stream: BinaryIO, newline: bytes) -> tuple[list[int], bool]:
    """The numbers of the lines that are not valid UTF-8, and whether any other line holds
    UTF-8 beyond ASCII (the evidence that the file is UTF-8 at heart)."""
    bad: list[int] = []
    utf8_seen = False
    line = 1
    rest = b""
    stream.seek(0)
    while True:
        chunk = stream.read(CHUNK_BYTES)
        block = rest + chunk
        cut = block.rfind(newline) + 1 if chunk else len(block)
        block, rest = block[:cut], block[cut:]
        try:
            block.decode("utf-8")
            utf8_seen = utf8_seen or not block.isascii()
        except UnicodeDecodeError:
            for number, text in enumerate(block.split(newline), start=line):
                try:
                    text.decode("utf-8")
                    utf8_seen = utf8_seen or not text.isascii()
                except UnicodeDecodeError:
                    bad.append(number)
        line += block.count(newline)
        if not chunk:
            return bad, utf8_seen


def transcode_to_utf8(stream: BinaryIO, encoding: DetectedEncoding, name: str) -> BinaryIO:
    """A copy of ``stream`` as UTF-8 in an unnamed temporary file (gone when it is closed,
    even if the process dies), made chunk by chunk so memory stays flat; ``name`` is the
    file's name for messages."""
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors=encoding.errors)
    with ExitStack() as on_failure:
        target = on_failure.enter_context(tempfile.TemporaryFile())
        stream.seek(0)
        try:
            while chunk := stream.read(CHUNK_BYTES):
                target.write(decoder.decode(chunk).encode("utf-8"))
            target.write(decoder.decode(b"", final=True).encode("utf-8"))
        except UnicodeDecodeError as exc:
            raise undecodable(name, encoding, exc) from None
        target.seek(0)
        on_failure.pop_all()
    return target


def undecodable(name: str, encoding: DetectedEncoding, exc: UnicodeDecodeError) -> InputFileError:
    return InputFileError(
        f"cannot read '{name}' as {encoding.label} text: {exc.reason}",
        hint="Save the file as 'CSV UTF-8' in Excel, or name its encoding with --encoding.",
    )
