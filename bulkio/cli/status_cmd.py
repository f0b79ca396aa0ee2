"""``bulkio status``: check the connection and the token before a long run."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.api_options import api_options, make_target
from bulkio.cli.terminal import echo
from bulkio.usecases.status import status


@click.command("status")
@api_options
def status_cmd(api_url: str, token: str | None, sandbox: Path | None, insecure_http: bool) -> None:
    """Show whom the token belongs to and the rate limit the API announces."""
    result = status(make_target(api_url, token, sandbox, insecure_http))
    limit = f"{result.rate_limit} requests/minute" if result.rate_limit else "none announced"
    echo(f"API:        {result.api_url}")
    echo(f"user:       {result.user_name} <{result.user_email}>")
    echo(f"space:      {result.space}")
    echo(f"rate limit: {limit}")
