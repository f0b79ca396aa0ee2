"""The per-run journal: every planned write and its outcome, in SQLite."""

from bulkio.journal.store import (
    ActionState,
    Journal,
    JournalEntry,
    JournalError,
    PlannedWrite,
    open_journal,
)

__all__ = ["ActionState", "Journal", "JournalEntry", "JournalError", "PlannedWrite", "open_journal"]
