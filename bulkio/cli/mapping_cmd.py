"""``bulkio mapping``: the ready mappings (presets) and drafting a mapping for a new file."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.terminal import echo
from bulkio.cli.whole_help import WholeHelpGroup
from bulkio.usecases.mappings import list_presets, show_preset
from bulkio.usecases.suggest import suggest_mapping


@click.group(cls=WholeHelpGroup)
def mapping() -> None:
    """Ready mappings for common exports, and drafts for everything else."""


@mapping.command("list")
def list_cmd() -> None:
    """The presets, usable as -m NAME with check and import."""
    presets = list_presets()
    width = max((len(p.name) for p in presets), default=0) + 2
    for preset in presets:
        echo(f"{preset.name:<{width}}{preset.title}")


@mapping.command("show")
@click.argument("name")
def show_cmd(name: str) -> None:
    """Print the preset NAME (see 'mapping list') as YAML, to copy and adapt.

    For example: bulkio mapping show outlook-de > my-outlook.yaml
    """
    echo(show_preset(name), nl=False)


@mapping.command("suggest")
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), help="Write the draft here.")
@click.option(
    "--sheet", metavar="NAME|N", help="The sheet to draft from, by name or number (1 = the first)."
)
@click.option("--force", is_flag=True, help="Replace the file given with -o.")
def suggest_cmd(input: Path, out: Path | None, sheet: str | None, force: bool) -> None:
    """Draft a mapping for INPUT from its headers and values.

    Confident choices are plain; guesses are marked CHECK; unmapped columns are listed.
    """
    result = suggest_mapping(input, out=out, sheet=sheet, overwrite=force)
    draft = result.draft
    for note in draft.notes:
        click.echo(note, err=True)
    if result.written is None:
        echo(draft.text, nl=False)
    else:
        sure = sum(1 for c in draft.choices if c.confident)
        echo(
            f"wrote {result.written}: {sure} columns mapped with confidence, "
            f"{len(draft.choices) - sure} to check (marked CHECK), "
            f"{len(draft.unmapped)} not mapped",
            err=True,
        )
        for question in draft.questions:
            echo(f"still to decide: {question}", err=True)
        echo(f"next: bulkio check {input} -m {result.written}", err=True)
