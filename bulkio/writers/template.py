"""The blank workbook a customer fills: instructions, the layout's sheets, dropdowns, notes.

Sheets: Instructions, then Companies / Contacts / Links as chosen, then two hidden sheets:
``_lists`` (the values of every dropdown, one column per list, so no 255-character limit)
and ``_bulkio`` (sheet / column / header / key of every column, see ``layout.meta_rows``).
Headers are bold and frozen, required ones bold red with "*", each with a note (comment)
saying what goes there, an example and the field key. Text columns (ZIP, phone, ids...)
are formatted as text so Excel keeps leading zeros; date columns as dates.
"""

from __future__ import annotations

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
    SHEETS,
    Column,
    Layout,
    choice_values,
    column_letter,
    meta_rows,
)
from bulkio.writers.cells import note, set_text

HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LAST_ROW = 1048576  # dropdowns cover the whole column below the header

_INSTRUCTIONS: dict[str, list[str]] = {
    "en": [
        "How to fill this workbook",
        "",
        "1. Enter one company per row on the sheet '{companies}' and one person per row on "
        "the sheet '{contacts}'. Start in row 2; do not change, move or rename the headers.",
        "2. Columns marked with * are required: the company name for a company; the last "
        "name or the e-mail (at least one of them) for a contact.",
        "3. Point at a header to read its note: what goes there and an example.",
        "4. Where a cell offers a list (arrow on the right), pick a value from it: countries, "
        "gender, industry, company size, revenue, yes/no and similar.",
        "5. External ID: your own unique number for a company or contact (e.g. from your old "
        "system). It is optional but lets a later import update the same record instead of "
        "creating a new one.",
        "6. A contact's company: write the company's External ID or its exact name in the "
        "column 'Company (external ID or name)' on the sheet '{contacts}', and the person's "
        "role there in 'Position at company'.",
        "7. A contact who works at more companies: add one row per further company on the "
        "sheet '{links}' (contact by External ID or e-mail, company by External ID or name, "
        "position).",
        "8. Leave cells empty when you do not know the value. Do not add columns; notes or "
        "formulas in the sheets are not imported.",
        "",
        "Hidden sheets '{lists}' and '{meta}' hold the dropdown lists and the column "
        "descriptions for bulkio; please leave them as they are.",
    ],
    "de": [
        "So füllen Sie diese Arbeitsmappe aus",
        "",
        "1. Tragen Sie im Blatt '{companies}' eine Firma pro Zeile und im Blatt '{contacts}' "
        "eine Person pro Zeile ein. Beginnen Sie in Zeile 2; Überschriften bitte nicht "
        "ändern, verschieben oder umbenennen.",
        "2. Mit * markierte Spalten sind Pflicht: der Firmenname bei einer Firma; der "
        "Nachname oder die E-Mail (mindestens eins von beiden) bei einem Kontakt.",
        "3. Zeigen Sie auf eine Überschrift, um ihre Notiz zu lesen: was hineingehört und "
        "ein Beispiel.",
        "4. Wo eine Zelle eine Liste anbietet (Pfeil rechts), wählen Sie einen Wert daraus: "
        "Länder, Geschlecht, Branche, Unternehmensgröße, Umsatz, ja/nein und ähnliche.",
        "5. Externe ID: Ihre eigene eindeutige Nummer einer Firma oder eines Kontakts (z. B. "
        "aus Ihrem bisherigen System). Sie ist freiwillig, erlaubt aber, beim nächsten Import "
        "denselben Datensatz zu aktualisieren statt einen neuen anzulegen.",
        "6. Die Firma eines Kontakts: Tragen Sie im Blatt '{contacts}' die externe ID oder den "
        "genauen Namen der Firma in die Spalte 'Firma (externe ID oder Name)' ein und die "
        "Rolle der Person dort in 'Position im Unternehmen'.",
        "7. Arbeitet ein Kontakt für weitere Firmen: pro weiterer Firma eine Zeile im Blatt "
        "'{links}' (Kontakt per externer ID oder E-Mail, Firma per externer ID oder Name, "
        "Position).",
        "8. Lassen Sie Zellen leer, wenn Sie den Wert nicht kennen. Bitte keine Spalten "
        "hinzufügen; Notizen oder Formeln in den Blättern werden nicht importiert.",
        "",
        "Die ausgeblendeten Blätter '{lists}' und '{meta}' enthalten die Auswahllisten und "
        "die Spaltenbeschreibungen für bulkio; bitte lassen Sie sie unverändert.",
    ],
}

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
    wb.active = 1 if layout.sheets else 0
    wb.save(path)


def _write_instructions(ws: Worksheet, layout: Layout, lang: str) -> None:
    names = {sheet.value: sheet.sheet_title(lang) for sheet in SHEETS}
    names.update(lists=LISTS_SHEET, meta=META_SHEET)
    ws.column_dimensions["A"].width = 110
    for i, line in enumerate(_INSTRUCTIONS[lang], start=1):
        cell = ws.cell(row=i, column=1)
        set_text(cell, line.format(**names))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)


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
    ws.freeze_panes = "A2"
