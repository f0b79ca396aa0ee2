"""``bulkio export OUT``: the platform back in the template layout (or csv, jsonl)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from bulkio.cli.api_options import api_options, make_target
from bulkio.cli.terminal import echo
from bulkio.core.layout import LANGUAGES
from bulkio.usecases.export import ExportProgress, export
from bulkio.usecases.export_options import FORMATS


@contextmanager
def paging_progress(show: bool | None = None) -> Iterator[ExportProgress | None]:
    """A progress display on stderr while records are paged (none when stderr is not a
    terminal, e.g. under cron or in a pipe)."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,.0f} records"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def step(entity: str, done: int) -> None:
            if entity not in tasks:
                tasks[entity] = bar.add_task(entity.capitalize(), total=None)
            bar.update(tasks[entity], completed=done)

        yield step


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS, case_sensitive=False),
    default=None,
    help="xlsx (the template layout), csv (a folder; a zip when OUT ends in .zip; one file "
    "when it ends in .csv) or jsonl. Default: from OUT's name (.xlsx, .jsonl, .zip, .csv).",
)
@click.option(
    "--entities",
    multiple=True,
    metavar="LIST",
    help="What to export: companies, contacts, links (repeat the option or separate by "
    "commas). Default: all three; a .csv file holds one.",
)
@click.option(
    "--delimiter",
    metavar="CHAR",
    help="Between CSV fields: ',' ';' tab or '|'. Default: ';' with --lang de (what German "
    "Excel expects), else ','.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the headers and sheet names (as the template's).",
)
@click.option(
    "--include-archived", is_flag=True, help="Also export archived records (Archived at is set)."
)
@click.option(
    "--since",
    metavar="TIMESTAMP",
    help="Only records changed at or after this time, e.g. 2026-11-01 or "
    "2026-11-01T08:00:00Z (UTC when no zone is given).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace files bulkio did not write (by default only an earlier export is replaced).",
)
@api_options
def export_cmd(
    out: Path,
    format_: str | None,
    entities: tuple[str, ...],
    delimiter: str | None,
    lang: str,
    include_archived: bool,
    since: str | None,
    force: bool,
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
) -> None:
    """Export the companies, contacts and their links to OUT (or those --entities names).

    The workbook has the template's layout plus Kanbert ID and timestamps, so it can be
    imported again as it is.
    """
    target = make_target(api_url, token, sandbox, insecure_http, reads_only=True)
    with paging_progress() as progress:
        result = export(
            target,
            out,
            format=format_,
            entities=entities,
            delimiter=delimiter,
            lang=lang,
            include_archived=include_archived,
            since=since,
            progress=progress,
            force=force,
        )
    parts = [f"{result.counts[sheet.value]:,} {sheet.value}" for sheet in result.sheets]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    requests = f"{result.requests:,} API request" + ("" if result.requests == 1 else "s")
    echo(f"Exported {listed} to {result.path} ({requests}).")
