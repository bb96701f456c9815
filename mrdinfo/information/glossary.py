"""Glossary terms, linked where a page's blocks first use them.

Linking is a property of the blocks that hold prose (text, callouts, result meanings,
questions), wherever they are placed: every stream of blocks passes its HTML through
`link_prose`, registered with core's prose filters (core/pages/prose.py) in apps.py.

The rules (tested in tests/test_glossary_linking.py):
- Only prose is linked: text inside an element with the class `rich-text` (text blocks, callouts,
  result meanings, questions). Never inside headings, links, buttons or an earlier glossary link.
- The first use of each term in a stream (a page's body) is linked, counting across every block
  together, in reading order; later uses stay plain text.
- Whole words only, case-insensitive ("Remission" and "remission" both match; "remissions"
  does not, unless an editor lists it as another name). One exception keeps ordinary words
  safe: a name written in capitals (an abbreviation such as "ALL" or "MRD") matches only in
  capitals, so the word "all" is never taken for acute lymphoblastic leukaemia.
- Where two names overlap, the longer wins ("minimal residual disease" before "disease").

Each linked use is a real link to the term's entry on the glossary page (works everywhere,
without JavaScript), described by the definition for screen readers (aria-describedby), and
followed by a small button that opens the definition in place. The button uses the HTML
popover attribute, which is declarative: no script is involved.

The term list is cached as plain data for every site (with its glossary page's address and a
version: a digest of both), so a page render makes no query for terms however many there are.
core/caching/ clears it whenever content changes (signals.py registers it). Linking is a pure
function of the HTML and the glossary, so its result is cached too, under a key of both: the
costly parse runs once per page version, not once per visitor."""

import hashlib
import json
import re
from collections.abc import Iterable, Set
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from bs4 import BeautifulSoup, NavigableString, PageElement

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import slugify

from mrdinfo.core import caching
from mrdinfo.core.pages import prose

if TYPE_CHECKING:
    from wagtail.models import Site

# (pattern, {abbreviation: slug}, {casefolded name: slug}); no pattern when there are no terms.
Matcher = tuple[re.Pattern[str] | None, dict[str, str], dict[str, str]]

CACHE_KEY = "information-glossary:v1:{site_id}"
# Text inside these is never linked.
SKIP_TAGS = {"a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "code", "pre", "dfn", "abbr"}
SCOPE_CLASS = prose.PROSE_CLASS
POPOVER_ID = re.compile(r'id="glossary-popover-([\w-]+)"')


def cache_key(site_id: int) -> str:
    return CACHE_KEY.format(site_id=site_id)


def is_abbreviation(name: str) -> bool:
    """ "MRD", "ALL", "PCR": written all in capitals, so matched only in capitals."""
    return name == name.upper() and any(character.isalpha() for character in name)


def normalise(name: str) -> str:
    return " ".join(name.split())


def build_glossary(site: "Site | None") -> dict[str, Any]:
    """The terms and the site's glossary page address, as plain (cacheable) data."""
    from .models import GlossaryPage, GlossaryTerm

    glossary_page = None
    if site is not None:
        glossary_page = GlossaryPage.objects.live().descendant_of(site.root_page).order_by("path").first()
    terms = [
        {
            "term": term.term,
            "slug": term.slug,
            "definition": term.definition,
            "names": term.names(),
            "say_it_as": term.pronunciations(),
        }
        for term in GlossaryTerm.objects.order_by("term")
    ]
    url = glossary_page.get_url(current_site=site) if glossary_page else ""
    return {"terms": terms, "url": url, "version": glossary_version(terms, url)}


def glossary_version(terms: list[dict[str, Any]], url: str) -> str:
    """Changes whenever a term, a definition, another name or the glossary page's address does."""
    return hashlib.sha256(json.dumps([terms, url], sort_keys=True).encode()).hexdigest()[:16]


def get_glossary(site: "Site | None") -> dict[str, Any]:
    # Never None: the default is callable, so a miss builds the glossary.
    return cast(dict[str, Any], cache.get_or_set(cache_key(site.pk if site else 0), lambda: build_glossary(site)))


def clear_glossary_cache() -> None:
    from wagtail.models import Site

    cache.delete_many([cache_key(0)] + [cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)])


@lru_cache(maxsize=16)
def _matcher(names_key: tuple[tuple[str, str], ...]) -> Matcher:
    """Compile one pattern for every name (longest first), once per distinct term list."""
    names = sorted({name for name, _slug in names_key}, key=lambda name: (-len(name), name))
    if not names:
        return None, {}, {}
    alternatives = []
    for name in names:
        words = r"\s+".join(re.escape(word) for word in name.split())
        alternatives.append(f"(?-i:{words})" if is_abbreviation(name) else words)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    exact = {name: slug for name, slug in names_key if is_abbreviation(name)}
    folded = {name.casefold(): slug for name, slug in names_key if not is_abbreviation(name)}
    return pattern, exact, folded


def matcher_for(terms: list[dict[str, Any]]) -> Matcher:
    names_key = tuple(sorted((normalise(name), term["slug"]) for term in terms for name in term["names"]))
    return _matcher(names_key)


def in_linkable_prose(node: PageElement) -> bool:
    inside_scope = False
    for parent in node.parents:
        if parent.name in SKIP_TAGS or parent.has_attr("popover"):
            return False
        if SCOPE_CLASS in (parent.get("class") or []):
            inside_scope = True
    return inside_scope


def term_markup(matched_text: str, term: dict[str, Any], glossary_url: str) -> SafeString:
    definition_id = f"glossary-definition-{term['slug']}"
    popover_id = f"glossary-popover-{term['slug']}"
    if glossary_url:
        word = format_html(
            '<a class="glossary-term__link" href="{}#{}" aria-describedby="{}">{}</a>',
            glossary_url,
            term["slug"],
            definition_id,
            matched_text,
        )
    else:
        word = format_html(
            '<span class="glossary-term__word" aria-describedby="{}">{}</span>', definition_id, matched_text
        )
    return format_html(
        '<span class="glossary-term">{word}'
        '<button type="button" class="glossary-term__toggle" popovertarget="{popover_id}">'
        '<span class="visually-hidden">What does “{text}” mean?</span></button>'
        '<span class="glossary-popover" id="{popover_id}" popover>'
        '<span class="glossary-popover__text" id="{definition_id}">'
        '<strong class="glossary-popover__term">{term}</strong>: {definition}</span> '
        '<button type="button" class="glossary-popover__close" popovertarget="{popover_id}" '
        'popovertargetaction="hide">Close</button>'
        "</span></span>",
        word=word,
        popover_id=popover_id,
        definition_id=definition_id,
        text=matched_text,
        term=term["term"],
        definition=term["definition"],
    )


def pronunciations(request: HttpRequest | None) -> dict[str, str]:
    """core's "Listen to this page" pronunciations: {written name: spoken words} from the
    glossary of the request's site ("MRD" → "M R D"), read from the cached glossary (no query)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return {written: spoken for term in get_glossary(site)["terms"] for written, spoken in term["say_it_as"].items()}


def link_prose(html: str, request: HttpRequest | None) -> str:
    """core's prose filter: the glossary of the request's site (of no site: terms without links).
    A page with more than one stream (an introduction and an aside, say) links each term once:
    the terms linked by earlier streams are kept on the request and left alone."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    already: Set[str] = getattr(request, "_glossary_linked", frozenset()) if request is not None else frozenset()
    html = link_glossary_terms(html, get_glossary(site), already)
    if request is not None:
        request._glossary_linked = already | set(POPOVER_ID.findall(html))  # type: ignore[attr-defined]  # kept for this request
    return html


def link_glossary_terms(html: str, glossary: dict[str, Any], already_linked: Set[str] = frozenset()) -> str:
    """Return html with the first use of each glossary term linked (see the module's rules),
    except terms in already_linked (slugs). Cached under the HTML and the glossary's version."""
    version = glossary.get("version") or glossary_version(glossary["terms"], glossary["url"])
    skip = tuple(sorted(already_linked))
    return caching.cached_fragment("glossary-links", (version, skip, html), lambda: link_terms_in(html, glossary, skip))


def link_terms_in(html: str, glossary: dict[str, Any], skip: Iterable[str] = ()) -> str:
    terms = glossary["terms"]
    pattern, exact, folded = matcher_for(terms)
    if pattern is None or not pattern.search(html):
        return html
    by_slug = {term["slug"]: term for term in terms}
    soup = BeautifulSoup(html, "html.parser")
    linked = set(skip)
    # Linked text nodes are swapped for a marker and the markup put in after serialising: much
    # quicker than parsing every replacement into the tree.
    replacements: dict[str, str] = {}
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or not in_linkable_prose(node):
            continue
        text = str(node)
        pieces, position = [], 0
        for match in pattern.finditer(text):
            name = normalise(match.group(0))
            slug = exact.get(name) or folded.get(name.casefold())
            if slug is None or slug in linked:
                continue
            linked.add(slug)
            pieces.append(escape(text[position : match.start()]))
            pieces.append(term_markup(match.group(0), by_slug[slug], glossary["url"]))
            position = match.end()
        if pieces:
            pieces.append(escape(text[position:]))
            marker = f"\ue000glossary-{len(replacements)}\ue000"
            replacements[marker] = "".join(pieces)
            node.replace_with(NavigableString(marker))
    if not replacements:
        return html
    output = str(soup)
    for marker, markup in replacements.items():
        output = output.replace(marker, markup, 1)
    return output


def term_slug(term: str) -> str:
    return slugify(term)[:80].strip("-") or "term"
