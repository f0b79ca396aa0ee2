"""``bulkio backup DIR``: a dated export plus a manifest, made for cron.

Each backup is a folder ``bulkio-backup-2026-11-24T031500Z/`` holding the export (``export.xlsx``,
``export.jsonl`` or the csv files) and ``manifest.json`` (counts per entity, sha256 and size
of each file, API url, start and end time, bulkio version). It is written into
``.partial-bulkio-backup-...`` and renamed only once the manifest is written, so a backup
that fails or is killed never leaves a folder that looks complete; it leaves the previous
backups as they were. A backup is complete exactly when its folder has that name and a
``manifest.json`` that parses: only such backups are counted and pruned beyond ``keep``.

One backup at a time runs per DIR (a lock file, released by the system even on SIGKILL; see
``bulkio.journal.lock``); so partial folders found while holding the lock are leftovers of
killed runs and removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulkio import __version__
from bulkio.core.errors import BulkioError, ConfigError
from bulkio.journal import hold
from bulkio.usecases.connect import Target, connect, require_sandbox_data
from bulkio.usecases.export import ExportProgress, write_records
from bulkio.usecases.export_options import ExportShape
from bulkio.writers.outputs import file_digest, temporary_files_in

PREFIX = "bulkio-backup-"
PARTIAL_PREFIX = ".partial-"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "bulkio-backup"
MANIFEST_VERSION = 1
LOCK_NAME = ".bulkio-backup.lock"
DEFAULT_KEEP = 30
EXPORT_NAMES = {"xlsx": "export.xlsx", "jsonl": "export.jsonl", "csv": ""}  # csv: files in it
_STAMP = "%Y-%m-%dT%H%M%SZ"
_NAME_RE = re.compile(r"^bulkio-backup-\d{4}-\d{2}-\d{2}T\d{6}Z(-\d+)?$")


@dataclass(frozen=True)
class BackupResult:
    path: Path  # the new backup's folder
    counts: dict[str, int]
    requests: int
    files: dict[str, str]  # file name -> sha256
    pruned: tuple[Path, ...]  # older backups removed
    kept: int  # complete backups in DIR now, the new one included


def backup(
    target: Target,
    directory: Path,
    *,
    keep: int = DEFAULT_KEEP,
    format: str = "xlsx",
    progress: ExportProgress | None = None,
    now: dt.datetime | None = None,
) -> BackupResult:
    """Write a complete, dated backup of ``target`` into ``directory`` and prune the oldest
    complete backups beyond ``keep``. Raises a BulkioError (and changes no earlier backup)
    when anything fails."""
    directory = Path(directory)
    if keep < 1:
        raise ConfigError(
            f"--keep {keep} would delete every backup, the new one included",
            hint="Use --keep 1 or more (e.g. --keep 30 for a month of daily backups).",
        )
    if format not in EXPORT_NAMES:
        raise ConfigError(f"unknown backup format '{format}'", hint="Use xlsx, csv or jsonl.")
    require_sandbox_data(target)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BulkioError(
            f"cannot create the backup folder '{directory}': {exc.strerror or exc}",
            hint="Choose a folder you may write to.",
        ) from exc
    with _locked(directory):
        _remove_leftovers(directory)
        started = now or dt.datetime.now(dt.UTC)
        name = _free_name(directory, PREFIX + started.strftime(_STAMP))
        partial = directory / (PARTIAL_PREFIX + name)
        scratch = partial.with_name(partial.name + ".tmp")  # the writer's temporary files
        try:
            scratch.mkdir()
            with temporary_files_in(scratch):
                result = _write_backup(target, directory, name, partial, format, started, progress)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)
        pruned = prune(directory, keep)
    return BackupResult(
        path=result[0],
        counts=result[1],
        requests=result[2],
        files=result[3],
        pruned=pruned,
        kept=len(complete_backups(directory)),
    )


def _write_backup(
    target: Target,
    directory: Path,
    name: str,
    partial: Path,
    format: str,
    started: dt.datetime,
    progress: ExportProgress | None,
) -> tuple[Path, dict[str, int], int, dict[str, str]]:
    try:
        partial.mkdir()
        with connect(target) as client:
            out = partial / EXPORT_NAMES[format] if EXPORT_NAMES[format] else partial
            shape = ExportShape(format, container="folder" if format == "csv" else "file")
            counts = write_records(client, out, shape=shape, progress=progress)
            requests = client.stats.requests_sent
            api_url = client.settings.base_url
        files = {p.name: file_digest(p) for p in sorted(partial.iterdir()) if p.is_file()}
        manifest = {
            "format": MANIFEST_FORMAT,
            "manifest_version": MANIFEST_VERSION,
            "bulkio_version": __version__,
            "api_url": api_url,
            "sandbox": str(target.sandbox) if target.sandbox else None,
            "export_format": format,
            "started_at": _iso(started),
            "finished_at": _iso(dt.datetime.now(dt.UTC)),
            "counts": counts,
            "requests": requests,
            "files": {
                file: {"sha256": digest, "bytes": (partial / file).stat().st_size}
                for file, digest in files.items()
            },
        }
        _write_durably(partial / MANIFEST, json.dumps(manifest, indent=2) + "\n")
        final = directory / name
        os.replace(partial, final)
        _fsync_dir(directory)
    except OSError as exc:
        raise BulkioError(
            f"the backup into '{directory}' failed: {exc.strerror or exc}",
            hint="Check free space and permissions of the backup folder; earlier backups are "
            "unchanged.",
        ) from exc
    return final, counts, requests, files


def complete_backups(directory: Path) -> list[tuple[str, Path]]:
    """The complete backups in ``directory`` as (started_at, folder), oldest first."""
    found: list[tuple[str, Path]] = []
    for path in directory.iterdir():
        if not path.is_dir() or not _NAME_RE.match(path.name):
            continue
        manifest = read_manifest(path)
        if manifest is not None:
            found.append((str(manifest.get("started_at", "")), path))
    return sorted(found, key=lambda item: (item[0], item[1].name))


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """A backup folder's manifest, or None when it has none that looks complete."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != MANIFEST_FORMAT
        or not manifest.get("finished_at")
    ):
        return None
    return manifest


def prune(directory: Path, keep: int) -> tuple[Path, ...]:
    """Remove the oldest complete backups beyond ``keep``; never partial ones or others."""
    backups = complete_backups(directory)
    doomed = [path for _, path in backups[: max(0, len(backups) - keep)]]
    for path in doomed:
        # Drop the manifest first: a removal cut short leaves a folder that is plainly
        # incomplete, not a damaged backup that claims to be whole.
        try:
            (path / MANIFEST).unlink()
            shutil.rmtree(path)
        except OSError as exc:
            raise BulkioError(
                f"the new backup is complete, but the old backup '{path.name}' could not be "
                f"removed: {exc.strerror or exc}",
                hint="Check the permissions of the backup folder and remove it by hand.",
            ) from exc
    return tuple(doomed)


def _remove_leftovers(directory: Path) -> None:
    """Partial backups (and their scratch folders) that killed runs left."""
    for path in directory.glob(PARTIAL_PREFIX + PREFIX + "*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _free_name(directory: Path, name: str) -> str:
    candidate, n = name, 1
    while (directory / candidate).exists():
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _locked(directory: Path) -> AbstractContextManager[None]:
    """Hold the backup folder's lock; a second backup into it stops with a clear message."""
    return hold(
        directory / LOCK_NAME,
        busy=f"another bulkio backup is running into '{directory}'",
        fix="Wait for it to finish, or give this one another folder.",
    )
