"""What the result reader shows for a Reading (results.py): the result in plain words (1 in N
cells of the sample), the other ways labs write it, where it sits against what each test can
find, and the words labs use. It converts notation; it never says what a result means for a
child's risk, and it always ends by sending the parent to the care team."""

from fractions import Fraction

from . import numbers
from .results import ABOVE, BELOW, INDETERMINATE, NONE_FOUND, POSITIVE, POSITIVE_NOT_QUANTIFIABLE

ASK = "Ask your care team what this means for your child."
EXAMPLE = "for example 0.01%, <0.01%, 1 x 10-4, 1E-04, 1 in 10,000 or negative"
COULD_NOT_READ = "We could not read that. Type it as it is written on the report, " + EXAMPLE + "."
# The scale the reader places a result on: 1 in 10 down to 1 in 10 million.
SCALE_TOP, SCALE_BOTTOM = -1, -7


def _plain(value):
    """A Fraction as people write it: 1.5, 10,000, 0.25 (no trailing zeros)."""
    if value.denominator == 1:
        return f"{value.numerator:,}"
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def in_words(share):
    """1/10000 → "1 in 10,000"; 3/2000 → "1.5 in 1,000 (about 1 in 670)"."""
    total = 1 / share
    if total.denominator == 1:
        return f"1 in {total.numerator:,}"
    # 1.5 in 1,000: scale the share so that its count is between 1 and 10.
    power = 0
    while share * Fraction(10) ** power < 1:
        power += 1
    count = share * Fraction(10) ** power
    rounded = round(float(total), -max(len(str(int(total))) - 2, 0))
    return f"{_plain(count)} in {10**power:,} (about 1 in {int(rounded):,})"


def other_ways(share):
    """The same share as labs write it: a percentage, a power of ten and E notation."""
    percent = _plain(share * 100) + "%"
    power = 0
    while share * Fraction(10) ** power < 1:
        power += 1
    mantissa = _plain(share * Fraction(10) ** power)
    superscript = numbers.superscript_power(-power)[2:]
    e_mantissa = f"{float(share * Fraction(10) ** power):.1f}".replace(".0", "")
    return [percent, f"{mantissa} × 10{superscript}", f"{e_mantissa}E-{power:02d}"]


def placement(share, methods):
    """One sentence per method: is this share within what it can find? `methods` are
    (name, best, worst) powers of ten, as the explainer's detection methods give them."""
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


def scale(share, methods):
    """The rows of the reader's scale, 1 in 10 at the top: where the result sits, and where
    each method's floor is. A share between two powers sits on the row of the power above it."""
    rows = []
    exponent = None if share is None else min(max(_floor_exponent(share), SCALE_BOTTOM), SCALE_TOP)
    for e in range(SCALE_TOP, SCALE_BOTTOM - 1, -1):
        rows.append(
            {
                "exponent": e,
                "label": numbers.one_in(e),
                "here": e == exponent,
                "floors": [f"{name} finds down to here" for name, _, worst, _ in methods if worst == e]
                + [f"{name}, at its best" for name, best, worst, _ in methods if best == e and best != worst],
            }
        )
    return rows


def _floor_exponent(share):
    exponent = 0
    while Fraction(10) ** exponent > share:
        exponent -= 1
    return exponent


def reader_view(reading, methods, typed):
    """Everything the template shows for one answer. `reading` None means "could not read"."""
    typed = (typed or "").strip()[:100]
    if reading is None:
        return {"ok": False, "typed": typed, "message": COULD_NOT_READ, "summary": COULD_NOT_READ}
    view = {"ok": True, "typed": typed, "kind": reading.kind, "ask": ASK, "scale": None, "placement": []}
    if reading.share is not None:
        words = in_words(reading.share)
        if reading.kind == BELOW:
            headline = f"Fewer than {words} cells of the sample"
        elif reading.kind == ABOVE:
            headline = f"More than {words} cells of the sample"
        else:
            headline = f"{words} cells of the sample"
        share_words = f"{words} of the cells in the sample"
        if reading.kind == BELOW:
            meaning = f"fewer than {share_words} were leukaemia cells, or that none were found"
        elif reading.kind == ABOVE:
            meaning = f"more than {share_words} were leukaemia cells"
        else:
            meaning = f"{share_words} were leukaemia cells"
        relation = {BELOW: "below ", ABOVE: "above "}.get(reading.kind, "")
        view.update(
            headline=headline,
            explanation=(
                f"“{typed}” means {meaning}. "
                "It is a share of the cells the lab looked at, not a count of cells in the body."
            ),
            other_ways=[relation + way for way in other_ways(reading.share)],
            placement=placement(reading.share, methods),
            scale=scale(reading.share, methods),
        )
        if reading.kind == BELOW:
            view["lab_words"] = (
                f"Labs use “{view['other_ways'][0]}” for two different results. It can mean "
                f"leukaemia cells were found, but fewer than {words}. Or it can mean none were found, "
                f"with a test that can find {words}. Ask which one your child's report means."
            )
        else:
            view["lab_words"] = (
                "The level that changes treatment depends on the treatment plan and when the sample was taken. "
                "Results from different tests or labs cannot always be compared."
            )
    elif reading.kind == NONE_FOUND:
        view.update(
            headline="None found",
            explanation=(
                f"“{typed}” means the test found no leukaemia cells in the sample. "
                "It does not mean there are none. A few may be too few for the test to find."
            ),
            lab_words=(
                "Labs also write “MRD negative” or “not detected”. Most tests can find 1 in 10,000 cells, "
                "and some 1 in 100,000. Ask how sensitive your child's test was."
            ),
            scale=scale(None, methods),
        )
    elif reading.kind == POSITIVE_NOT_QUANTIFIABLE:
        view.update(
            headline="Found, but too few to measure",
            explanation=(
                f"“{typed}” means the test found signs of leukaemia cells, but too few to count with confidence. "
                "Healthy cells can give a faint signal too, which is one reason labs use these words."
            ),
            lab_words="Labs may also write “positive below the quantifiable range”.",
            scale=scale(None, methods),
        )
    elif reading.kind == POSITIVE:
        view.update(
            headline="Found",
            explanation=f"“{typed}” means the test found leukaemia cells in the sample.",
            lab_words="The report may give a number too, like 0.01% or 1E-04. Type that number here to read it.",
            scale=scale(None, methods),
        )
    elif reading.kind == INDETERMINATE:
        view.update(
            headline="Indeterminate",
            explanation=(
                f"“{typed}” is a risk-group word, not a test result. In the UK ALL 2003 trial it meant "
                "either no MRD result, or leukaemia cells still found at a low level at two checks."
            ),
            lab_words="Ask which of these your child's report means.",
            scale=scale(None, methods),
        )
    view["summary"] = f"{view['headline']}. {ASK}"
    return view
