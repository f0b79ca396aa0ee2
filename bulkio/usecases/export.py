"""``bulkio export``: the platform's companies, contacts and links into one file (or folder).

Records are paged from the API (100 per request, the floor) and streamed straight into the
writers, so memory stays flat however many records there are. The file appears under its
name only when it is complete, and never over a file bulkio did not write, the sandbox's
database, or (in a folder) a CSV file of someone else's: see ``bulkio.writers.outputs``.

    from bulkio.usecases.connect import Target
    from bulkio.usecases.export import export

    result = export(Target(sandbox=Path("s.sqlite")), Path("backup.xlsx"))
    result.counts  # {"companies": 20, "contacts": 80, "links": 95}
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bulkio.core.choices import CustomFieldDef, choices_from_lists
from bulkio.core.entities import Entity, Role
from bulkio.core.errors import BulkioError, ConfigError
from bulkio.core.export_manifest import MANIFEST_NAME, file_name
from bulkio.core.layout import SHEETS, Layout, build_layout
from bulkio.core.lookups import Lookup
from bulkio.kanbert import KanbertClient
from bulkio.usecases.connect import Target, connect, require_sandbox_data
from bulkio.usecases.export_options import ExportShape, export_shape
from bulkio.writers.export_csv import write_export_csv
from bulkio.writers.export_jsonl import write_export_jsonl
from bulkio.writers.export_xlsx import write_export_xlsx
from bulkio.writers.outputs import Output, OutputKind, check_outputs, written

READ_AHEAD_PAGES = 4  # pages fetched while the writer works: memory stays ~400 records

T = TypeVar("T")

ExportProgress = Callable[[str, int], None]
"""Called with the entity being paged ("companies" or "contacts") and its records so far."""


@dataclass(frozen=True)
class ExportResult:
    counts: dict[str, int]  # companies, contacts, links (see ``ExportCounts``)
    path: Path
    requests: int  # API requests the export made, look-ups included
    format: str
    sheets: tuple[Role, ...] = SHEETS  # what was exported


def export(
    target: Target,
    out: Path,
    *,
    format: str | None = None,
    include_archived: bool = False,
    since: str | dt.datetime | None = None,
    progress: ExportProgress | None = None,
    lang: str = "en",
    entities: Iterable[str] | str = (),
    delimiter: str | None = None,
    force: bool = False,
) -> ExportResult:
    """Export the companies, contacts and links of ``target`` to ``out``.

    ``format`` is xlsx, csv (a folder, a zip when ``out`` ends in .zip, one file when it ends
    in .csv) or jsonl; None takes it from the name (.xlsx, .jsonl, .zip, .csv).
    ``entities`` chooses what to export (companies, contacts, links; default all; a .csv
    file holds one). ``delimiter`` separates CSV fields (``,`` ``;`` ``tab`` ``|``; default
    ``;`` for ``lang`` de, else ``,``). ``include_archived`` adds archived records (their
    "Archived at" column is filled); ``since`` keeps only records updated at or after that
    time (ISO date or date-time; without a zone it is UTC). ``force`` lets it replace a
    file bulkio did not write (never the sandbox's database it reads).
    """
    out = Path(out)
    shape = export_shape(out, format=format, entities=entities, delimiter=delimiter, lang=lang)
    since_text = parse_since(since)
    _check_folder(out.parent)
    require_sandbox_data(target)
    output = export_output(out, shape)
    inputs = {target.sandbox: "the sandbox's database"} if target.sandbox else {}
    check_outputs([output], inputs=inputs, force=force)
    with connect(target) as client, written(output) as partial:
        counts = write_records(
            client,
            partial,
            shape=shape,
            include_archived=include_archived,
            since=since_text,
            progress=progress,
            lang=lang,
        )
        requests = client.stats.requests_sent
    return ExportResult(
        counts=counts, path=out, requests=requests, format=shape.format, sheets=shape.sheets
    )


def export_output(out: Path, shape: ExportShape) -> Output:
    """The export ``out`` as an output: a file, or for csv in a folder a folder of the
    export's files."""
    folder = shape.format == "csv" and shape.container == "folder"
    files = (*(file_name(sheet) for sheet in shape.sheets), MANIFEST_NAME) if folder else ()
    return Output(out, OutputKind.EXPORT, files=files)


def write_records(
    client: KanbertClient,
    out: Path,
    *,
    shape: ExportShape,
    include_archived: bool = False,
    since: str | None = None,
    progress: ExportProgress | None = None,
    lang: str = "en",
) -> dict[str, int]:
    """Page the records from ``client`` into ``out`` (a file, or a folder for csv in a
    folder); returns what the writer counted (the numbers a CSV manifest holds too).
    ``since`` is already in the API's timestamp form. Only what ``shape.sheets`` needs is
    paged: contacts for the Contacts or the Links sheet."""

    def records(entity: Entity) -> Iterator[Mapping[str, Any]]:
        pages = client.iter_pages(
            entity,
            with_links=entity == Entity.CONTACT,
            include_archived=include_archived,
            changed_since=since,
        )
        done = 0
        for page in read_ahead(pages, READ_AHEAD_PAGES):
            for record in page:
                yield record.raw
            done += len(page)
            if progress is not None:
                progress(entity.plural, done)

    sheets = shape.sheets
    companies = records(Entity.COMPANY) if Role.COMPANIES in sheets else iter(())
    with_contacts = Role.CONTACTS in sheets or Role.LINKS in sheets
    contacts = records(Entity.CONTACT) if with_contacts else iter(())
    if shape.format == "jsonl":
        return write_export_jsonl(out, companies=companies, contacts=contacts).as_dict()
    layout = _layout(client, sheets, lang)
    if shape.format == "xlsx":
        counts = write_export_xlsx(
            out, layout=layout, companies=companies, contacts=contacts, lang=lang
        )
    else:
        counts = write_export_csv(
            out,
            layout=layout,
            companies=companies,
            contacts=contacts,
            lang=lang,
            delimiter=shape.delimiter,
        )
    return counts.as_dict()


def _layout(client: KanbertClient, sheets: tuple[Role, ...], lang: str) -> Layout:
    """The export layout of these sheets, with the platform's custom fields."""
    custom_fields: tuple[CustomFieldDef, ...] = ()
    if Role.COMPANIES in sheets or Role.CONTACTS in sheets:
        custom_fields = choices_from_lists(
            {Lookup.CUSTOM_FIELDS: client.lookup(Lookup.CUSTOM_FIELDS)}
        ).custom_fields
    entities = [
        e for e in Entity if e.role in sheets or (e is Entity.CONTACT and Role.LINKS in sheets)
    ]
    whole = build_layout(custom_fields, entities=entities, export=True, lang=lang)
    return Layout({sheet: whole.columns(sheet) for sheet in whole.sheets if sheet in sheets})


def read_ahead(source: Iterator[T], depth: int) -> Iterator[T]:
    """The items of ``source``, fetched by a background thread up to ``depth`` ahead, so the
    next pages travel while the writer works on this one. An error in ``source`` is raised
    here; when the consumer stops early, the thread stops after its current item."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(kind: str, value: Any) -> bool:
        while not stop.is_set():
            try:
                items.put((kind, value), timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in source:
                if not offer("item", item):
                    return
            offer("end", None)
        except BaseException as exc:  # handed to the consumer's thread
            offer("error", exc)

    thread = threading.Thread(target=produce, name="bulkio-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = items.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        thread.join(timeout=60)


def parse_since(since: str | dt.datetime | None) -> str | None:
    """A ``--since`` value as the API writes timestamps (UTC, ISO 8601 with ``Z``)."""
    if since is None or since == "":
        return None
    if isinstance(since, dt.datetime):
        moment = since
    else:
        try:
            moment = dt.datetime.fromisoformat(since.strip())
        except ValueError:
            raise ConfigError(
                f"'{since}' is not a date or time for --since",
                hint="Use a date like 2026-11-01 or a time like 2026-11-01T08:00:00Z "
                "(without a zone it is UTC).",
            ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise BulkioError(
            f"cannot write into '{folder}': the folder does not exist",
            hint="Create the folder first or choose another path.",
        )
