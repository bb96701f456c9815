"""Numbers in words and the comparisons, checked against FACTS.md row by row."""

import pytest

from mrdinfo.explainer import numbers


@pytest.mark.parametrize(
    ("exponent", "words", "digits"),
    [
        (12, "a million million", "1,000,000,000,000"),
        (11, "a hundred thousand million", "100,000,000,000"),
        (10, "ten thousand million", "10,000,000,000"),
        (9, "a thousand million", "1,000,000,000"),
        (8, "a hundred million", "100,000,000"),
        (7, "ten million", "10,000,000"),
        (6, "a million", "1,000,000"),
        (5, "a hundred thousand", "100,000"),
        (4, "ten thousand", "10,000"),
        (3, "a thousand", "1,000"),
        (2, "a hundred", "100"),
        (1, "ten", "10"),
        (0, "one", "1"),
        (18, "a million million million", "1,000,000,000,000,000,000"),
    ],
)
def test_powers_of_ten_in_words_and_digits_uk_style(exponent, words, digits):
    assert numbers.power_words(exponent) == words
    assert numbers.power_digits(exponent) == digits


def test_plural_words_for_a_range_within_one_step():
    # FACTS.md: remission is 10^9 to 10^10, "say 'up to thousands of millions'".
    assert numbers.power_words_plural(9) == "thousands of millions"
    assert numbers.power_words_plural(6) == "millions"
    assert numbers.power_words_plural(4) == "tens of thousands"
    assert numbers.power_words_plural(12) == "millions of millions"
    assert numbers.power_words_plural(10) == "tens of thousands of millions"


def test_shares_of_the_sample():
    assert numbers.one_in(-2) == "1 in 100"
    assert numbers.one_in(-6) == "1 in 1,000,000"
    assert numbers.share_range(-5, -4) == "1 in 10,000 to 1 in 100,000"
    assert numbers.share_range(-4, -4) == "1 in 10,000"
    assert numbers.superscript_power(12) == "10¹²"


@pytest.mark.parametrize("bad", [-1, 19, 1.5, "12", None, True])
def test_impossible_powers_are_refused(bad):
    with pytest.raises(ValueError):
        numbers.power_words(bad)


# FACTS.md, "Comparisons that are numerically right": every row, every column.
FACTS_TABLE = [
    (12, "about 31,700 years", "about 120 times everyone on Earth", "1 million km"),
    (10, "about 317 years", "about everyone on Earth", "10,000 km"),
    (9, "about 32 years", "about 1 in 8 people on Earth", "1,000 km"),
    (6, "about 11.5 days", "a city of a million people", "1 km"),
    (5, "about 28 hours", "about a full football stadium (90,000 people)", "100 m"),
]


@pytest.mark.parametrize(("exponent", "counting", "people", "dots"), FACTS_TABLE)
def test_comparisons_match_the_fact_sheet(exponent, counting, people, dots):
    assert numbers.counting_time(exponent) == counting
    assert numbers.people(exponent) == people
    assert numbers.dot_line(exponent).startswith(dots)
    assert numbers.comparisons(exponent) == {"counting": counting, "people": people, "dots": numbers.dot_line(exponent)}


def test_a_line_of_a_million_million_dots_is_2_6_times_the_way_to_the_moon():
    assert numbers.dot_line(12) == "1 million km, about 2.6 times as far as from the Earth to the Moon"
    # Shorter lines are not compared with the Moon at all.
    assert "Moon" not in numbers.dot_line(10)


def test_the_arithmetic_behind_the_rounding():
    # Worked by hand: 10^12 s / 31,557,600 s a year = 31,688 years; 10^9 s = 31.69 years;
    # 10^5 s = 27.8 hours; 10^6 s = 11.57 days, which FACTS.md gives to the half day.
    assert pytest.approx(31_688, abs=1) == 10**12 / numbers.SECONDS_PER_YEAR
    assert pytest.approx(31.69, abs=0.01) == 10**9 / numbers.SECONDS_PER_YEAR
    assert pytest.approx(27.78, abs=0.01) == 10**5 / numbers.SECONDS_PER_HOUR
    assert pytest.approx(122, abs=1) == 10**12 / numbers.WORLD_POPULATION
    assert pytest.approx(8.2) == numbers.WORLD_POPULATION / 10**9


def test_other_powers_read_sensibly():
    assert numbers.counting_time(0) == "1 second"
    assert numbers.counting_time(3) == "about 17 minutes"
    assert numbers.counting_time(4) == "about 3 hours"
    assert numbers.counting_time(7) == "about 116 days"
    assert numbers.counting_time(11) == "about 3,170 years"
    assert numbers.people(11) == "about 12 times everyone on Earth"
    assert numbers.people(8) == "about 1 in 82 people on Earth"
    assert numbers.people(7) == "ten cities of a million people"
    assert numbers.people(4) == "ten thousand people"
    assert numbers.dot_line(3) == "1 m"
    assert numbers.dot_line(1) == "1 cm"
