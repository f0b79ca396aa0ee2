"""``bulkio template OUT.xlsx``: a blank workbook to hand to a customer."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.api_options import api_options, make_target
from bulkio.cli.terminal import echo
from bulkio.usecases.template import make_template


@click.command("template")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--entities",
    default="companies,contacts",
    show_default=True,
    help="Which sheets: companies, contacts or both (comma-separated).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "de"]),
    default="en",
    show_default=True,
    help="Language of headers, notes and instructions.",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Use the shipped reference data even when a token or --sandbox is given.",
)
@click.option(
    "--force", is_flag=True, help="Replace OUT even if bulkio did not write it (or it was filled)."
)
@api_options
@click.pass_context
def template(
    ctx: click.Context,
    out: Path,
    entities: str,
    lang: str,
    offline: bool,
    force: bool,
    api_url: str,
    token: str | None,
    sandbox: Path | None,
    insecure_http: bool,
) -> None:
    """Write a blank workbook OUT.xlsx for a customer to fill, in the standard layout.

    Offline, the dropdowns come from the shipped reference data. Connected (--token or
    KANBERT_API_TOKEN, --api-url, or --sandbox), the dropdowns and custom-field columns come
    from the platform's look-ups.
    """
    url_given = ctx.get_parameter_source("api_url") not in (
        click.core.ParameterSource.DEFAULT,
        None,
    )
    target = None
    if not offline and (sandbox is not None or token or url_given):
        target = make_target(api_url, token, sandbox, insecure_http, reads_only=True)
    result = make_template(out, entities=entities, lang=lang, target=target, force=force)
    sheets = ", ".join(f"{name} ({n} columns)" for name, n in result.sheets.items())
    echo(f"Wrote {result.path}: {sheets}.")
    echo(f"Hand it to the customer; once filled, run: bulkio check {result.path.name}")
