"""Read an MRD result as a parent types it from the report, with a small grammar.

One pure function, `read_result(text)`, used by the page and the no-JavaScript form; the script
(result-reader.js) follows it rule by rule in the browser, offline too, and
tests/test_reader_table.py holds the two to the same answers. It gives one of three answers,
never a guess (the grammar is in result_grammar.py):

- a `Reading`: what the report says (a word, a number, or both), exactly (Fraction arithmetic);
- a `Question`: the text can mean two results that differ 10 or 100 times ("0.01" without a %
  sign; "10e-4"), each offered as a `Choice` the parent can pick;
- `NotRead`: with the reason, so the page can say kindly what it tried.

A number with "negative" is the test's limit ("negative (sensitivity 10-5)"); "positive <0.01%"
is found but fewer; two numbers must agree. A share must be above 0 and below 1, and under 1 in
10,000,000,000 it is a typing slip, not a result."""

from dataclasses import dataclass
from fractions import Fraction

from .result_grammar import Parser, normalise
from .result_notation import canonical_text, e_text, percent_text, power_text
from .result_words import (
    ABOVE,
    AT_LEAST,
    AT_MOST,
    BELOW,
    CONTRADICTS,
    DISAGREE,
    EMPTY,
    EXACT,
    INDETERMINATE,
    NO_RESULT,
    NONE_FOUND,
    NOT_QUANTIFIABLE,
    PERCENT_SIGN,
    POSITIVE,
    POWER_OF_TEN,
    RELATION_SIGNS,
    TOO_SMALL,
    UNKNOWN,
    WHOLE_OR_MORE,
    ZERO,
)

__all__ = ["ABOVE", "AT_LEAST", "AT_MOST", "BELOW", "EXACT", "INDETERMINATE", "NO_RESULT", "NONE_FOUND"]
__all__ += ["NOT_QUANTIFIABLE", "POSITIVE"]

MAX_LENGTH = 100  # longer than any result a report prints
SMALLEST_SHARE = Fraction(1, 10**10)  # below this no reading is a result: a typing slip
# The most sensitive MRD tests find about 1 in 1,000,000 (FACTS.md: next-generation sequencing).
SMALLEST_MEASURABLE = Fraction(1, 10**6)

# Questions, and why a text was not read.


@dataclass(frozen=True)
class Reading:
    outcome: str = ""  # a result_words outcome, or "" for a number alone
    share: Fraction | None = None
    relation: str = EXACT
    cells: str = ""  # the group the share is of, as the report names it ("CD19+ cells")
    method: str = ""  # "flow", "pcr" or "ngs", when the report says
    notes: tuple[str, ...] = ()

    @property
    def is_limit(self) -> bool:
        """The number is what the test could find, not what it found: "negative (<0.01%)"."""
        return self.outcome == NONE_FOUND and self.share is not None

    def describe(self) -> str:
        """A short exact key for tests and the page's data attribute: "share <1/10000"."""
        parts = [self.outcome or "share"]
        if self.share is not None:
            parts.append(f"{RELATION_SIGNS[self.relation] or '='}{self.share}")
        parts += [f"of={self.cells}"] if self.cells else []
        parts += [f"by={self.method}"] if self.method else []
        return " ".join(parts + [f"+{note}" for note in self.notes])


@dataclass(frozen=True)
class Choice:
    reading: Reading
    text: str  # what to type for this reading, which reads back as it without a question


@dataclass(frozen=True)
class Question:
    kind: str  # PERCENT_SIGN or POWER_OF_TEN
    number: str  # the number as typed: "0.01", "10e-4"
    choices: tuple[Choice, ...]

    def describe(self) -> str:
        return f"ask:{self.kind} " + "|".join(c.reading.describe() for c in self.choices)


@dataclass(frozen=True)
class NotRead:
    reason: str
    number: str = ""  # the number it was about, as typed, if any

    def describe(self) -> str:
        return f"not_read:{self.reason}"


Answer = Reading | Question | NotRead


def read_result(text: object) -> Answer:
    """What a typed result says: a Reading, a Question, or NotRead with its reason."""
    if not isinstance(text, str) or not text.strip():
        return NotRead(EMPTY)
    if len(text) > MAX_LENGTH:
        return NotRead(UNKNOWN)
    parser = Parser(normalise(text))
    parts = parser.parse()
    if not parts:
        return NotRead(parser.failure, parser.failed_number)
    return _combine(parts)


def _combine(parts: list[tuple]) -> Answer:
    outcomes = {part[1] for part in parts if part[0] == "outcome"}
    notes = tuple(note for part in parts if part[0] == "outcome" for note in part[2])
    if outcomes >= {POSITIVE, NOT_QUANTIFIABLE}:
        outcomes -= {POSITIVE}  # "positive (not quantifiable)"
    methods = {part[1] for part in parts if part[0] == "method"}
    measures = [part for part in parts if part[0] in ("measure", "limit")]
    if len(outcomes) > 1 or len(methods) > 1:
        return NotRead(CONTRADICTS)
    outcome = next(iter(outcomes), "")
    method = next(iter(methods), "")
    if not measures:
        if not outcome:
            return NotRead(UNKNOWN)
        return Reading(outcome, method=method, notes=notes)
    if outcome == NO_RESULT or (any(kind == "limit" for kind, *_ in measures) and not outcome):
        return NotRead(CONTRADICTS if outcome else UNKNOWN)
    shares = list(measures[0][1].quantity.shares)  # in the order the question offers them
    for _, measure in measures[1:]:
        shares = [share for share in shares if share in measure.quantity.shares]
    relations = {m.relation for _, m in measures}
    cells = next((m.cells for _, m in measures if m.cells), "")
    first = measures[0][1]
    if not shares or len(relations) > 1:
        return NotRead(DISAGREE, first.quantity.text)
    relation = relations.pop()
    if outcome in (NONE_FOUND, NOT_QUANTIFIABLE) and relation in (ABOVE, AT_LEAST):
        return NotRead(CONTRADICTS)
    notes += tuple(note for _, m in measures for note in m.quantity.notes)
    valid = [s for s in shares if SMALLEST_SHARE <= s < 1]
    if not valid:
        share = min(shares)
        reason = ZERO if share == 0 else WHOLE_OR_MORE if share >= 1 else TOO_SMALL
        return NotRead(reason, first.quantity.text)
    readings = [Reading(outcome, share, relation, cells, method, notes) for share in valid]
    if len(readings) == 1:
        return readings[0]
    question = next(m.quantity.question for _, m in measures if m.quantity.question)
    forms = {PERCENT_SIGN: (percent_text, e_text), POWER_OF_TEN: (power_text, e_text)}[question]
    choices = tuple(Choice(r, canonical_text(r, form)) for r, form in zip(readings, forms, strict=True))
    return Question(question, first.quantity.text, choices)
