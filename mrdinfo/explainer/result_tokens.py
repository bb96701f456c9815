"""The result reader's tokens: text as typed → normalised text → tokens (numbers, words,
symbols), and a number token's value. result_grammar.py parses the tokens.

Case and spacing do not matter; ¹⁰⁻⁴-style superscripts arrive as ^-4, and dashes and fraction
slashes as - and /. Numbers take a decimal point or a decimal comma (0,01%); a comma before three
digits in a whole number is a thousands separator (10,000).
"""

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "word", "sym" or "other"
    text: str
    start: int
    end: int


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-", "⁄": "/"})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[a-z]+)|(?P<sym><=|>=|=<|=>|\*\*|[%<>≤≥=^()\[\]:/*×·~+\-,;])"
    r"|(?P<space>\s+)|(?P<other>.)"
)


def normalise(text: str) -> str:
    # Superscripts first (10⁻⁴ → 10^-4), before NFKC folds them into plain digits.
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+", lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def tokens(text: str) -> list[Token]:
    lower = text.translate(_ASCII_LOWER)  # same length as text, so spans index both
    found = []
    for match in _TOKEN.finditer(lower):
        kind = match.lastgroup or "other"
        if kind != "space":
            found.append(Token(kind, "^" if match[0] == "**" else match[0], match.start(), match.end()))
    return found


def number_value(text: str) -> Fraction | None:
    if "," in text and "." in text:  # 10,000.5: the commas group thousands
        text = text.replace(",", "")
    separator = "," if "," in text else "."
    whole, *groups = text.split(separator)
    if separator == "," and whole != "0" and groups and all(len(group) == 3 for group in groups):
        return Fraction(whole + "".join(groups))  # 10,000
    if len(groups) > 1:
        return None  # 1.2.3
    return Fraction(whole + ("." + groups[0] if groups else ""))  # 0.01, or a decimal comma 0,01
