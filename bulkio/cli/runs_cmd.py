"""``bulkio runs [FOLDER]``: the imports whose journals are in a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from bulkio.usecases.runs import RunInfo, Undone
from bulkio.usecases.runs import runs as list_runs


@click.command("runs")
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
def runs_cmd(folder: Path, as_json: bool) -> None:
    """List the imports whose journals are in FOLDER (default: here), newest first: when,
    which input, where to, what they wrote, finished or not, undone or not."""
    found = list_runs(folder)
    if as_json:
        click.echo(json.dumps([_as_json(r) for r in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"No import journals in {folder}.")
        return
    for info in found:
        _print(info)


def _print(info: RunInfo) -> None:
    started = info.started_at.replace("T", " ")[:16]
    what = info.input or "an import"
    mapping = f" with {info.mapping}" if info.mapping else ""
    click.echo(f"{started} UTC  {what}{mapping} into {info.target}")
    writes = ", ".join(f"{n} {op}" for op, n in info.writes.items()) or "no writes"
    problems = [
        f"{n} {word}" for n, word in ((info.failed, "failed"), (info.unknown, "unanswered")) if n
    ]
    runs = f" in {info.runs} runs" if info.runs > 1 else ""
    state = "finished" if info.finished else "not finished"
    click.echo(f"  {writes}{'; ' + ', '.join(problems) if problems else ''}{runs}; {state}")
    undone = info.undone.value
    if info.undone == Undone.YES and info.left:
        undone += f" ({info.left} changes since the import left as they are)"
    click.echo(f"  {undone}; journal: {info.journal}")


def _as_json(info: RunInfo) -> dict[str, Any]:
    return {
        "journal": str(info.journal),
        "input": info.input,
        "mapping": info.mapping,
        "target": info.target,
        "started_at": info.started_at,
        "runs": info.runs,
        "finished": info.finished,
        "writes": info.writes,
        "failed": info.failed,
        "unanswered": info.unknown,
        "undone": info.undone.value,
        "undo_journal": str(info.undo_journal) if info.undo_journal else None,
        "left_since": info.left,
    }
