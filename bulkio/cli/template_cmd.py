"""``bulkio template OUT.xlsx``: a blank workbook to hand to a customer."""

from __future__ import annotations

from pathlib import Path

import click

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
def template(out: Path, entities: str, lang: str) -> None:
    """Write a blank workbook OUT.xlsx for a customer to fill, in the standard layout.

    The dropdowns come from the shipped reference data.
    """
    result = make_template(out, entities=entities, lang=lang)
    sheets = ", ".join(f"{name} ({n} columns)" for name, n in result.sheets.items())
    click.echo(f"Wrote {result.path}: {sheets}.")
    click.echo(f"Hand it to the customer; once filled, run: bulkio check {result.path.name}")
