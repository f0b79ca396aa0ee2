"""``bulkio runs [FOLDER]``: the imports whose journals are in a folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from bulkio.cli.terminal import echo
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
        echo(json.dumps([_as_json(r) for r in found], ensure_ascii=False, indent=2))
        return
    if not found:
        echo(f"No import journals in {folder}.")
        return
    for info in found:
        _print(info)


def _print(info: RunInfo) -> None:
    started = info.started_at.replace("T", " ")[:16]
    mapping = f" with {info.mapping}" if info.mapping else ""
    echo(f"{started} UTC  {info.input or 'an import'}{mapping} into {info.target}")
    writes = sum(info.writes.values())
    done = ", ".join(f"{n} {_DONE.get(op, op)}" for op, n in info.writes.items())
    facts = [f"{writes} writes" + (f" ({done})" if done else "")]
    facts += [
        f"{n} {word}" for n, word in ((info.failed, "failed"), (info.unknown, "unanswered")) if n
    ]
    if info.runs > 1:
        facts.append(f"in {info.runs} runs")
    facts.append("finished" if info.finished else "not finished")
    echo("  " + ", ".join(facts))
    if info.undone == Undone.NO:
        where = f" --sandbox {_display_path(info.sandbox)}" if info.sandbox else ""
        echo(f"  not undone: bulkio undo {info.journal}{where}")
        return
    left = f" ({info.left} changes since the import left as they are)" if info.left else ""
    echo(f"  {info.undone.value}{left}: {info.undo_journal}")


def _display_path(path: Path) -> str:
    """``path`` as a person in the current folder would type it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return str(path) if relative.startswith("..") else relative


_DONE = {
    "create": "created",
    "update": "updated",
    "restore": "restored",
    "link": "linked",
    "relink": "re-positioned",
}


def _as_json(info: RunInfo) -> dict[str, Any]:
    return {
        "journal": str(info.journal),
        "input": info.input,
        "mapping": info.mapping,
        "target": info.target,
        "sandbox": str(info.sandbox) if info.sandbox else None,
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
