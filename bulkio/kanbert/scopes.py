"""Which scopes a token holds, learned by trying, since the API does not say: reading one
contact shows ``contact-data:read``; a write that changes nothing (``wire.write_scope_probe``)
shows ``contact-data:write``. ``status`` reports them; ``import`` stops a read-only token
before it plans anything (``require_write_access``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bulkio.core.errors import AuthError
from bulkio.kanbert import wire
from bulkio.kanbert.answers import Answer, ask
from bulkio.kanbert.client import KanbertClient


class Access(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"  # the answer does not tell
    NOT_CHECKED = "not checked"  # not asked (the write scope, unless writes were probed)


@dataclass(frozen=True)
class Scope:
    """Whether the token holds a scope, and the answer that tells."""

    name: str
    access: Access
    said: str


def read_access(client: KanbertClient) -> Scope:
    """Whether the token may read contacts: one list request for one record."""
    answer = ask(client, "GET", wire.list_path(wire.CONTACTS), params=wire.list_params(page_size=1))
    return Scope(wire.READ_SCOPE, _access(answer, yes=200), answer.said())


def write_access(client: KanbertClient) -> Scope:
    """Whether the token may write, by the write that changes nothing
    (``wire.write_scope_probe``): 404 yes, 403 no, anything else unknown. A refused token
    (401) raises ``AuthError``."""
    method, path, body = wire.write_scope_probe()
    answer = ask(client, method, path, body=body)
    if answer.status == 401:
        raise client.error_of(answer.response, method, path, write=True)
    return Scope(wire.WRITE_SCOPE, _access(answer, yes=404), answer.said())


def unchecked_write_access() -> Scope:
    """The write scope when no write was sent to learn it."""
    return Scope(wire.WRITE_SCOPE, Access.NOT_CHECKED, "")


def require_write_access(client: KanbertClient) -> None:
    """Stop before anything is planned when the token may not write: ``AuthError`` on a
    403. When the answer does not tell, the run goes on and its first write will."""
    if write_access(client).access is Access.NO:
        raise AuthError(
            f"the token may not change contacts and companies: it lacks the scope "
            f"'{wire.WRITE_SCOPE}' (Kanbert refused a write that changes nothing; nothing "
            "else was sent)",
            hint=f"Create a token with the scope '{wire.WRITE_SCOPE}' in Kanbert, then set "
            f"KANBERT_API_TOKEN or pass --token. A dry run (--dry-run) needs only "
            f"'{wire.READ_SCOPE}'.",
        )


def _access(answer: Answer, *, yes: int) -> Access:
    return {yes: Access.YES, 403: Access.NO}.get(answer.status, Access.UNKNOWN)
