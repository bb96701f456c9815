"""An explainer stage in words, for presentation.py: what each method's status says, the label
over a stage's number, its count in words ("up to about a million million"), the sentence
saying which methods can find the cells, and the comparisons (counting, people, dots) that give
a number a size. A share is compared as a share, never as a count in the body."""

import re
from collections.abc import Callable

from . import numbers
from .models import LEVEL_CELLS, LEVEL_NONE, LEVEL_NOT_DETECTED, LEVEL_SHARE, LEVEL_SHARE_AT_LEAST

# What presentation.detection says of each method at a stage.
FINDS, EDGE, CANNOT, MIGHT, NOT_MEASURED = "finds", "edge", "cannot", "might", "not-measured"
STATUS_TEXT = {
    FINDS: "Can find them",
    EDGE: "Only just: this is the least it can find",
    CANNOT: "Cannot find them",
    MIGHT: "Might find some",
    NOT_MEASURED: "Not counted at this stage",
}

LEVEL_LABELS = {
    LEVEL_CELLS: "Leukaemia cells in the whole body",
    LEVEL_SHARE: "Leukaemia cells in the marrow sample",
    LEVEL_SHARE_AT_LEAST: "Leukaemia cells in the marrow sample",
    LEVEL_NOT_DETECTED: "Leukaemia cells in the marrow sample",
    LEVEL_NONE: "Leukaemia cells",
}


def first_sentence(text: str | None) -> str:
    """ "Cure is judged over years, not on one test." from a stage's summary."""
    text = " ".join((text or "").split())
    match = re.match(r"(.+?[.!?])(?:\s+(?=[A-Z\u201c\"])|$)", text)
    return match.group(1) if match else text


def cells_words(qualifier: str, low: int, high: int) -> str:
    """ "up to about a million million", "up to thousands of millions", "between … and …"."""
    if low == high:
        return f"{qualifier} {numbers.power_words(high)}"
    if high - low == 1:
        return f"{qualifier} {numbers.power_words_plural(low)}"
    return f"between {numbers.power_words(low)} and {numbers.power_words(high)}"


def seen_sentence(results: list[dict[str, str]]) -> str:
    """ "The microscope cannot find them. The MRD test by PCR and newer tests can find them."""

    def names(status: str) -> str:
        found = [r["method"] for r in results if r["status"] == status]
        if not found:
            return ""
        # "Newer tests" reads as "newer tests" mid-sentence; "MRD test" keeps its capitals.
        found = [name if name[1:2].isupper() else name[0].lower() + name[1:] for name in found]
        text = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
        return text[0].upper() + text[1:]

    parts = []
    for status, verb in (
        (FINDS, "can find them"),
        (EDGE, "can only just find them"),
        (MIGHT, "might find some"),
        (CANNOT, "cannot find them"),
    ):
        subject = names(status)
        if subject:
            parts.append(f"{subject} {verb}.")
    return " ".join(parts)


def comparisons_for_cells(low: int, high: int) -> list[dict[str, str]]:
    exponents = [low] if low == high else [low, high]

    def joined(function: Callable[[int], str]) -> str:
        return " to ".join(function(e) for e in exponents)

    if low == high:
        counting = f"Counting them at one a second would take {numbers.counting_time(high)}."
    else:
        counting = (
            f"Counting them at one a second would take {numbers.counting_time(low)} for "
            f"{numbers.power_words(low)}, or {numbers.counting_time(high)} for {numbers.power_words(high)}."
        )
    return [
        {"label": "Counting", "text": counting},
        {"label": "People", "text": f"If each cell were a person, that would be {joined(numbers.people)}."},
        {"label": "Dots", "text": f"As a line of dots 1 mm wide, they would stretch {joined(numbers.dot_line)}."},
    ]


def comparisons_for_share(low: int | None, high: int) -> list[dict[str, str]]:
    """A share is compared as a share: finding 1 cell in 10,000 is like finding one person in
    a crowd of 10,000. It is never turned into a number of cells in the body."""
    exponents = [-high] if low is None or low == high else [-high, -low]
    crowds = " ".join(
        f"Finding {numbers.one_in(-e)} is like picking out one person from {numbers.people(e)}." for e in exponents
    )
    checking = ", or ".join(f"{numbers.counting_time(e)} for {10**e:,} cells" for e in exponents)
    return [
        {"label": "People", "text": crowds},
        {"label": "Counting", "text": f"Looking at the cells one a second would take {checking}."},
    ]
