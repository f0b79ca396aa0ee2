"""The Kanbert HTTP client: the only code in bulkio that speaks HTTP.

A synchronous API for callers; inside, up to ``max_in_flight`` requests run at once (a
thread pool over one ``httpx.Client``) so that network latency does not cap throughput below
the rate limit, while the pacer decides when each request may start. What the API looks like
(paths, parameters, bodies, error shapes, headers) comes from ``wire``.

Callers speak bulkio's terms: an ``Entity`` instead of a resource, bulkio's field names
instead of write-body keys, and they get typed answers (``Record``, ``User``, see
``records``), never the API's JSON.

Outcomes per request:
- success -> the decoded answer;
- ``RejectedError`` (422 on a write; its fields by bulkio's names), ``NotFoundError`` (404),
  ``UnknownOutcome`` (a create whose answer never came) -> per-record problems the caller
  handles;
- ``AuthError`` (401/403), ``ApiError`` (400, other failures), ``NetworkError`` (unreachable
  after retries) -> the command cannot go on (exit 2).
The token is sent in a header only; it never appears in a message, log line or ``repr``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from bulkio.core.entities import Entity
from bulkio.core.errors import ApiError, NetworkError
from bulkio.core.lookups import Lookup
from bulkio.kanbert import wire
from bulkio.kanbert.outcomes import (
    NotFoundError,
    RejectedError,
    UnknownOutcome,
    describe_transport_error,
    error_for,
    wrong_address,
)
from bulkio.kanbert.pacing import Pacer
from bulkio.kanbert.records import Record, User, decode_record, decode_user
from bulkio.kanbert.retrying import AMBIGUOUS_WRITE_STATUSES, RetryPolicy, should_retry_status
from bulkio.kanbert.settings import REDACTED, ApiSettings, redacted_url

log = logging.getLogger(__name__)  # method, path and status only: never headers or bodies

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int], None]
"""Called with the number of records (or items) done so far; for a progress bar."""

# Failures where the request surely never reached the server: safe to send again.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.LocalProtocolError)
# Failures to open a connection at all: a wrong address or no network, when the API has not
# answered yet (see ``KanbertClient._give_up_on_first_contact``).
_CANNOT_CONNECT = (httpx.ConnectError, httpx.ConnectTimeout)
FIRST_CONTACT_ATTEMPTS = 2  # connection failures before the first answer: then unreachable
CONNECT_TIMEOUT = 10.0  # seconds to open a connection (at most the answer's timeout)
UNREACHABLE_HINT = (
    "Check the address (KANBERT_API_URL or --api-url), the internet connection, and any "
    "proxy or firewall; then run the command again."
)
# Per-record outcomes that ``run_all`` hands back instead of stopping.
RECORD_ERRORS = (RejectedError, NotFoundError, UnknownOutcome)
MAX_THROTTLED_ATTEMPTS = 12  # 429s in a row for one request before giving up


@dataclass(frozen=True)
class ClientStats:
    """What the client has done so far."""

    requests_sent: int = 0  # every attempt, reads and retries included
    writes_sent: int = 0  # of them, writes (POST, PATCH, PUT, DELETE: any but GET)
    retries: int = 0
    throttled: int = 0  # 429 answers seen
    waited_seconds: float = 0.0  # pacing, 429 pauses and backoff, summed over requests
    unknown_outcomes: int = 0
    rate_limit: int | None = None  # per window (a minute), as the server announced it

    def seconds_for(self, requests: int) -> float | None:
        """How long ``requests`` take at the announced rate limit; None without one."""
        if not self.rate_limit:
            return None
        return requests * wire.RATE_WINDOW_SECONDS / self.rate_limit


@dataclass(frozen=True)
class CallResult(Generic[T, R]):
    """One item of ``run_all``: its result, or the per-record error it ended in."""

    item: T
    value: R | None = None
    error: Exception | None = None


class KanbertClient:
    """Talks to Kanbert (or the sandbox) for one command run. Use as a context manager."""

    # whether filters on names and e-mails find only values in the case sent (assumed)
    filters_match_case = wire.FILTERS_MATCH_CASE

    def __init__(
        self,
        settings: ApiSettings,
        *,
        pacer: Pacer | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._pacer = pacer or Pacer()
        self._retry = retry or RetryPolicy(max_attempts=settings.max_attempts)
        self._sleep = sleep
        self._lock = threading.Lock()
        self._sent = 0
        self._writes = 0
        self._retries = 0
        self._throttled = 0
        self._backoff_waited = 0.0
        self._unknown = 0
        self._answered = False  # has the API answered any request yet?
        self._connect_failures = 0  # connections that could not be opened before that
        self._unreachable: str | None = None  # why every further request fails at once
        self._http = httpx.Client(
            base_url=settings.base_url + "/",
            headers={
                "Authorization": f"Bearer {settings.token}",
                "Accept": "application/json",
                "User-Agent": settings.user_agent,
            },
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, CONNECT_TIMEOUT)),
            transport=transport,
            limits=httpx.Limits(
                max_connections=settings.max_in_flight,
                max_keepalive_connections=settings.max_in_flight,
            ),
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"KanbertClient(base_url={self.settings.base_url!r}, token={REDACTED!r})"

    def __enter__(self) -> KanbertClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- counters ---------------------------------------------------------------------------

    @property
    def stats(self) -> ClientStats:
        with self._lock:
            return ClientStats(
                requests_sent=self._sent,
                writes_sent=self._writes,
                retries=self._retries,
                throttled=self._throttled,
                waited_seconds=self._backoff_waited + self._pacer.waited,
                unknown_outcomes=self._unknown,
                rate_limit=self._pacer.limit,
            )

    # --- reading ----------------------------------------------------------------------------

    def whoami(self) -> User:
        """The token's user: a cheap way to check URL and token."""
        return self._parse(decode_user, self._request("GET", wire.WHOAMI_PATH), wire.WHOAMI_PATH)

    def iter_pages(
        self,
        entity: Entity,
        *,
        with_links: bool = False,
        include_archived: bool = False,
        changed_since: str | None = None,
        sort: Sequence[str] = (),
        filters: Sequence[wire.Filter] = (),
    ) -> Iterator[list[Record]]:
        """Every page of an entity's records, following the cursor to the end.

        ``with_links`` embeds each record's links (a contact's companies with the position);
        ``changed_since`` keeps records changed at or after that time (the API's ISO form).
        """
        if changed_since is not None:
            filters = [*filters, wire.changed_since(changed_since)]
        for page in self._pages(
            entity.resource,
            include=self._include(entity, with_links),
            sort=sort,
            archived=wire.archived_param(include_archived),
            filters=filters,
        ):
            yield [self._record(entity, raw) for raw in page]

    def iter_records(
        self,
        entity: Entity,
        *,
        with_links: bool = False,
        include_archived: bool = False,
        changed_since: str | None = None,
        sort: Sequence[str] = (),
        filters: Sequence[wire.Filter] = (),
        progress: Progress | None = None,
    ) -> Iterator[Record]:
        """Every record of an entity, page by page (see ``iter_pages``)."""
        done = 0
        for records in self.iter_pages(
            entity,
            with_links=with_links,
            include_archived=include_archived,
            changed_since=changed_since,
            sort=sort,
            filters=filters,
        ):
            yield from records
            done += len(records)
            if progress is not None:
                progress(done)

    def lookup(self, lookup: Lookup) -> list[dict[str, Any]]:
        """Every item of a look-up list such as ``countries`` or ``custom-fields``, as the API
        documents it (an id and its labels)."""
        return [item for page in self._pages(lookup.resource) for item in page]

    def first_pages(
        self,
        entity: Entity,
        pages: int,
        *,
        with_links: bool = False,
        include_archived: bool = False,
    ) -> tuple[list[Record], bool]:
        """The records of at most ``pages`` pages of an entity's list, and whether they are
        all of them (the list ended): a small platform is read whole for the price of a few
        filtered requests (see ``find_by_requests``)."""
        found: list[Record] = []
        if pages < 1:
            return found, False
        listing = self._page_answers(
            entity.resource,
            include=self._include(entity, with_links),
            archived=wire.archived_param(include_archived),
        )
        for read, page in enumerate(listing, start=1):
            found.extend(self._record(entity, raw) for raw in page.records)
            if page.next_cursor is None:
                return found, True
            if read >= pages:
                break
        return found, False

    def find_by_requests(
        self, entity: Entity, field: str, values: Iterable[str], *, with_links: bool = False
    ) -> int:
        """How many requests ``find_by`` sends for these values (one per chunk; a chunk
        matching more than a page of records takes more)."""
        return len(self._chunks(entity, field, values, with_links))

    def find_by(
        self,
        entity: Entity,
        field: str,
        values: Iterable[str],
        *,
        with_links: bool = False,
    ) -> list[Record]:
        """The records (archived ones included) whose ``field`` is one of ``values``.

        Many values go into one ``in`` filter per request, chunked so the URL stays short;
        chunks are fetched concurrently.
        """
        resource = entity.resource
        include = self._include(entity, with_links)
        chunks = self._chunks(entity, field, values, with_links)

        def fetch(chunk: list[str]) -> list[dict[str, Any]]:
            op, value = ("eq", chunk[0]) if len(chunk) == 1 else ("in", chunk)
            return [
                raw
                for page in self._pages(
                    resource, include=include, archived="with", filters=[(field, op, value)]
                )
                for raw in page
            ]

        found: list[Record] = []
        for result in self.run_all(chunks, fetch):
            found.extend(self._record(entity, raw) for raw in result.value or [])
        return found

    def _chunks(
        self, entity: Entity, field: str, values: Iterable[str], with_links: bool
    ) -> list[list[str]]:
        """``values`` cut into the ``in`` lists of ``find_by``, each fitting the URL budget."""
        resource = entity.resource
        probe = wire.list_params(
            cursor="x" * 200,  # room for a cursor
            include=self._include(entity, with_links),
            archived="with",
            filters=[(field, "in", "")],
        )
        budget = (
            wire.URL_LENGTH_BUDGET
            - len(self.settings.base_url)
            - len(wire.list_path(resource))
            - wire.query_length(probe)
        )
        return list(wire.chunk_keys(values, budget=max(200, budget)))

    def find_by_external_ids(
        self, entity: Entity, external_ids: Iterable[str], *, with_links: bool = False
    ) -> dict[str, Record]:
        """The records whose ``external_id`` is one of these, keyed by external_id.

        Archived records are included, so an import can restore instead of creating a
        duplicate; a live record wins over an archived one with the same key. Keys not found
        are absent.
        """
        asked = set(external_ids)
        found: dict[str, Record] = {}
        for record in self.find_by(entity, "external_id", asked, with_links=with_links):
            key = record.text("external_id")
            if key in asked and (key not in found or found[key].archived):
                found[key] = record
        return found

    def find_by_ids(
        self, entity: Entity, ids: Iterable[str], *, with_links: bool = False
    ) -> dict[str, Record]:
        """The records with these ids (archived ones included), by id, many per request;
        ids Kanbert does not know are absent."""
        asked = set(ids)
        found = self.find_by(entity, wire.ID_FIELD, asked, with_links=with_links)
        return {record.id: record for record in found if record.id in asked}

    def get(self, entity: Entity, record_id: str, *, with_links: bool = False) -> Record:
        """One record by id; ``NotFoundError`` when there is none."""
        include = self._include(entity, with_links)
        params = [("include", ",".join(include))] if include else None
        path = wire.record_path(entity.resource, record_id)
        return self._answer(entity, self._request("GET", path, params=params), path)

    # --- writing ----------------------------------------------------------------------------

    def create(self, entity: Entity, values: Mapping[str, Any]) -> Record:
        """Create a record from bulkio-named values whose references already hold ids.

        ``RejectedError`` on 422; ``UnknownOutcome`` when the answer never came (look the
        record up by its key before creating it again).
        """
        path = wire.list_path(entity.resource)
        body = wire.write_body(values)
        answer = self._request("POST", path, body=body, idempotent=False, write=True)
        return self._answer(entity, answer, path)

    def patch(self, entity: Entity, record_id: str, values: Mapping[str, Any]) -> Record:
        """Change only the fields in ``values`` (bulkio's names, ids for references);
        safe to retry."""
        path = wire.record_path(entity.resource, record_id)
        answer = self._request("PATCH", path, body=wire.write_body(values), write=True)
        return self._answer(entity, answer, path)

    def archive(self, entity: Entity, record_id: str) -> None:
        """Archive (Kanbert's delete: the record is hidden, not destroyed)."""
        path = wire.record_path(entity.resource, record_id)
        self._request("DELETE", path, write=True)

    def restore(self, entity: Entity, record_id: str) -> Record:
        """Bring an archived record back; restoring twice is harmless, so it is retried."""
        path = wire.restore_path(entity.resource, record_id)
        return self._answer(entity, self._request("POST", path, write=True), path)

    def link(self, contact_id: str, company_id: str, position: str | None = None) -> Record:
        """Link a contact to a company with a position (or change the position); the
        contact comes back."""
        path = wire.link_path(contact_id, company_id)
        answer = self._request("PUT", path, body=wire.link_body(position), write=True)
        return self._answer(Entity.CONTACT, answer, path)

    def unlink(self, contact_id: str, company_id: str) -> None:
        """Remove the link between a contact and a company."""
        self._request("DELETE", wire.link_path(contact_id, company_id), write=True)

    # --- decoding -----------------------------------------------------------------------------

    def _pages(
        self,
        resource: str,
        *,
        include: Sequence[str] = (),
        sort: Sequence[str] = (),
        archived: str | None = None,
        filters: Sequence[wire.Filter] = (),
    ) -> Iterator[list[dict[str, Any]]]:
        """Every page of a list endpoint as the API sent it, following the cursor."""
        for page in self._page_answers(
            resource, include=include, sort=sort, archived=archived, filters=filters
        ):
            yield page.records

    def _page_answers(
        self,
        resource: str,
        *,
        include: Sequence[str] = (),
        sort: Sequence[str] = (),
        archived: str | None = None,
        filters: Sequence[wire.Filter] = (),
    ) -> Iterator[wire.Page]:
        """Every page of a list endpoint with its cursor, following the cursor."""
        path = wire.list_path(resource)
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            params = wire.list_params(
                cursor=cursor, include=include, sort=sort, archived=archived, filters=filters
            )
            page = self._parse(wire.parse_page, self._request("GET", path, params=params), path)
            yield page
            if page.next_cursor is None:
                return
            if page.next_cursor in seen:
                raise ApiError(
                    f"the API sent the same page cursor twice while listing {path}",
                    hint="Kanbert's paging misbehaves; try again later.",
                )
            seen.add(page.next_cursor)
            cursor = page.next_cursor

    @staticmethod
    def _include(entity: Entity, with_links: bool) -> list[str]:
        return [wire.LINKED[entity.resource]] if with_links else []

    def _record(self, entity: Entity, raw: Mapping[str, Any]) -> Record:
        return self._parse(lambda r: decode_record(entity, r), raw, entity.resource)

    def _answer(self, entity: Entity, payload: Any, path: str) -> Record:
        raw = self._parse(wire.parse_record, payload, path)
        return self._parse(lambda r: decode_record(entity, r), raw, path)

    # --- many at once -----------------------------------------------------------------------

    def run_all(
        self,
        items: Iterable[T],
        action: Callable[[T], R],
        *,
        progress: Progress | None = None,
    ) -> Iterator[CallResult[T, R]]:
        """Run ``action(item)`` for every item with up to ``max_in_flight`` at once.

        Yields a ``CallResult`` per item as each finishes (not in input order), in the
        caller's thread, so the caller may write its journal as results come. Per-record
        problems (``RejectedError``, ``NotFoundError``, ``UnknownOutcome``) come back in
        ``CallResult.error``; anything else (auth, network, a broken setup, Ctrl-C while
        waiting) stops the run: no further item starts, those taken finish and are yielded,
        then it is raised.
        """
        workers = self.settings.max_in_flight
        pending: set[Future[R]] = set()
        item_of: dict[Future[R], T] = {}
        source = iter(items)
        failure: BaseException | None = None
        done = 0
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kanbert") as pool:
            try:
                exhausted = False
                while True:
                    while not exhausted and failure is None and len(pending) < 2 * workers:
                        try:
                            item = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                        future = pool.submit(action, item)
                        pending.add(future)
                        item_of[future] = item
                    if not pending:
                        break
                    try:
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    except KeyboardInterrupt as interrupt:
                        failure = failure or interrupt
                        continue
                    for future in finished:
                        item = item_of.pop(future)
                        error = future.exception()
                        if error is None:
                            yield CallResult(item=item, value=future.result())
                        elif isinstance(error, RECORD_ERRORS):
                            yield CallResult(item=item, error=error)
                        else:
                            failure = failure or error
                            continue
                        done += 1
                        if progress is not None:
                            progress(done)
            finally:
                for future in pending:
                    future.cancel()
        if failure is not None:
            raise failure

    # --- one request, with pacing, retries and error mapping ----------------------------------

    def exchange(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One request and the API's answer as it came, whatever its status: for the probe
        of the API's assumptions (``probe``), which judges the answers itself. Paced and
        retried like every request (429, 5xx, dropped connections); a POST whose answer
        never came is not sent again (``UnknownOutcome``). ``headers`` replace the client's
        own (the probe sends a wrong token on purpose)."""
        idempotent = method.upper() != "POST"
        response, _ = self._exchange(
            method, path, params, body, idempotent=idempotent, headers=headers
        )
        return response

    def error_of(
        self, response: httpx.Response, method: str, path: str, *, write: bool = False
    ) -> Exception:
        """What an error answer of ``exchange`` would have ended in for any other caller:
        the exception whose message names the fix (the token never in it)."""
        return error_for(
            response,
            method,
            path,
            base_url=self.settings.base_url,
            write=write,
            attempts=1,
            redact=self._redact,
        )

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotent: bool = True,
        write: bool = False,
    ) -> Any:
        response, attempts = self._exchange(method, path, params, body, idempotent=idempotent)
        status = response.status_code
        if 300 <= status < 400:
            raise ApiError(
                f"the API at {self.settings.base_url} answered {method} {path} with a "
                f"redirect ({status}) to {redacted_url(response.headers.get('Location'))}",
                hint="Set KANBERT_API_URL / --api-url to the address it names (bulkio does "
                "not follow redirects, so the token is not sent elsewhere).",
            )
        if status < 400:
            return self._json(response, method, path)
        if not idempotent and status in AMBIGUOUS_WRITE_STATUSES:
            with self._lock:
                self._unknown += 1
            raise UnknownOutcome(method, path, f"the gateway answered {status}")
        raise error_for(
            response,
            method,
            path,
            base_url=self.settings.base_url,
            write=write,
            attempts=attempts,
            redact=self._redact,
        )

    def _exchange(
        self,
        method: str,
        path: str,
        params: Sequence[tuple[str, str]] | None,
        body: Mapping[str, Any] | None,
        *,
        idempotent: bool,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[httpx.Response, int]:
        """Send until an answer is final: paced, 429s waited out, failures retried. Returns
        the answer and the tries it took; raises ``NetworkError`` when there is none and
        ``UnknownOutcome`` for a create whose answer never came."""
        attempt = 0
        throttled = 0
        while True:
            attempt += 1
            self._stop_if_unreachable()
            sent_at = self._pacer.acquire()
            if self._unreachable is not None:
                self._pacer.abandon(reached=False)
                self._stop_if_unreachable()
            with self._lock:
                self._sent += 1
                self._writes += 1 if method.upper() != "GET" else 0
            try:
                response = self._http.request(
                    method, path.lstrip("/"), params=list(params or []), json=body, headers=headers
                )
            except httpx.TransportError as exc:
                reason = describe_transport_error(exc)
                given_up = self._give_up_on_first_contact(exc, reason)
                self._pacer.abandon(reached=not isinstance(exc, _NOT_SENT))
                log.debug("%s %s: %s (try %d)", method, path, reason, attempt)
                if given_up is not None:
                    raise NetworkError(given_up, hint=UNREACHABLE_HINT) from None
                if not idempotent and not isinstance(exc, _NOT_SENT):
                    with self._lock:
                        self._unknown += 1
                    raise UnknownOutcome(method, path, reason) from None
                if self._retry.may_retry(attempt):
                    self._back_off(attempt)
                    continue
                raise NetworkError(
                    f"could not reach the API at {self.settings.base_url} ({reason}) "
                    f"after {attempt} tries",
                    hint=UNREACHABLE_HINT,
                ) from None
            except BaseException:
                self._pacer.abandon()  # e.g. Ctrl-C: keep the pacer's count of requests right
                raise
            with self._lock:
                self._answered = True
            reply_headers = response.headers
            self._pacer.record(
                sent_at,
                wire.header_int(reply_headers, wire.LIMIT_HEADER),
                wire.header_int(reply_headers, wire.REMAINING_HEADER),
            )
            status = response.status_code
            if status == 429:
                throttled += 1
                attempt -= 1  # a 429 is a pause, not a failed try
                with self._lock:
                    self._throttled += 1
                pause = self._pacer.throttled(
                    reply_headers.get(wire.RETRY_AFTER_HEADER),
                    wire.header_float(reply_headers, wire.RESET_HEADER),
                )
                log.debug("429 on %s %s: pausing all requests %.1f s", method, path, pause)
                if throttled < MAX_THROTTLED_ATTEMPTS:
                    with self._lock:
                        self._retries += 1
                    continue
                raise ApiError(
                    f"the API kept answering 429 (too many requests) to {method} {path}",
                    hint="Another program may be using the same token; wait a few minutes "
                    "and run the command again.",
                )
            if should_retry_status(status, idempotent=idempotent) and self._retry.may_retry(
                attempt
            ):
                log.debug("%s %s answered %d (try %d); retrying", method, path, status, attempt)
                self._back_off(attempt, reply_headers.get(wire.RETRY_AFTER_HEADER))
                continue
            return response, attempt

    def _stop_if_unreachable(self) -> None:
        if self._unreachable is not None:
            raise NetworkError(self._unreachable, hint=UNREACHABLE_HINT)

    def _give_up_on_first_contact(self, exc: httpx.TransportError, reason: str) -> str | None:
        """Before the API has ever answered, a connection that cannot even be opened (host
        not found, refused, no answer to connect) is a wrong address or no network: after
        ``FIRST_CONTACT_ATTEMPTS`` such failures, counted over all requests, the API is
        unreachable for the rest of the run and every request fails at once. Returns the
        message when that point is reached. Once the API has answered, the usual retries
        apply (a blip in the middle of an import deserves them)."""
        if not isinstance(exc, _CANNOT_CONNECT):
            return None
        with self._lock:
            if self._answered:
                return None
            self._connect_failures += 1
            if self._connect_failures >= FIRST_CONTACT_ATTEMPTS and self._unreachable is None:
                self._unreachable = (
                    f"could not reach the API at {self.settings.base_url} ({reason}) "
                    f"after {self._connect_failures} tries"
                )
            return self._unreachable

    def _back_off(self, attempt: int, retry_after: str | None = None) -> None:
        delay = self._retry.backoff(attempt)
        asked = wire.header_float({"v": retry_after} if retry_after else {}, "v")
        if asked is not None:  # a 503 may say when to come back; bounded like the backoff
            delay = max(delay, min(asked, self._retry.max_delay))
        with self._lock:
            self._retries += 1
            self._backoff_waited += delay
        self._sleep(delay)

    def _json(self, response: httpx.Response, method: str, path: str) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise wrong_address(
                self.settings.base_url, f"{method} {path} answered with something not JSON"
            ) from None

    def _parse(self, parse: Callable[[Any], R], payload: Any, path: str) -> R:
        try:
            return parse(payload)
        except ValueError as exc:
            raise ApiError(
                f"the API's answer for {path} has an unexpected shape: {exc}",
                hint="Check that KANBERT_API_URL / --api-url points at the Kanbert API.",
            ) from None

    def _redact(self, text: str) -> str:
        token = self.settings.token
        return text.replace(token, REDACTED) if token and text else text
