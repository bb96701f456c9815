"""The result reader's parsing (results.py) and wording (reader.py): every form in issue 11's
"Bad input" list, and everything else refused without a guess."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mrdinfo.explainer import reader
from mrdinfo.explainer.results import (
    ABOVE,
    BELOW,
    INDETERMINATE,
    NONE_FOUND,
    POSITIVE,
    POSITIVE_NOT_QUANTIFIABLE,
    SHARE,
    Reading,
    read_result,
)

ONE_IN_10_000 = Fraction(1, 10_000)

# The list, each with what it must read as.
FORMS = [
    ("0.01%", Reading(SHARE, ONE_IN_10_000)),
    ("0,01 %", Reading(SHARE, ONE_IN_10_000)),
    ("<0.01%", Reading(BELOW, ONE_IN_10_000)),
    ("less than 0.01%", Reading(BELOW, ONE_IN_10_000)),
    ("1x10-4", Reading(SHARE, ONE_IN_10_000)),
    ("1 × 10⁻⁴", Reading(SHARE, ONE_IN_10_000)),
    ("1.5E-03", Reading(SHARE, Fraction(15, 10_000))),
    ("1e-4", Reading(SHARE, ONE_IN_10_000)),
    ("10^-4", Reading(SHARE, ONE_IN_10_000)),
    ("0.0001", Reading(SHARE, ONE_IN_10_000)),
    ("1 in 10,000", Reading(SHARE, ONE_IN_10_000)),
    ("1:10000", Reading(SHARE, ONE_IN_10_000)),
    ("negative", Reading(NONE_FOUND)),
    ("not detected", Reading(NONE_FOUND)),
    ("positive, not quantifiable", Reading(POSITIVE_NOT_QUANTIFIABLE)),
]

# Other ways the same results turn up on reports and in parents' typing.
MORE_FORMS = [
    ("1E-04", Reading(SHARE, ONE_IN_10_000)),
    ("1 x 10-4", Reading(SHARE, ONE_IN_10_000)),
    ("1×10^-4", Reading(SHARE, ONE_IN_10_000)),
    ("1 x 10^−4", Reading(SHARE, ONE_IN_10_000)),  # a real minus sign
    ("10⁻⁴", Reading(SHARE, ONE_IN_10_000)),
    ("  0.01 %  ", Reading(SHARE, ONE_IN_10_000)),
    ("< 0.01 %", Reading(BELOW, ONE_IN_10_000)),
    ("below 0.01%", Reading(BELOW, ONE_IN_10_000)),
    ("<1E-04", Reading(BELOW, ONE_IN_10_000)),
    ("less than 1 in 10,000", Reading(BELOW, ONE_IN_10_000)),
    ("> 0.1%", Reading(ABOVE, Fraction(1, 1000))),
    ("MRD 0.01%", Reading(SHARE, ONE_IN_10_000)),
    ("1 in 10000", Reading(SHARE, ONE_IN_10_000)),
    ("1/100,000", Reading(SHARE, Fraction(1, 100_000))),
    ("1,5E-03", Reading(SHARE, Fraction(15, 10_000))),
    ("0.001%", Reading(SHARE, Fraction(1, 100_000))),
    ("1%", Reading(SHARE, Fraction(1, 100))),
    ("1e-6", Reading(SHARE, Fraction(1, 1_000_000))),
    ("MRD negative", Reading(NONE_FOUND)),
    ("Not Detected", Reading(NONE_FOUND)),
    ("undetectable", Reading(NONE_FOUND)),
    ("Positive - not quantifiable", Reading(POSITIVE_NOT_QUANTIFIABLE)),
    ("positive below quantifiable range", Reading(POSITIVE_NOT_QUANTIFIABLE)),
    ("PNQ", Reading(POSITIVE_NOT_QUANTIFIABLE)),
    ("positive", Reading(POSITIVE)),
    ("Indeterminate", Reading(INDETERMINATE)),
]

BAD = [
    "",
    "   ",
    "abc",
    "-1",
    "200%",
    "100%",
    "0",
    "0%",
    "1",
    "10000",
    "10-4",  # ten minus four, or a power with its sign lost? Not guessed.
    "1e4",
    "1 in 0",
    "2 in 1",
    "1e-99",
    "0.01%%",
    "negative 0.01%",
    "probably fine",
    "x" * 10_000,
    "0.01% " + "a" * 10_000,
    None,
]


@pytest.mark.parametrize(("typed", "reading"), FORMS + MORE_FORMS)
def test_every_form_labs_write_is_read(typed, reading):
    assert read_result(typed) == reading


@pytest.mark.parametrize("typed", BAD)
def test_anything_else_is_not_read_and_nothing_is_guessed(typed):
    assert read_result(typed) is None


@given(st.text(max_size=200))
def test_any_text_at_all_gives_a_reading_or_none_and_never_raises(typed):
    reading = read_result(typed)
    assert reading is None or isinstance(reading, Reading)
    if reading is not None and reading.share is not None:
        assert 0 < reading.share < 1


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=8))
def test_the_same_share_reads_the_same_in_every_notation(mantissa, power):
    share = Fraction(mantissa, 10**power)
    percent = share * 100
    percent_text = f"{float(percent):.{max(power - 2, 0)}f}"
    for typed in (f"{percent_text}%", f"{mantissa}E-{power:02d}", f"{mantissa} x 10-{power}", f"{mantissa}e-{power}"):
        assert read_result(typed) == Reading(SHARE, share), typed


METHODS = [
    ("Microscope", -2, -2, "1 in 100"),
    ("MRD test by PCR", -5, -4, "1 in 10,000 to 1 in 100,000"),
    ("Newer tests", -6, -6, "1 in 1,000,000"),
]


@pytest.mark.parametrize(
    ("typed", "headline"),
    [
        ("1E-04", "1 in 10,000 cells of the sample"),
        ("0.01%", "1 in 10,000 cells of the sample"),
        ("<0.01%", "Fewer than 1 in 10,000 cells of the sample"),
        ("1.5E-03", "1.5 in 1,000 (about 1 in 670) cells of the sample"),
        ("0.001%", "1 in 100,000 cells of the sample"),
        ("negative", "None found"),
        ("positive, not quantifiable", "Found, but too few to measure"),
    ],
)
def test_the_answer_in_plain_words(typed, headline):
    view = reader.reader_view(read_result(typed), METHODS, typed)
    assert view["ok"] and view["headline"] == headline
    assert view["ask"] == "Ask your care team what this means for your child."
    assert view["summary"].endswith(view["ask"])


def test_a_share_is_placed_against_each_test_and_on_the_scale():
    view = reader.reader_view(read_result("1E-04"), METHODS, "1E-04")
    assert view["other_ways"] == ["0.01%", "1 × 10⁻⁴", "1E-04"]
    assert [line["status"] for line in view["placement"]] == ["cannot", "finds", "finds"]
    here = [row["label"] for row in view["scale"] if row["here"]]
    assert here == ["1 in 10,000"]
    floors = {row["label"]: row["floors"] for row in view["scale"]}
    assert floors["1 in 100"] == ["Microscope finds down to here"]
    assert floors["1 in 100,000"] == ["MRD test by PCR, at its best"]
    # Between two powers, it sits on the row of the power above it: 1.5 in 1,000 is on 1 in 1,000.
    view = reader.reader_view(read_result("1.5E-03"), METHODS, "1.5E-03")
    assert [row["label"] for row in view["scale"] if row["here"]] == ["1 in 1,000"]
    assert view["other_ways"] == ["0.15%", "1.5 × 10⁻³", "1.5E-03"]


def test_below_says_labs_use_it_for_two_different_results():
    view = reader.reader_view(read_result("<0.01%"), METHODS, "<0.01%")
    assert "two different results" in view["lab_words"] and "Ask which" in view["lab_words"]
    negative = reader.reader_view(read_result("negative"), METHODS, "negative")
    assert "does not mean there are none" in negative["explanation"]


@pytest.mark.parametrize(
    "typed", ["1E-04", "<0.01%", "negative", "positive", "positive, not quantifiable", "indeterminate"]
)
def test_the_reader_never_states_a_risk(typed):
    view = reader.reader_view(read_result(typed), METHODS, typed)
    words = " ".join(str(value) for value in view.values()).lower()
    for risky in ("risk of", "chance", "survival", "good news", "bad news", "likely", "cure"):
        assert risky not in words, (typed, risky)


def test_what_could_not_be_read_asks_for_it_as_written_with_an_example():
    view = reader.reader_view(None, METHODS, "abc" * 5000)
    assert not view["ok"]
    assert view["message"].startswith("We could not read that. Type it as it is written on the report")
    assert "1E-04" in view["message"]
    assert len(view["typed"]) == 100  # kept, but not 15 KB of it


def test_below_and_above_keep_their_relation_in_every_notation():
    below = reader.reader_view(read_result("<0.01%"), METHODS, "<0.01%")
    assert below["other_ways"] == ["below 0.01%", "below 1 × 10⁻⁴", "below 1E-04"]
    assert "or that none were found" in below["explanation"]
    assert "Labs use “below 0.01%” for two different results." in below["lab_words"]
    above = reader.reader_view(read_result(">0.1%"), METHODS, ">0.1%")
    assert above["headline"] == "More than 1 in 1,000 cells of the sample"
    assert above["other_ways"][0] == "above 0.1%"
