"""Read an MRD result as a parent types it from the report: 0.01%, <0.01%, 1 × 10⁻⁴, 1E-04,
10^-4, 0.0001, 1 in 10,000, 1:10000, "negative", "positive, not quantifiable" and so on.

Pure functions, no Django: `read_result(text)` gives a Reading, or None when the text is not
one of the forms labs write. It converts notation only. It never guesses: anything it is not
sure of (a bare "10-4", a share of 100% or more, words it does not know) is None, and the page
asks the parent to type it as it is written on the report. Exact arithmetic (Fraction), so
0.01% is exactly 1 in 10,000."""

import math
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

# Longer than any result a report prints; anything longer is not a result.
MAX_LENGTH = 60
# Shares from 1 in 10 (microscope territory) to 1 in 10 thousand million are read; no lab
# test reaches below about 1 in 1,000,000, so anything smaller is a typing slip, not a result.
SMALLEST_SHARE = Fraction(1, 10**10)

SHARE, BELOW, ABOVE = "share", "below", "above"
NONE_FOUND, POSITIVE_NOT_QUANTIFIABLE, POSITIVE, INDETERMINATE = (
    "none_found",
    "positive_not_quantifiable",
    "positive",
    "indeterminate",
)


@dataclass(frozen=True)
class Reading:
    kind: str  # SHARE, BELOW, ABOVE (with a share) or one of the word results (share is None)
    share: Fraction | None = None

    @property
    def exponent(self) -> int | None:
        """The power of ten at or below the share: 1.5E-03 → -3, 0.0001 → -4."""
        if self.share is None:
            return None
        exponent = math.floor(math.log10(self.share))
        # log10 of an exact power can land a hair below it (log10(1e-3) = -2.9999…).
        if Fraction(10) ** (exponent + 1) <= self.share:
            exponent += 1
        return exponent


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-"})

_WORDS = {
    NONE_FOUND: {
        "negative",
        "mrd negative",
        "not detected",
        "mrd not detected",
        "no mrd detected",
        "undetected",
        "undetectable",
        "none detected",
        "none found",
        "not found",
        "no leukaemia cells detected",
        "no leukemia cells detected",
    },
    POSITIVE_NOT_QUANTIFIABLE: {
        "positive not quantifiable",
        "mrd positive not quantifiable",
        "positive but not quantifiable",
        "positive non quantifiable",
        "positive below quantifiable range",
        "positive below the quantifiable range",
        "positive below quantitative range",
        "detectable not quantifiable",
        "detected not quantifiable",
        "detected but not quantifiable",
        "not quantifiable",
        "pnq",
    },
    POSITIVE: {"positive", "mrd positive", "detected", "mrd detected"},
    INDETERMINATE: {"indeterminate", "mrd indeterminate"},
}
_WORD_KIND = {phrase: kind for kind, phrases in _WORDS.items() for phrase in phrases}

_BELOW = ("less than", "fewer than", "below", "under", "lower than", "<", "≤", "=<", "<=")
_ABOVE = ("more than", "greater than", "above", "over", "higher than", ">", "≥", ">=", "=>")

_DECIMAL = r"\d+(?:\.\d+)?"
_PERCENT = re.compile(rf"({_DECIMAL})%")
_TIMES_POWER = re.compile(rf"({_DECIMAL})x10\^?([-+]?\d{{1,2}})")  # 1x10-4, 1.5x10^-3
_POWER = re.compile(r"10\^([-+]?\d{1,2})")  # 10^-4 (10⁻⁴ arrives as 10^-4)
_E_NOTATION = re.compile(rf"({_DECIMAL})e([-+]?\d{{1,2}})")  # 1E-04, 1.5e-3
_PLAIN = re.compile(_DECIMAL)  # 0.0001
_ONE_IN = re.compile(rf"({_DECIMAL})(?:in|:|/|outof)(\d{{1,3}}(?:,\d{{3}})+|\d+)")  # 1 in 10,000, 1:10000


def _normalise(text: str) -> str:
    # Superscript powers first (10⁻⁴ → 10^-4), before NFKC folds them into plain digits.
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+", lambda m: "^" + m.group().translate(_SUPERSCRIPT), text)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).lower().strip()
    text = re.sub(r"\s+", " ", text)
    return text


def _words_only(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]", " ", text)).strip()


def _decimal(text: str) -> Fraction:
    # A decimal comma (0,01) as many European labs write it; a comma is never a thousands
    # separator in these forms, except in "1 in 10,000", which is handled before this.
    return Fraction(text.replace(",", "."))


def _number(text: str) -> Fraction | None:
    """The share a number written in one of the lab forms stands for, or None."""
    compact = text.replace(" ", "").replace("×", "x").replace("*", "x").replace("·", "x")
    if match := _ONE_IN.fullmatch(compact):
        count, total = Fraction(match[1]), int(match[2].replace(",", ""))
        return count / total if total else None
    # Otherwise a comma is a decimal comma (0,01 %), as many European labs write it.
    compact = re.sub(r"(?<=\d),(?=\d)", ".", compact)
    if match := _PERCENT.fullmatch(compact):
        return _decimal(match[1]) / 100
    if match := _TIMES_POWER.fullmatch(compact):
        return _decimal(match[1]) * Fraction(10) ** int(match[2])
    if match := _POWER.fullmatch(compact):
        return Fraction(10) ** int(match[1])
    if match := _E_NOTATION.fullmatch(compact):
        return _decimal(match[1]) * Fraction(10) ** int(match[2])
    if match := _PLAIN.fullmatch(compact):
        value = _decimal(match[0])
        # A bare whole number (1, 4, 10000) is not a share; only a fraction of 1 is.
        return value if value < 1 else None
    return None


def read_result(text: object) -> Reading | None:
    """The Reading for a result as typed, or None if it is not one of the forms labs use."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_LENGTH:
        return None
    text = _normalise(text)
    if text.startswith("mrd"):
        text = text[3:].lstrip(" :=-") or text
    kind = _WORD_KIND.get(_words_only(text))
    if kind and not re.search(r"\d", text):
        return Reading(kind)
    relation = SHARE
    for prefixes, name in ((_BELOW, BELOW), (_ABOVE, ABOVE)):
        for prefix in prefixes:
            if text.startswith(prefix):
                relation, text = name, text[len(prefix) :].strip()
                break
        if relation != SHARE:
            break
    share = _number(text)
    if share is None or not SMALLEST_SHARE <= share < 1:
        return None
    return Reading(relation, share)
