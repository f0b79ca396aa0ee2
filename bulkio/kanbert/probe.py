"""What bulkio assumes about the Kanbert API, checked against the API itself.

``docs/kanbert-api.md`` lists what Kanbert documents and what bulkio assumes; every
assumption lives in ``wire``. ``probe`` asks the API cheap questions and compares each
answer with one assumption, ending in a ``Finding``: confirmed, contradicted (with what the
API said) or unknown (and why), and the ``wire`` names that hold the assumption, the one
place to change when the API differs.

Read-only, it changes nothing: lists and look-ups, a page one record too large, filters
(with the most values bulkio puts in one ``in`` filter), a filter on a field no API has, an
id no record has, a request with a wrong token. With ``write=True`` it writes too: first to
an id no record has (the scope check, which changes nothing), then one company and one
contact named ``bulkio probe -- safe to delete``, linked, changed, unlinked, archived,
restored and archived again. Whatever it created is archived at the end, even when a check
fails on the way; what cannot be is named in ``ProbeResult.left_over``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bulkio.core.errors import ApiError, BulkioError
from bulkio.kanbert import wire
from bulkio.kanbert.answers import Answer, ask
from bulkio.kanbert.client import KanbertClient
from bulkio.kanbert.outcomes import UnknownOutcome
from bulkio.kanbert.scopes import Access, Scope, write_access

PROBE_NAME = "bulkio probe -- safe to delete"
PROBE_ORIGIN = "bulkio probe"
NO_SUCH_FIELD = "bulkio_probe_no_such_field"
WRONG_TOKEN = "bulkio-probe-not-a-token"


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """One assumption and what the API's answers say about it."""

    assumption: str  # what bulkio assumes, in a few words
    verdict: Verdict
    said: str  # what the API answered, or why it cannot tell
    where: str  # the ``wire`` names holding the assumption: the place to change


@dataclass(frozen=True)
class ProbeResult:
    findings: list[Finding]
    write_scope: Scope | None  # None when no write was asked for
    left_over: list[str]  # what the probe created and could not archive


# --- the probe -------------------------------------------------------------------------------

# The assumptions only writing can check, for the findings when the token may not write.
WRITE_ASSUMPTIONS: tuple[tuple[str, str], ...] = (
    ("POST creates a record and answers 201 with the bare record", "wire.list_path"),
    (
        "references are written by id (address_invoice_country_id and the like)",
        "wire.ID_FIELDS, wire.write_body",
    ),
    ("the external_id filter finds a record just created", "wire.list_params"),
    ("PATCH /{resource}/{id} changes only the keys sent and answers 200", "wire.record_path"),
    (
        'a refused write answers 422 {"message", "errors"}; a taken external_id on external_id',
        "wire.parse_error_body",
    ),
    (
        'PUT /contacts/{id}/companies/{company_id} {"position"} links or moves (200); '
        "DELETE unlinks (204)",
        "wire.link_path, wire.link_body",
    ),
    (
        "DELETE /{resource}/{id} archives (204, deleted_at set); POST .../restore brings "
        "it back (200)",
        "wire.record_path, wire.restore_path",
    ),
)


def probe(client: KanbertClient, *, write: bool = False) -> ProbeResult:
    """Check every assumption that can be checked read-only, and with ``write`` the rest
    (see the module docstring). Raises ``AuthError`` when the token is refused."""
    run = _Probe(client)
    run.read_checks()
    scope = run.write_checks() if write else None
    return ProbeResult(run.findings, scope, run.left_over)


@dataclass
class _Probe:
    client: KanbertClient
    findings: list[Finding] = field(default_factory=list)
    refusals: list[Answer] = field(default_factory=list)  # 422s seen, for their shape
    keys: dict[str, set[str]] = field(default_factory=dict)  # resource -> external ids made
    made: set[tuple[str, str]] = field(default_factory=set)  # (resource, id) to archive
    left_over: list[str] = field(default_factory=list)

    def ask(self, method: str, path: str, **options: Any) -> Answer:
        return ask(self.client, method, path, **options)

    def listing(self, resource: str, filters: Sequence[wire.Filter] = (), **options: Any) -> Answer:
        params = wire.list_params(filters=filters, **options)
        return self.ask("GET", wire.list_path(resource), params=params)

    def judged(self, assumption: str, ok: bool, said: str | list[str], where: str) -> None:
        text = "; ".join(said) if isinstance(said, list) else said
        verdict = Verdict.CONFIRMED if ok else Verdict.CONTRADICTED
        self.findings.append(Finding(assumption, verdict, text, where))

    def unknown(self, assumption: str, why: str, where: str) -> None:
        self.findings.append(Finding(assumption, Verdict.UNKNOWN, why, where))

    # --- read-only -------------------------------------------------------------------------

    def read_checks(self) -> None:
        whoami = self.ask("GET", wire.WHOAMI_PATH)
        if whoami.status != 200:
            raise self.client.error_of(whoami.response, "GET", wire.WHOAMI_PATH)
        self.rate_headers(whoami)
        contacts = self.page_size()
        self.lookups()
        self.single_record(contacts)
        companies = self.listing(wire.COMPANIES, page_size=10).page()
        self.filters(wire.CONTACTS, contacts, wire.EMAIL_FIELD, "wire.EMAIL_FIELD")
        self.filters(
            wire.COMPANIES,
            companies.records if companies else [],
            wire.COMPANY_NAME_FIELD,
            "wire.COMPANY_NAME_FIELD",
        )
        self.filter_case(wire.CONTACTS, contacts, wire.EMAIL_FIELD)
        self.filter_case(
            wire.COMPANIES, companies.records if companies else [], wire.COMPANY_NAME_FIELD
        )
        self.long_filters()
        self.errors()

    def rate_headers(self, answer: Answer) -> None:
        headers = answer.response.headers
        limit = wire.header_int(headers, wire.LIMIT_HEADER)
        remaining = wire.header_int(headers, wire.REMAINING_HEADER)
        names = (wire.LIMIT_HEADER, wire.REMAINING_HEADER)
        missing = [
            name for name, value in zip(names, (limit, remaining), strict=True) if value is None
        ]
        said = (
            f"{answer.asked} came without {' and '.join(missing)}: bulkio then does not pace"
            if missing
            else f"{answer.asked}: {wire.LIMIT_HEADER} {limit}, {wire.REMAINING_HEADER} {remaining}"
        )
        self.judged(
            f"every answer carries {wire.LIMIT_HEADER} and {wire.REMAINING_HEADER}",
            not missing,
            said,
            "wire.LIMIT_HEADER, wire.REMAINING_HEADER",
        )
        self.unknown(
            f"a 429 carries {wire.RETRY_AFTER_HEADER} (seconds) and {wire.RESET_HEADER} (unix "
            "time); the limit counts per minute",
            "only a 429 shows them, and the probe does not provoke one",
            "wire.RETRY_AFTER_HEADER, wire.RESET_HEADER, wire.RATE_WINDOW_SECONDS",
        )

    def page_size(self) -> list[dict[str, Any]]:
        """A page of PAGE_SIZE_MAX records is served, one more is refused; returns the
        contacts of that page for the checks that need records."""
        largest = wire.PAGE_SIZE_MAX
        full = self.listing(wire.CONTACTS, page_size=largest)
        path = wire.list_path(wire.CONTACTS)
        beyond = self.ask("GET", path, params=[(wire.PAGE_SIZE_PARAM, str(largest + 1))])
        page = full.page()
        if beyond.status == 422:
            self.refusals.append(beyond)
        self.judged(
            f"lists answer pages of up to {largest} records; more answers 422",
            page is not None and beyond.status == 422,
            [full.said() + ("" if page else ", not a list page"), beyond.said()],
            "wire.PAGE_SIZE_MAX, wire.parse_page",
        )
        return page.records if page is not None else []

    def lookups(self) -> None:
        wrong: list[str] = []
        for resource in sorted(wire.LOOKUP_RESOURCES):
            answer = self.listing(resource, page_size=1)
            if answer.page() is None:
                wrong.append(answer.said() + ("" if answer.status != 200 else ", not a list page"))
        listed = ", ".join(f"/{r}" for r in sorted(wire.LOOKUP_RESOURCES))
        self.judged(
            "the look-ups answer list pages",
            not wrong,
            wrong or f"{listed}: each answered a list page",
            "wire.LOOKUP_RESOURCES",
        )

    def single_record(self, contacts: list[dict[str, Any]]) -> None:
        assumption = "GET /{resource}/{id} answers the bare record"
        where = "wire.record_path, wire.parse_record"
        known = next((str(c["id"]) for c in contacts if c.get("id")), None)
        if known is None:
            self.unknown(assumption, "no contact to read (--write creates one)", where)
            return
        answer = self.ask("GET", wire.record_path(wire.CONTACTS, known))
        record = answer.record()
        ok = answer.status == 200 and record is not None and str(record["id"]) == known
        self.judged(assumption, ok, answer.said() + ("" if ok else ", not the record"), where)

    def filters(
        self, resource: str, records: list[dict[str, Any]], fallback: str, fallback_where: str
    ) -> None:
        """``external_id``, the fallback key (e-mail, company name) and ``id`` take ``eq``
        and ``in``; with records at hand, the filters find exactly those."""
        keys = (
            ("external_id", "wire.list_params, wire.chunk_keys"),
            (fallback, fallback_where),
            (wire.ID_FIELD, "wire.ID_FIELD"),
        )
        for name, where in keys:
            values = list(dict.fromkeys(str(r[name]) for r in records if r.get(name)))[:3]
            asked = values or [_absent(name)]
            wrong = self.finds(resource, name, asked, check=bool(values))
            done = (
                "found exactly the records asked for"
                if values
                else "were accepted; what they find is unchecked "
                f"(no {name} values among the {resource} here)"
            )
            self.judged(
                f"{resource} can be filtered by {name} with eq and in",
                not wrong,
                wrong or f"eq and in {done}",
                where,
            )

    def finds(self, resource: str, name: str, values: list[str], *, check: bool) -> list[str]:
        """What is wrong with filtering ``resource`` by ``name`` eq the first value and in
        all of them (plus one no record has); with ``check``, whether exactly the records
        holding those values come back."""
        wrong: list[str] = []
        for op, value, wanted in (
            ("eq", values[0], {values[0]}),
            ("in", [*values, _absent(name)], set(values)),
        ):
            answer = self.listing(resource, [(name, op, value)], archived="with")
            page = answer.page()
            if page is None:
                wrong.append(answer.said())
            elif check and {str(r.get(name)) for r in page.records} != wanted:
                wrong.append(
                    f"{name} {op} {sorted(wanted)} found "
                    f"{sorted(str(r.get(name)) for r in page.records)}"
                )
        return wrong

    def filter_case(self, resource: str, records: list[dict[str, Any]], name: str) -> None:
        """Whether ``eq`` on ``name`` finds a value sent in another case: bulkio assumes not,
        and looks names and e-mails up in their usual spellings."""
        assumption = f"{resource} filtered by {name} find only values in the case sent"
        where = "wire.FILTERS_MATCH_CASE"
        value = next(
            (str(r[name]) for r in records if r.get(name) and str(r[name]).swapcase() != r[name]),
            None,
        )
        if value is None:
            self.unknown(assumption, f"no {name} with letters among the {resource} here", where)
            return
        other = value.swapcase()
        answer = self.listing(resource, [(name, "eq", other)], archived="with")
        page = answer.page()
        if page is None:
            self.judged(assumption, False, answer.said(), where)
            return
        found = [str(r.get(name)) for r in page.records]
        if value in found:
            said = (
                f"{name} eq {other!r} found {value!r}: filters ignore case, so the other "
                "spellings bulkio sends are not needed (they cost requests, nothing else)"
            )
        else:
            said = f"{name} eq {other!r} found {sorted(found) or 'nothing'}, not {value!r}"
        self.judged(assumption, value not in found, said, where)

    def long_filters(self) -> None:
        """The longest ``in`` filters bulkio sends: the most values, and the longest URL."""
        path = wire.list_path(wire.CONTACTS)
        empty = wire.list_params(archived="with", filters=[("external_id", "in", "")])
        room = wire.URL_LENGTH_BUDGET - len(self.client.settings.base_url) - len(path)
        budget = room - wire.query_length(empty)
        short = [_short_key(n) for n in range(wire.IN_VALUES_MAX)]
        long = [f"bulkio-probe-{n:06d}" for n in range(wire.IN_VALUES_MAX)]
        for keys, where in ((short, "wire.IN_VALUES_MAX"), (long, "wire.URL_LENGTH_BUDGET")):
            chunk = next(wire.chunk_keys(keys, budget=budget))
            answer = self.listing(wire.CONTACTS, [("external_id", "in", chunk)], archived="with")
            url = len(str(answer.response.request.url))
            said = f"GET /contacts with {len(chunk):,} external_id values answered {answer.status}"
            if answer.status >= 400 and answer.error.message:
                said += f": {answer.error.message}"
            self.judged(
                f"an in filter of {len(chunk):,} values, a URL of {url:,} characters, is accepted",
                answer.page() is not None,
                said,
                where,
            )

    def errors(self) -> None:
        """401, 404 and 400 answer ``{"message": ...}``; a 422 adds Laravel's ``errors``."""
        wrong_token = {"Authorization": f"Bearer {WRONG_TOKEN}"}
        expected = (
            (self.ask("GET", wire.WHOAMI_PATH, headers=wrong_token), 401),
            (self.ask("GET", wire.record_path(wire.CONTACTS, wire.NO_RECORD_ID)), 404),
            (self.listing(wire.CONTACTS, [(NO_SUCH_FIELD, "eq", "x")], page_size=1), 400),
        )
        wrong = [
            f"{answer.said()} (expected {status} with a message)"
            for answer, status in expected
            if answer.status != status or not answer.error.message
        ]
        wrong += [
            f"{answer.said()}, without 'errors' by field"
            for answer in self.refusals
            if not answer.error.field_errors
        ]
        shown = [answer.said() for answer, _ in expected] + [a.said() for a in self.refusals]
        self.judged(
            'errors answer {"message": ...}: 401 for a wrong token, 404 for an unknown id, '
            '400 for an unknown filter field; a 422 adds {"errors": {field: [...]}}',
            not wrong,
            wrong or shown,
            "wire.parse_error_body",
        )

    # --- writing ---------------------------------------------------------------------------

    def write_checks(self) -> Scope:
        scope = write_access(self.client)
        self.judged(
            "a write to an id no record has answers 404 with the write scope, 403 without",
            scope.access is not Access.UNKNOWN,
            scope.said,
            "wire.write_scope_probe, wire.NO_RECORD_ID",
        )
        if scope.access is not Access.YES:
            for assumption, where in WRITE_ASSUMPTIONS:
                self.unknown(assumption, f"the token may not write ({scope.said})", where)
            return scope
        try:
            self.write_round()
        except BulkioError as exc:
            self.clean_up()
            if self.left_over:
                raise type(exc)(
                    f"{exc.message}; the probe left in Kanbert: {', '.join(self.left_over)}",
                    hint=exc.hint,
                ) from None
            raise
        self.clean_up()
        return scope

    def create(self, resource: str, values: Mapping[str, Any]) -> Answer:
        """POST a record; whatever it creates is archived at the end."""
        key = values.get("external_id")
        if key:
            self.keys.setdefault(resource, set()).add(str(key))
        try:
            answer = self.ask("POST", wire.list_path(resource), body=wire.write_body(values))
        except UnknownOutcome as exc:  # it may have been created: clean_up looks by key
            raise ApiError(str(exc), hint="Run the probe again later.") from None
        record = answer.record()
        if record is not None:
            self.made.add((resource, str(record["id"])))
        return answer

    def write_round(self) -> None:
        marked = {"external_origin": PROBE_ORIGIN}
        country = self.first_id("countries")
        company_key, contact_key = (f"bulkio-probe-{uuid.uuid4().hex[:12]}" for _ in range(2))
        company_values = {"company_name": PROBE_NAME, "external_id": company_key, **marked}
        if country is not None:
            company_values["address_invoice_country"] = country
        contact_values = {
            "first_name": "bulkio probe",
            "last_name": "safe to delete",
            "external_id": contact_key,
            **marked,
        }
        made_company = self.create(wire.COMPANIES, company_values)
        made_contact = self.create(wire.CONTACTS, contact_values)
        company, contact = made_company.record(), made_contact.record()
        created = [a for a in (made_company, made_contact) if a.status != 201 or not a.record()]
        self.judged(
            WRITE_ASSUMPTIONS[0][0],
            not created,
            [f"{a.said()}" + ("" if a.status >= 400 else ", not the bare record") for a in created]
            or [made_company.said(), made_contact.said()],
            WRITE_ASSUMPTIONS[0][1],
        )
        if company is None or contact is None:
            for assumption, where in WRITE_ASSUMPTIONS[1:]:
                self.unknown(assumption, "the probe's records could not be created", where)
            return
        company_id, contact_id = str(company["id"]), str(contact["id"])
        self.reference_by_id(company, country)
        self.found_again(company_id, company_key)
        self.patch(company_id)
        self.refused_writes(company_key)
        self.link(contact_id, company_id)
        self.archive_and_restore(contact_id, contact_key)

    def first_id(self, resource: str) -> str | None:
        page = self.listing(resource, page_size=1).page()
        return (
            str(page.records[0]["id"])
            if page and page.records and page.records[0].get("id")
            else None
        )

    def reference_by_id(self, company: Mapping[str, Any], country: str | None) -> None:
        assumption, where = WRITE_ASSUMPTIONS[1]
        if country is None:
            self.unknown(assumption, "/countries lists no country to refer to", where)
            return
        held = company.get("address_invoice_country")
        held_id = str(held.get("id")) if isinstance(held, Mapping) else None
        self.judged(
            assumption,
            held_id == country,
            f"POST /companies with {wire.write_field_name('address_invoice_country')} {country} "
            f"answered address_invoice_country {held!r}",
            where,
        )

    def found_again(self, company_id: str, key: str) -> None:
        assumption, where = WRITE_ASSUMPTIONS[2]
        wrong: list[str] = []
        for op, value in (("eq", key), ("in", [key, "bulkio-probe-none"])):
            answer = self.listing(wire.COMPANIES, [("external_id", op, value)])
            page = answer.page()
            ids = [str(r.get("id")) for r in page.records] if page else None
            if ids != [company_id]:
                wrong.append(answer.said() + f" with {ids if ids is not None else 'no page'}")
        self.judged(
            assumption, not wrong, wrong or "eq and in found exactly the new company", where
        )

    def patch(self, company_id: str) -> None:
        assumption, where = WRITE_ASSUMPTIONS[3]
        path = wire.record_path(wire.COMPANIES, company_id)
        answer = self.ask(
            "PATCH", path, body=wire.write_body({"vendor_identifier": "bulkio-probe"})
        )
        record = answer.record() or {}
        kept = (
            record.get("company_name") == PROBE_NAME
            and record.get("external_origin") == PROBE_ORIGIN
        )
        changed = record.get("vendor_identifier") == "bulkio-probe"
        ok = answer.status == 200 and kept and changed
        said = [answer.said()]
        if answer.status == 200 and not kept:
            said.append("the fields not sent changed")
        if answer.status == 200 and not changed:
            said.append("vendor_identifier did not change")
        self.judged(assumption, ok, said, where)

    def refused_writes(self, company_key: str) -> None:
        assumption, where = WRITE_ASSUMPTIONS[4]
        taken = self.create(
            wire.COMPANIES, {"company_name": PROBE_NAME, "external_id": company_key}
        )
        bad_email = self.create(
            wire.CONTACTS, {"first_name": "bulkio probe", "email": "bulkio-probe(at)example.com"}
        )
        wrong = [
            f"{answer.said()} (expected 422 with errors on {name})"
            for answer, name in ((taken, "external_id"), (bad_email, "email"))
            if answer.status != 422 or name not in answer.error.field_errors
        ]
        self.judged(assumption, not wrong, wrong or [taken.said(), bad_email.said()], where)

    def link(self, contact_id: str, company_id: str) -> None:
        assumption, where = WRITE_ASSUMPTIONS[5]
        path = wire.link_path(contact_id, company_id)
        steps = [
            self.ask("PUT", path, body=wire.link_body("bulkio probe")),
            self.ask("PUT", path, body=wire.link_body("bulkio probe, moved")),
        ]
        linked = self.positions(contact_id)
        steps.append(self.ask("DELETE", path))
        unlinked = self.positions(contact_id)
        wrong = [
            a.said() for a, status in zip(steps, (200, 200, 204), strict=True) if a.status != status
        ]
        if linked != {company_id: "bulkio probe, moved"}:
            wrong.append(f"after both PUTs the contact's companies were {linked}")
        if unlinked != {}:
            wrong.append(f"after the DELETE the contact's companies were {unlinked}")
        self.judged(assumption, not wrong, wrong or [a.said() for a in steps], where)

    def positions(self, contact_id: str) -> dict[str, str] | None:
        include = [("include", wire.LINKED[wire.CONTACTS])]
        answer = self.ask("GET", wire.record_path(wire.CONTACTS, contact_id), params=include)
        record = answer.record()
        return wire.linked_positions(record) if record is not None else None

    def archive_and_restore(self, contact_id: str, key: str) -> None:
        assumption, where = WRITE_ASSUMPTIONS[6]
        path = wire.record_path(wire.CONTACTS, contact_id)
        archived = self.ask("DELETE", path)
        page = self.listing(wire.CONTACTS, [("external_id", "eq", key)], archived="only").page()
        held = page.records[0] if page and page.records else {}
        restored = self.ask("POST", wire.restore_path(wire.CONTACTS, contact_id))
        again = self.ask("DELETE", path)
        wrong = [
            a.said()
            for a, status in ((archived, 204), (restored, 200), (again, 204))
            if a.status != status
        ]
        if not wire.is_archived(held):
            wrong.append("after the DELETE the contact had no deleted_at")
        if wire.is_archived(restored.record() or {"deleted_at": "?"}):
            wrong.append("the restored contact still had deleted_at")
        if again.status == 204:
            self.made.discard((wire.CONTACTS, contact_id))
        self.judged(
            assumption, not wrong, wrong or [archived.said(), restored.said(), again.said()], where
        )

    def clean_up(self) -> None:
        """Archive every record the probe made: those it knows by id and any other holding
        one of its external ids (a create whose answer never came)."""
        for resource, keys in self.keys.items():
            try:
                page = self.listing(resource, [("external_id", "in", sorted(keys))]).page()
            except (BulkioError, UnknownOutcome):
                continue
            for record in page.records if page else []:
                self.made.add((resource, str(record["id"])))
        for resource, record_id in sorted(self.made):
            try:
                answer = self.ask("DELETE", wire.record_path(resource, record_id))
            except (BulkioError, UnknownOutcome):
                answer = None
            if answer is None or answer.status not in (204, 404):
                self.left_over.append(f"{resource} {record_id}")
        self.made.clear()


def _absent(name: str) -> str:
    """A value of the field ``name`` that no record has: the nil id for ``id``."""
    return wire.NO_RECORD_ID if name == wire.ID_FIELD else f"bulkio-probe-{uuid.uuid4().hex[:8]}"


def _short_key(number: int) -> str:
    """``0``, ``1``, ... ``z``, ``10``: a number in base 36, the shortest distinct keys."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = digits[number % 36]
    while number >= 36:
        number //= 36
        text = digits[number % 36] + text
    return text
