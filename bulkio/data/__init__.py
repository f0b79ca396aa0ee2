"""Data files shipped with bulkio (no code): the default sandbox seed and look-up values."""
