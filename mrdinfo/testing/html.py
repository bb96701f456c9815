"""Read rendered HTML in tests the way a browser would, by parsing it (BeautifulSoup with the
standard library's html.parser), never by slicing strings: a test then fails for what a visitor
would notice, not for a changed attribute order or a new line.

    select(response, "main h2")             # every matching element
    select_one(response, "#contents")      # the first (AssertionError if there is none)
    text(response, ".site-footer")          # an element's visible text, spaces collapsed
"""

from bs4 import BeautifulSoup, Tag


def parse(html):
    """A BeautifulSoup tree of a response, bytes or str (an element already parsed is returned)."""
    if isinstance(html, Tag):
        return html
    if hasattr(html, "content"):
        html = html.content
    if isinstance(html, bytes):
        html = html.decode()
    return BeautifulSoup(html, "html.parser")


def select(html, css):
    """Every element that matches the CSS selector, in document order."""
    return parse(html).select(css)


def select_one(html, css):
    """The first element that matches the CSS selector; fails the test if there is none."""
    element = parse(html).select_one(css)
    assert element is not None, f"nothing matches {css!r}"
    return element


def text(html, css=None):
    """The visible text of the document (or of the first element matching css), with runs of
    white space collapsed to one space."""
    element = parse(html) if css is None else select_one(html, css)
    return " ".join(element.get_text().split())


def comes_before(first, second):
    """Is element `second` after element `first` in the document (reading order)?"""
    return any(element is second for element in first.find_all_next())
