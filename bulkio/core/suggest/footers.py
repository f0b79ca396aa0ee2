"""Footer rows below a home-made list: totals ("Summe: 12 Kontakte", "Total", "Anzahl"), a
lone count, a date stamp ("Stand: 01.03.2024"). They are not records; the draft skips them
with ``skip_rows``, a pattern written from the footers found (their numbers as ``\\d+``), so it
matches them and nothing a person would type as data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORDS = (
    "summe", "gesamt", "gesamtsumme", "insgesamt", "zwischensumme", "total", "totals",
    "grand total", "subtotal", "sum", "anzahl", "count", "stand", "stand per", "erstellt",
    "erstellt am", "created", "printed", "gedruckt", "exportiert", "exported",
    "ende der liste", "end of list", "quelle", "source", "seite", "page", "σ",
)  # fmt: skip
_WORD = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True)) + r")"
    r"\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_COUNT = re.compile(r"^\s*[\d.,' ]*\d\s*(?:€|eur|chf|gbp|£)?\s*(?:[a-zäöüß]+)?\s*$", re.IGNORECASE)
_MOST = 3  # a footer fills at most this many cells


@dataclass(frozen=True)
class Footers:
    """The footer rows at the end of a sheet."""

    rows: tuple[int, ...]  # every footer row (spreadsheet row numbers)
    texts: tuple[str, ...]  # what each says, for the draft's comment
    pattern: str | None  # skip_rows for those with one filled cell
    several: tuple[int, ...]  # footers with more than one filled cell: skip_rows misses them


def _looks_like_footer(cells: Sequence[str], usual: int) -> bool:
    if not cells or len(cells) > _MOST or len(cells) * 2 > usual:
        return False
    word = _WORD.match(cells[0])
    if word is not None:  # "Summe", "Summe: 12", "Stand 03/2024"; not "Total Energies"
        rest = word.group("rest")
        return not rest.strip(" .-") or ":" in rest or any(ch.isdigit() for ch in rest)
    return all(_COUNT.match(c) for c in cells)


def _pattern(texts: Sequence[str]) -> str:
    """One anchored pattern matching these texts with any numbers in place of theirs."""
    alternatives: list[str] = []
    for text in texts:
        parts = re.split(r"(\d+|\s+)", text.strip())
        regex = "".join(
            r"\d+" if p.isdigit() else r"\s+" if p.isspace() else re.escape(p) for p in parts if p
        )
        if regex not in alternatives:
            alternatives.append(regex)
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"^{body}$"


def find_footers(rows: Sequence[tuple[int, Sequence[str | None]]]) -> Footers:
    """The footer block at the end of ``rows`` (row number, cells), read from the bottom up
    until a row looks like data."""
    filled = [(n, [c.strip() for c in cells if c is not None and c.strip()]) for n, cells in rows]
    counts = sorted(len(cells) for _, cells in filled if cells)
    usual = counts[len(counts) * 3 // 4] if counts else 0  # most data rows fill this many
    found: list[tuple[int, list[str]]] = []
    for number, cells in reversed(filled):
        if not cells:
            continue
        if not _looks_like_footer(cells, usual):
            break
        found.append((number, cells))
    found.reverse()
    alone = [cells[0] for _, cells in found if len(cells) == 1]
    return Footers(
        rows=tuple(n for n, _ in found),
        texts=tuple(" | ".join(cells) for _, cells in found),
        pattern=_pattern(alone) if alone else None,
        several=tuple(n for n, cells in found if len(cells) > 1),
    )
