"""``bulkio status``: who the token belongs to, what it may do, and (``--probe``) which of
bulkio's assumptions about the API hold.

The API does not say which scopes a token holds (``/whoami`` names the user only), so they
are learned by trying: reading one contact shows ``contact-data:read``; a write that changes
nothing (see ``bulkio.kanbert.scopes.write_access``) shows ``contact-data:write``, and is sent
only with ``probe_writes``, since plain ``status`` sends reads only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bulkio.core.errors import ConfigError
from bulkio.kanbert.probe import Finding, Verdict, probe
from bulkio.kanbert.scopes import Scope, read_access, unchecked_write_access
from bulkio.usecases.connect import Target, connect, require_sandbox_data


@dataclass(frozen=True)
class Status:
    api_url: str
    user_name: str
    user_email: str
    space: str
    rate_limit: int | None  # requests per minute as the server announced it; None: no limit
    read_scope: Scope
    write_scope: Scope  # Access.NOT_CHECKED unless the writes were probed
    probed: bool = False  # the assumptions were checked (``findings``)
    findings: list[Finding] = field(default_factory=list)
    left_over: list[str] = field(default_factory=list)  # probe records it could not archive

    @property
    def contradicted(self) -> list[Finding]:
        return [f for f in self.findings if f.verdict is Verdict.CONTRADICTED]


def status(target: Target, *, probe_api: bool = False, probe_writes: bool = False) -> Status:
    """Ask the API who we are and whether the token may read; with ``probe_api`` check every
    assumption that can be checked read-only, with ``probe_writes`` also the others (one
    marked company and contact are created and archived). Raises AuthError/NetworkError/
    ConfigError with the fix."""
    if probe_writes and not probe_api:
        raise ConfigError(
            "--write only goes with --probe", hint="Run bulkio status --probe --write."
        )
    require_sandbox_data(target)
    with connect(target) as client:
        user = client.whoami()
        read_scope, write_scope = read_access(client), unchecked_write_access()
        findings: list[Finding] = []
        left_over: list[str] = []
        if probe_api:
            probed = probe(client, write=probe_writes)
            findings, left_over = probed.findings, probed.left_over
            write_scope = probed.write_scope or write_scope
        return Status(
            api_url=client.settings.base_url,
            user_name=user.name,
            user_email=user.email,
            space=user.space,
            rate_limit=client.stats.rate_limit,
            read_scope=read_scope,
            write_scope=write_scope,
            probed=probe_api,
            findings=findings,
            left_over=left_over,
        )
