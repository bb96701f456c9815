"""The result reader's words: a share in plain words (1 in N) and in the other ways labs write
it, the headline, what the typed result means and what labs' words mean around it, the notes
under it, and what to say when a result could not be read. reader.py builds the views from
these. It converts notation; it never says what a result means for a child's risk."""

from fractions import Fraction

from . import numbers, result_words
from .result_notation import decimal_text, e_text, percent_text
from .results import (
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    EXACT,
    INDETERMINATE,
    NO_RESULT,
    NONE_FOUND,
    NOT_QUANTIFIABLE,
    POSITIVE,
    SMALLEST_MEASURABLE,
    Reading,
)

ASK = "Ask your care team what this means for your child."
ASK_TO_READ = "Your care team can also go through the report with you."
EXAMPLE = "0.01%, <0.01%, 1 x 10-4, 1E-04, 1 in 10,000 or negative"

NOT_READ = {
    result_words.EMPTY: "Type the result first, as the report writes it, for example " + EXAMPLE + ".",
    result_words.UNKNOWN: (
        "We could not read that, which happens with some report wordings. Try typing just the number "
        "(for example 0.01% or 1 x 10^-4) or just the words (for example negative or not detected)."
    ),
    result_words.WHOLE_NUMBER: (
        "We read “{number}” as a whole number, but a result is a share of cells. If the report shows "
        "a % sign after it, type that too, like this: {number}%."
    ),
    result_words.ZERO: (
        "Labs do not give a result of 0. A test that finds nothing says “negative” or “not detected”, "
        "often with the level it can find. Please check the report."
    ),
    result_words.WHOLE_OR_MORE: "That is a share of 100% or more, which a result cannot be. Please check the number.",
    result_words.TOO_SMALL: (
        "That is far smaller than any test can measure, so it may be a typing slip. Please check the number."
    ),
    result_words.DISAGREE: (
        "The numbers do not match each other. Please check you typed them as they are on the report, "
        "or type just one of them."
    ),
    result_words.CONTRADICTS: (
        "The words seem to say two different things, such as found and not found. Try typing just the "
        "words or just the number."
    ),
}


def in_words(share: Fraction) -> str:
    """1/10000 → "1 in 10,000"; 3/2000 → "about 1 in 670" (the form nurses use, rounded)."""
    total = 1 / share
    if total.denominator == 1:
        return f"1 in {total.numerator:,}"
    digits = len(str(int(total)))
    rounded = round(float(total), -max(digits - 2, 0))
    return f"about 1 in {int(rounded):,}"


def count_in_power(share: Fraction) -> str:
    """3/2000 → "1.5 in 1,000": the count between 1 and 10 in a power of ten."""
    power = 0
    while share * Fraction(10) ** power < 1:
        power += 1
    return f"{decimal_text(share * Fraction(10) ** power)} in {10**power:,}"


def other_ways(share: Fraction) -> list[str]:
    """The same share as labs write it: a percentage, a power of ten and E notation, exactly."""
    about = "" if (share * 100 * 10**20).denominator == 1 else "about "
    e = e_text(share)
    mantissa, _, exponent = e.partition("E")
    ways = [about + percent_text(share), f"{about}{mantissa} × {numbers.superscript_power(int(exponent))}", about + e]
    if (1 / share).denominator != 1:
        ways.append(count_in_power(share))
    return ways


def _amount(reading: Reading) -> str:
    """ "1 in 10,000 cells of the sample", with its relation: "fewer than …", "… or more"."""
    assert reading.share is not None
    words = in_words(reading.share)
    of = f"of the {reading.cells} counted" if reading.cells else "cells of the sample"
    return {
        EXACT: f"{words} {of}",
        BELOW: f"fewer than {words} {of}",
        AT_MOST: f"{words} {of} or fewer",
        ABOVE: f"more than {words} {of}",
        AT_LEAST: f"{words} {of} or more",
    }[reading.relation]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline(reading: Reading) -> str:
    if reading.share is None:
        return {
            NONE_FOUND: "None found",
            NOT_QUANTIFIABLE: "Found, but too few to measure exactly",
            POSITIVE: "Found",
            INDETERMINATE: "Indeterminate",
            NO_RESULT: "No result from this sample",
        }[reading.outcome]
    amount = _amount(reading)
    if reading.outcome == NONE_FOUND:
        return f"None found, by a test that can find {in_words(reading.share)}"
    if reading.outcome == NOT_QUANTIFIABLE:
        return f"Found, but too few to measure exactly ({amount})"
    if reading.outcome == POSITIVE:
        return f"Found: {amount}" if reading.relation not in (BELOW, AT_MOST) else f"Found, but {amount}"
    if reading.outcome == INDETERMINATE:
        return f"Indeterminate, at {amount}"
    return _capital(amount)


def explain(reading: Reading, typed: str) -> tuple[str, str]:
    """What the typed result means, and what labs' words mean around it."""
    quoted = f"“{typed}”"
    if reading.outcome == NONE_FOUND:
        limit = f" It could have found {in_words(reading.share)}." if reading.share is not None else ""
        return (
            f"{quoted} means the test found no leukaemia cells in the sample.{limit} "
            "It does not mean there are none. A few may be too few for the test to find.",
            "Labs also write “MRD negative” or “not detected”. Most tests can find 1 in 10,000 cells, "
            "and some 1 in 100,000. Ask how sensitive your child's test was.",
        )
    if reading.outcome == NOT_QUANTIFIABLE:
        return (
            f"{quoted} means the test found signs of leukaemia cells, but below the level it can measure "
            "exactly. Healthy cells can give a faint signal too, which is one reason labs use these words.",
            "For most tests this means fewer than 1 in 10,000, but it depends on your child's test. "
            "The report or your care team can tell you the level.",
        )
    if reading.outcome == INDETERMINATE:
        return (
            f"{quoted} can be a result or a risk group. As a result, it can mean the lab could not be sure "
            "about a very weak signal. In the UK ALL 2003 trial it was also a risk group: either there was "
            "no MRD result, or leukaemia cells were still found at a low level at two checks.",
            "Ask which of these your child's report means.",
        )
    if reading.outcome == NO_RESULT:
        return (
            f"{quoted} means the lab could not give an MRD result from this sample. For example, there may "
            "have been too few cells, or no marker in the leukaemia cells that the test can follow.",
            "A few children have no marker the usual MRD test can follow. Their team can follow the "
            "leukaemia with another kind of test instead, such as flow cytometry.",
        )
    if reading.share is None:  # found, with no number
        lab = "Reports usually give a number too, such as 0.01% or 1E-04. Type the number here to read it."
        if result_words.LOW in reading.notes:
            lab = "“Low positive” is not a set level: the number on the report says how low. " + lab
        return f"{quoted} means the test found leukaemia cells in the sample.", lab
    found = "leukaemia cells were found: " if reading.outcome == POSITIVE else ""
    meaning = f"{quoted} means {found}{_amount(reading)} were leukaemia cells"
    if reading.relation in (BELOW, AT_MOST) and not reading.outcome:
        meaning += ", or that none were found"
    explanation = meaning + ". It is a share of the cells the lab looked at, not a count of cells in the body."
    if reading.relation in (BELOW, AT_MOST) and not reading.outcome:
        words = in_words(reading.share)
        return explanation, (
            f"Labs use “below {other_ways(reading.share)[0]}” for two different results. It can mean leukaemia "
            f"cells were found, but fewer than {words}. Or it can mean none were found, with a test that can "
            f"find {words}. Ask which one your child's report means."
        )
    return explanation, (
        "The level that changes treatment depends on the treatment plan and when the sample was taken. "
        "Results from different tests or labs cannot always be compared."
    )


def reading_notes(reading: Reading, typed: str) -> list[str]:
    notes = []
    if result_words.DASH_POWER in reading.notes and reading.share is not None:
        exponent = 1 - len(str(reading.share.denominator))  # "10-4" is read as exactly 10⁻⁴
        notes.append(
            f"We read 10{exponent} as {numbers.superscript_power(exponent)} ({in_words(reading.share)}). "
            "Reports often print a power of ten this way when the small raised number is lost."
        )
    if reading.cells:
        notes.append(
            f"This is a share of the {reading.cells} the lab counted, not of every cell in the sample. "
            "Ask your care team which cells were counted."
        )
    if reading.method == "flow":
        notes.append("This result is from flow cytometry (flow), which counts cells one by one.")
    if reading.share is not None and reading.share < SMALLEST_MEASURABLE:
        notes.append(
            "No MRD test used for children can measure a share this small: the most sensitive find about "
            "1 in 1,000,000. Please check you typed it as it is on the report."
        )
    return notes
