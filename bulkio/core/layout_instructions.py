"""The text of a template's Instructions sheet, for its sheets and in its language.

A template holds companies, contacts (with the Links sheet) or both; the instructions speak
only of the sheets it has. ``instruction_lines`` gives the lines in order: a title, a blank
line, the numbered steps, a blank line and a note on the hidden sheets.
"""

from __future__ import annotations

from bulkio.core.entities import Role
from bulkio.core.fields import Kind
from bulkio.core.layout import LISTS_SHEET, META_SHEET, Layout

_TITLE = {"en": "How to fill this workbook", "de": "So füllen Sie diese Arbeitsmappe aus"}


def instruction_lines(layout: Layout, lang: str) -> list[str]:
    """The Instructions sheet's lines for ``layout`` in ``lang`` ("en" or "de")."""
    de = lang == "de"

    def say(en: str, german: str) -> str:
        return german if de else en

    def sheet(role: Role) -> str:
        return f"'{role.sheet_title(lang)}'"

    def label(key: str) -> str:
        col = layout.column(key)
        return f"'{col.label(lang)}'" if col is not None else ""

    companies, contacts = Role.COMPANIES in layout.sheets, Role.CONTACTS in layout.sheets
    where, required = [], []
    if companies:
        where.append(
            say(
                f"one company per row on the sheet {sheet(Role.COMPANIES)}",
                f"im Blatt {sheet(Role.COMPANIES)} eine Firma pro Zeile",
            )
        )
        required.append(say("the company name for a company", "der Firmenname bei einer Firma"))
    if contacts:
        where.append(
            say(
                f"one person per row on the sheet {sheet(Role.CONTACTS)}",
                f"im Blatt {sheet(Role.CONTACTS)} eine Person pro Zeile",
            )
        )
        required.append(
            say(
                "the last name or the e-mail (at least one of them) for a contact",
                "der Nachname oder die E-Mail (mindestens eins von beiden) bei einem Kontakt",
            )
        )
    steps = [
        say(
            f"Enter {' and '.join(where)}. Start in row 2; do not change, move or rename the "
            "headers.",
            f"Tragen Sie {' und '.join(where)} ein. Beginnen Sie in Zeile 2; Überschriften "
            "bitte nicht ändern, verschieben oder umbenennen.",
        ),
        say(
            f"Columns marked with * are required: {'; '.join(required)}.",
            f"Mit * markierte Spalten sind Pflicht: {'; '.join(required)}.",
        ),
        say(
            "Point at a header to read its note: what goes there and an example.",
            "Zeigen Sie auf eine Überschrift, um ihre Notiz zu lesen: was hineingehört und ein "
            "Beispiel.",
        ),
        say(
            "Where a cell offers a list (arrow on the right), pick a value from it: countries, "
            "yes/no and the like.",
            "Wo eine Zelle eine Liste anbietet (Pfeil rechts), wählen Sie einen Wert daraus: "
            "Länder, ja/nein und ähnliche.",
        ),
        say(
            "External ID: your own unique number for a record (e.g. from your old system). It is "
            "optional but lets a later import update the same record instead of creating a new "
            "one.",
            "Externe ID: Ihre eigene eindeutige Nummer eines Datensatzes (z. B. aus Ihrem "
            "bisherigen System). Sie ist freiwillig, erlaubt aber, beim nächsten Import denselben "
            "Datensatz zu aktualisieren statt einen neuen anzulegen.",
        ),
    ]
    if any(col.kind == Kind.DATE for role in layout.sheets for col in layout.columns(role)):
        steps.append(
            say(
                "Enter dates as dates, e.g. 1980-04-23; date columns show them as YYYY-MM-DD.",
                "Geben Sie Daten als Datum ein, z. B. 23.04.1980; Datumsspalten zeigen sie als "
                "TT.MM.JJJJ.",
            )
        )
    if contacts:
        company, position = label("link.company"), label("link.position")
        if companies:
            found_en = (
                f"as on the sheet {sheet(Role.COMPANIES)}. A company that is not there is looked "
                "up in Kanbert, so a contact can belong to a company Kanbert already has."
            )
            found_de = (
                f"wie im Blatt {sheet(Role.COMPANIES)}. Eine Firma, die dort nicht steht, wird "
                "in Kanbert gesucht; so gehört ein Kontakt auch zu einer Firma, die Kanbert "
                "schon hat."
            )
        else:
            found_en = "of a company Kanbert already has; it is looked up there."
            found_de = "einer Firma, die Kanbert schon hat; sie wird dort gesucht."
        steps.append(
            say(
                f"A contact's company: write its External ID or its exact name in the column "
                f"{company} and the person's role there in {position}. Use the External ID or "
                f"name {found_en}",
                f"Die Firma eines Kontakts: Tragen Sie ihre externe ID oder ihren genauen Namen "
                f"in die Spalte {company} ein und die Rolle der Person dort in {position}. "
                f"Gemeint ist die externe ID oder der Name {found_de}",
            )
        )
        steps.append(
            say(
                "A contact who works at more companies: add one row per further company on the "
                f"sheet {sheet(Role.LINKS)} (contact by External ID or e-mail, company by "
                "External ID or name, position). Leave the sheet empty when there are none.",
                "Arbeitet ein Kontakt für weitere Firmen: pro weiterer Firma eine Zeile im Blatt "
                f"{sheet(Role.LINKS)} (Kontakt per externer ID oder E-Mail, Firma per externer "
                "ID oder Name, Position). Gibt es keine, bleibt das Blatt leer.",
            )
        )
    steps.append(
        say(
            "Leave cells empty when you do not know the value. Do not add columns; notes or "
            "formulas in the sheets are not imported.",
            "Lassen Sie Zellen leer, wenn Sie den Wert nicht kennen. Bitte keine Spalten "
            "hinzufügen; Notizen oder Formeln in den Blättern werden nicht importiert.",
        )
    )
    hidden = say(
        f"The hidden sheets '{LISTS_SHEET}' and '{META_SHEET}' hold the dropdown lists and the "
        "column descriptions for bulkio; please leave them as they are.",
        f"Die ausgeblendeten Blätter '{LISTS_SHEET}' und '{META_SHEET}' enthalten die "
        "Auswahllisten und die Spaltenbeschreibungen für bulkio; bitte lassen Sie sie "
        "unverändert.",
    )
    numbered = [f"{n}. {step}" for n, step in enumerate(steps, start=1)]
    return [_TITLE[lang], "", *numbered, "", hidden]
