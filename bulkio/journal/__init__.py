"""The per-run journal: every planned action and its outcome, in SQLite."""
