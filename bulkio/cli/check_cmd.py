"""``bulkio check INPUT``: what is wrong in a spreadsheet, row by row, before anything is sent."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bulkio.cli.terminal import echo
from bulkio.usecases.check import CheckResult, check_file
from bulkio.usecases.run_files import default_report

SHOWN_PROBLEMS = 20


@click.command("check")
@click.argument("input", type=click.Path(path_type=Path))
@click.option(
    "-m",
    "--mapping",
    help="Mapping file (.yaml) or preset name. Without it the format is recognised.",
)
@click.option(
    "--sheet",
    metavar="NAME|N",
    help="The sheet to read, by name or number (1 = the first), instead of the mapping's; "
    "for a mapping that reads one sheet.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report workbook here (default: INPUT-report.xlsx beside INPUT, "
    "written when there are problems).",
)
@click.option("--no-report", is_flag=True, help="Write no report workbook.")
@click.option(
    "--force", is_flag=True, help="Replace the --report file even if bulkio did not write it."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary and problems as JSON.")
def check(
    input: Path,
    mapping: str | None,
    sheet: str | None,
    report: Path | None,
    no_report: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Check INPUT (CSV, XLSX, XLSM, XLS, ODS) against a mapping; no network is used.

    Exit 0 when every row is valid, 1 when some are not (the report says which and why).
    """
    result = check_file(
        input,
        mapping=mapping,
        sheet=sheet,
        report=None if no_report else (report or default_report(input)),
        report_only_if_problems=report is None,
        force=force,
    )
    if as_json:
        echo(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
    else:
        _print(result)
    raise SystemExit(0 if result.ok else 1)


def _print(result: CheckResult) -> None:
    echo(f"Checked {result.input.name} with {result.mapping.name} ({result.mapping.reason})")
    for sheet in result.sheets:
        where = f"sheet '{sheet.sheet}'" if sheet.sheet else "CSV"
        extra = ""
        if sheet.encoding:
            extra = f", encoding {sheet.encoding}, delimiter {sheet.delimiter!r}"
        echo(f"  {where} as {sheet.role}: header in row {sheet.header_row}{extra}")
    summary = result.summary()
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        if key in ("input", "mapping"):
            continue
        echo(f"  {key:<{width}}  {value:>9,}" if isinstance(value, int) else f"  {key}")
    issues = result.issues
    groups = result.groups
    if groups:
        echo("Repeated problems:")
        for group in groups:
            echo(f"  {group.severity.value}: {group}")
    if issues:
        echo(f"Problems ({min(len(issues), SHOWN_PROBLEMS)} of {len(issues)} shown):")
        for issue in issues[:SHOWN_PROBLEMS]:
            echo(f"  {issue.severity.value}: {issue}")
    if result.report:
        echo(f"Report: {result.report}")
    if result.ok:
        echo("All rows are valid.")
    else:
        invalid = result.validation.rows_invalid
        needs, them = ("row needs", "it") if invalid == 1 else ("rows need", "them")
        marked = " (the report marks each cell)" if result.report else ""
        echo(
            f"{invalid:,} {needs} fixing: correct {them} in the file{marked} and run "
            "bulkio check again."
        )


def _as_json(result: CheckResult) -> dict[str, object]:
    return {
        "ok": result.ok,
        "summary": result.summary(),
        "sheets": [s.__dict__ for s in result.sheets],
        "report": str(result.report) if result.report else None,
        "issues": [i.as_dict() for i in result.issues],
        "repeated": [{**g.__dict__, "text": str(g)} for g in result.groups],
    }
