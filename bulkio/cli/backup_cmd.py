"""``bulkio backup DIR``: a dated export with a manifest, pruned; quiet for cron."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.api_options import api_options, make_target
from bulkio.cli.export_cmd import paging_progress
from bulkio.cli.terminal import echo
from bulkio.usecases.backup import DEFAULT_KEEP, backup
from bulkio.usecases.export_options import FORMATS


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--keep",
    type=int,
    default=DEFAULT_KEEP,
    show_default=True,
    help="How many complete backups to keep in DIR; older ones are removed.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="xlsx",
    show_default=True,
    help="Format of the export inside each backup.",
)
@click.option("-v", "--verbose", is_flag=True, help="Say what was written and removed.")
@api_options
def backup_cmd(
    directory: Path,
    keep: int,
    format_: str,
    verbose: bool,
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
) -> None:
    """Write a dated backup (export + manifest.json) into DIR and keep the newest --keep.

    Silent when all is well (for cron); a message on stderr and exit code 2 when the backup
    failed, in which case the earlier backups are untouched.
    """
    target = make_target(api_url, token, sandbox, insecure_http, reads_only=True)
    with paging_progress(None if verbose else False) as progress:
        result = backup(target, directory, keep=keep, format=format_.lower(), progress=progress)
    if verbose:
        c = result.counts
        echo(
            f"Backed up {c['companies']:,} companies, {c['contacts']:,} contacts and "
            f"{c['links']:,} links to {result.path} ({result.requests:,} API requests)."
        )
        for path in result.pruned:
            echo(f"Removed old backup {path.name}.")
        echo(f"{result.kept} backup(s) in {directory}.")
