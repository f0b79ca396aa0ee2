"""``bulkio mapping``: the ready mappings (presets) and drafting a mapping for a new file."""

from __future__ import annotations

from pathlib import Path

import click

from bulkio.cli.terminal import echo
from bulkio.usecases.mappings import list_presets
from bulkio.usecases.suggest import suggest_mapping


@click.group()
def mapping() -> None:
    """Ready mappings for common exports, and drafts for everything else."""


@mapping.command("list")
def list_cmd() -> None:
    """The presets, usable as -m NAME with check and import."""
    presets = list_presets()
    width = max((len(p.name) for p in presets), default=0) + 2
    for preset in presets:
        echo(f"{preset.name:<{width}}{preset.title}")


def _sheet(value: str | None) -> str | int | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else value


@mapping.command("suggest")
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), help="Write the draft here.")
@click.option("--sheet", help="Sheet name or number (0 = the first).")
@click.option("--force", is_flag=True, help="Replace the file given with -o.")
def suggest_cmd(input: Path, out: Path | None, sheet: str | None, force: bool) -> None:
    """Draft a mapping for INPUT from its headers and values.

    Confident choices are plain; guesses are marked CHECK; unmapped columns are listed.
    """
    result = suggest_mapping(input, out=out, sheet=_sheet(sheet), overwrite=force)
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
