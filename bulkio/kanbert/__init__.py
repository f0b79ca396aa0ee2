"""The Kanbert API: the wire module owns what bulkio assumes of it, the client speaks HTTP.

    from bulkio.kanbert import ApiSettings, KanbertClient

    with KanbertClient(ApiSettings(base_url=url, token=token)) as client:
        me = client.whoami()
        for contact in client.iter_records("contacts", include=["companies"]):
            ...

Modules: ``wire`` (every assumed part of the API), ``settings`` (URL safety, token),
``pacing`` (the rate-limit pacer), ``retrying`` (what is retried), ``outcomes`` (per-record
errors), ``client`` (HTTP).
"""

from bulkio.kanbert.client import CallResult, ClientStats, KanbertClient, Progress
from bulkio.kanbert.outcomes import NotFoundError, RejectedError, UnknownOutcome
from bulkio.kanbert.settings import DEFAULT_BASE_URL, ApiSettings

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiSettings",
    "CallResult",
    "ClientStats",
    "KanbertClient",
    "NotFoundError",
    "Progress",
    "RejectedError",
    "UnknownOutcome",
]
