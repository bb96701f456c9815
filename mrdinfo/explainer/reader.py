"""What the result reader shows for an answer of results.py: a Reading in plain words (1 in N
cells of the sample), the other ways labs write it, where it sits against what each test can find
and on the scale; a Question with both readings side by side; or, for NotRead, what it tried
and what to do. It converts notation; it never says what a result means for a child's risk, and
every answer ends by sending the parent to the care team. The sentences themselves are in
reader_wording.py; here each answer becomes the view the template shows, and script_data gives
the page the tables and sentences result-reader.js builds the same view from in the browser."""

from fractions import Fraction
from functools import cache

from . import numbers, result_words
from .reader_wording import (
    AMOUNTS,
    ASK,
    ASK_TO_READ,
    NOT_READ,
    OUTCOME_HEADLINES,
    RELATION_PREFIXES,
    WORDS,
    explain,
    fill,
    headline,
    in_words,
    other_ways,
    reading_notes,
)
from .result_notation import OUTCOME_TEXT
from .results import (
    AT_MOST,
    BELOW,
    MAX_LENGTH,
    NONE_FOUND,
    SMALLEST_MEASURABLE,
    SMALLEST_SHARE,
    NotRead,
    Question,
    Reading,
)

# The scale the reader places a result on: 1 in 10 down to 1 in 10 million.
SCALE_TOP, SCALE_BOTTOM = -1, -7


def placement(share: Fraction, methods) -> list[dict]:
    """One sentence per method: is this share within what it can find? `methods` are
    (name, best, worst, limit_text), best and worst as powers of ten."""
    lines = []
    for name, best, worst, limit_text in methods:
        if share >= Fraction(10) ** worst:
            status = "finds"
        elif share >= Fraction(10) ** best:
            status = "edge"
        else:
            status = "cannot"
        lines.append({"name": name, "status": status, "text": fill(status, limit=limit_text)})
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
        floors = [fill("floor", name=name) for name, _, worst, _ in methods if worst == exponent]
        floors += [fill("floor_best", name=name) for name, best, worst, _ in methods if best == exponent != worst]
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
        prefix = "" if reading.outcome == NONE_FOUND else RELATION_PREFIXES.get(reading.relation, "")
        view["other_ways"] = [prefix + way for way in other_ways(reading.share)]
        if reading.outcome == NONE_FOUND:
            view["scale"] = scale(reading.share, methods, WORDS["marker_limit"])
        else:
            view["placement"] = placement(reading.share, methods)
            here = {BELOW: "marker_below", AT_MOST: "marker_at_most"}.get(reading.relation, "marker")
            view["scale"] = scale(reading.share, methods, WORDS[here])
    return view


def _question_view(question: Question) -> dict:
    number = question.number
    if question.kind == result_words.PERCENT_SIGN:
        title = WORDS["percent_title"]
        explanation = fill("percent_explanation", number=number)
        labels = [fill("percent_yes", text=question.choices[0].text), fill("percent_no", number=number)]
    else:
        meant = question.choices[0].reading.share
        assert meant is not None  # a question's choices are always numbers
        exponent = -len(str(meant.denominator)) + 1  # 10⁻⁴ has a denominator of 5 digits
        power = numbers.superscript_power(exponent)
        title = fill("power_title", power=power, words=in_words(meant))
        explanation = fill("power_explanation", number=number)
        labels = [fill("power_meant", power=power), fill("power_exactly", number=number)]
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
        "ask": WORDS["question_ask"],
    }


def reader_view(answer, methods, typed: str | None) -> dict:
    """Everything the template shows for one answer of results.read_result."""
    typed = (typed or "").strip()[:MAX_LENGTH]
    if isinstance(answer, Reading):
        view = _reading_view(answer, methods, typed)
    elif isinstance(answer, Question):
        view = _question_view(answer)
    else:
        answer = answer if isinstance(answer, NotRead) else NotRead(result_words.UNKNOWN)
        message = NOT_READ[answer.reason].format(number=answer.number)
        view = {"ok": False, "kind": "not_read", "message": message, "ask": ASK_TO_READ}
        view["summary"] = f"{message} {ASK_TO_READ}"  # as the script writes it too
    view.update(typed=typed, reading=answer.describe())
    if isinstance(answer, Reading):  # what the answer's data-reading-* attributes carry
        share = answer.share
        view["words"], view["cells"], view["method"] = view["headline"], answer.cells, answer.method
        view["share"] = f"{share.numerator}/{share.denominator}" if share is not None else ""
        view["comparison"] = answer.relation if share is not None else ""
    if "summary" not in view:
        stop = "" if view["headline"].endswith("?") else "."
        view["summary"] = fill("summary", headline=view["headline"], stop=stop, ask=view["ask"])
    return view


@cache
def _grammar_and_words() -> dict:
    w = result_words
    return {
        "grammar": {
            "outcomes": w.OUTCOME_PHRASES,
            "low": w.LOW_WORDS,
            "limits": w.LIMIT_INTRODUCTIONS,
            "relations": w.RELATION_WORDS,
            "trailing": w.TRAILING_RELATIONS,
            "percent": w.PERCENT_WORDS,
            "oneIn": w.ONE_IN_WORDS,
            "times": w.TIMES_WORDS,
            "methods": w.METHOD_WORDS,
            "labels": w.LABEL_WORDS,
            "timePoints": w.TIME_POINT_WORDS,
            "signs": w.RELATION_SIGNS,
            "outcomeText": OUTCOME_TEXT,
        },
        "words": WORDS,
        "notRead": NOT_READ,
        "headlines": OUTCOME_HEADLINES,
        "amounts": AMOUNTS,
        "prefixes": RELATION_PREFIXES,
        # Powers of ten: the shortest share read, the smallest any test measures, the scale.
        "maxLength": MAX_LENGTH,
        "smallest": len(str(SMALLEST_SHARE.denominator)) - 1,
        "measurable": len(str(SMALLEST_MEASURABLE.denominator)) - 1,
        "scale": [SCALE_TOP, SCALE_BOTTOM],
    }


def script_data(methods) -> dict:
    """What result-reader.js needs to read a result in the browser as read_result and
    reader_view do here (offline too): the grammar's phrase tables and every sentence, from the
    same tables and templates the server uses, and the explainer's methods. The script holds
    only the rules; a change of wording here reaches both."""
    return {**_grammar_and_words(), "methods": [list(method) for method in methods]}
