"""The result reader's grammar: text → tokens → parts, by recursive descent (no guessing here;
results.py combines the parts into a Reading, a Question or NotRead).

The grammar, over the tokens of `tokens` (result_tokens.py: numbers, words, symbols; case and
spacing do not matter; ¹⁰⁻⁴-style superscripts arrive as ^-4; the phrase tables are in
result_words.py):

    result    := [label] part { [sep] part }        each part at most once in meaning
    part      := "(" part ")" | outcome | limit | measure | method
    label     := [time point] ("mrd" | "result" | "level" …) [":" | "="]     ignored
    outcome   := a phrase of OUTCOME_PHRASES        "not detected", "PNQ", "MRD+", "no marker"
    limit     := ("at" | "sensitivity" [of] | "LOD" …) measure       the test's limit
    measure   := [relation] quantity [trailing relation] [group]
    relation  := "<" | ">" | "<=" | "=<" | "≤" | ">=" | "=>" | "≥" | "less than" | "at least" …
    quantity  := number ("%" | "percent" | "per cent")      0.01%       (a share × 100)
               | number ("x" | "×" | "*") power             1 x 10-4    1x10(-4)
               | power                                       10^-4  10-4  10(-4)  10⁻⁴
               | number "e" signed-integer                   1E-04       (10e-4: a Question)
               | number ("in" | ":" | "/" | "out of") whole  1 in 10,000
               | number                                      0.01        (a Question: % or not?)
    power     := "10" ("^" ["("] signed-integer [")"] | "(" signed-integer ")" | "-" integer)
    group     := "of" words… "cells" | "cells"                "of CD19+ cells"
    method    := ["by"] ("flow" | "PCR" | "NGS" …)

Numbers take a decimal point or a decimal comma (0,01%); a comma before three digits in a whole
number is a thousands separator (10,000).
"""

from dataclasses import dataclass
from fractions import Fraction

from . import result_words as words
from .result_tokens import Token, normalise, number_value, tokens
from .result_words import (
    DASH_POWER,
    EXACT,
    LOW,
    NONE_FOUND,
    PERCENT_SIGN,
    POSITIVE,
    POWER_OF_TEN,
    UNKNOWN,
    WHOLE_NUMBER,
)

# normalise and tokens are the grammar's first steps: results.py takes normalise from here.
__all__ = ["Measure", "Parser", "Quantity", "Token", "normalise", "tokens"]


@dataclass(frozen=True)
class Quantity:
    shares: tuple[Fraction, ...]  # two when the notation is ambiguous
    text: str
    question: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    quantity: Quantity
    relation: str
    cells: str


_SEPARATORS = {",", ";", "-", ":", "/"}
_OUTCOME_SKIPS = _SEPARATORS | {"(", ")"}


class Parser:
    """Recursive descent over the tokens; every rule restores the position when it fails."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokens(text)
        self.pos = 0
        self.failure = UNKNOWN
        self.failed_number = ""

    def peek(self, offset: int = 0) -> Token | None:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def accept(self, *texts: str, kind: str = "") -> Token | None:
        token = self.peek()
        if token and (not texts or token.text in texts) and (not kind or token.kind == kind):
            self.pos += 1
            return token
        return None

    def phrase(self, options, skips=frozenset()) -> tuple[str, ...] | None:
        """The longest of `options` (tuples of token texts) at this point; `skips` may come
        between its words ("positive - not quantifiable")."""
        best, best_end = None, self.pos
        for option in options:
            index, ok = self.pos, True
            for n, part in enumerate(option):
                while n and index < len(self.tokens) and self.tokens[index].text in skips - {part}:
                    index += 1
                if index >= len(self.tokens) or self.tokens[index].text != part:
                    ok = False
                    break
                index += 1
            if ok and index > best_end:
                best, best_end = option, index
        self.pos = best_end
        return best

    def keyed_phrase(self, table, skips=frozenset()) -> str:
        best_key, best_end, start = "", self.pos, self.pos
        for key, options in table.items():
            self.pos = start
            if self.phrase(options, skips) and self.pos > best_end:
                best_key, best_end = key, self.pos
        self.pos = best_end
        return best_key

    def signed_integer(self, signs=("-", "+")) -> int | None:
        start = self.pos
        sign = self.accept(*signs)
        number = self.accept(kind="num")
        if number and number.text.isdigit() and len(number.text) <= 2:
            return -int(number.text) if sign and sign.text == "-" else int(number.text)
        self.pos = start
        return None

    def power(self) -> tuple[int, tuple[str, ...]] | None:
        """After "10": ^-4, ^(-4), (-4), or -4 (a power whose superscript was lost)."""
        start = self.pos
        if self.accept("^"):
            opened = self.accept("(")
            exponent = self.signed_integer()
            if exponent is not None and (not opened or self.accept(")")):
                return exponent, ()
        elif self.accept("("):
            exponent = self.signed_integer()
            if exponent is not None and self.accept(")"):
                return exponent, ()
        elif self.accept("-"):
            number = self.accept(kind="num")
            if number and number.text.isdigit() and 1 <= int(number.text) <= 12:
                return -int(number.text), (DASH_POWER,)
        self.pos = start
        return None

    def quantity(self) -> Quantity | None:
        start = self.pos
        number = self.accept(kind="num")
        if number is None:
            return None
        value = number_value(number.text)
        if value is None:
            self.pos = start
            return None

        def span():
            return self.text[number.start : self.tokens[self.pos - 1].end]

        if self.accept("%") or self.phrase(words.PERCENT_WORDS):
            return Quantity((value / 100,), span())
        if number.text == "10" and (power := self.power()):
            return Quantity((Fraction(10) ** power[0],), span(), notes=power[1])
        if self.phrase(words.TIMES_WORDS):
            if self.accept("10", kind="num") and (power := self.power()):
                return Quantity((value * Fraction(10) ** power[0],), span())
        elif self.accept("e", kind="word"):
            exponent = self.signed_integer()
            if exponent is not None:
                shares = (value * Fraction(10) ** exponent,)
                if value == 10:  # "10e-4": almost always meant as 10⁻⁴, but E notation says 10⁻³
                    return Quantity((Fraction(10) ** exponent, *shares), span(), POWER_OF_TEN)
                return Quantity(shares, span())
        elif self.phrase(words.ONE_IN_WORDS):
            whole = self.accept(kind="num")
            if whole is not None:
                digits = whole.text.replace(",", "")
                while (group := self.peek()) and group.kind == "num" and len(group.text) == 3:
                    digits += group.text  # "1 in 10 000"
                    self.pos += 1
                if digits.isdigit() and int(digits) > 0:
                    return Quantity((value / int(digits),), span())
        else:
            self.pos = start + 1
            if value < 1:  # 0.01: a share of 1, or a percentage whose % sign was left off?
                return Quantity((value / 100, value), number.text, PERCENT_SIGN)
            self.failure, self.failed_number = WHOLE_NUMBER, number.text
        self.pos = start
        return None

    def measure(self) -> Measure | None:
        start = self.pos
        relation = self.keyed_phrase(words.RELATION_WORDS) or EXACT
        quantity = self.quantity()
        if quantity is None:
            self.pos = start
            return None
        if relation == EXACT:
            relation = self.keyed_phrase(words.TRAILING_RELATIONS) or EXACT
        cells = ""
        if self.accept("of", kind="word"):
            first = self.pos
            while (token := self.peek()) and token.text not in (")", "]", ",", ";"):
                self.pos += 1
                if token.text in ("cells", "cell"):
                    break
            if self.pos == first:
                self.pos = start
                return None
            cells = self.text[self.tokens[first].start : self.tokens[self.pos - 1].end]
        else:
            self.accept("cells", "cell")
        return Measure(quantity, relation, cells)

    def part(self):
        """One part of a result: ("outcome", kind), ("limit", m), ("measure", m), ("method", name)."""
        start = self.pos
        if self.accept("(", "["):
            inner = self.part()
            if inner and self.accept(")", "]"):
                return inner
            self.pos = start
            return None
        if self.accept("mrd", kind="word") and (sign := self.accept("+", "-")):
            return ("outcome", POSITIVE if sign.text == "+" else NONE_FOUND, ())
        self.pos = start
        if self.phrase(words.LIMIT_INTRODUCTIONS):
            self.accept(":", "=")
            if measure := self.measure():
                return ("limit", measure)
            self.pos = start
        if measure := self.measure():
            return ("measure", measure)
        if outcome := self.keyed_phrase(words.OUTCOME_PHRASES, skips=_OUTCOME_SKIPS):
            low = self.tokens[start].text in words.LOW_WORDS
            return ("outcome", outcome, (LOW,) if low else ())
        self.accept("by", kind="word")
        if method := self.keyed_phrase(words.METHOD_WORDS):
            return ("method", method)
        self.pos = start
        return None

    def label(self) -> None:
        token, after = self.peek(), self.peek(1)
        if token and after and token.text in words.TIME_POINT_WORDS and after.kind == "num":
            self.pos += 2  # "Day 29 MRD: …"
        start = self.pos
        if self.phrase(words.LABEL_WORDS):
            sign, after = self.peek(), self.peek(1)
            if sign and sign.text in ("+", "-") and (after is None or after.text in ("(", "[", ",", ";")):
                self.pos = start  # "MRD-" is a result, not a label and a dash
            elif sign and sign.text in (":", "=", "-") and not (after and after.text == "ve"):
                self.pos += 1

    def parse(self) -> list:
        self.label()
        parts: list[tuple] = []
        while self.peek():
            if parts and self.accept(*_SEPARATORS):
                continue
            part = self.part()
            if part is None:
                return []
            parts.append(part)
        return parts
