"""``bulkio status``: check the connection and the token before a long run; ``--probe``
checks bulkio's assumptions about the API."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.api_options import api_options, make_target
from bulkio.cli.terminal import echo
from bulkio.kanbert.probe import PROBE_NAME, Finding, Verdict
from bulkio.kanbert.scopes import Access
from bulkio.usecases.status import Status, status

INDENT = " " * 16


@click.command("status")
@click.option(
    "--probe",
    "probe_api",
    is_flag=True,
    help="Check, read-only, each assumption bulkio makes about the API (docs/kanbert-api.md) "
    "and say which hold.",
)
@click.option(
    "--write",
    "probe_writes",
    is_flag=True,
    help=f"With --probe: check writing too, with one company and one contact named "
    f"'{PROBE_NAME}', archived at the end.",
)
@api_options
def status_cmd(
    probe_api: bool,
    probe_writes: bool,
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
) -> None:
    """Show whom the token belongs to, what it may do and the rate limit the API announces.

    With --probe, exit 1 when the API contradicts one of bulkio's assumptions.
    """
    result = status(
        make_target(api_url, token, sandbox, insecure_http, reads_only=True),
        probe_api=probe_api,
        probe_writes=probe_writes,
    )
    limit = f"{result.rate_limit} requests/minute" if result.rate_limit else "none announced"
    echo(f"API:        {result.api_url}")
    echo(f"user:       {result.user_name} <{result.user_email}>")
    echo(f"space:      {result.space}")
    echo(f"rate limit: {limit}")
    echo(f"scopes:     {_scopes(result)}")
    if result.probed:
        _print_probe(result, probe_writes)
        raise SystemExit(1 if result.contradicted else 0)


def _scopes(result: Status) -> str:
    parts = []
    for scope in (result.read_scope, result.write_scope):
        part = f"{scope.name} {scope.access}"
        if scope.access is Access.NOT_CHECKED:
            part += " (--probe --write checks it)"
        elif scope.access is not Access.YES:
            part += f" ({scope.said})"
        parts.append(part)
    return "; ".join(parts)


def _print_probe(result: Status, wrote: bool) -> None:
    how = "reading and writing" if wrote else "read-only"
    echo(f"Assumptions about the API (docs/kanbert-api.md), checked {how}:")
    for finding in result.findings:
        _print_finding(finding)
    counts = {v: sum(1 for f in result.findings if f.verdict is v) for v in Verdict}
    echo(", ".join(f"{n} {verdict}" for verdict, n in counts.items()) + ".")
    if result.left_over:
        echo(f"Left in Kanbert, archive by hand: {', '.join(result.left_over)}", err=True)
    if result.contradicted:
        echo("Change what 'change:' names (in bulkio/kanbert/wire.py), then probe again.")
    elif not wrote:
        echo(
            "bulkio status --probe --write checks writing too, with one company and one "
            f"contact named '{PROBE_NAME}', archived at the end."
        )


def _print_finding(finding: Finding) -> None:
    echo(f"  {finding.verdict.value:<13} {finding.assumption}")
    if finding.verdict is Verdict.CONTRADICTED:
        echo(f"{INDENT}the API: {finding.said}")
        echo(f"{INDENT}change:  {finding.where}")
    elif finding.verdict is Verdict.UNKNOWN:
        echo(f"{INDENT}why:     {finding.said}")
        echo(f"{INDENT}held in: {finding.where}")
    else:
        echo(f"{INDENT}held in: {finding.where}")
