"""The blank workbook a customer fills: instructions, the layout's sheets, dropdowns, notes.

Sheets: Instructions, then Companies / Contacts / Links as chosen, then two hidden sheets:
``_lists`` (the values of every dropdown, one column per list, so no 255-character limit)
and ``_bulkio`` (sheet / column / header / key of every column, see ``layout.meta_rows``).
Headers are bold and frozen, required ones bold red with "*", each with a note (comment)
saying what goes there, an example and the field key. Text columns (ZIP, phone, ids...)
are formatted as text so Excel keeps leading zeros; date columns as dates. The workbook
opens on its Instructions: one wide column of wrapped lines, each row as tall as its lines
(LibreOffice does not fit row heights itself), so it prints on one page width. Every sheet
prints landscape, fitted to the page width, a data sheet's header row on every page.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bulkio.core.choices import Choices
from bulkio.core.layout import (
    INSTRUCTIONS_TITLE,
    LISTS_SHEET,
    META_SHEET,
    Column,
    Layout,
    choice_values,
    column_letter,
    header_lines,
    meta_rows,
)
from bulkio.core.layout_instructions import instruction_lines
from bulkio.writers.cells import note, set_text
from bulkio.writers.printing import line_height, print_openpyxl

HEADER_FONT = Font(name="Calibri", bold=True)
REQUIRED_FONT = Font(name="Calibri", bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAPPED = Alignment(wrap_text=True, vertical="top")
LAST_ROW = 1048576  # dropdowns cover the whole column below the header
INSTRUCTIONS_WIDTH = 100  # characters: fits a landscape page at 100 %
TITLE_HEIGHT = 24.0

_LIST_ERROR = {
    "en": ("Not on the list", "Please pick a value from the list; the header's note says more."),
    "de": (
        "Nicht in der Liste",
        "Bitte einen Wert aus der Liste wählen; die Notiz der Überschrift sagt mehr.",
    ),
}


def write_template(path: Path, *, layout: Layout, choices: Choices, lang: str = "en") -> None:
    """Write the blank template workbook for ``layout`` to ``path`` (.xlsx)."""
    wb = Workbook()
    wb.properties.creator = "bulkio"
    intro = wb.active
    assert intro is not None
    intro.title = INSTRUCTIONS_TITLE[lang]
    _write_instructions(intro, layout, lang)

    lists = wb.create_sheet(LISTS_SHEET)
    list_ranges = _write_lists(lists, layout, choices, lang)
    for sheet in layout.sheets:
        ws = wb.create_sheet(sheet.sheet_title(lang), index=len(wb.sheetnames) - 1)
        _write_data_sheet(ws, layout.columns(sheet), list_ranges, lang)
    lists.sheet_state = "hidden"

    meta = wb.create_sheet(META_SHEET)
    for r, row in enumerate(meta_rows(layout, lang), start=1):
        for c, value in enumerate(row, start=1):
            set_text(meta.cell(row=r, column=c), value)  # a custom field '=1+1' stays text
    meta.sheet_state = "hidden"
    for ws in wb.worksheets:
        print_openpyxl(ws, header_row=ws is not intro, one_page=ws is intro)
    wb.active = 0
    wb.save(path)


def _write_instructions(ws: Worksheet, layout: Layout, lang: str) -> None:
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    for i, line in enumerate(instruction_lines(layout, lang), start=1):
        cell = ws.cell(row=i, column=1)
        set_text(cell, line)
        cell.alignment = WRAPPED
        ws.row_dimensions[i].height = _height(line)
    ws["A1"].font = Font(name="Calibri", bold=True, size=14)
    ws.row_dimensions[1].height = TITLE_HEIGHT


def _height(line: str) -> float:
    """A row tall enough for ``line`` wrapped in the Instructions column: counting one
    character per unit of its width (more fit) leaves room rather than cutting a line off."""
    return line_height(len(textwrap.wrap(line, width=INSTRUCTIONS_WIDTH)) or 1)


def _write_lists(ws: Worksheet, layout: Layout, choices: Choices, lang: str) -> dict[str, str]:
    """One column per closed list used by the layout; returns list name -> range formula."""
    ranges: dict[str, str] = {}
    names: list[str] = []
    for sheet in layout.sheets:
        for col in layout.columns(sheet):
            if col.choices and col.choices not in names:
                names.append(col.choices)
    index = 0
    for name in names:
        values = choice_values(name, choices, lang)
        if not values:
            continue  # nothing to choose from (e.g. no clients): a free-text column
        index += 1
        letter = column_letter(index)
        set_text(ws.cell(row=1, column=index), name)
        for row, value in enumerate(values, start=2):
            set_text(ws.cell(row=row, column=index), value)
        ranges[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _write_data_sheet(
    ws: Worksheet, columns: tuple[Column, ...], list_ranges: dict[str, str], lang: str
) -> None:
    title, message = _LIST_ERROR[lang]
    for i, col in enumerate(columns, start=1):
        letter = column_letter(i)
        cell = ws.cell(row=1, column=i)
        set_text(cell, col.header(lang))
        cell.font = REQUIRED_FONT if col.required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAPPED
        cell.comment = note(col.note(lang), width=320, height=160)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        dim.number_format = col.number_format
        if col.choices and col.choices in list_ranges:
            dv = DataValidation(
                type="list",
                formula1=list_ranges[col.choices],
                allow_blank=True,
                showErrorMessage=col.strict,
                errorTitle=title,
                error=message,
            )
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = line_height(header_lines(columns, lang))
    ws.freeze_panes = "A2"
