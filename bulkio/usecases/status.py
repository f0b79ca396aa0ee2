"""``bulkio status``: who the token belongs to and what the API allows, in one request."""

from __future__ import annotations

from dataclasses import dataclass

from bulkio.usecases.connect import Target, connect


@dataclass(frozen=True)
class Status:
    api_url: str
    user_name: str
    user_email: str
    space: str
    rate_limit: int | None  # requests per minute as the server announced it; None: no limit


def status(target: Target) -> Status:
    """Ask the API who we are; raises AuthError/NetworkError/ConfigError with the fix."""
    with connect(target) as client:
        user = client.whoami()
        return Status(
            api_url=client.settings.base_url,
            user_name=user.name,
            user_email=user.email,
            space=user.space,
            rate_limit=client.stats.rate_limit,
        )
