"""The platform as an xlsx workbook in the standard layout, streamed (flat memory).

openpyxl's write-only mode writes each row to disk as it comes, so 100,000 records use no
more memory than 100. Every value is a text cell (see ``cells``): "=1+1" stays "=1+1".
The workbook carries the hidden ``_bulkio`` sheet like the template, so it re-imports as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from bulkio.core.entities import Role
from bulkio.core.export_manifest import ExportCounts
from bulkio.core.flatten import Flattener, Row, link_rows
from bulkio.core.layout import META_SHEET, Column, Layout, column_letter
from bulkio.core.layout import meta_rows as layout_meta_rows
from bulkio.writers.cells import text_cell, text_value

Record = Mapping[str, Any]
_BOLD = Font(bold=True)


def write_export_xlsx(
    path: Path,
    *,
    layout: Layout,
    companies: Iterable[Record] = (),
    contacts: Iterable[Record] = (),
    lang: str = "en",
) -> ExportCounts:
    """Write companies and contacts (API records) to ``path`` in ``layout``.

    ``layout`` is normally ``build_layout(custom_fields, export=True)``. Each iterable is
    consumed once, companies first; a sheet the layout lacks is skipped without reading it.
    """
    wb = Workbook(write_only=True)
    wb.properties.creator = "bulkio"
    sheets = {
        sheet: _start_sheet(wb, layout.columns(sheet), sheet, lang) for sheet in layout.sheets
    }
    counts = ExportCounts()
    if Role.COMPANIES in sheets:
        ws = sheets[Role.COMPANIES]
        flat = Flattener(layout.columns(Role.COMPANIES), lang=lang)
        for record in companies:
            ws.append(_cells(ws, flat.row(record)))
            counts.add_company()
    if Role.CONTACTS in sheets:
        ws = sheets[Role.CONTACTS]
        links_ws = sheets.get(Role.LINKS)
        link_columns = layout.columns(Role.LINKS)
        flat = Flattener(layout.columns(Role.CONTACTS), lang=lang)
        for record in contacts:
            ws.append(_cells(ws, flat.row(record)))
            counts.add_contact(record)
            if links_ws is not None:
                for row in link_rows(record, link_columns):
                    links_ws.append(_cells(links_ws, row))
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for meta_row in layout_meta_rows(layout, lang):
        meta.append([text_value(meta, v) for v in meta_row])
    wb.save(path)
    return counts


def _start_sheet(wb: Workbook, columns: tuple[Column, ...], sheet: Role, lang: str) -> Any:
    ws = wb.create_sheet(sheet.sheet_title(lang))
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[column_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    header = []
    for col in columns:
        cell = text_cell(ws, col.header(lang))
        cell.font = _BOLD
        header.append(cell)
    ws.append(header)
    return ws


def _cells(ws: Any, row: Row) -> list[Any]:
    return [text_value(ws, v) for v in row]
