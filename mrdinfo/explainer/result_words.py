"""The words MRD reports use, for the result reader's grammar (results.py).

Each phrase is a tuple of words as the tokenizer gives them (lower case; "+"/"-" are their own
tokens, and commas, dashes and slashes between words are skipped). The grammar matches the
longest phrase first, so "positive not quantifiable" wins over "positive"."""

# What the test says about the sample, without a number.
NONE_FOUND = "none_found"  # nothing found at the test's limit: not the same as none there
NOT_QUANTIFIABLE = "positive_not_quantifiable"  # found, below the level the test measures exactly
POSITIVE = "positive"  # found
INDETERMINATE = "indeterminate"  # a lab's uncertain result, or a UK ALL 2003 risk group
NO_RESULT = "no_result"  # the sample could not give a result (too few cells, no marker…)

# How a number stands to the result: "<0.01%" is BELOW, "≥ 0.01%" AT_LEAST.
EXACT, BELOW, ABOVE, AT_MOST, AT_LEAST = "exact", "below", "above", "at_most", "at_least"
RELATION_SIGNS = {EXACT: "", BELOW: "<", ABOVE: ">", AT_MOST: "<=", AT_LEAST: ">="}

# The two questions the reader asks, why a text was not read, and notes on a reading.
PERCENT_SIGN, POWER_OF_TEN = "percent_sign", "power_of_ten"
EMPTY, UNKNOWN, WHOLE_NUMBER, ZERO, WHOLE_OR_MORE = "empty", "unknown", "whole_number", "zero", "whole_or_more"
TOO_SMALL, DISAGREE, CONTRADICTS = "too_small", "disagree", "contradicts"
DASH_POWER, LOW = "dash_power", "low"  # "10-4" was read as 10⁻⁴; "low positive"

_LEUKAEMIA = ("leukaemia", "leukemia")


def _with_leukaemia(*tails):
    return [("no", word, *tail) for word in _LEUKAEMIA for tail in tails]


OUTCOME_PHRASES = {
    NONE_FOUND: [
        ("negative",),
        ("neg",),
        ("-", "ve"),
        ("not", "detected"),
        ("not", "detectable"),
        ("undetected",),
        ("undetectable",),
        ("none", "detected"),
        ("none", "found"),
        ("not", "found"),
        ("no", "mrd", "detected"),
        ("no", "mrd", "found"),
        ("no", "residual", "disease", "detected"),
        ("no", "evidence", "of", "mrd"),
        ("no", "evidence", "of", "residual", "disease"),
        *_with_leukaemia(("cells", "detected"), ("cells", "found"), ("detected",)),
    ],
    NOT_QUANTIFIABLE: [
        (*start, *tail)
        for start in [("positive",), ("pos",), ("detected",), ("detectable",), ("detected", "but"), ()]
        for tail in [
            ("not", "quantifiable"),
            ("but", "not", "quantifiable"),
            ("non", "quantifiable"),
            ("nq",),
            ("below", "qr"),
            ("<", "qr"),
            ("below", "quantifiable", "range"),
            ("below", "the", "quantifiable", "range"),
            ("below", "quantitative", "range"),
            ("below", "the", "quantitative", "range"),
            ("below", "the", "limit", "of", "quantification"),
            ("below", "loq"),
            ("<", "loq"),
        ]
    ]
    + [("pnq",)],
    POSITIVE: [
        ("positive",),
        ("pos",),
        ("+", "ve"),
        ("detected",),
        ("detectable",),
        ("positive", "quantifiable"),
        ("positive", "quantitative"),
        ("positive", "and", "quantifiable"),
        ("low", "positive"),
        ("low", "level", "positive"),
        ("weak", "positive"),
    ],
    INDETERMINATE: [("indeterminate",), ("equivocal",), ("inconclusive",)],
    NO_RESULT: [
        ("insufficient",),
        ("insufficient", "sample"),
        ("insufficient", "material"),
        ("insufficient", "cells"),
        ("inadequate",),
        ("inadequate", "sample"),
        ("sample", "inadequate"),
        ("sample", "insufficient"),
        ("failed",),
        ("sample", "failed"),
        ("test", "failed"),
        ("no", "marker"),
        ("no", "markers"),
        ("no", "marker", "found"),
        ("no", "marker", "identified"),
        ("no", "suitable", "marker"),
        ("no", "suitable", "markers"),
        ("no", "target"),
        ("no", "target", "identified"),
        ("not", "evaluable"),
        ("non", "evaluable"),
        ("unevaluable",),
        ("not", "assessable"),
        ("no", "result"),
    ],
}

# Words that mean the same as the sign before them: "low positive" is positive with a remark.
LOW_WORDS = ("low", "weak")

# Words before a number that say the number is the test's limit: "negative (sensitivity 10-5)".
LIMIT_INTRODUCTIONS = [
    ("at",),
    ("at", "a", "sensitivity", "of"),
    ("with", "a", "sensitivity", "of"),
    ("sensitivity", "of"),
    ("sensitivity",),
    ("limit", "of", "detection"),
    ("detection", "limit"),
    ("lod",),
    ("qr",),
    ("quantifiable", "range"),
]

# Relations, longest first so ">=" is never read as ">" and then "=…".
RELATION_WORDS = {
    AT_MOST: [
        ("<=",),
        ("=<",),
        ("<", "="),
        ("=", "<"),
        ("≤",),
        ("less", "than", "or", "equal", "to"),
        ("at", "most"),
        ("up", "to"),
    ],
    AT_LEAST: [
        (">=",),
        ("=>",),
        (">", "="),
        ("=", ">"),
        ("≥",),
        ("more", "than", "or", "equal", "to"),
        ("at", "least"),
    ],
    BELOW: [("<",), ("less", "than"), ("fewer", "than"), ("lower", "than"), ("below",), ("under",)],
    ABOVE: [(">",), ("more", "than"), ("greater", "than"), ("higher", "than"), ("above",), ("over",)],
    EXACT: [("about",), ("approximately",), ("approx",), ("~",), ("=",)],
}
# After the number: "1 in 10,000 or more".
TRAILING_RELATIONS = {
    AT_LEAST: [("or", "more"), ("or", "above"), ("or", "higher"), ("or", "greater")],
    AT_MOST: [("or", "less"), ("or", "fewer"), ("or", "below"), ("or", "lower")],
}

PERCENT_WORDS = [("percent",), ("per", "cent"), ("pct",)]
ONE_IN_WORDS = [("in",), (":",), ("/",), ("out", "of")]
TIMES_WORDS = [("x",), ("*",), ("×",), ("·",)]
METHOD_WORDS = {
    "flow": [("flow",), ("flow", "cytometry"), ("facs",), ("mfc",), ("ngf",)],
    "pcr": [("pcr",), ("rq", "pcr"), ("qpcr",), ("ig", "tcr"), ("ig", "tcr", "pcr")],
    "ngs": [("ngs",), ("sequencing",), ("clonoseq",)],
}
# A label before the result: "MRD:", "MRD level =", "Result:", "Day 29 MRD".
LABEL_WORDS = [("mrd",), ("result",), ("level",), ("value",), ("mrd", "result"), ("mrd", "level")]
TIME_POINT_WORDS = ("day", "week", "wk", "d", "tp")
