"""Which encoding a text file uses, and a streaming copy of it as UTF-8 for polars."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

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

_NAMES = {"utf_8": "UTF-8", "utf_8_sig": "UTF-8", "utf_16": "UTF-16", "cp1252": "Windows-1252"}


@dataclass(frozen=True)
class DetectedEncoding:
    """``codec`` is a Python codec name; ``guessed`` is True when no BOM or valid UTF-8 said so."""

    codec: str
    guessed: bool = False

    @property
    def is_utf8(self) -> bool:
        return self.codec in ("utf_8", "utf_8_sig")

    @property
    def label(self) -> str:
        return _NAMES.get(self.codec, self.codec)


def detect_encoding(path: Path, head: bytes) -> DetectedEncoding:
    """BOM first; then UTF-8 if the whole file is valid UTF-8; then a detector on a sample,
    preferring Windows-1252 for Western European text."""
    if head.startswith(codecs.BOM_UTF8):
        return DetectedEncoding("utf_8_sig")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DetectedEncoding("utf_16")
    if _is_valid(path, "utf_8"):
        return DetectedEncoding("utf_8")
    if _looks_western(head):
        codec = "cp1252" if _is_valid(path, "cp1252") else "latin_1"
        return DetectedEncoding(codec, guessed=True)
    best = from_bytes(head[:SAMPLE_BYTES]).best()
    codec = codecs.lookup(best.encoding).name.replace("-", "_") if best else "cp1252"
    if codec in _WESTERN:
        codec = "cp1252" if _is_valid(path, "cp1252") else "latin_1"
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


def _looks_western(sample: bytes) -> bool:
    """True when the sample read as Windows-1252 gives Western European letters (äöüßéçñ€...)
    for nearly all of its non-ASCII bytes, and only a few of them, as German, French or
    Spanish text does."""
    try:
        text = sample.decode("cp1252")
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


def _is_valid(path: Path, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def transcode_to_utf8(path: Path, encoding: DetectedEncoding, directory: Path) -> Path:
    """Copy ``path`` as UTF-8 into ``directory``, chunk by chunk (memory stays flat)."""
    decoder = codecs.getincrementaldecoder(encoding.codec)()
    target = directory / "utf8.csv"
    with target.open("wb") as out, path.open("rb") as stream:
        try:
            while chunk := stream.read(CHUNK_BYTES):
                out.write(decoder.decode(chunk).encode("utf-8"))
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
        except UnicodeDecodeError as exc:
            raise undecodable(path, encoding, exc) from None
    return target


def undecodable(path: Path, encoding: DetectedEncoding, exc: UnicodeDecodeError) -> InputFileError:
    return InputFileError(
        f"cannot read '{path.name}' as {encoding.label} text: {exc.reason}",
        hint="Save the file as 'CSV UTF-8' in Excel, or name its encoding with --encoding.",
    )
