"""The result reader's words: a share in plain words (1 in N) and in the other ways labs write
it, the headline, what the typed result means and what labs' words mean around it, the notes
under it, and what to say when a result could not be read. reader.py builds the views from
these. It converts notation; it never says what a result means for a child's risk.

Every sentence is a template in WORDS ({name} marks what is filled in). The server fills them
here; the page carries the same templates to the script (reader.script_data), which fills them
in the browser, so there is one copy of the words however a result is read."""

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

# The headline of a reading with no number, by its outcome.
OUTCOME_HEADLINES = {
    NONE_FOUND: "None found",
    NOT_QUANTIFIABLE: "Found, but too few to measure exactly",
    POSITIVE: "Found",
    INDETERMINATE: "Indeterminate",
    NO_RESULT: "No result from this sample",
}

# A share with its relation: "fewer than 1 in 10,000 cells of the sample".
AMOUNTS = {
    EXACT: "{words} {of}",
    BELOW: "fewer than {words} {of}",
    AT_MOST: "{words} {of} or fewer",
    ABOVE: "more than {words} {of}",
    AT_LEAST: "{words} {of} or more",
}

WORDS = {
    "ask": ASK,
    "ask_to_read": ASK_TO_READ,
    "summary": "{headline}{stop} {ask}",
    "quoted": "“{typed}”",
    # A share in words and in the other ways labs write it.
    "one_in": "1 in {count}",
    "about_one_in": "about 1 in {count}",
    "count_in": "{count} in {power}",
    "about": "about ",
    "times_power": "{mantissa} × {power}",
    "of_cells": "of the {cells} counted",
    "of_sample": "cells of the sample",
    # Headlines of a reading with a number.
    "headline_none_found": "None found, by a test that can find {words}",
    "headline_not_quantifiable": "Found, but too few to measure exactly ({amount})",
    "headline_positive": "Found: {amount}",
    "headline_positive_fewer": "Found, but {amount}",
    "headline_indeterminate": "Indeterminate, at {amount}",
    # What the typed result means, and what labs' words mean around it.
    "none_found_limit": " It could have found {words}.",
    "none_found": "{quoted} means the test found no leukaemia cells in the sample.{limit} "
    "It does not mean there are none. A few may be too few for the test to find.",
    "none_found_lab": "Labs also write “MRD negative” or “not detected”. Most tests can find 1 in 10,000 cells, "
    "and some 1 in 100,000. Ask how sensitive your child's test was.",
    "not_quantifiable": "{quoted} means the test found signs of leukaemia cells, but below the level it can "
    "measure exactly. Healthy cells can give a faint signal too, which is one reason labs use these words.",
    "not_quantifiable_lab": "For most tests this means fewer than 1 in 10,000, but it depends on your child's test. "
    "The report or your care team can tell you the level.",
    "indeterminate": "{quoted} can be a result or a risk group. As a result, it can mean the lab could not be sure "
    "about a very weak signal. In the UK ALL 2003 trial it was also a risk group: either there was "
    "no MRD result, or leukaemia cells were still found at a low level at two checks.",
    "indeterminate_lab": "Ask which of these your child's report means.",
    "no_result": "{quoted} means the lab could not give an MRD result from this sample. For example, there may "
    "have been too few cells, or no marker in the leukaemia cells that the test can follow.",
    "no_result_lab": "A few children have no marker the usual MRD test can follow. Their team can follow the "
    "leukaemia with another kind of test instead, such as flow cytometry.",
    "found": "{quoted} means the test found leukaemia cells in the sample.",
    "found_lab": "Reports usually give a number too, such as 0.01% or 1E-04. Type the number here to read it.",
    "found_low_lab": "“Low positive” is not a set level: the number on the report says how low. ",
    "share": "{quoted} means {found}{amount} were leukaemia cells{or_none}. "
    "It is a share of the cells the lab looked at, not a count of cells in the body.",
    "share_found": "leukaemia cells were found: ",
    "share_or_none": ", or that none were found",
    "share_below_lab": "Labs use “below {percent}” for two different results. It can mean leukaemia "
    "cells were found, but fewer than {words}. Or it can mean none were found, with a test that can "
    "find {words}. Ask which one your child's report means.",
    "share_lab": "The level that changes treatment depends on the treatment plan and when the sample was taken. "
    "Results from different tests or labs cannot always be compared.",
    # The notes under a reading.
    "note_dash_power": "We read 10{exponent} as {power} ({words}). "
    "Reports often print a power of ten this way when the small raised number is lost.",
    "note_cells": "This is a share of the {cells} the lab counted, not of every cell in the sample. "
    "Ask your care team which cells were counted.",
    "note_flow": "This result is from flow cytometry (flow), which counts cells one by one.",
    "note_too_small": "No MRD test used for children can measure a share this small: the most sensitive find about "
    "1 in 1,000,000. Please check you typed it as it is on the report.",
    # Against what each test can find (reader.placement), and the scale (reader.scale).
    "finds": "can find a share this size. It finds as little as {limit}.",
    "edge": "can find a share this small only at its best. It finds {limit}.",
    "cannot": "cannot find a share this small. It finds as little as {limit}.",
    "floor": "{name} finds down to here",
    "floor_best": "{name}, at its best",
    "marker_limit": "◀ the test could find down to here",
    "marker": "◀ this result",
    "marker_below": "◀ this result is below here",
    "marker_at_most": "◀ this result is at or below here",
    # The two questions (reader._question_view).
    "percent_title": "Does your report show a % sign after the number?",
    "percent_explanation": "“{number}” can be read in two ways, 100 times apart. Look for a % sign after the "
    "number, or at the top of its column. Then choose below.",
    "percent_yes": "Yes, it shows {text}",
    "percent_no": "No, there is no % sign: {number} as a share of 1",
    "power_title": "Did you mean {power} ({words})?",
    "power_explanation": "“{number}” can be read in two ways, 10 times apart. Many people write 10e-4 for 10⁻⁴, "
    "but in the E notation some reports use, 10E-4 means 10 × 10⁻⁴, which is 10⁻³.",
    "power_meant": "I meant {power}",
    "power_exactly": "The report shows {number} exactly",
    "question_ask": "If you are not sure, ask your care team to read it with you.",
}

# Before the other ways of writing a share with a relation: "below 0.01%".
RELATION_PREFIXES = {BELOW: "below ", AT_MOST: "at most ", ABOVE: "above ", AT_LEAST: "at least "}


def fill(key: str, **values: str) -> str:
    return WORDS[key].format(**values)


def in_words(share: Fraction) -> str:
    """1/10000 → "1 in 10,000"; 3/2000 → "about 1 in 670" (the form nurses use, rounded)."""
    total = 1 / share
    if total.denominator == 1:
        return fill("one_in", count=f"{total.numerator:,}")
    digits = len(str(int(total)))
    rounded = round(float(total), -max(digits - 2, 0))
    return fill("about_one_in", count=f"{int(rounded):,}")


def count_in_power(share: Fraction) -> str:
    """3/2000 → "1.5 in 1,000": the count between 1 and 10 in a power of ten."""
    power = 0
    while share * Fraction(10) ** power < 1:
        power += 1
    return fill("count_in", count=decimal_text(share * Fraction(10) ** power), power=f"{10**power:,}")


def other_ways(share: Fraction) -> list[str]:
    """The same share as labs write it: a percentage, a power of ten and E notation, exactly."""
    about = "" if (share * 100 * 10**20).denominator == 1 else WORDS["about"]
    e = e_text(share)
    mantissa, _, exponent = e.partition("E")
    power = fill("times_power", mantissa=mantissa, power=numbers.superscript_power(int(exponent)))
    ways = [about + percent_text(share), about + power, about + e]
    if (1 / share).denominator != 1:
        ways.append(count_in_power(share))
    return ways


def _amount(reading: Reading) -> str:
    """ "1 in 10,000 cells of the sample", with its relation: "fewer than …", "… or more"."""
    assert reading.share is not None
    of = fill("of_cells", cells=reading.cells) if reading.cells else WORDS["of_sample"]
    return AMOUNTS[reading.relation].format(words=in_words(reading.share), of=of)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def headline(reading: Reading) -> str:
    if reading.share is None:
        return OUTCOME_HEADLINES[reading.outcome]
    amount = _amount(reading)
    if reading.outcome == NONE_FOUND:
        return fill("headline_none_found", words=in_words(reading.share))
    if reading.outcome == NOT_QUANTIFIABLE:
        return fill("headline_not_quantifiable", amount=amount)
    if reading.outcome == POSITIVE:
        fewer = reading.relation in (BELOW, AT_MOST)
        return fill("headline_positive_fewer" if fewer else "headline_positive", amount=amount)
    if reading.outcome == INDETERMINATE:
        return fill("headline_indeterminate", amount=amount)
    return _capital(amount)


def explain(reading: Reading, typed: str) -> tuple[str, str]:
    """What the typed result means, and what labs' words mean around it."""
    quoted = fill("quoted", typed=typed)
    if reading.outcome == NONE_FOUND:
        limit = fill("none_found_limit", words=in_words(reading.share)) if reading.share is not None else ""
        return fill("none_found", quoted=quoted, limit=limit), WORDS["none_found_lab"]
    if reading.outcome in (NOT_QUANTIFIABLE, INDETERMINATE, NO_RESULT):
        key = {NOT_QUANTIFIABLE: "not_quantifiable", INDETERMINATE: "indeterminate", NO_RESULT: "no_result"}
        return fill(key[reading.outcome], quoted=quoted), WORDS[key[reading.outcome] + "_lab"]
    if reading.share is None:  # found, with no number
        low = WORDS["found_low_lab"] if result_words.LOW in reading.notes else ""
        return fill("found", quoted=quoted), low + WORDS["found_lab"]
    fewer = reading.relation in (BELOW, AT_MOST) and not reading.outcome
    explanation = fill(
        "share",
        quoted=quoted,
        found=WORDS["share_found"] if reading.outcome == POSITIVE else "",
        amount=_amount(reading),
        or_none=WORDS["share_or_none"] if fewer else "",
    )
    if fewer:
        words = in_words(reading.share)
        return explanation, fill("share_below_lab", percent=other_ways(reading.share)[0], words=words)
    return explanation, WORDS["share_lab"]


def reading_notes(reading: Reading, typed: str) -> list[str]:
    notes = []
    if result_words.DASH_POWER in reading.notes and reading.share is not None:
        exponent = 1 - len(str(reading.share.denominator))  # "10-4" is read as exactly 10⁻⁴
        power, words = numbers.superscript_power(exponent), in_words(reading.share)
        notes.append(fill("note_dash_power", exponent=str(exponent), power=power, words=words))
    if reading.cells:
        notes.append(fill("note_cells", cells=reading.cells))
    if reading.method == "flow":
        notes.append(WORDS["note_flow"])
    if reading.share is not None and reading.share < SMALLEST_MEASURABLE:
        notes.append(WORDS["note_too_small"])
    return notes
