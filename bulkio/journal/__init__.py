"""The journal of an import: every planned write and its outcome, in SQLite, tied to what
the import is of (its fingerprint); the ledger over it; the lock that lets one run at a time."""

from bulkio.journal.fingerprint import RunFingerprint
from bulkio.journal.ledger import Ledger
from bulkio.journal.lock import LockedError, hold, state_folder
from bulkio.journal.store import (
    ActionState,
    Fit,
    Journal,
    JournalEntry,
    JournalError,
    JournalRun,
    PlannedWrite,
    created_ids,
    journal_fit,
    open_journal,
    read_journal,
)

__all__ = [
    "ActionState",
    "Fit",
    "Journal",
    "JournalEntry",
    "JournalError",
    "JournalRun",
    "Ledger",
    "LockedError",
    "PlannedWrite",
    "RunFingerprint",
    "created_ids",
    "hold",
    "journal_fit",
    "open_journal",
    "read_journal",
    "state_folder",
]
