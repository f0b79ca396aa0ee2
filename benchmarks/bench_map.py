"""Measure map + validate on N realistic German flat rows (25 columns).

    .venv/bin/python benchmarks/bench_map.py [N] [--batch ROWS] [--no-records]

Prints rows/s and peak RSS. Generating the rows is not counted.
"""

from __future__ import annotations

import argparse
import resource
import time

import polars as pl

from bulkio.core.entities import Role
from bulkio.core.issues import ROW_COLUMN
from bulkio.core.mapping import parse_mapping
from bulkio.core.validation import Validator

MAPPING = """
version: 1
origin: bench
input: {flat: {sheet: 0}}
defaults: {phone_region: DE, date_formats: ["%d.%m.%Y"]}
company:
  key: {external_id: Kundennr., match: name}
  fields:
    company_name: Firma
    address_invoice_street: {column: Straße, split_street: street}
    address_invoice_house: {column: Straße, split_street: house}
    address_invoice_zip: PLZ
    address_invoice_town: Ort
    address_invoice_country: Land
    phone: Zentrale
    homepage: Webseite
    iban: IBAN
    tax_uid: USt-IdNr.
    invoices_by_email: Rechnung per Mail
    tags: Kategorien
    business_field: Branche
contact:
  key: {external_id: Kontakt-ID, match: email}
  fields:
    gender: {column: Anrede, map: {Herr: male, Frau: female}, default: null}
    first_name: {column: Name, split_name: first}
    last_name: {column: Name, split_name: last}
    email: E-Mail
    telephone: Telefon
    mobile: Mobil
    birthday: Geburtstag
    position: Funktion
    address_country: Land
    custom_fields.newsletter: {column: Newsletter, type: boolean}
    owner: Betreuer
link:
  position: Position
"""

FIRST = ["Anna", "Max", "Eva", "Jonas", "Lea", "Paul", "Marie", "Felix", "Sophie", "Lukas"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"]
SYLLABLES = [
    "Ab",
    "Bau",
    "Ber",
    "Brun",
    "Dorn",
    "Eck",
    "Fal",
    "Fisch",
    "Gra",
    "Hal",
    "Hein",
    "Hof",
    "Jun",
    "Kel",
    "Klein",
    "Kra",
    "Lan",
    "Lind",
    "Mai",
    "Mül",
    "Neu",
    "Ot",
    "Pfei",
    "Rich",
    "Ro",
    "Sau",
    "Schmi",
    "Schu",
    "Sei",
    "Stein",
    "Tra",
    "Ul",
    "Vo",
    "Wag",
    "Web",
    "Wolf",
    "Zim",
    "mann",
    "ler",
    "ter",
]
STREETS = ["Hauptstr.", "Am Markt", "Bahnhofstraße", "Lindenweg", "Schillerplatz"]
TOWNS = ["Dresden", "Leipzig", "Berlin", "München", "Köln", "Hamburg"]
COUNTRIES = ["Deutschland", "DE", "Österreich", "Germany", "AT", "Schweiz"]
IBANS = ["DE89 3704 0044 0532 0130 00", "DE02120300000000202051", "AT611904300234573201"]
VATS = ["DE136695976", "ATU13585627", "DE 136 695 976"]
TAGS = ["VIP", "VIP, Partner", "Partner", "Lead"]


def _pick(pool: list[str], seed: int) -> pl.Expr:
    index = (pl.col("i").hash(seed) % len(pool)).cast(pl.Int64)
    return pl.lit(pl.Series(pool)).gather(index)


def make_rows(n: int) -> pl.DataFrame:
    companies = max(n // 10, 1)
    c = (pl.col("i") % companies).cast(pl.String)
    i = pl.col("i").cast(pl.String)
    frame = pl.DataFrame({"i": pl.int_range(0, n, eager=True)})
    return frame.select(
        (pl.col("i") + 2).alias(ROW_COLUMN),
        (pl.lit("K-") + c).alias("Kundennr."),
        (pl.lit("Firma ") + c + pl.lit(" GmbH")).alias("Firma"),
        (pl.lit("Hauptstr. ") + (pl.col("i") % companies % 200 + 1).cast(pl.String)).alias(
            "Straße"
        ),
        (pl.lit("01") + (pl.col("i") % companies % 900 + 100).cast(pl.String)).alias("PLZ"),
        pl.lit("Dresden").alias("Ort"),
        pl.lit("Deutschland").alias("Land"),
        (pl.lit("0351 ") + (pl.col("i") % companies + 100000).cast(pl.String)).alias("Zentrale"),
        (pl.lit("www.firma") + c + pl.lit(".de")).alias("Webseite"),
        pl.lit("DE89 3704 0044 0532 0130 00").alias("IBAN"),
        pl.lit("DE136695976").alias("USt-IdNr."),
        pl.lit("ja").alias("Rechnung per Mail"),
        pl.lit("VIP, Partner").alias("Kategorien"),
        pl.lit("IT services").alias("Branche"),
        (pl.lit("C-") + i).alias("Kontakt-ID"),
        _pick(["Herr", "Frau"] * 25 + ["Dr."], 1).alias("Anrede"),
        (
            _pick(FIRST, 2)
            + pl.lit(" ")
            + _pick(SYLLABLES, 3)
            + _pick(SYLLABLES, 7).str.to_lowercase()
            + _pick(SYLLABLES, 8).str.to_lowercase()
        ).alias("Name"),
        (pl.lit("person") + i + pl.lit("@Firma") + c + pl.lit(".de")).alias("E-Mail"),
        (pl.lit("+49 (0)351/") + (pl.col("i") + 1000000).cast(pl.String)).alias("Telefon"),
        (pl.lit("0171 ") + (pl.col("i") + 1000000).cast(pl.String)).alias("Mobil"),
        (
            (pl.col("i") % 28 + 1).cast(pl.String).str.zfill(2)
            + pl.lit(".")
            + (pl.col("i") % 12 + 1).cast(pl.String).str.zfill(2)
            + pl.lit(".19")
            + (pl.col("i") % 50 + 50).cast(pl.String)
        ).alias("Geburtstag"),
        _pick(["Vertrieb", "Einkauf", "Geschäftsführung"], 4).alias("Funktion"),
        _pick(["ja", "nein", "x", ""], 5).alias("Newsletter"),
        pl.lit("sandra.box@example.com").alias("Betreuer"),
        _pick(["CEO", "CTO", "Einkauf"], 6).alias("Position"),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int, nargs="?", default=200_000)
    parser.add_argument("--batch", type=int, default=100_000)
    parser.add_argument("--no-records", action="store_true")
    args = parser.parse_args()
    mapping = parse_mapping(MAPPING)
    frame = make_rows(args.rows)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{frame.height:,} rows x {frame.width - 1} columns generated ({before:,.0f} MB RSS)")
    start = time.perf_counter()
    validator = Validator(mapping, keep_records=not args.no_records)
    for offset in range(0, frame.height, args.batch):
        validator.add(Role.FLAT, frame.slice(offset, args.batch), sheet="Tabelle1")
    result = validator.finish()
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"map + validate: {seconds:.2f} s, {frame.height / seconds:,.0f} rows/s, "
        f"peak RSS {rss:,.0f} MB"
    )
    print(
        f"companies {len(result.companies):,}, contacts {len(result.contacts):,}, "
        f"links {len(result.links):,}, issues {len(result.issues):,} "
        f"(invalid rows {result.rows_invalid:,})"
    )


if __name__ == "__main__":
    main()
