"""Each normaliser on the values customers really send."""

from __future__ import annotations

import polars as pl
import pytest

from bulkio.core.normalize.bank import normalize_bics, normalize_ibans
from bulkio.core.normalize.booleans import normalize_booleans
from bulkio.core.normalize.country import normalize_countries
from bulkio.core.normalize.dates import normalize_dates
from bulkio.core.normalize.email import normalize_emails
from bulkio.core.normalize.gender import normalize_genders
from bulkio.core.normalize.locale import normalize_locales
from bulkio.core.normalize.names import name_first, name_last, name_title
from bulkio.core.normalize.numbers import normalize_integers
from bulkio.core.normalize.phone import normalize_phones
from bulkio.core.normalize.result import Normalized
from bulkio.core.normalize.street import street_house, street_name
from bulkio.core.normalize.url import normalize_urls
from bulkio.core.normalize.vat import normalize_vat_ids


def _s(*values: str | None) -> pl.Series:
    return pl.Series("x", list(values), dtype=pl.String)


def _one(result: Normalized) -> tuple[object, str | None]:
    return result.values[0], result.problems[0]


@pytest.mark.parametrize(
    "typed",
    [
        "0351 1234567",
        "+49 (0)351/123 45 67",
        "0049 351 1234567",
        "+49 351 1234567",
        "0351-1234567",
        "(0351) 1234567",
        "+493511234567",
        "+49 0351 1234567",
    ],
)
def test_phone_shapes_become_e164(typed: str) -> None:
    assert _one(normalize_phones(_s(typed), region="DE")) == ("+493511234567", None)


def test_phone_with_area_code_in_brackets_and_other_regions() -> None:
    assert _one(normalize_phones(_s("(030) 123456"), region="DE")) == ("+4930123456", None)
    result = normalize_phones(_s("+43 1 234567", "01 234567", "+49 30 123456"), region="AT")
    assert result.values.to_list() == ["+431234567", "+431234567", "+4930123456"]


def test_unparseable_phone_names_the_expected_shape() -> None:
    value, problem = _one(normalize_phones(_s("12ab"), region="DE"))
    assert value is None
    assert problem is not None and "'12ab' is not a phone number" in problem
    assert "+49 351 1234567" in problem


def test_phones_read_the_same_in_a_column_with_or_without_a_number_stored_as_one() -> None:
    # a column with no "." skips the pattern for "351123456.0"
    typed = ["0351 1234567", "+49 (0)351/123 45 67", "4930123456", None]
    alone = normalize_phones(_s(*typed))
    beside = normalize_phones(_s(*typed, "351123456.0"))
    assert alone.values.to_list() == beside.values.to_list()[:4]
    assert alone.values.to_list() == ["+493511234567", "+493511234567", "+4930123456", None]
    assert beside.values[4] == "+49351123456"
    assert alone.warnings is not None and beside.warnings is not None
    assert alone.warnings.to_list() == beside.warnings.to_list()[:4]


def test_phone_punctuation_and_any_space_are_left_out() -> None:
    typed = ["0351/123-45.67", "0351\t(123) 4567", "0351\u00a0123\u2009 4567", "0049 351 1234567"]
    result = normalize_phones(_s(*typed), region="DE")
    assert result.values.to_list() == ["+493511234567"] * 4
    assert result.problems.to_list() == [None] * 4


def test_phone_messages_read_the_same_in_a_column_with_or_without_damaged_numbers() -> None:
    # a column where no number lost digits or its leading 0 writes no message at all
    typed = ["0351 1234567", "12ab", None]
    alone = normalize_phones(_s(*typed))
    beside = normalize_phones(_s(*typed, "4.93E+10", "351123456"))
    assert alone.problems.to_list() == beside.problems.to_list()[:3]
    assert alone.problems.dtype == pl.String and alone.problems[0] is None
    assert beside.problems[3] is not None and "'4.93E+10' is a number Excel" in beside.problems[3]
    assert alone.warnings is None or alone.warnings.null_count() == 3
    assert beside.warnings is not None and "stored as a number" in str(beside.warnings[4])


def test_empty_phone_is_no_problem() -> None:
    assert _one(normalize_phones(_s(None), region="DE")) == (None, None)


def test_email_domain_lower_cased_and_syntax_checked() -> None:
    result = normalize_emails(
        _s(" Anna.Mueller@Firma.DE ", "anna(at)x.de", "a@b", "jörg@müller.de")
    )
    assert result.values.to_list() == ["Anna.Mueller@firma.de", None, None, "jörg@müller.de"]
    assert result.problems[1] == (
        "'anna(at)x.de' is not an e-mail address; write it like name@example.com"
    )
    assert result.problems[2] is not None


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Österreich", "AT"),
        ("oesterreich", "AT"),
        ("Austria", "AT"),
        ("AUT", "AT"),
        ("at", "AT"),
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("Schweiz", "CH"),
        ("Vereinigtes Königreich", "GB"),
        ("USA", "US"),
        ("Niederlande", "NL"),
        ("Frankreich", "FR"),
    ],
)
def test_countries_from_names_and_codes(typed: str, code: str) -> None:
    assert _one(normalize_countries(_s(typed))) == (code, None)


def test_unknown_country_is_a_problem() -> None:
    value, problem = _one(normalize_countries(_s("Narnia")))
    assert value is None and problem is not None and "Deutschland" in problem


def test_iban_checksum() -> None:
    result = normalize_ibans(_s("DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 01"))
    assert result.values[0] == "DE89370400440532013000"
    assert result.values[1] is None
    assert result.problems[1] is not None and "not a valid IBAN" in result.problems[1]


def test_bic() -> None:
    result = normalize_bics(_s("cobadeffxxx", "COBA DE FF", "COBADE"))
    assert result.values.to_list() == ["COBADEFFXXX", "COBADEFF", None]
    assert result.problems[2] is not None


def test_vat_checksum() -> None:
    result = normalize_vat_ids(_s("DE 136 695 976", "DE136695977"))
    assert result.values[0] == "DE136695976"
    assert result.problems[1] is not None and "VAT ID" in result.problems[1]


def test_urls_get_https_and_a_host_check() -> None:
    result = normalize_urls(_s("www.muster.de", "http://muster.de/kontakt", "muster"))
    assert result.values.to_list() == ["https://www.muster.de", "http://muster.de/kontakt", None]
    assert result.problems[2] is not None


def test_dates_follow_the_mapping_day_first() -> None:
    result = normalize_dates(_s("01.02.2023", "1.2.2023", "2023-02-01"), formats=["%d.%m.%Y"])
    assert result.values.to_list() == ["2023-02-01"] * 3


def test_dates_follow_the_mapping_month_first() -> None:
    result = normalize_dates(_s("02/01/2023", "01.02.2023"), formats=["%m/%d/%Y"])
    assert result.values.to_list() == ["2023-02-01", None]
    assert result.problems[1] is not None and "MM/DD/YYYY" in result.problems[1]


def test_two_digit_years_are_not_year_81() -> None:
    result = normalize_dates(_s("1.2.81"), formats=["%d.%m.%Y", "%d.%m.%y"])
    assert result.values[0] == "1981-02-01"


def test_excel_serials_only_when_allowed() -> None:
    allowed = normalize_dates(_s("44927", "44927.0"), formats=[], excel_serial=True)
    assert allowed.values.to_list() == ["2023-01-01", "2023-01-01"]
    refused = normalize_dates(_s("44927"), formats=["%d.%m.%Y"])
    assert refused.values[0] is None
    assert refused.problems[0] is not None and "Excel date numbers are off" in refused.problems[0]


def test_impossible_date() -> None:
    result = normalize_dates(_s("31.02.2023"), formats=["%d.%m.%Y"])
    assert result.values[0] is None
    assert result.problems[0] is not None and "DD.MM.YYYY (e.g. 31.12.1980)" in result.problems[0]


def test_booleans_in_german_and_english() -> None:
    result = normalize_booleans(
        _s("ja", "Nein", "WAHR", "falsch", "x", "1", "0", "yes", "no", "true", "False", None)
    )
    assert result.values.to_list() == [
        True,
        False,
        True,
        False,
        True,
        True,
        False,
        True,
        False,
        True,
        False,
        None,
    ]
    assert result.problems.null_count() == 12


def test_unknown_boolean_word() -> None:
    value, problem = _one(normalize_booleans(_s("vielleicht")))
    assert value is None and problem is not None and "ja/nein" in problem


def test_genders_from_salutations() -> None:
    result = normalize_genders(_s("Herr", "Frau", "m", "w", "divers", "Firma"))
    assert result.values.to_list() == ["male", "female", "male", "female", "diverse", None]
    assert result.problems[5] is not None and "map:" in result.problems[5]


def test_locales() -> None:
    result = normalize_locales(_s("de", "de-DE", "Deutsch", "English", "klingonisch"))
    assert result.values.to_list() == ["de", "de_DE", "de", "en", None]


def test_integers_keep_excel_floats_whole() -> None:
    result = normalize_integers(_s("42", " 7 ", "12.0", "4,2"))
    assert result.values.to_list() == [42, 7, 12, None]
    assert result.problems[3] is not None


@pytest.mark.parametrize(
    ("full", "title", "first", "last"),
    [
        ("Müller, Anna", None, "Anna", "Müller"),
        ("Dr. Anna Müller", "Dr.", "Anna", "Müller"),
        ("Anna Maria von Müller", None, "Anna Maria", "von Müller"),
        ("Herr Prof. Dr. Max Mustermann", "Prof. Dr.", "Max", "Mustermann"),
        ("Hans von der Heide", None, "Hans", "von der Heide"),
        ("  Anna   Müller ", None, "Anna", "Müller"),
        ("Cher", None, None, "Cher"),
    ],
)
def test_full_names_split(
    full: str, title: str | None, first: str | None, last: str | None
) -> None:
    frame = pl.DataFrame({"n": [full]}).select(
        name_title(pl.col("n")).alias("t"),
        name_first(pl.col("n")).alias("f"),
        name_last(pl.col("n")).alias("l"),
    )
    assert frame.row(0) == (title, first, last)


def test_plain_names_split_the_same_beside_names_with_a_comma_or_particle() -> None:
    # a column of plain names skips the pattern for "Müller, Anna" and "von Müller"
    plain = ["Anna Müller", "Dr. Max Weber", "Cher", None, "Herr Paul  Becker"]
    alone = pl.DataFrame({"n": plain})
    mixed = pl.DataFrame({"n": [*plain, "Müller, Eva", "Hans von der Heide"]})
    split = [name_first(pl.col("n")).alias("f"), name_last(pl.col("n")).alias("l")]
    assert alone.select(split).rows() == [
        ("Anna", "Müller"),
        ("Max", "Weber"),
        (None, "Cher"),
        (None, None),
        ("Paul", "Becker"),
    ]
    assert mixed.select(split).rows() == [
        *alone.select(split).rows(),
        ("Eva", "Müller"),
        ("Hans", "von der Heide"),
    ]


@pytest.mark.parametrize(
    ("line", "street", "house"),
    [
        ("Hauptstr. 12a", "Hauptstr.", "12a"),
        ("Am Markt 3-5", "Am Markt", "3-5"),
        ("12 Main Street", "Main Street", "12"),
        ("Straße des 17. Juni 4", "Straße des 17. Juni", "4"),
        ("Hauptstr.12", "Hauptstr.", "12"),
        ("Lindenweg 7 b", "Lindenweg", "7 b"),
        ("Postfach", "Postfach", None),
    ],
)
def test_streets_split(line: str, street: str, house: str | None) -> None:
    frame = pl.DataFrame({"s": [line]}).select(
        street_name(pl.col("s")).alias("a"), street_house(pl.col("s")).alias("b")
    )
    assert frame.row(0) == (street, house)


def test_letters_in_a_phone_cell_are_never_read_as_keypad_digits() -> None:
    cells = ["0171-1234567 mobil", "+49 30 1234567 (Büro)", "030 1234567 ext. 12"]
    cells += ["0800 FLOWERS", "Tel 0351 1234567"]
    result = normalize_phones(pl.Series("Telefon", cells), region="DE")
    assert result.values.to_list() == [
        "+491711234567",
        "+49301234567",
        "+49301234567",
        None,
        None,
    ]
    assert result.warnings is not None
    warnings = result.warnings.to_list()
    assert "'mobil'" in warnings[0] and "'(Büro)'" in warnings[1] and "'ext. 12'" in warnings[2]
    problems = result.problems.to_list()
    assert problems[:3] == [None, None, None]
    assert "'0800 FLOWERS' is not a phone number" in problems[3]
    assert "has letters in it" in problems[4]
