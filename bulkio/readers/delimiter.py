"""Which character separates the fields of a CSV file, judged from a sample of its text."""

from __future__ import annotations

import csv
import io
from collections import Counter

CANDIDATES = (";", ",", "\t", "|")
SAMPLE_RECORDS = 50


def sniff_delimiter(sample: str) -> str:
    """The candidate that splits the sample's records into the same number (>1) of fields most
    consistently. Quotes are honoured, so separators inside quoted fields do not count."""
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        sample = "".join(lines[:-1])  # the last line may be cut off by the sample's end
    best, best_score = ",", (0.0, 0)
    for candidate in CANDIDATES:
        counts = _field_counts(sample, candidate)
        if not counts:
            continue
        width, hits = Counter(counts).most_common(1)[0]
        if width < 2:
            many = [n for n in counts if n > 1]
            if not many:
                continue
            width, hits = Counter(many).most_common(1)[0]
        score = (hits / len(counts), width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _field_counts(sample: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    counts: list[int] = []
    try:
        for record in reader:
            if record:
                counts.append(len(record))
            if len(counts) >= SAMPLE_RECORDS:
                break
    except csv.Error:
        return counts
    return counts
