"""Phone numbers to E.164 ("+493511234567"), national numbers read in the row's country.

A national number ("044 123 45 60") needs a country. Each row may name its own (the
validator passes the row's country: the record's address country, else the other record's
on the same row); rows that name none use the mapping's ``phone_region``. A number that is
no number of the row's country but is one of ``phone_region`` is read by ``phone_region``
with a warning naming both, never silently.

Damage spreadsheet programs do is named: a number shown as ``4.93E+10`` has lost its digits
(an error); a number stored as a number (``4930123456``, ``351123456.0``) has lost its
leading ``+`` or ``0``, is read as well as it can be and is a warning.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
import polars as pl
import pycountry

from bulkio.core.normalize.result import Converted, Normalized, by_distinct

_E164 = r"^\+[1-9]\d{6,14}$"
_SCIENTIFIC = r"^\d+(?:[.,]\d+)?[eE][+]?\d+$"  # 4.93E+10, 4,93E+10
_STORED_AS_NUMBER = r"^[1-9]\d{5,14}(?:\.0+)?$"  # no leading + or 0, perhaps a trailing .0
# left out of a number, as plain text (cheaper than a pattern); other spaces after them
_PUNCTUATION = [" ", "\t", "\n", "\x0b", "\x0c", "\r", "/", "-", "(", ")", "."]
_SHORTENED = (
    "is a number Excel shortened, so its digits are lost; format the column as text and "
    "type the number again"
)


@lru_cache(maxsize=256)
def _region_prefix(region: str) -> tuple[int, str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
    if meta is None:
        return 0, ""
    return int(meta.country_code or 0), str(meta.national_prefix or "")


def is_phone_region(code: str) -> bool:
    """Whether phone numbers know ``code`` as a country ("DE", "GB"; not "Germany")."""
    return _region_prefix(code)[0] != 0


@lru_cache(maxsize=256)
def country_name(code: str) -> str:
    """'CH' -> 'Switzerland', for messages; the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=code.upper())
    return str(getattr(country, "common_name", None) or country.name) if country else code


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _parse(value: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None


def _not_a_phone(value: str, region: str, where: str) -> str:
    return (
        f"'{value}' is not a phone number; write it like +49 351 1234567, or without the "
        f"country code for a number in {region}{where}"
    )


# A note after the number: "0171 1234567 mobil", "+49 30 1234567 (Büro)".
_NOTE = re.compile(r"^(?P<number>.*\d[\s.)]*?)\s*(?P<note>\([^\d()]*\)|[^\W\d_][^\d]*)$")
_LETTER = re.compile(r"[^\W\d_]")
_EXTENSION = re.compile(r"(?i)\s*\b(ext|x|extension|durchwahl|dw)\b\.?\s*\d+$")


def _convert(value: str, region: str, default: str) -> Converted:
    """One value read in ``region`` (the row's country, or ``default`` when the row names
    none): (E.164, problem, warning).

    Letters are never read as keypad digits: a note after the number ("mobil", "(Büro)")
    or an extension ("ext. 12", which E.164 cannot hold) is left out with a warning, and
    other letters make the value no phone number."""
    text = value.strip()
    extension = _EXTENSION.search(text)
    note = _NOTE.match(text)
    left_out = extension or (note if note is not None and _LETTER.search(note["note"]) else None)
    if left_out is not None:
        number = text[: left_out.start()] if left_out is extension else left_out["number"]
        what = "extension" if left_out is extension else "note"
        gone = text[len(number) :].strip()
        if sum(c.isdigit() for c in number) < 6:
            return None, _not_a_phone(value, region, ""), None
        found = _convert(number, region, default)
        if found[0] is None:
            return found
        dropped = f"the {what} '{gone}' after '{number.strip()}' was left out"
        return found[0], None, f"{found[2]}; {dropped}" if found[2] else dropped
    if _LETTER.search(text):
        return (
            None,
            f"'{value}' has letters in it, so it is not a phone number; write the number "
            "alone, like +49 351 1234567",
            None,
        )
    return _convert_number(value, region, default)


def _convert_number(value: str, region: str, default: str) -> Converted:
    if region != default and not is_phone_region(region):
        found = _convert(value, default, default)
        if found[0] is None or value.lstrip().startswith(("+", "00")):
            return found
        return (
            found[0],
            None,
            f"the row's country {region} has no phone numbers bulkio knows, so '{value}' was "
            f"read as a number in {default} (the mapping's phone_region): {found[0]}; write "
            "it with its country code if that is wrong",
        )
    number = _parse(value, region)
    if number is not None and phonenumbers.is_valid_number(number):
        return _e164(number), None, None
    possible = number is not None and phonenumbers.is_possible_number(number)
    other = _parse(value, default) if region != default else None
    if other is not None and phonenumbers.is_valid_number(other):
        row = _named(region, "the row's country")
        mapping = _named(default, "the mapping's phone_region")
        if possible:
            assert number is not None
            return (
                _e164(number),
                None,
                f"'{value}' was read as a number in {row}: {_e164(number)}, which is no valid "
                f"number there, while it is one in {mapping}: {_e164(other)}; write it with "
                "its country code",
            )
        return (
            _e164(other),
            None,
            f"'{value}' is no phone number in {row} but is one in {mapping}, so it was read "
            f"as {_e164(other)}; if that is wrong, write it with its country code",
        )
    if possible:
        assert number is not None
        return _e164(number), None, None
    where = f" ({country_name(region)}, the row's country)" if region != default else ""
    return None, _not_a_phone(value, region, where), None


def _named(code: str, what: str) -> str:
    """'Switzerland (CH, the row's country)'."""
    return f"{country_name(code)} ({code}, {what})"


def _with_plus(value: str) -> str:
    """A number stored as a number ("4930123456"): "+4930123456" when that is a valid
    number (the "+" was lost), else the digits as they are (the leading 0 was lost)."""
    number = _parse("+" + value, "ZZ")
    return "+" + value if number is not None and phonenumbers.is_valid_number(number) else value


def _may_end_in_zero(series: pl.Series) -> bool:
    """Whether any value may end in ".0" (a number stored as a number): else that pattern
    need not run."""
    return bool(series.str.contains(".", literal=True).any())


def normalize_phones(
    series: pl.Series, *, region: str = "DE", countries: pl.Series | None = None
) -> Normalized:
    """Phone numbers in any common shape -> E.164; a reformatted number is not a problem.

    ``region`` reads national numbers on rows whose ``countries`` value (an ISO code per
    row) is null; ``countries`` reads them on the others. Numbers in ``region`` take a fast
    path in polars for the common shapes ("0351 1234567", "+49 (0)351/123 45 67", "0049 351
    1234567"); the rest go through phonenumbers once per distinct (country, value) pair.
    """
    region = region.upper()
    code, trunk = _region_prefix(region)
    # each step is kept as a column, so that no pattern runs twice on a value
    text = pl.col("v").str.strip_chars()
    country = pl.lit(None, pl.String) if countries is None else countries.str.to_uppercase()
    frame = (
        pl.DataFrame({"v": series})
        .with_columns(text.alias("t"), pl.coalesce(country, pl.lit(region)).alias("r"))
        .with_columns(
            pl.col("t").str.contains(_STORED_AS_NUMBER).alias("stored"),
            pl.col("t").str.contains(_SCIENTIFIC).fill_null(False).alias("shortened"),
        )
        .with_columns(
            pl.when(pl.col("stored"))
            .then(pl.col("t").str.replace(r"\.0+$", ""))
            .otherwise(pl.col("t"))
            .alias("p")
            if _may_end_in_zero(series)
            else pl.col("t").alias("p"),
            pl.col("stored").fill_null(False),
        )
        .with_columns(
            pl.col("p")
            .str.replace_all("(0)", "", literal=True)
            .str.replace_many(_PUNCTUATION, [""] * len(_PUNCTUATION))
            .alias("c")
        )
    )
    if frame["c"].str.contains(r"\s").any():  # a space other than ASCII's, rare
        frame = frame.with_columns(pl.col("c").str.replace_all(r"\s", ""))
    frame = frame.with_columns(
        pl.when(pl.col("c").str.starts_with("00"))
        .then(pl.lit("+") + pl.col("c").str.slice(2))
        .otherwise(pl.col("c"))
        .alias("c")
    )
    own = pl.col("r") == region
    well_formed = pl.col("c").str.contains(_E164)
    if code:  # "+49 0351 ..." carries a stray trunk zero: let phonenumbers drop it
        well_formed = well_formed & ~pl.col("c").str.starts_with(f"+{code}0")
    fast = pl.when(well_formed).then(pl.col("c"))
    if code and trunk:
        national = rf"^{trunk}[1-9]\d{{5,12}}$"
        fast_national = fast.when(own & pl.col("c").str.contains(national)).then(
            pl.lit(f"+{code}") + pl.col("c").str.slice(len(trunk))
        )
        frame = frame.with_columns(fast_national.otherwise(None).alias("f"))
    else:
        frame = frame.with_columns(fast.otherwise(None).alias("f"))
    slow = frame["f"].is_null() & frame["v"].is_not_null() & ~frame["shortened"]
    values = frame["f"]
    problems = pl.repeat(None, frame.height, dtype=pl.String, eager=True)
    if frame["shortened"].any():  # the message is written only when some row needs it
        problems = pl.select(
            pl.when(frame["shortened"]).then(pl.lit("'") + frame["v"] + pl.lit(f"' {_SHORTENED}"))
        ).to_series()
    warnings: pl.Series | None = None
    if slow.any():
        keys = frame.select(pl.when(slow).then(pl.col("p")).alias("p"), "r", "stored")

        def convert(value: str, row_region: str, stored: bool) -> Converted:
            return _convert(_with_plus(value) if stored else value, row_region, region)

        done = by_distinct(keys, convert)
        values = values.fill_null(done["value"])
        problems = problems.fill_null(done["problem"])
        warnings = done["warning"]
    # only where national numbers start with 0: a US number has no leading 0 to lose
    stored = frame["stored"]
    if stored.any():
        regions = frame["r"].unique().to_list()
        zero = frame["r"].replace_strict({r: _region_prefix(r)[1] == "0" for r in regions})
        stored = stored & values.is_not_null() & zero
    if stored.any():
        stored_warning = pl.select(
            pl.when(stored).then(
                pl.lit("'")
                + frame["v"]
                + pl.lit("' looks like a phone number stored as a number, which loses its ")
                + pl.lit("leading + or 0; it was read as ")
                + values
                + pl.lit(": check it, and format the column as text")
            )
        ).to_series()
        warnings = stored_warning if warnings is None else warnings.fill_null(stored_warning)
    name = series.name
    return Normalized(
        values.alias(name),
        problems.cast(pl.String).alias(name),
        None if warnings is None else warnings.alias(name),
    )
