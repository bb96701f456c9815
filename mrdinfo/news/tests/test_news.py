"""The news and media centre: newest first, ten to a page, bad page numbers give a sensible page,
a fixed number of queries whatever the number of items, an Atom feed that parses, and the press
office's contact on the page."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from bs4 import BeautifulSoup

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET, PAGE_WEIGHT_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.core.measuring.weight import page_weight
from mrdinfo.news.models import NEWS_PER_PAGE, page_number
from mrdinfo.news.tests.factories import NewsIndexPageFactory, NewsPageFactory
from mrdinfo.testing.factories import ImageFactory
from mrdinfo.testing.site import configure_site

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(content):
    # The feed is our own output, made in this test: the stdlib parser is fine here.
    return ET.fromstring(content)  # noqa: S314


@pytest.fixture
def news_index(home_page):
    configure_site(home_page)
    return NewsIndexPageFactory(parent=home_page)


def listed_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".news-item__title a")]


def test_news_is_listed_newest_first_with_date_and_category(client, news_index):
    NewsPageFactory(parent=news_index, title="Older", date=date(2026, 3, 1), category="fundraising")
    NewsPageFactory(parent=news_index, title="Newer", date=date(2026, 5, 1), category="research")
    response = client.get("/news/")
    assert response.status_code == 200
    assert listed_titles(response) == ["Newer", "Older"]
    soup = BeautifulSoup(response.content, "html.parser")
    first = soup.select_one(".news-item")
    assert first.find("time")["datetime"] == "2026-05-01"
    assert "1 May 2026" in first.get_text() and "Research" in first.get_text()


def test_draft_news_is_not_listed(client, news_index):
    NewsPageFactory(parent=news_index, title="Published")
    draft = NewsPageFactory(parent=news_index, title="Draft", date=date(2026, 7, 1))
    draft.unpublish()
    assert listed_titles(client.get("/news/")) == ["Published"]


def test_pagination_ten_to_a_page_with_links_between_pages(client, news_index):
    NewsPageFactory.create_dated_batch(NEWS_PER_PAGE + 3, parent=news_index)
    first = client.get("/news/")
    second = client.get("/news/?page=2")
    assert len(listed_titles(first)) == NEWS_PER_PAGE
    assert listed_titles(second) == ["News item 2", "News item 1", "News item 0"]
    nav = BeautifulSoup(first.content, "html.parser").find("nav", attrs={"aria-label": "More news"})
    assert nav.find("a", rel="next")["href"] == "?page=2"
    assert "Page 1 of 2" in nav.get_text()


@pytest.mark.parametrize(
    "raw, expected_page",
    [("-1", 1), ("0", 1), ("abc", 1), ("", 1), ("2", 2), ("3", 2), ("99999999999999999999999", 2), ("1.5", 1)],
)
def test_bad_page_numbers_give_the_nearest_page_never_an_error(client, news_index, raw, expected_page):
    NewsPageFactory.create_dated_batch(NEWS_PER_PAGE + 3, parent=news_index)
    response = client.get("/news/", {"page": raw})
    assert response.status_code == 200
    expected = client.get(f"/news/?page={expected_page}")
    assert listed_titles(response) == listed_titles(expected)


def test_ten_kilobytes_of_junk_gives_the_first_page(client, news_index):
    NewsPageFactory(parent=news_index, title="Only item")
    response = client.get("/news/", {"page": "x" * 10_000, "junk": "%00<script>" * 900})
    assert response.status_code == 200
    assert listed_titles(response) == ["Only item"]


def test_page_number_helper():
    assert page_number(None, 3) == 1
    assert page_number(" 2 ", 3) == 2
    assert page_number("7", 3) == 3
    assert page_number("4", 0) == 1


def test_the_index_costs_the_same_queries_for_5_or_100_items(client, news_index):
    image = ImageFactory()
    NewsPageFactory.create_dated_batch(5, parent=news_index, image=image)
    client.get("/news/")  # warm: renditions made, caches filled
    few, response = count_queries(client, "/news/")
    assert len(listed_titles(response)) == 5
    NewsPageFactory.create_dated_batch(95, parent=news_index, start=date(2025, 1, 1), image=image)
    client.get("/news/")
    many, response = count_queries(client, "/news/")
    assert len(listed_titles(response)) == NEWS_PER_PAGE
    later, _ = count_queries(client, "/news/?page=10")
    assert few == many == later, (few, many, later)
    assert many <= PAGE_QUERY_BUDGET


def test_news_pages_are_within_the_weight_budget(client, news_index):
    NewsPageFactory.create_dated_batch(NEWS_PER_PAGE, parent=news_index, image=ImageFactory())
    page = NewsPageFactory(
        parent=news_index, title="A story", image=ImageFactory(title="Lead", description="A drawing of a flag")
    )
    for url in ("/news/", page.url):
        sizes = page_weight(client, url)
        assert "/static/news/news.css" in sizes
        assert sizes["total"] < PAGE_WEIGHT_BUDGET, (url, sizes)
    queries, _ = count_queries(client, page.url)
    assert queries <= PAGE_QUERY_BUDGET


def test_a_news_page_shows_its_date_category_image_with_alt_text_and_body(client, news_index):
    page = NewsPageFactory(
        parent=news_index,
        title="Trek team home",
        date=date(2026, 10, 15),
        category="fundraising",
        image=ImageFactory(title="Mountains", description="Two mountains, one with snow on top"),
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Trek team home"
    assert soup.select_one(".news-meta time")["datetime"] == "2026-10-15"
    assert "Fundraising" in soup.select_one(".news-meta").get_text()
    assert soup.select_one(".news-article__image img")["alt"] == "Two mountains, one with snow on top"
    assert "A short story." in soup.select_one(".news-article").get_text()


def test_the_media_centre_shows_the_press_contact_the_editor_set(client, home_page):
    configure_site(home_page)
    NewsIndexPageFactory(parent=home_page, email="newsdesk@example.org")
    soup = BeautifulSoup(client.get("/news/").content, "html.parser")
    box = soup.select_one(".media-enquiries")
    assert box.h2.get_text(strip=True) == "Media enquiries"
    assert box.find("a", href="mailto:newsdesk@example.org")
    assert "Press office" in box.get_text()


def test_the_atom_feed_parses_and_lists_the_news(client, news_index):
    NewsPageFactory(parent=news_index, title="Older", date=date(2026, 3, 1))
    NewsPageFactory(parent=news_index, title="Newer & better", date=date(2026, 10, 30))
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_feed(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Newer & better", "Older"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == ["http://testserver/news/newer-better/", "http://testserver/news/older/"]
    # Published at 9am London time: 30 October 2026 is after the clocks go back (GMT).
    assert entries[0].findtext(f"{ATOM}published") == "2026-10-30T09:00:00+00:00"
    assert entries[1].findtext(f"{ATOM}published") == "2026-03-01T09:00:00+00:00"
    # The index page announces its feed to browsers and feed readers.
    soup = BeautifulSoup(client.get("/news/").content, "html.parser")
    assert soup.find("link", rel="alternate", type="application/atom+xml")["href"] == "/news/feed/"


def test_the_feed_is_empty_but_valid_with_no_news(client, news_index):
    feed = parse_feed(client.get("/news/feed/").content)
    assert feed.findall(f"{ATOM}entry") == []
    assert BeautifulSoup(client.get("/news/").content, "html.parser").find(string="There is no news yet.")
