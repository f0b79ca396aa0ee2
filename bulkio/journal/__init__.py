"""The journal of an import: every planned write and its outcome, in SQLite, tied to what
the import is of (its fingerprint); the ledger over it; the lock that lets one run at a time."""

from bulkio.journal.fingerprint import RunFingerprint
from bulkio.journal.ledger import Ledger
from bulkio.journal.lock import LockedError, hold, state_folder
from bulkio.journal.store import (
    ActionState,
    Journal,
    JournalEntry,
    JournalError,
    PlannedWrite,
    created_ids,
    open_journal,
)

__all__ = [
    "ActionState",
    "Journal",
    "JournalEntry",
    "JournalError",
    "Ledger",
    "LockedError",
    "PlannedWrite",
    "RunFingerprint",
    "created_ids",
    "hold",
    "open_journal",
    "state_folder",
]
