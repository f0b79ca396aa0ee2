"""One run at a time: an exclusive lock on a file, held for a whole run, naming its holder.

``hold(path, ...)`` takes an exclusive lock on ``path`` (``flock`` on POSIX, ``msvcrt`` on
Windows) without waiting, writes who holds it into the file (process id, host, start time,
the command line with any token left out), and keeps it until the ``with`` block ends. The
operating system releases the lock when the process dies, however it dies (SIGKILL, a
crash), so a lock left by a killed run never blocks the next one; the file itself stays (a
lock file is never removed: removing it would let two runs lock two different files).

A second run that finds the lock taken gets a ``LockedError`` (exit code 2) saying who
holds it. ``bulkio import`` holds one lock beside its journal and one per target (API URL
and space, or sandbox file) in the user's state folder (``state_folder``); ``bulkio
backup`` holds one in the backup folder.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from platformdirs import user_state_path

from bulkio.core.command_line import without_token
from bulkio.core.errors import BulkioError

STATE_ENV = "BULKIO_STATE_DIR"


class LockedError(BulkioError):
    """Another bulkio run holds the lock."""


def state_folder() -> Path:
    """The user's bulkio state folder (``BULKIO_STATE_DIR``, else the platform's user state
    folder, e.g. ``~/.local/state/bulkio``), where locks shared by every folder live."""
    chosen = os.environ.get(STATE_ENV)
    return Path(chosen) if chosen else user_state_path("bulkio", appauthor=False)


@contextmanager
def hold(path: Path, *, busy: str, fix: str) -> Iterator[None]:
    """Hold the exclusive lock ``path`` for the ``with`` block; ``LockedError`` when another
    run holds it, its message ``busy`` ("another bulkio import is using the journal x")
    followed by who holds it, and ``fix``, what to do."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+b")
    except OSError as exc:
        raise BulkioError(
            f"cannot create the lock file {path}: {exc.strerror or exc}",
            hint="Choose a folder you may write to.",
        ) from exc
    try:
        if not _try_lock(handle):
            holder = _describe(_read_holder(path))
            raise LockedError(busy + holder, hint=fix)
        _write_holder(handle)
        yield
    finally:
        handle.close()  # closing releases the lock


def _command_line() -> str:
    """The command line of this process as a user would retype it, any token left out."""
    args = sys.argv
    program = Path(args[0]).name if args else "bulkio"
    if program in ("__main__.py", "-m", "-c"):
        program = "bulkio"
    return " ".join([program, *without_token(args[1:])])


def _write_holder(handle: IO[bytes]) -> None:
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "command": _command_line(),
    }
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(holder).encode("utf-8"))
    handle.flush()


def _read_holder(path: Path) -> dict[str, object] | None:
    try:
        holder = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return holder if isinstance(holder, dict) else None


def _describe(holder: dict[str, object] | None) -> str:
    if not holder:
        return ""
    return (
        f" (process {holder.get('pid')} on {holder.get('host')}, started "
        f"{holder.get('started')}: {holder.get('command')})"
    )


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
