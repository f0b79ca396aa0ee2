"""What bulkio writes, and what it never writes over: the one policy every command follows.

Before a command does anything, ``check_outputs`` looks at every file it will write:

- an output that is one of the command's inputs (the spreadsheet, the mapping, the
  sandbox's database and its companion files, a file inside an input folder, the same file
  under another name or by a hard link) is refused, even with ``--force``;
- two outputs of one command may not be the same file;
- an existing file is replaced only when bulkio wrote it, as the same kind of output, and
  nobody changed it since (``is_own``); anything else needs ``--force``.

``written`` then gives the writer a temporary name beside the output
(``.partial-<pid>-<name>``), stamps the finished file as bulkio's and renames it into place:
a file appears under its name only when it is complete. The writer's own temporary files
(rows a library keeps on disk) go to a folder beside it too, never to the system's
temporary folder. On any way out before that (an error, Ctrl-C) both are removed; what a
killed run left behind is removed by the next run that writes the same output (once its
process is gone).

How bulkio knows it wrote a file, and that it is unchanged:

- a workbook or zip carries a stamp in the zip archive's comment: the kind of output and a
  digest of the archive's entries (names, checksums, sizes). A program that saves the file
  again (Excel, LibreOffice, a script) writes a new archive without it, so a template a
  customer filled, or a report someone edited, is no longer bulkio's to replace;
- a CSV export folder: its manifest (``bulkio-export.json``) holds the sha256 of each file;
- a JSON Lines export: its first line is a record bulkio tagged with ``_entity`` (the file
  is not checked for changes);
- a mapping draft is never bulkio's to replace: it is meant to be edited.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bulkio.core.errors import BulkioError
from bulkio.core.export_manifest import DIGESTS_KEY, MANIFEST_FORMAT, MANIFEST_NAME

PARTIAL_PREFIX = ".partial-"
_STAMP_PREFIX = "bulkio-output"
_ZIP_SUFFIXES = {".xlsx", ".xlsm", ".zip"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_JSONL_MARK = b'{"_entity":'
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class OutputKind(StrEnum):
    REPORT = "check report"
    RESULTS = "import results workbook"
    PLAN = "import plan workbook"
    TEMPLATE = "template"
    EXPORT = "export"
    DRAFT = "mapping draft"
    UNDO_PLAN = "undo plan workbook"
    UNDO_RESULTS = "undo results workbook"
    JOURNAL = "journal"  # opened, not replaced: the journal refuses files that are not one


@dataclass(frozen=True)
class Output:
    """A file (or, with ``files``, a folder of those files) a command is about to write."""

    path: Path
    kind: OutputKind
    option: str | None = None  # how the user chooses it ("--report"), for messages
    files: tuple[str, ...] = ()  # a folder output: the names written into it
    fix: str | None = None  # what to do instead when no name can be chosen

    def targets(self) -> list[Path]:
        """The files written: the output itself, or each file of a folder output."""
        return [self.path / name for name in self.files] if self.files else [self.path]


class OutputError(BulkioError):
    """An output would replace an input, another output, or a file bulkio did not write."""


def check_outputs(
    outputs: Sequence[Output],
    *,
    inputs: Mapping[Path, str],
    force: bool = False,
    force_option: str | None = "--force",
) -> None:
    """Refuse (``OutputError``, naming the fix) what ``outputs`` must not write over.

    ``inputs`` are the command's inputs, each with what it is ("the input file", "the
    sandbox's database"); ``force`` allows replacing existing files that are not bulkio's
    own, never an input; ``force_option`` is how the user asks for it (None: a command
    that offers no way)."""
    taken: dict[Path, Output] = {}
    for output in outputs:
        for target in output.targets():
            what = _input_at(target, inputs)
            if what is not None:
                raise OutputError(
                    f"{_named(output, target)} is {what}; bulkio never writes over its input",
                    hint=_another_name(output) + ".",
                )
            key = _resolved(target)
            if key in taken and taken[key] is not output:
                raise OutputError(
                    f"{_named(taken[key], target)} and {_named(output, target)} are the same file",
                    hint="Give each its own name.",
                )
            taken[key] = output
            if not force and not is_own(target, output):
                raise OutputError(
                    f"{target} already exists"
                    + ("" if output.kind == OutputKind.DRAFT else _not_own(output))
                    + "; nothing was written",
                    hint=_another_name(output)
                    + (f", or add {force_option} to replace it." if force_option else "."),
                )


def is_own(target: Path, output: Output) -> bool:
    """Whether ``target`` (the output or a file of a folder output) may be replaced without
    --force: it does not exist, or bulkio wrote it as ``output``'s kind, unchanged."""
    if output.kind == OutputKind.JOURNAL or (not target.exists() and not target.is_symlink()):
        return True
    if target.is_symlink() or not target.is_file() or output.kind == OutputKind.DRAFT:
        return False
    if output.files:
        return _listed_unchanged(target)
    suffix = target.suffix.lower()
    if suffix in _ZIP_SUFFIXES:
        return _read_stamp(target) == _stamp_text(target, output.kind)
    if suffix in _JSONL_SUFFIXES and output.kind == OutputKind.EXPORT:
        try:
            with target.open("rb") as handle:
                return handle.read(len(_JSONL_MARK)) == _JSONL_MARK
        except OSError:
            return False
    return False


@contextmanager
def written(output: Output) -> Iterator[Path]:
    """A temporary path beside ``output`` for the writer; when the block ends normally the
    file is stamped and renamed to its name (a folder's files moved into it one by one),
    otherwise removed; a failure to write (no space, no permission) is an ``OutputError``.
    Leftovers of killed runs for the same name are removed first.

    While the block runs, temporary files (writer libraries keep rows in them) go to a
    folder beside the output, removed with it, never to the system's temporary folder:
    ``tempfile``'s folder and ``TMPDIR`` point there, for the whole process."""
    final = output.path
    if not final.parent.is_dir():
        raise OutputError(
            f"cannot write {final}: the folder {final.parent} does not exist",
            hint="Create the folder first or choose another name.",
        )
    remove_leftovers(final)
    temp = final.with_name(f"{PARTIAL_PREFIX}{os.getpid()}-{final.name}")
    scratch = temp.with_name(temp.name + ".tmp")
    try:
        scratch.mkdir()
        with temporary_files_in(scratch):
            yield temp
        if temp.is_file() and temp.suffix.lower() in _ZIP_SUFFIXES:
            _stamp(temp, output.kind)
        _move_into_place(temp, final)
    except OSError as exc:
        raise OutputError(
            f"cannot write {final}: {exc.strerror or exc}",
            hint="Check that the folder is writable and has free space, close the file if "
            "it is open in Excel, or choose another name.",
        ) from exc
    finally:
        _remove(temp)
        _remove(scratch)


@contextmanager
def temporary_files_in(folder: Path) -> Iterator[None]:
    """Within the block, temporary files of this process (``tempfile``, and libraries that
    read ``TMPDIR``) are made in ``folder``."""
    saved_folder, saved_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = os.environ["TMPDIR"] = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved_folder
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env


def remove_leftovers(final: Path) -> None:
    """Remove the temporary files that runs killed while writing ``final`` left beside it
    (those whose process is gone)."""
    pattern = re.compile(re.escape(PARTIAL_PREFIX) + r"(\d+)-" + re.escape(final.name) + r"(\..*)?")
    with suppress(OSError):
        for path in final.parent.iterdir():
            found = pattern.fullmatch(path.name)
            if found and not _alive(int(found.group(1))):
                _remove(path)


def _remove(path: Path) -> None:
    """Remove a file or folder if it is there, quietly (cleaning up)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink(missing_ok=True)


def file_digest(path: Path) -> str:
    """The sha256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _input_at(target: Path, inputs: Mapping[Path, str]) -> str | None:
    """What input ``target`` is (or lies in), if any."""
    spot = _resolved(target)
    for path, what in inputs.items():
        home = _resolved(path)
        companions = {home.with_name(home.name + end) for end in _SQLITE_COMPANIONS}
        if spot == home or spot in companions or (home in spot.parents and path.is_dir()):
            return what
        with suppress(OSError):
            if target.exists() and path.exists() and os.path.samefile(target, path):
                return what
    return None


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _named(output: Output, target: Path) -> str:
    return f"{output.option} {target}" if output.option else str(target)


def _not_own(output: Output) -> str:
    article = "an" if output.kind.value[0] in "aeiou" else "a"
    return f" and is not {article} {output.kind} bulkio wrote (or it was changed since)"


def _another_name(output: Output) -> str:
    if output.fix:
        return output.fix
    where = f" with {output.option}" if output.option else ""
    return f"Choose another name{where}"


def _listed_unchanged(target: Path) -> bool:
    """A file of a CSV export folder whose manifest lists it with its content's digest."""
    try:
        manifest = json.loads((target.parent / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return False
    if target.name == MANIFEST_NAME:
        return True
    digests = manifest.get(DIGESTS_KEY)
    try:
        return isinstance(digests, dict) and digests.get(target.name) == file_digest(target)
    except OSError:
        return False


def _stamp(path: Path, kind: OutputKind) -> None:
    text = _stamp_text(path, kind)
    if text is not None:
        with zipfile.ZipFile(path, "a") as archive:
            archive.comment = text.encode("ascii")


def _stamp_text(path: Path, kind: OutputKind) -> str | None:
    """The stamp a zip file of ``kind`` with the entries ``path`` holds now would carry."""
    digest = hashlib.sha256(kind.value.encode("ascii"))
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                digest.update(f"\n{info.filename}\0{info.CRC}\0{info.file_size}".encode())
    except (OSError, zipfile.BadZipFile):
        return None
    return f"{_STAMP_PREFIX} {kind.value}: {digest.hexdigest()}"


def _read_stamp(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment.decode("ascii", errors="replace")
    except (OSError, zipfile.BadZipFile):
        return None


def _move_into_place(temp: Path, final: Path) -> None:
    """Rename the finished ``temp`` to ``final``; a folder's files move into an existing
    folder one by one (each rename is atomic)."""
    if temp.is_dir() and final.is_dir():
        for item in sorted(temp.iterdir()):
            os.replace(item, final / item.name)
        return
    if final.is_dir():
        raise IsADirectoryError(21, "a folder of that name exists")
    os.replace(temp, final)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on Windows, assumed: its leftovers stay)."""
    if pid == os.getpid():
        return False  # a leftover of this process is never in use once a write starts
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
