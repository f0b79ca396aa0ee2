"""The options every command that talks to the API shares, and the Target they make."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from bulkio.cli.terminal import echo
from bulkio.core.command_line import without_token
from bulkio.kanbert.settings import DEFAULT_BASE_URL
from bulkio.usecases.connect import DEFAULT_SANDBOX_DB, Target, require_sandbox_data

F = TypeVar("F", bound=Callable[..., Any])


def api_options(command: F) -> F:
    """Adds --api-url, --token, --sandbox [FILE] and --insecure-http to a command."""
    options = [
        click.option(
            "--api-url",
            envvar="KANBERT_API_URL",
            default=DEFAULT_BASE_URL,
            show_default=True,
            help="Kanbert API base URL (or set KANBERT_API_URL).",
        ),
        click.option(
            "--token",
            envvar="KANBERT_API_TOKEN",
            help="API token. Better: set KANBERT_API_TOKEN. Asked for when missing at a terminal.",
        ),
        click.option(
            "--sandbox",
            is_flag=False,
            flag_value=str(DEFAULT_SANDBOX_DB),
            default=None,
            metavar="[FILE]",
            type=click.Path(dir_okay=False, path_type=Path),
            help=f"Use the local sandbox with its data in FILE (default {DEFAULT_SANDBOX_DB}) "
            "instead of the real Kanbert.",
        ),
        click.option(
            "--insecure-http",
            is_flag=True,
            help="Allow a plain http:// API URL that is not this machine (the token travels "
            "unencrypted).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


TOKEN_ADVICE = (
    "note: a token given with --token stays in your shell history and is visible to other "
    "users of this machine; set KANBERT_API_TOKEN instead"
)


def make_target(
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
    *,
    reads_only: bool = False,
) -> Target:
    """The Target of the options; asks for the token at a terminal when none was given.
    ``--sandbox`` without FILE names the file it uses on stderr; a command that
    ``reads_only`` refuses a sandbox file that does not exist yet."""
    context = click.get_current_context(silent=True)
    if context and context.get_parameter_source("token") == ParameterSource.COMMANDLINE:
        echo(TOKEN_ADVICE, err=True)
    if sandbox is not None:
        target = Target(sandbox=sandbox)
        if reads_only:
            require_sandbox_data(target)
        if sandbox == DEFAULT_SANDBOX_DB:
            echo(f"sandbox: {sandbox} (the default, in the current folder)", err=True)
        return target
    if not token and sys.stdin.isatty():
        token = click.prompt("Kanbert API token", hide_input=True)
    return Target(api_url=api_url, token=token or "", insecure_http=insecure_http)


def resume_command() -> str:
    """The command that was run, to run again (it resumes), without a token given with
    --token (set KANBERT_API_TOKEN)."""
    args = sys.argv[1:]
    kept = without_token(args)
    command = shlex.join(["bulkio", *kept])
    if kept != args:
        command += "\n  (the token is left out: set KANBERT_API_TOKEN before running it)"
    return command
