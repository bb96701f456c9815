"""Site search: the right page first for the words parents use (real content), British and American
spellings, the glossary first, editors' promotions, reports, pagination, bad input and the query
budget. Runs on SQLite and, with DATABASE_URL, on PostgreSQL full-text search."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.search.models import NoResultSearch
from mrdinfo.search.query import glossary_matches, highlight, spelling_variants
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_content):
    return site_content


def results(html):
    soup = BeautifulSoup(html, "html.parser")
    return [a["href"] for a in soup.select(".search-results .search-result__title a")]


def glossary_answers(html):
    soup = BeautifulSoup(html, "html.parser")
    return [dt.get_text(strip=True) for dt in soup.select(".search-glossary dt")]


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


# What a parent types, and the page that must come first (the real content, as loaded).
EXPECTED_TOP_RESULTS = [
    ("MRD", "/understanding-mrd/what-is-mrd/"),
    ("minimal residual disease", "/understanding-mrd/what-is-mrd/"),
    ("remission", "/understanding-mrd/remission/"),
    ("breakthrough test", "/understanding-mrd/the-mrd-test/"),
    ("relapse", "/understanding-mrd/remission/"),
    ("what does MRD negative mean", "/understanding-mrd/reading-mrd-results/"),
]
# And the glossary's answer shown above the results.
EXPECTED_GLOSSARY_FIRST = [
    ("MRD", "Minimal residual disease"),
    ("minimal residual disease", "Minimal residual disease"),
    ("remission", "Remission"),
    ("leukemia", "Leukaemia"),
    ("relapse", "Relapse"),
]


@pytest.mark.parametrize(("query", "expected"), EXPECTED_TOP_RESULTS)
def test_the_right_page_comes_first(client, content, query, expected):
    found = results(search(client, query))
    assert found and found[0] == expected, found


@pytest.mark.parametrize(("query", "term"), EXPECTED_GLOSSARY_FIRST)
def test_a_glossary_match_is_shown_first(client, content, query, term):
    html = search(client, query)
    assert glossary_answers(html)[:1] == [term]
    soup = BeautifulSoup(html, "html.parser")
    sections = [section.get("class")[0] for section in soup.select("main section")]
    assert sections[0] == "search-glossary"


def test_american_spelling_finds_the_british_pages(client, content):
    british = results(search(client, "leukaemia"))
    american = results(search(client, "leukemia"))
    assert american and set(american) == set(british)
    assert "<mark>leukaemia</mark>" in search(client, "leukemia").lower()


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("leukaemia", "leukemia"),
        ("haematologist", "hematologist"),
        ("anaemia", "anemia"),
        ("tumour", "tumor"),
        ("paediatric", "pediatric"),
    ],
)
def test_spelling_variants_work_both_ways(word, other):
    assert other in spelling_variants(word)
    assert word in spelling_variants(other)


@pytest.mark.parametrize(
    ("british_text", "american_query"),
    [("haematologist", "hematologist"), ("anaemia", "anemia"), ("tumour", "tumor")],
)
def test_pages_written_in_british_spelling_are_found_in_american(client, page_tree, british_text, american_query):
    page = GeneralPageFactory(
        parent=page_tree["home"],
        title=f"Meet a {british_text}",
        body=[("text", f"<p>A word about {british_text} here.</p>")],
    )
    assert results(search(client, american_query))[:1] == [page.url]
    assert results(search(client, british_text))[:1] == [page.url]


def test_glossary_abbreviations_only_match_in_capitals_inside_a_longer_query():
    terms = [
        {"term": "Acute lymphoblastic leukaemia", "slug": "all", "names": ["Acute lymphoblastic leukaemia", "ALL"]}
    ]
    assert glossary_matches("ALL", terms) and glossary_matches("all", terms)
    assert glossary_matches("what is ALL", terms)
    assert not glossary_matches("tell me all about it", terms)


def test_highlight_escapes_and_marks_every_spelling():
    html = str(highlight("<b>Leukaemia</b> & leukemia cells", ["leukemia"]))
    assert html == "&lt;b&gt;<mark>Leukaemia</mark>&lt;/b&gt; &amp; <mark>leukemia</mark> cells"


def test_results_are_paginated_with_the_query_kept_and_highlighted(client, page_tree):
    for number in range(23):
        GeneralPageFactory(
            parent=page_tree["home"], title=f"Walking event {number}", body=[("text", "<p>A sponsored walk.</p>")]
        )
    html = search(client, "walking")
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".search-results .search-result")) == 10
    assert "23 pages found" in soup.select_one("#search-results-title").get_text()
    assert soup.select_one(".search-result__title mark").get_text() == "Walking"
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?q=walking&page=2"
    page_three = BeautifulSoup(search(client, "walking", page="3"), "html.parser")
    assert len(page_three.select(".search-results .search-result")) == 3
    assert " ".join(page_three.select_one("[aria-current=page]").get_text().split()) == "Page 3"
    first_pages = {a["href"] for a in soup.select(".search-result__title a")}
    assert not first_pages & {a["href"] for a in page_three.select(".search-result__title a")}


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {},
        {"q": "x" * 10_240},
        {"q": "leukaemia " * 1000},
        {"q": "!!! ??? ... ---"},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
        {"q": '" OR 1=1 -- AND "a" NEAR(b) *'},
        {"q": "белок 白血病 لوكيميا"},
        {"q": "remission", "page": "abc"},
        {"q": "remission", "page": "-1"},
        {"q": "remission", "page": "99999"},
        {"q": "\x00\x1f control"},
        {"q": ["two", "values"]},
    ],
)
def test_bad_input_gets_a_normal_page(client, page_tree, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("h1").get_text() == "Search"
    assert soup.select_one("#search-q") is not None


def test_punctuation_only_asks_for_a_word(client, page_tree):
    html = search(client, "?!.")
    assert "Please type a word to search for" in html


def test_no_results_page_helps_and_is_reported_to_editors(client, content):
    html = search(client, "zebra crossing")
    soup = BeautifulSoup(html, "html.parser")
    assert "No pages found for “zebra crossing”" in soup.select_one("#search-none-title").get_text()
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".search-none a")}
    assert links["glossary"] == "/understanding-mrd/glossary/"
    assert links["contact us"] == "/contact/"
    assert links["MRD"] == "?q=MRD"
    assert NoResultSearch.objects.get(query_string="zebra crossing").hits == 1
    search(client, "Zebra  crossing")
    assert NoResultSearch.objects.get(query_string="zebra crossing").hits == 2
    assert Query.objects.get(query_string="zebra crossing").hits == 2


def test_searches_feed_wagtails_search_terms_report(content, client, admin_client):
    search(client, "remission")
    search(client, "remission")
    assert Query.objects.get(query_string="remission").hits == 2
    assert not NoResultSearch.objects.exists()
    report = admin_client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert report.status_code == 200 and "remission" in report.content.decode()
    search(client, "zebra")
    no_results = admin_client.get(reverse("site_search_no_results"))
    assert no_results.status_code == 200 and "zebra" in no_results.content.decode()


def test_editors_promotions_come_before_the_results(client, content):
    from wagtail.models import Page

    questions = Page.objects.get(url_path__endswith="/questions-to-ask/")
    SearchPromotion.objects.create(
        query=Query.get("scared"), page=questions, description="Questions to take to the care team.", sort_order=0
    )
    soup = BeautifulSoup(search(client, "Scared"), "html.parser")
    promoted = soup.select(".search-promotions .search-result__title a")
    assert [a["href"] for a in promoted] == ["/understanding-mrd/questions-to-ask/"]


def test_only_live_public_pages_are_found(client, page_tree):
    from wagtail.models import PageViewRestriction

    draft = GeneralPageFactory(parent=page_tree["home"], title="Giraffe draft")
    draft.unpublish()
    private = GeneralPageFactory(parent=page_tree["home"], title="Giraffe private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = GeneralPageFactory(parent=page_tree["home"], title="Giraffe public")
    assert results(search(client, "giraffe")) == [public.url]


def test_a_changed_title_shows_in_results(client, page_tree):
    page = GeneralPageFactory(parent=page_tree["home"], title="Okapi facts")
    assert "<mark>Okapi</mark> facts</a>" in search(client, "okapi")
    page.title = "Okapi facts and figures"
    page.save_revision().publish()
    assert "<mark>Okapi</mark> facts and figures</a>" in search(client, "okapi")


@pytest.mark.parametrize("count", [1, 40])
def test_search_page_within_the_query_budget_whatever_the_number_of_results(client, page_tree, count):
    for number in range(count):
        GeneralPageFactory(
            parent=page_tree["home"], title=f"Bake sale {number}", body=[("text", "<p>Cakes for the charity.</p>")]
        )
    client.get("/search/", {"q": "bake sale cakes"})  # fills the caches, as for most visitors
    queries, response = count_queries(client, "/search/?q=bake+sale+cakes&page=2" if count > 10 else "/search/?q=bake")
    assert response.status_code == 200
    assert queries <= PAGE_QUERY_BUDGET, queries
    cold_queries, _response = count_queries(client, "/search/?q=sale")
    assert cold_queries <= PAGE_QUERY_BUDGET, cold_queries
