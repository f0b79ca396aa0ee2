"""The dry run's plan workbook: every input row with what the import will do to it.

In: the check (the file and its sheets), the plan's ``Preview`` (``bulkio.core.preview``)
and the summary's figures. Out: the plan workbook (``bulkio.writers.plan``), the customer's
own rows beside each record's action and every field it sends, as cleaned, or before →
after for an update. Nothing is sent to make it beyond the reads the plan took.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bulkio.core.preview import Preview
from bulkio.readers import Source, mapping_tables
from bulkio.usecases.check import CheckResult
from bulkio.usecases.import_outcomes import input_rows, sheet_preview
from bulkio.writers.outputs import Output, OutputKind, written
from bulkio.writers.plan import PlanSheet, write_plan
from bulkio.writers.summary import Figure


def write_import_plan(
    path: Path,
    source: Source,
    check: CheckResult,
    preview: Preview,
    summary: Mapping[str, Figure],
) -> None:
    """Every input row of ``source`` with the preview's columns, sheet by sheet, into the
    plan workbook; the tables are read as the check read them."""
    sheets = [
        PlanSheet(
            name=table.sheet or check.input.stem,
            columns=list(table.columns),
            rows=input_rows(table),
            preview=sheet_preview(preview, table.sheet),
        )
        for _, table in mapping_tables(source, check.mapping.mapping)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(plan_output(path)) as temp:
        write_plan(temp, sheets=sheets, summary=summary)


def plan_output(path: Path) -> Output:
    """The plan workbook ``path`` as an output."""
    return Output(path, OutputKind.PLAN, "--plan")
