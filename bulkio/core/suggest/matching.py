"""Matching one header to a Kanbert field: exact synonyms first, then fuzzy for typos and
abbreviations ("Postleitzal", "Tel.-Nr.", "E-Mial")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bulkio.core.suggest.synonyms import normalize_header, synonym_index, transliterate

CONFIDENT = 90.0  # a fuzzy score from here on is taken without a question mark
DOUBTFUL = 78.0  # from here to CONFIDENT the match is proposed, marked for review
ABBREVIATION_SCORE = 88.0  # "Tel. dienstl." for "Telefon dienstlich": proposed, marked


@dataclass(frozen=True)
class HeaderMatch:
    """A header's best target, how sure the match is, and the word it matched."""

    header: str
    target: str
    score: float  # 100 for a known synonym
    matched: str

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    return synonym_index()


def _scorer(query: str, choice: str, **_: object) -> float:
    # plain ratio catches typos; token sort catches reordered words ("name first")
    return max(fuzz.ratio(query, choice), fuzz.token_sort_ratio(query, choice))


def match_header(header: str) -> HeaderMatch | None:
    """The field a header names, or None when nothing comes close enough."""
    index = _index()
    norm = normalize_header(header)
    if not norm:
        return None
    for form in (norm, transliterate(norm)):
        if form in index:
            return HeaderMatch(header, index[form], 100.0, form)
    abbreviated = _abbreviation(transliterate(norm), index)
    if abbreviated is not None:
        return HeaderMatch(header, index[abbreviated], ABBREVIATION_SCORE, abbreviated)
    best = process.extractOne(transliterate(norm), list(index), scorer=_scorer)
    if best is None or best[1] < DOUBTFUL or len(norm) < 3:
        return None
    word = str(best[0])
    return HeaderMatch(header, index[word], float(best[1]), word)


def _abbreviation(norm: str, index: dict[str, str]) -> str | None:
    """The synonym whose words the header's words abbreviate ("geb dat" -> "geb datum")."""
    words = norm.split()
    if not words or all(len(w) > 6 for w in words):
        return None
    for synonym in index:
        parts = synonym.split()
        if len(parts) == len(words) and synonym != norm:
            pairs = zip(words, parts, strict=True)
            if all(len(w) >= 2 and p.startswith(w) for w, p in pairs):
                return synonym
    return None
