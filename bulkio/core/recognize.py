"""Recognising a known export (Outlook, Google, HubSpot, Salesforce, LinkedIn, the bulkio
template) by its headers, the lines above them and its sheet names.

Pure: the caller reads the file and hands over a :class:`FileShape`; the exports are described
in ``known_exports.py``. Real exports vary: users delete columns, HubSpot and Salesforce write
only the fields selected, labels differ between versions and UI languages. So a format counts
what is present, compared without case and spacing, in any order: how much of its own header
row the file has (recall) and how much of the file is its (coverage). A format is a candidate
when a column that names a record is there, at least three of its headers, and either most of
its header row or a header only this product writes. ``recognize`` picks the best candidate
when it clearly leads, or raises a MappingError that lists the candidates and names the fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bulkio.core.errors import MappingError
from bulkio.core.known_exports import (
    FORMATS,
    GOOGLE_HEADERS,
    GOOGLE_LEGACY_HEADERS,
    HUBSPOT_COMPANY_HEADERS,
    HUBSPOT_CONTACT_HEADERS,
    LINKEDIN_HEADERS,
    OUTLOOK_DE_HEADERS,
    OUTLOOK_EN_HEADERS,
    OUTLOOK_ES_HEADERS,
    OUTLOOK_FR_HEADERS,
    OUTLOOK_IT_HEADERS,
    OUTLOOK_NL_HEADERS,
    SALESFORCE_ACCOUNT_HEADERS,
    SALESFORCE_CONTACT_HEADERS,
    SALESFORCE_CONTACT_REPORT_HEADERS,
    TEMPLATE_MARKER_SHEET,
    FormatSignature,
    signature_for,
)

__all__ = [
    "FORMATS",
    "GOOGLE_HEADERS",
    "GOOGLE_LEGACY_HEADERS",
    "HUBSPOT_COMPANY_HEADERS",
    "HUBSPOT_CONTACT_HEADERS",
    "LINKEDIN_HEADERS",
    "OUTLOOK_DE_HEADERS",
    "OUTLOOK_EN_HEADERS",
    "OUTLOOK_ES_HEADERS",
    "OUTLOOK_FR_HEADERS",
    "OUTLOOK_IT_HEADERS",
    "OUTLOOK_NL_HEADERS",
    "SALESFORCE_ACCOUNT_HEADERS",
    "SALESFORCE_CONTACT_HEADERS",
    "SALESFORCE_CONTACT_REPORT_HEADERS",
    "TEMPLATE_MARKER_SHEET",
    "Candidate",
    "FileShape",
    "FormatSignature",
    "rank_formats",
    "recognize",
    "signature_for",
]

# A format with this share of its header row present is a candidate without a marker.
MIN_SCORE = 0.6
# ... and in any case needs this many of its headers.
MIN_HITS = 3
# The best candidate must lead the next one by this much to be chosen without asking.
MIN_LEAD = 0.15


@dataclass(frozen=True)
class FileShape:
    """What recognition looks at: the header row, the text above it, the sheet names."""

    headers: Sequence[str]
    preamble: Sequence[str] = ()
    sheet_names: Sequence[str] = ()


@dataclass(frozen=True)
class Candidate:
    """One format's fit to a file: 1.0 is all of its header row, or all of the file its."""

    preset: str
    title: str
    score: float
    reason: str
    usable: bool = False


def normalize(header: str) -> str:
    """A header as compared: no BOM, no quotes around it, no case, single spaces."""
    text = header.replace("\ufeff", "").strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).casefold()


def _entries(fmt: FormatSignature) -> list[set[str]]:
    """Each header of the format's row with its other names, normalised. A header written
    twice (French Outlook's "Titre") is read the second time as "Titre (2)"."""
    others = {normalize(v[0]): {normalize(n) for n in v} for v in fmt.variants}
    seen: Counter[str] = Counter()
    entries = []
    for header in fmt.headers:
        name = normalize(header)
        seen[name] += 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        entries.append(others.get(name, set()) | {name})
    return entries


def _pattern(names: Sequence[str]) -> re.Pattern[str]:
    """Matches the normalised headers of ``names``, "{n}" standing for a number."""
    parts = [re.escape(normalize(n)).replace(r"\{n\}", r"[1-9][0-9]*") for n in names]
    return re.compile("|".join(parts) or "(?!)")


def _known(fmt: FormatSignature, entries: list[set[str]]) -> re.Pattern[str]:
    """Every header the format knows: its row, their other names, other versions' headers."""
    return _pattern([*(n for e in entries for n in e), *fmt.also])


def _any(names: Sequence[str], fmt: FormatSignature, have: set[str]) -> list[str]:
    """The given headers (or one of their other names) the file has."""
    others = {normalize(v[0]): {normalize(n) for n in v} for v in fmt.variants}
    return [n for n in names if (others.get(normalize(n), set()) | {normalize(n)}) & have]


def score_format(fmt: FormatSignature, shape: FileShape) -> Candidate:
    """How well one format fits the file, and why, in words a person can check."""
    if fmt.marker_sheet is not None:
        return _score_workbook(fmt, shape)
    have = {normalize(h) for h in shape.headers if h.strip()}
    entries = _entries(fmt)
    found = [e for e in entries if e & have]
    known = _known(fmt, entries)
    hits = [h for h in have if known.fullmatch(h)]
    recall = len(found) / len(entries) if entries else 0.0
    coverage = len(hits) / len(have) if have else 0.0
    score = max(recall, coverage)
    reason = f"{len(found)} of its {len(entries)} headers"
    if len(hits) < len(have):
        reason += f", {len(hits)} of the file's {len(have)}"
    if fmt.preamble is not None:
        pattern = re.compile(fmt.preamble, re.IGNORECASE)
        if any(pattern.search(line.strip()) for line in shape.preamble if line):
            score = min(1.0, score + 0.1)
            reason += " and its note lines above the header"
        elif shape.preamble:
            score = max(0.0, score - 0.1)
    named = _any(fmt.identifying, fmt, have)
    marked = _any(fmt.markers, fmt, have)
    usable = bool(named) and len(hits) >= MIN_HITS and (recall >= MIN_SCORE or bool(marked))
    if not named:
        reason += "; missing all of " + ", ".join(f"'{h}'" for h in fmt.identifying)
    if fmt.needs and not _any(fmt.needs, fmt, have):
        usable = False
        reason += "; without any of " + ", ".join(f"'{h}'" for h in fmt.needs)
    if fmt.not_with and (found_other := _any(fmt.not_with, fmt, have)):
        usable = False
        reason += f"; has '{found_other[0]}'"
    return Candidate(fmt.preset, fmt.title, round(score, 3), reason, usable)


def _score_workbook(fmt: FormatSignature, shape: FileShape) -> Candidate:
    """The bulkio template: its hidden sheet and its sheets' titles."""
    assert fmt.marker_sheet is not None
    sheets = {normalize(s) for s in shape.sheet_names}
    has_marker = normalize(fmt.marker_sheet) in sheets
    titled = [t for t in fmt.sheet_titles if normalize(t) in sheets]
    score = (0.5 if has_marker else 0.0) + 0.5 * len(titled) / max(1, len(fmt.sheet_titles))
    if not has_marker:
        score = min(score, 0.3)
    reason = (
        f"the workbook has bulkio's hidden '{fmt.marker_sheet}' sheet and the sheets "
        f"{', '.join(titled) or '(none of ' + ', '.join(fmt.sheet_titles) + ')'}"
        if has_marker
        else f"no hidden '{fmt.marker_sheet}' sheet"
    )
    return Candidate(fmt.preset, fmt.title, round(score, 3), reason, score >= MIN_SCORE)


def rank_formats(shape: FileShape) -> list[Candidate]:
    """Every known format scored against the file, best first."""
    scored = [score_format(f, shape) for f in FORMATS]
    return sorted(scored, key=lambda c: (c.usable, c.score), reverse=True)


def _listing(candidates: Sequence[Candidate]) -> str:
    return "; ".join(f"{c.preset} ({c.title}: {c.reason})" for c in candidates)


def recognize(shape: FileShape, *, source: str = "the file") -> Candidate:
    """The one known format the file is in, or a MappingError listing the candidates."""
    ranked = rank_formats(shape)
    usable = [c for c in ranked if c.usable]
    if len(usable) == 1 or (len(usable) > 1 and usable[0].score - usable[1].score >= MIN_LEAD):
        return usable[0]
    if usable:
        close = [c for c in usable if usable[0].score - c.score < MIN_LEAD]
        raise MappingError(
            f"{source} fits several known formats equally well: {_listing(close)}",
            hint="Choose one with -m NAME (for example -m " + close[0].preset + "), "
            "or write a mapping with 'bulkio mapping suggest'.",
        )
    nearest = [c for c in ranked if c.score > 0][:3]
    described = f"; the nearest are: {_listing(nearest)}" if nearest else ""
    raise MappingError(
        f"{source} is not in a format bulkio knows{described}",
        hint="Give a mapping with -m mapping.yaml (draft one with 'bulkio mapping suggest "
        "FILE -o mapping.yaml'), or a preset with -m NAME ('bulkio mapping list' shows them).",
    )
