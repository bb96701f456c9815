"""/search/: the site's own search, over every live, public page of every type.

Generic: it searches Page.objects (Wagtail's search index holds each page type's own
search_fields), so a new page type is found as soon as it declares search_fields; its result
shows its title, its summary (or search description) and where it sits.

A fixed number of queries whatever the number of results: one page of results at a time, and the
result cards (title, summary, address) are cached until content changes, so only cards not yet cached
are read from their page types' tables."""

import logging

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from mrdinfo.core import caching

from .models import NoResultSearch
from .query import (
    clean_query,
    content_words,
    glossary_matches,
    highlight,
    query_words,
    rank,
    reader_phrase,
    search_expression,
    synonyms_for,
)

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
# The best matches only: a parent never reads past the first few pages of results.
MAX_RESULTS = 50
# With core's content generation (core/caching/): any content change (a page published, moved,
# renamed, unpublished or deleted, a setting or snippet saved) makes every older card unreachable;
# old cards expire by themselves.
CARD_CACHE_KEY = "search-card:v2:{generation}:{site_id}:{page_id}"
CARD_CACHE_SECONDS = 60 * 60 * 24 * 7
SUGGESTED_SEARCHES = ["MRD", "remission", "the MRD test", "relapse"]


def site_glossary(site):
    """The glossary's terms and address (cached by the information app), if it is installed."""
    try:
        from mrdinfo.information.glossary import get_glossary
    except ImportError:  # pragma: no cover - the information app is part of the site
        return {"terms": [], "url": ""}
    return get_glossary(site)


def card_key(site, page_id, generation):
    return CARD_CACHE_KEY.format(generation=generation, site_id=site.pk if site else 0, page_id=page_id)


def result_cards(request, site, page_ids):
    """Title, address and summary of each result page, from the cache where possible (its keys
    carry the content generation); only the pages not yet cached are read, one query per page
    type."""
    generation = caching.generation()
    keys = {pk: card_key(site, pk, generation) for pk in page_ids}
    cached = cache.get_many(list(keys.values()))
    missing = [pk for pk in page_ids if keys[pk] not in cached]
    if missing:
        fresh = {}
        for specific in Page.objects.filter(pk__in=missing).defer_streamfields().specific():
            summary = getattr(specific, "summary", "") or specific.search_description or ""
            fresh[keys[specific.pk]] = {
                "pk": specific.pk,
                "title": specific.title,
                "url": specific.get_url(request=request),
                "summary": summary,
                "depth": specific.depth,
                # Pages that answer parents' medical questions (they carry a clinical review)
                # come before charity pages that only mention the same words.
                "medical": callable(getattr(specific, "clinical_review", None)),
            }
        cache.set_many(fresh, CARD_CACHE_SECONDS)
        cached.update(fresh)
    return [cached[keys[pk]] for pk in page_ids if keys[pk] in cached]


def log_search(query, found_any):
    """Feed the editors' reports: every search (Wagtail's search terms report) and the ones that
    found nothing. Never lets a logging failure spoil the search itself."""
    try:
        Query.get(query).add_hit()
        if not found_any:
            NoResultSearch.record(query)
    except DatabaseError:
        logger.exception("Could not record the search %r", query)


@require_GET
def search(request):
    site = Site.find_for_request(request)
    query = clean_query(request.GET.get("q", ""))
    words = query_words(query)
    context = {
        "query": query,
        "words": words,
        "meta_title": f"Search results for “{query}”" if query else "Search",
        "meta_description": "Search the site's information about MRD, remission and the MRD test.",
        "suggested_searches": SUGGESTED_SEARCHES,
        "searched": bool(query),
        "promotions": [],
        "glossary_terms": [],
        "results": [],
        "page_obj": None,
    }
    glossary = site_glossary(site)
    context["glossary_url"] = glossary.get("url", "")
    if words:
        context["glossary_terms"] = [
            {**term, "url": f"{glossary['url']}#{term['slug']}" if glossary.get("url") else ""}
            for term in glossary_matches(query, glossary.get("terms", []))
        ]
        context["promotions"] = list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
            .select_related("page")
            .order_by("sort_order")
        )
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        scored_words = content_words(words)
        synonyms = synonyms_for(scored_words)
        # One search per word (each in both spellings): which pages have it, best first.
        matches = {
            word: [page.pk for page in pages.search(search_expression([word]), order_by_relevance=True)[:MAX_RESULTS]]
            for word in scored_words + synonyms
        }
        # Pages found by the reader's own words; synonyms only help to order them.
        found = list(dict.fromkeys(pk for word in scored_words for pk in matches[word]))
        demote = {glossary["url"]} if context["glossary_terms"] and glossary.get("url") else set()
        cards = rank(
            result_cards(request, site, found),
            matches,
            scored_words,
            demote_urls=demote,
            synonyms=synonyms,
            phrase=reader_phrase(words),
        )[:MAX_RESULTS]
        paginator = Paginator(cards, RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))  # page=abc or 999: the nearest real page
        context["page_obj"] = page_obj
        context["paginator"] = paginator
        context["results"] = [
            {**card, "title_html": highlight(card["title"], words), "summary_html": highlight(card["summary"], words)}
            for card in page_obj.object_list
        ]
        if page_obj.number == 1:
            log_search(query, found_any=bool(context["results"] or context["promotions"]))
    if query and not (context["results"] or context["promotions"] or context["glossary_terms"]):
        from mrdinfo.core.models import SiteSettings

        settings = SiteSettings.for_request(request)
        contact = settings.contact_page
        context["contact_url"] = contact.get_url(request=request) if contact and contact.live else ""
    response = render(request, "search/search.html", context)
    if query:
        # Every search must reach this view to be counted in the editors' search terms report,
        # so results are not kept by the page cache or a CDN (an empty search page may be).
        patch_cache_control(response, no_cache=True)
    return response
