"""Numbers as MRD reports write them, exactly, for the result reader: 0.0000001 never becomes
"0%" (the share is a Fraction, so it is printed digit by digit), and `canonical_text` writes a
reading back as text the grammar (results.py) reads with no question."""

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from .result_words import INDETERMINATE, NO_RESULT, NONE_FOUND, NOT_QUANTIFIABLE, POSITIVE, RELATION_SIGNS

if TYPE_CHECKING:
    from .results import Reading


def decimal_text(value: Fraction) -> str:
    """A Fraction as an exact decimal when it has one (0.0000001), else 3 significant figures."""
    if value == 0:
        return "0"
    places = 0
    while (value * 10**places).denominator != 1 and places < 20:
        places += 1
    if (value * 10**places).denominator != 1:
        return f"{float(value):.3g}"
    text = f"{value.numerator * 10**places // value.denominator:0{places + 1}d}"
    whole, fraction = text[: len(text) - places] or "0", text[len(text) - places :]
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def percent_text(share: Fraction) -> str:
    return decimal_text(share * 100).replace(",", "") + "%"


def e_text(share: Fraction) -> str:
    """1/10000 → "1E-04", 3/2000 → "1.5E-03": E notation with a mantissa from 1 to under 10."""
    exponent = 0
    while share * Fraction(10) ** -exponent < 1:
        exponent -= 1
    return f"{decimal_text(share * Fraction(10) ** -exponent)}E{exponent:+03d}".replace("E+", "E")


def power_text(share: Fraction) -> str:
    exponent = 0
    while Fraction(10) ** exponent > share:
        exponent -= 1
    return f"10^{exponent}"


OUTCOME_TEXT = {
    NONE_FOUND: "negative",
    NOT_QUANTIFIABLE: "positive not quantifiable",
    POSITIVE: "positive",
    INDETERMINATE: "indeterminate",
    NO_RESULT: "no result",
}


def canonical_text(reading: "Reading", form: Callable[[Fraction], str] = percent_text) -> str:
    """Text that reads back as `reading` with no question: what the choices' links type."""
    number = ""
    if reading.share is not None:
        number = RELATION_SIGNS[reading.relation] + form(reading.share)
        number += f" of {reading.cells}" if reading.cells else ""
    if reading.outcome and number:
        number = f"({number})"
    text = " ".join(filter(None, [OUTCOME_TEXT.get(reading.outcome, ""), number]))
    return text + (f" ({reading.method})" if reading.method else "")
