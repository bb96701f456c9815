"""What people type: amounts, postcodes and names are read the way a person means them."""

from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from mrdinfo.giving.exports import house_name_or_number
from mrdinfo.giving.validation import clean_name, clean_postcode, format_pounds, parse_amount

MIN, MAX = Decimal("2"), Decimal("10000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25", "25.00"),
        ("25.5", "25.50"),
        ("£1,000.50", "1000.50"),
        (" £ 7 ", "7.00"),
        ("2", "2.00"),
        ("10000", "10000.00"),
    ],
)
def test_amounts_people_write_are_understood(text, expected):
    assert parse_amount(text, MIN, MAX) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "at least £2"),
        ("0", "at least £2"),
        ("1.99", "at least £2"),
        ("1e9", "like 25 or 25.50"),
        ("abc", "like 25 or 25.50"),
        ("10000.01", "£10,000 or less"),
        ("1,00", "like 25 or 25.50"),
        ("25.505", "like 25 or 25.50"),
        ("٢٥", "like 25 or 25.50"),  # Arabic-Indic digits: a payment provider would not take them
        ("NaN", "like 25 or 25.50"),
        ("", "Enter an amount"),
    ],
)
def test_bad_amounts_get_a_clear_message(text, message):
    with pytest.raises(ValidationError) as error:
        parse_amount(text, MIN, MAX)
    assert message in error.value.messages[0]


def test_pounds_are_written_as_people_write_them():
    assert format_pounds(Decimal("25.00")) == "£25"
    assert format_pounds(Decimal("1000.5")) == "£1,000.50"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("LS1 4AP", "LS1 4AP"),
        (" m1  1ae ", "M1 1AE"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_uk_postcodes_are_tidied(text, expected):
    assert clean_postcode(text) == expected


@pytest.mark.parametrize("text", ["12345", "ABC", "SW1A 1A", "Q1 1AA", "LS1 4AP LS1", "<script>"])
def test_bad_postcodes_are_refused(text):
    with pytest.raises(ValidationError, match="real UK postcode"):
        clean_postcode(text)


@pytest.mark.parametrize(
    "name", ["Siân", "O’Brien-Nguyễn", "Zoë", "محمد", "张伟", "Ольга", "श्रीनिवास", "Jean-Luc St. Clair"]
)
def test_names_in_any_script_are_accepted(name):
    assert clean_name(name, "first name") == name


@pytest.mark.parametrize("name", ["R2D2", "<b>", "a@b", "😀", "   ", "-", "x" * 36])
def test_names_that_are_not_names_are_refused(name):
    with pytest.raises(ValidationError):
        clean_name(name, "first name")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12 High Street", "12"),
        ("12a Mill Lane", "12a"),
        ("Rose Cottage, Mill Lane", "Rose Cottage"),
        ("Flat 3, 1 Main St", "Flat 3"),
    ],
)
def test_house_name_or_number_for_hmrc(line, expected):
    assert house_name_or_number(line) == expected
