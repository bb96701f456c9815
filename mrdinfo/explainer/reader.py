"""What the result reader shows for an answer of results.py: a Reading in plain words (1 in N
cells of the sample), the other ways labs write it, where it sits against what each test can find
and on the scale; a Question with both readings side by side; or, for NotRead, what it tried
and what to do. It converts notation; it never says what a result means for a child's risk, and
every answer ends by sending the parent to the care team. The sentences themselves are in
reader_wording.py; here each answer becomes the view the template and the script show."""

from fractions import Fraction

from . import numbers, result_words
from .reader_wording import ASK, ASK_TO_READ, NOT_READ, explain, headline, in_words, other_ways, reading_notes
from .results import ABOVE, AT_LEAST, AT_MOST, BELOW, NONE_FOUND, NotRead, Question, Reading

# The scale the reader places a result on: 1 in 10 down to 1 in 10 million.
SCALE_TOP, SCALE_BOTTOM = -1, -7


def placement(share: Fraction, methods) -> list[dict]:
    """One sentence per method: is this share within what it can find? `methods` are
    (name, best, worst, limit_text), best and worst as powers of ten."""
    lines = []
    for name, best, worst, limit_text in methods:
        if share >= Fraction(10) ** worst:
            status, text = "finds", f"can find a share this size. It finds as little as {limit_text}."
        elif share >= Fraction(10) ** best:
            status, text = "edge", f"can find a share this small only at its best. It finds {limit_text}."
        else:
            status, text = "cannot", f"cannot find a share this small. It finds as little as {limit_text}."
        lines.append({"name": name, "status": status, "text": text})
    return lines


def scale(share: Fraction | None, methods, marker: str = "") -> list[dict]:
    """The rows of the reader's scale, 1 in 10 at the top, with each method's floor. A share
    that is a power of ten marks its row; any other share gets a row of its own between the
    two powers it falls between, labelled with its own value (0.5% sits between 1 in 100 and
    1 in 1,000, not on either)."""
    rows: list[dict] = []
    for exponent in range(SCALE_TOP, SCALE_BOTTOM - 1, -1):
        power = Fraction(10) ** exponent
        if share is not None and power < share and (not rows or rows[-1]["share"] > share):
            rows.append(_scale_row(in_words(share), share, marker, [], between=True))
        floors = [f"{name} finds down to here" for name, _, worst, _ in methods if worst == exponent]
        floors += [f"{name}, at its best" for name, best, worst, _ in methods if best == exponent and best != worst]
        rows.append(_scale_row(numbers.one_in(exponent), power, marker if share == power else "", floors))
    if share is not None and share < Fraction(10) ** SCALE_BOTTOM:
        rows.append(_scale_row(in_words(share), share, marker, [], between=True))
    return rows


def _scale_row(label, share, marker, floors, between=False):
    return {
        "label": label,
        "share": share,
        "here": bool(marker),
        "marker": marker,
        "floors": floors,
        "between": between,
    }


def _reading_view(reading: Reading, methods, typed: str) -> dict:
    explanation, lab_words = explain(reading, typed)
    view = {
        "ok": True,
        "kind": reading.outcome or "share",
        "headline": headline(reading),
        "explanation": explanation,
        "lab_words": lab_words,
        "notes": reading_notes(reading, typed),
        "other_ways": [],
        "placement": [],
        "scale": scale(None, methods),
        "ask": ASK,
    }
    if reading.share is not None:
        # For the results diary (results-diary.js): the share as "numerator/denominator".
        view["reading_share"] = f"{reading.share.numerator}/{reading.share.denominator}"
        view["reading_comparison"] = reading.relation
        relation = {BELOW: "below ", AT_MOST: "at most ", ABOVE: "above ", AT_LEAST: "at least "}
        prefix = "" if reading.outcome == NONE_FOUND else relation.get(reading.relation, "")
        view["other_ways"] = [prefix + way for way in other_ways(reading.share)]
        if reading.outcome == NONE_FOUND:
            view["scale"] = scale(reading.share, methods, "◀ the test could find down to here")
        else:
            view["placement"] = placement(reading.share, methods)
            here = {BELOW: "◀ this result is below here", AT_MOST: "◀ this result is at or below here"}
            view["scale"] = scale(reading.share, methods, here.get(reading.relation, "◀ this result"))
    return view


def _question_view(question: Question) -> dict:
    number = question.number
    if question.kind == result_words.PERCENT_SIGN:
        title = "Does your report show a % sign after the number?"
        explanation = (
            f"“{number}” can be read in two ways, 100 times apart. Look for a % sign after the number, or "
            "at the top of its column. Then choose below."
        )
        labels = [f"Yes, it shows {choice.text}" for choice in question.choices[:1]]
        labels.append(f"No, there is no % sign: {number} as a share of 1")
    else:
        meant = question.choices[0].reading.share
        assert meant is not None  # a question's choices are always numbers
        exponent = -len(str(meant.denominator)) + 1  # 10⁻⁴ has a denominator of 5 digits
        power = numbers.superscript_power(exponent)
        title = f"Did you mean {power} ({in_words(meant)})?"
        explanation = (
            f"“{number}” can be read in two ways, 10 times apart. Many people write 10e-4 for 10⁻⁴, "
            "but in the E notation some reports use, 10E-4 means 10 × 10⁻⁴, which is 10⁻³."
        )
        labels = [f"I meant {power}", f"The report shows {number} exactly"]
    choices = [
        {"label": label, "text": choice.text, "headline": headline(choice.reading)}
        for label, choice in zip(labels, question.choices, strict=True)
    ]
    return {
        "ok": True,
        "kind": "question",
        "question": title,
        "headline": title,
        "explanation": explanation,
        "choices": choices,
        "ask": "If you are not sure, ask your care team to read it with you.",
    }


def reader_view(answer, methods, typed: str | None) -> dict:
    """Everything the template shows for one answer of results.read_result."""
    typed = (typed or "").strip()[:100]
    if isinstance(answer, Reading):
        view = _reading_view(answer, methods, typed)
    elif isinstance(answer, Question):
        view = _question_view(answer)
    else:
        answer = answer if isinstance(answer, NotRead) else NotRead(result_words.UNKNOWN)
        message = NOT_READ[answer.reason].format(number=answer.number)
        view = {"ok": False, "kind": "not_read", "message": message, "ask": ASK_TO_READ}
        view["summary"] = f"{message} {ASK_TO_READ}"
    view.update(typed=typed, reading=answer.describe())
    if "summary" not in view:
        stop = "" if view["headline"].endswith("?") else "."
        view["summary"] = f"{view['headline']}{stop} {view['ask']}"
    return view
