"""Read the figures a parent reads on a rendered page, and the figures docs/FACTS.md gives, so
test_facts.py can check that every one of the first is one of the second.

A figure is a numeral ("10,000", "0.01", "91.7"), a power of ten (10^12 or 10¹² is read as
1,000,000,000,000), or a number written in words ("one in ten thousand" is read as 1 and 10,000;
"a million million" as 1,000,000,000,000; "a hundred thousand million" as 100,000,000,000).
Fractions in words ("half", "a third", "two thirds", "a quarter") are read as phrases and must be
written the same way in the fact sheet.

What counts as read: the text of the page's <main> (popover definitions and visually hidden
text included), the attributes a screen reader reads (aria-label, aria-valuetext, alt, title...),
and the strings of JSON data the page's scripts show (the explainer's labels and announcements).

Not counted, and why (EXEMPT, in the words test_facts.py prints):"""

import json
import re

from bs4 import BeautifulSoup

EXEMPT = {
    "sources and review box": "section.about-information: titles, years, volumes, pages, DOIs and "
    "PMIDs of references, and the review dates: citations, not figures about leukaemia",
    "calendar dates": 'dates such as "November 2026" or "28 November 2026" (when a line was last '
    "checked) and <time> elements",
    "outside <main>": "header, footer, menus and breadcrumbs: the charity's name, number and links, "
    "not medical information",
    "ordinals": '"first", "second", "third course", "1st": positions in a sequence, not amounts',
    "once, twice": 'how often something happens to the reader ("ask more than once"), not a figure',
    "plural scale words": '"thousands of healthy cells", "many millions": no number is stated '
    '("thousands of millions", the fact sheet\'s own words, is read as such)',
    "scripts' code": "the numbers in JSON data (positions on the explainer's scale); its strings are read",
    "a result a parent types": "the result reader's answer to ?result=... is arithmetic on the "
    "parent's own number (tested in explainer/tests/test_results.py); the page without one is read",
}

NUMERAL = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
POWER = re.compile(r"10\s*\^\s*(-?\d+)")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
SUPERSCRIPT_POWER = re.compile(r"10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CALENDAR_DATE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}}\b")
READ_ATTRIBUTES = ("aria-label", "aria-valuetext", "aria-description", "alt", "title", "placeholder")

UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen"
)
UNITS = {word: value for value, word in enumerate(UNIT_WORDS.split(" "))}
TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
TENS = {word: 10 * (n + 2) for n, word in enumerate(TEN_WORDS.split(" "))}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
NUMBER_WORD = "|".join([*UNITS, *TENS, *SCALES])
# A run of number words on one line: "a" or "an" may start it (before a scale), spaces, "and" and
# hyphens join. Pieces of text from different elements are on different lines (readable_text).
# "and" only after a scale word ("a hundred and twenty"), so "one and two" stays two numbers.
AFTER_SCALE = "".join(f"(?<={word})" if i == 0 else f"|(?<={word})" for i, word in enumerate(SCALES))
WORD_RUN = re.compile(
    rf"\b(?:an? (?=(?:{'|'.join(SCALES)})\b))?(?:{NUMBER_WORD})"
    rf"(?:(?:(?:{AFTER_SCALE}) and | |-)(?:{NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
# The fact sheet's own way to say "up to 10^9 to 10^10": read as a phrase it must also use.
INDEFINITE_FIGURE = re.compile(r"\bthousands\s+of\s+millions\b", re.IGNORECASE)
PLURAL_SCALE = re.compile(rf"\b(?:{'|'.join(SCALES)})s\b", re.IGNORECASE)
# "a third of", not "a third course" (an ordinal).
FRACTION = re.compile(
    r"\b(?:halves|half|(?:two|three)\s+(?:thirds|quarters)|(?:an?|one)\s+(?:third|quarter)(?=\s+of\b))\b",
    re.IGNORECASE,
)


def words_to_number(phrase):
    """ "a hundred thousand million" -> 100_000_000_000; "twenty-five" -> 25."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", phrase.lower()):
        if word in ("a", "an"):
            current = 1
        elif word == "and":
            continue
        elif word in UNITS or word in TENS:
            current += UNITS.get(word, TENS.get(word, 0))
        elif word == "hundred":
            current = (current or 1) * 100
        else:  # thousand, million...: multiplies what came before it
            scale = SCALES[word]
            if current == 0:
                total = (total or 1) * scale
            else:
                total += current * scale
                current = 0
    return total + current


def _plain(value):
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return str(value)


def figures_in_text(text):
    """Every figure in a piece of text, as strings ("10,000", "0.01", "half")."""
    text = CALENDAR_DATE.sub(" ", text)
    text = SUPERSCRIPT_POWER.sub(lambda m: "10^" + m.group(1).translate(SUPERSCRIPTS), text)
    found = set()
    for match in POWER.finditer(text):
        exponent = int(match.group(1))
        found.add(_plain(10**exponent) if exponent >= 0 else match.group(0).replace(" ", ""))
    text = POWER.sub(" ", text)
    found |= set(NUMERAL.findall(text))
    found |= {" ".join(m.group(0).lower().split()) for m in FRACTION.finditer(text)}
    text = FRACTION.sub(" ", text)
    found |= {" ".join(m.group(0).lower().split()) for m in INDEFINITE_FIGURE.finditer(text)}
    text = INDEFINITE_FIGURE.sub(" ", text)
    text = PLURAL_SCALE.sub(" ", text)
    for match in WORD_RUN.finditer(text):
        found.add(_plain(words_to_number(match.group(0))))
    return found


def readable_text(html):
    """What a parent reads (or hears) of a page's main content: its text, the attributes a screen
    reader reads and the strings its scripts show; without what EXEMPT names."""
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None, "the page has no <main>"
    for unread in main.select("section.about-information, time, style, template"):
        unread.decompose()
    for sup in main.select("sup"):  # 10<sup>12</sup> is a power of ten
        sup.replace_with("^" + sup.get_text())
    pieces = []
    for script in main.select("script"):
        if script.get("type") == "application/json":
            pieces += list(_json_strings(json.loads(script.get_text())))
        script.decompose()
    for element in main.find_all(True):
        pieces += [element[name] for name in READ_ATTRIBUTES if isinstance(element.get(name), str)]
    # One line per piece of text, each with its white space made single spaces, so that words
    # in neighbouring elements (two labels of a scale) are not read as one number.
    pieces += list(main.stripped_strings)
    return "\n".join(" ".join(piece.split()) for piece in pieces)


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def figures_in_page(html):
    return figures_in_text(readable_text(html))


def fact_figures(facts_text):
    """Every figure the fact sheet gives, read the same way (10^12 is also 1,000,000,000,000;
    "a million million" too), plus each numeral as written."""
    return figures_in_text(facts_text) | set(NUMERAL.findall(facts_text))
