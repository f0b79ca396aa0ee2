"""Writes the ready-to-hand-out template workbooks in this folder, offline from the layout.

Run from the repository root after the layout, the template writer or the shipped reference
data (bulkio/data/seed.json) changes: ``python templates/make_templates.py``. Each workbook is
what ``bulkio template FILE --offline --lang LANG --entities ENTITIES`` writes;
tests/writers/test_templates_folder.py keeps them equal.
"""

from __future__ import annotations

from pathlib import Path

from bulkio.usecases.template import make_template, offline_lookups

FOLDER = Path(__file__).resolve().parent

# file (relative to this folder) -> (language, entities), as `bulkio template` takes them
TEMPLATES: dict[str, tuple[str, str]] = {
    "en/companies-and-contacts.xlsx": ("en", "companies,contacts"),
    "en/contacts.xlsx": ("en", "contacts"),
    "en/companies.xlsx": ("en", "companies"),
    "de/firmen-und-kontakte.xlsx": ("de", "companies,contacts"),
    "de/kontakte.xlsx": ("de", "contacts"),
    "de/firmen.xlsx": ("de", "companies"),
}


def main() -> None:
    lookups = offline_lookups()
    for name, (lang, entities) in TEMPLATES.items():
        path = FOLDER / name
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)  # written by this script: replaced as a whole
        make_template(path, entities=entities, lang=lang, lookups=lookups)
        print(f"wrote {path.relative_to(FOLDER.parent)}")


if __name__ == "__main__":
    main()
