"""``bulkio export``: the platform's companies, contacts and links into one file (or folder).

Records are paged from the API (100 per request, the floor) and streamed straight into the
writers, so memory stays flat however many records there are. The file appears under its
name only when it is complete: it is written to a hidden partial name beside it and renamed
at the end, so an interrupted export never leaves a half file that looks whole.

    from bulkio.usecases.connect import Target
    from bulkio.usecases.export import export

    result = export(Target(sandbox=Path("s.sqlite")), Path("backup.xlsx"))
    result.counts  # {"companies": 20, "contacts": 80, "links": 95}
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bulkio.core.choices import CustomFieldDef, choices_from_lists
from bulkio.core.entities import Entity, Role
from bulkio.core.errors import BulkioError, ConfigError
from bulkio.core.layout import SHEETS, Layout, build_layout
from bulkio.core.lookups import Lookup
from bulkio.kanbert import KanbertClient
from bulkio.usecases.connect import Target, connect, require_sandbox_data
from bulkio.usecases.export_options import ExportShape, export_shape
from bulkio.writers.export_csv import write_export_csv
from bulkio.writers.export_jsonl import write_export_jsonl
from bulkio.writers.export_xlsx import write_export_xlsx

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
) -> ExportResult:
    """Export the companies, contacts and links of ``target`` to ``out``.

    ``format`` is xlsx, csv (a folder, a zip when ``out`` ends in .zip, one file when it ends
    in .csv) or jsonl; None takes it from the name (.xlsx, .jsonl, .zip, .csv).
    ``entities`` chooses what to export (companies, contacts, links; default all; a .csv
    file holds one). ``delimiter`` separates CSV fields (``,`` ``;`` ``tab`` ``|``; default
    ``;`` for ``lang`` de, else ``,``). ``include_archived`` adds archived records (their
    "Archived at" column is filled); ``since`` keeps only records updated at or after that
    time (ISO date or date-time; without a zone it is UTC).
    """
    out = Path(out)
    shape = export_shape(out, format=format, entities=entities, delimiter=delimiter, lang=lang)
    since_text = parse_since(since)
    _check_folder(out.parent)
    require_sandbox_data(target)
    partial = _partial_path(out)
    try:
        with connect(target) as client:
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
        _move_into_place(partial, out)
    except OSError as exc:
        raise BulkioError(
            f"cannot write '{out}': {exc.strerror or exc}",
            hint="Check that the folder is writable and has free space, close the file if it "
            "is open in Excel, or choose another path.",
        ) from exc
    finally:
        remove_path(partial)
    return ExportResult(
        counts=counts, path=out, requests=requests, format=shape.format, sheets=shape.sheets
    )


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
        # a zip or one file is written under its suffix first: the writer goes by the name
        suffix = {"folder": "", "zip": ".zip", "file": ".csv"}[shape.container]
        target = out.with_name(out.name + suffix)
        counts = write_export_csv(
            target,
            layout=layout,
            companies=companies,
            contacts=contacts,
            lang=lang,
            delimiter=shape.delimiter,
        )
        if target != out:
            os.replace(target, out)
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


def remove_path(path: Path) -> None:
    """Remove a file or folder if it is there; quietly, for cleaning up after a failure."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    # The csv writer's zip or single file is written next to the partial name first.
    for suffix in (".zip", ".csv"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise BulkioError(
            f"cannot write into '{folder}': the folder does not exist",
            hint="Create the folder first or choose another path.",
        )


def _partial_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.partial-{os.getpid()}")


def _move_into_place(partial: Path, out: Path) -> None:
    """Rename the finished export to its name; a csv folder's files move into an existing
    folder one by one (each rename is atomic)."""
    if partial.is_dir() and out.is_dir():
        for item in sorted(partial.iterdir()):
            os.replace(item, out / item.name)
        return
    if out.is_dir():
        raise IsADirectoryError(21, "a folder of that name exists")
    os.replace(partial, out)
