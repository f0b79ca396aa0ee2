"""The Kanbert API: the wire module owns what bulkio assumes of it, the client speaks HTTP.

    from bulkio.core.entities import Entity
    from bulkio.kanbert import ApiSettings, KanbertClient

    with KanbertClient(ApiSettings(base_url=url, token=token)) as client:
        me = client.whoami()  # a User
        for contact in client.iter_records(Entity.CONTACT, with_links=True):
            contact.id, contact.values["email"], contact.links  # a Record

Modules: ``wire`` (every assumed part of the API; used only inside this package),
``records`` (the typed answers), ``settings`` (URL safety, token), ``pacing`` (the rate-limit
pacer), ``retrying`` (what is retried), ``outcomes`` (what an answer ends in), ``client``
(HTTP).
"""

from bulkio.kanbert.client import CallResult, ClientStats, KanbertClient, Progress
from bulkio.kanbert.outcomes import NotFoundError, RejectedError, UnknownOutcome
from bulkio.kanbert.records import Record, User
from bulkio.kanbert.settings import DEFAULT_BASE_URL, ApiSettings

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiSettings",
    "CallResult",
    "ClientStats",
    "KanbertClient",
    "NotFoundError",
    "Progress",
    "Record",
    "RejectedError",
    "UnknownOutcome",
    "User",
]
