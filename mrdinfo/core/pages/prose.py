"""Prose: the running text that blocks hold (text, callouts, result meanings, questions).

A block that holds prose renders it inside an element with the class `rich-text` (PROSE_CLASS),
rich text with `{% prose value %}` (core/templatetags/prose_tags.py). Wherever the block is
placed, the stream that holds it (core/pages/blocks.py, BaseStreamBlock) then finishes the stream's
HTML once, as a whole:

1. links to pages and documents in rich text are resolved for the whole stream at once (a query
   per page type, not a query or two for every paragraph that links to a page): inside a stream,
   `{% prose %}` leaves them in their stored form for this step;
2. every registered prose filter runs on it, in order of registration. The information app
   registers the glossary, which links the first use of each term across all of the stream's
   prose (information/glossary.py).

A block rendered on its own (an editor's block preview) resolves its own links, and no filter
runs. Filters are functions `(html, request) -> html` registered by apps with
`register_prose_filter(name, function)`, so core imports no domain app. A filter must be a pure
function of the HTML and stored content (the glossary caches its result under both)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest
from django.template import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.rich_text import RichText, expand_db_html

PROSE_CLASS = "rich-text"
# Set in the context of the blocks inside a stream that will finish their prose itself.
IN_STREAM = "prose_finished_by_stream"

ProseFilter = Callable[[str, HttpRequest | None], str]

_filters: dict[str, ProseFilter] = {}  # name -> function(html, request) -> html


def register_prose_filter(name: str, function: ProseFilter) -> None:
    """Run `function(html, request)` on the HTML of every stream of blocks. Registering a name
    again replaces the earlier function."""
    _filters[name] = function


def prose_filters() -> dict[str, ProseFilter]:
    return dict(_filters)


def prose_html(value: Any, context: Context | Mapping[str, Any]) -> str:
    """A block's rich text (or plain text) for its template: see the module's docstring."""
    if isinstance(value, RichText):
        if context.get(IN_STREAM):
            return mark_safe(value.source)  # noqa: S308 - Wagtail's stored, sanitised rich text; resolved by the stream
        return str(value)  # rendered by Wagtail, marked safe
    return conditional_escape(value)


def finish(html: str, request: HttpRequest | None = None) -> SafeString:
    """The HTML of a whole stream, its links resolved and every prose filter applied."""
    html = expand_db_html(html)
    for function in _filters.values():
        html = function(html, request)
    return mark_safe(html)  # noqa: S308 - built from rendered templates and escaped parts
