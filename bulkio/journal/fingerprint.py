"""What an import run is of: its input, mapping, mode and target, as one fingerprint.

A journal belongs to one import at a time. Every run records its ``RunFingerprint``; a run
with the same fingerprint as the journal's last one continues that import (it resumes, or
runs it again) and may reuse the ids the journal saw created. Anything else (another file,
the same file changed, another mapping, mode or target) is another import: it may follow
an import that finished, reusing none of its ids, and is refused while one is unfinished.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RunFingerprint:
    """The parts of an import that decide what its rows mean, each kept for messages."""

    input: str  # the input as the user named it
    input_digest: str  # sha256 of the input's content
    mapping: str  # the mapping's name: its file or preset
    mapping_digest: str  # sha256 of the mapping as loaded
    mode: str  # upsert, create-only, update-only
    target: str  # the API URL and space, or the sandbox file

    @classmethod
    def undo_of(cls, journal: Path, target: str) -> RunFingerprint:
        """What an undo run is of: the import journal it undoes, on ``target``."""
        where = str(journal.resolve())
        digest = hashlib.sha256(where.encode("utf-8")).hexdigest()
        return cls(where, digest, "undo", "undo", "undo", target)

    @property
    def digest(self) -> str:
        """One hash of everything that must match for a run to continue another."""
        parts = (self.input_digest, self.mapping_digest, self.mode, self.target)
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def differences(self, earlier: RunFingerprint | None) -> list[str]:
        """What differs from ``earlier`` (None: a run of an older bulkio), in words."""
        if earlier is None:
            return ["it was started by an older bulkio, which kept no fingerprint"]
        found: list[str] = []
        if earlier.input_digest != self.input_digest:
            if earlier.input != self.input:
                found.append(f"the input is {self.input} (it was {earlier.input})")
            else:
                found.append(f"the file {self.input} has changed since")
        if earlier.mapping_digest != self.mapping_digest:
            if earlier.mapping != self.mapping:
                found.append(f"the mapping is {self.mapping} (it was {earlier.mapping})")
            else:
                found.append(f"the mapping {self.mapping} has changed since")
        if earlier.mode != self.mode:
            found.append(f"the mode is {self.mode} (it was {earlier.mode})")
        if earlier.target != self.target:
            found.append(f"the target is {self.target} (it was {earlier.target})")
        return found
