"""An information page costs the same small number of queries however many glossary terms and
related pages there are: terms come from the cache, related pages are fetched in bulk."""

import pytest

from django.core.cache import cache

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.information.models import InformationPageRelatedPage
from mrdinfo.information.tests.factories import GlossaryTermFactory, InformationPageFactory
from mrdinfo.testing.html import parse

from .section import SECTION_URLS

pytestmark = pytest.mark.django_db

WORDS = [f"Testword{n}" for n in range(40)]


def body_using_every_word():
    return [
        ("heading", {"text": "Section one", "level": "2"}),
        ("text", "<p>" + " ".join(f"{word} matters." for word in WORDS) + "</p>"),
        ("callout", {"style": "gentle-warning", "heading": "Survival figures", "text": "<p>Take your time.</p>"}),
        ("key_figure", {"figure": "1 in 10,000", "explanation": "A small share.", "source": "Blood, 2015"}),
        ("heading", {"text": "Section two", "level": "2"}),
        ("questions", {"intro": "", "questions": ["What does it mean?"]}),
        ("result_wordings", {"results": [{"wording": "Negative", "meaning": "<p>None found.</p>"}]}),
        ("references", {"references": [{"title": "A study", "publisher": "Blood", "year": "2015", "url": ""}]}),
    ]


def add_terms(words, capture):
    with capture(execute=True):  # saving a term clears the cached list once the save commits
        for word in words:
            GlossaryTermFactory(term=word, other_names=word.upper() + "X")


def add_topics(hub, start, stop):
    return [InformationPageFactory(parent=hub, title=f"Other topic {n}") for n in range(start, stop)]


def measure(client, page, warm=True):
    if warm:
        client.get(page.url)  # fill the caches (site chrome, glossary) as any earlier visitor would
    else:
        cache.clear()
    queries, response = count_queries(client, page.url)
    assert response.status_code == 200
    html = parse(response)
    return queries, len(html.select(".glossary-term__link")), len(html.select("li.card"))


@pytest.mark.parametrize("choose_related", [True, False], ids=["chosen-related-pages", "sibling-fallback"])
def test_same_queries_with_2_or_40_terms_and_2_or_12_related_pages(
    client, hub, glossary_page, choose_related, django_capture_on_commit_callbacks
):
    add_terms(WORDS[:2], django_capture_on_commit_callbacks)
    topics = add_topics(hub, 0, 2 if choose_related else 1)  # siblings: 1 topic + the glossary page
    page = InformationPageFactory(
        parent=hub, title="Measured page", body=body_using_every_word(), related=topics if choose_related else ()
    )
    small = measure(client, page)
    small_cold = measure(client, page, warm=False)

    add_terms(WORDS[2:], django_capture_on_commit_callbacks)
    more = add_topics(hub, len(topics), 12 if choose_related else 11)
    if choose_related:
        page.related_pages = [InformationPageRelatedPage(page=p, sort_order=i) for i, p in enumerate(topics + more)]
        page.save_revision().publish()
    large = measure(client, page)
    large_cold = measure(client, page, warm=False)

    print(
        f"\n{'chosen' if choose_related else 'sibling'} related pages: "
        f"2 terms/2 related: {small[0]} queries ({small_cold[0]} with empty caches); "
        f"40 terms/12 related: {large[0]} queries ({large_cold[0]} with empty caches)"
    )
    assert small[1:] == (2, 2) and large[1:] == (40, 12)
    assert small[0] == large[0] <= PAGE_QUERY_BUDGET
    assert small_cold[0] == large_cold[0]


def test_the_real_section_pages_stay_within_budget(site_content, client):

    counts = {}
    for url in SECTION_URLS:
        client.get(url)
        counts[url], response = count_queries(client, url)
        assert response.status_code == 200
    print("\nqueries per page of the loaded section:", counts)
    assert max(counts.values()) <= PAGE_QUERY_BUDGET, counts
