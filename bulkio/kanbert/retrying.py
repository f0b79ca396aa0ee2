"""Which failures are worth another try, and how long to wait before it.

Retried: ``429`` (after the pause the server asks for), ``5xx``, timeouts and dropped
connections, with jittered exponential backoff and a bounded number of attempts.
Never retried: ``400``, ``401``, ``403``, ``404``, ``422``: the same request would get the same
answer. A create (POST) whose answer never came, or that a gateway timed out (``502``,
``504``), is not retried either: it may have been saved, so the caller must look before it
writes again (``UnknownOutcome``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

RETRY_STATUSES: frozenset[int] = frozenset({429, 500, 502, 503, 504})
# A non-idempotent write that got one of these may have been committed upstream.
AMBIGUOUS_WRITE_STATUSES: frozenset[int] = frozenset({502, 504})


@dataclass
class RetryPolicy:
    """Bounded attempts with "equal jitter" backoff: half fixed, half random."""

    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1 for the first)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return float(ceiling / 2 + self.rng.uniform(0, ceiling / 2))

    def may_retry(self, attempt: int) -> bool:
        return attempt < self.max_attempts


def should_retry_status(status: int, *, idempotent: bool) -> bool:
    """Whether an answer with this status deserves another try of the same request."""
    if status not in RETRY_STATUSES:
        return False
    return idempotent or status not in AMBIGUOUS_WRITE_STATUSES
