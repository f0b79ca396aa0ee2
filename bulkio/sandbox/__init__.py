"""A local Kanbert-compatible API server over SQLite, for rehearsals and tests.

It implements ../shared/kanbert-api.md on its own and imports nothing else of bulkio, so the
client and the sandbox share the page, not the code.
"""
