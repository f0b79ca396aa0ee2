"""An export's rows: API records into the rows of each sheet the layout holds, counted.

Companies fill the Companies sheet. Each contact fills a Contacts row, which names its first
company and position, and a Links row for each further company. An export with a Links
sheet but no Contacts sheet (``bulkio export --entities links``) lists every link there,
the first company's too, since no contact row holds it. The xlsx and csv writers both write
these rows, so the two formats always hold the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from bulkio.core.entities import Role
from bulkio.core.export_manifest import ExportCounts
from bulkio.core.flatten import Flattener, Row, link_rows
from bulkio.core.layout import Layout

Record = Mapping[str, Any]


def export_rows(
    layout: Layout,
    companies: Iterable[Record],
    contacts: Iterable[Record],
    *,
    counts: ExportCounts,
    lang: str = "en",
) -> Iterator[tuple[Role, Row]]:
    """Each row of the export with the sheet it goes on: companies first, then per contact
    its Contacts row and Links rows. ``counts`` counts what is written; an iterable whose
    sheets the layout lacks is not read."""
    if Role.COMPANIES in layout.sheets:
        flat = Flattener(layout.columns(Role.COMPANIES), lang=lang)
        for record in companies:
            counts.add_company()
            yield Role.COMPANIES, flat.row(record)
    with_contacts, with_links = Role.CONTACTS in layout.sheets, Role.LINKS in layout.sheets
    if not (with_contacts or with_links):
        return
    contact_row = Flattener(layout.columns(Role.CONTACTS), lang=lang) if with_contacts else None
    link_columns = layout.columns(Role.LINKS)
    for record in contacts:
        if contact_row is not None:
            counts.add_contact(record)
            yield Role.CONTACTS, contact_row.row(record)
        if with_links:
            rows = link_rows(record, link_columns, every=not with_contacts)
            if not with_contacts:
                counts.add_links(len(rows))
            for row in rows:
                yield Role.LINKS, row
