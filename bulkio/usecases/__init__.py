"""Use cases: one function per command (check, import, template, export, backup), no click."""
