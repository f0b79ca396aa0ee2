"""The per-run journal: every planned write and its outcome, in SQLite; the ledger over it."""

from bulkio.journal.ledger import Ledger
from bulkio.journal.store import (
    ActionState,
    Journal,
    JournalEntry,
    JournalError,
    JournalRun,
    PlannedWrite,
    created_ids,
    open_journal,
    read_journal,
)

__all__ = [
    "ActionState",
    "Journal",
    "JournalEntry",
    "JournalError",
    "JournalRun",
    "Ledger",
    "PlannedWrite",
    "created_ids",
    "open_journal",
    "read_journal",
]
