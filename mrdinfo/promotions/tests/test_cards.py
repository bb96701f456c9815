"""Promotional cards: on the home page and at the end of information pages, in the order the
editor chose, at a fixed number of queries however many cards; changes show at once."""

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.information.tests.factories import InformationPageFactory, TopicIndexPageFactory
from mrdinfo.promotions.models import PromoCardSetItem
from mrdinfo.promotions.tests.factories import PromoCardFactory, PromoCardSetFactory, set_end_of_page_cards
from mrdinfo.testing.factories import GeneralPageFactory, ImageFactory
from mrdinfo.testing.site import configure_site

pytestmark = pytest.mark.django_db(transaction=True)  # signals clear the cache on commit


@pytest.fixture
def site_pages(home_page):
    configure_site(home_page)
    hub = TopicIndexPageFactory(parent=home_page)
    info = InformationPageFactory(parent=hub, title="What is MRD?")
    pages = [GeneralPageFactory(parent=home_page, title=f"Charity page {n}") for n in range(8)]
    return {"home": home_page, "info": info, "pages": pages}


def card_titles(response, selector=".promo-cards"):
    soup = BeautifulSoup(response.content, "html.parser")
    return [[link.get_text(strip=True) for link in section.select(".card__link")] for section in soup.select(selector)]


def line_titles(response):
    """The end of an information page: the set as one line of links (not cards)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".promo-line .promo-line__link")]


def place_on_home(home, card_set, heading=""):
    home.body = [("promo_cards", {"card_set": card_set, "heading": heading})]
    home.save_revision().publish()


def test_cards_end_information_pages_as_one_line_in_the_editors_order(client, site_pages):
    image = ImageFactory()
    cards = [PromoCardFactory(title=page.title, link_page=page, image=image) for page in site_pages["pages"][:3]]
    card_set = PromoCardSetFactory(name="Read more", cards=[cards[2], cards[0], cards[1]])
    set_end_of_page_cards(site_pages["home"].get_site(), card_set)
    response = client.get(site_pages["info"].url)
    assert line_titles(response) == ["Charity page 2", "Charity page 0", "Charity page 1"]
    soup = BeautifulSoup(response.content, "html.parser")
    # One quiet line at the end of a medical page: no card grid, no images, no heading of its own.
    assert soup.select(".promo-cards") == [] and soup.select(".promo-line img") == []
    assert soup.select(".promo-line summary") and soup.select(".promo-line h2") == []
    pages = site_pages["pages"]
    assert [a["href"] for a in soup.select(".promo-line__link")] == [pages[2].url, pages[0].url, pages[1].url]
    # The editor reorders the set: the page follows at once.
    card_set.items = [PromoCardSetItem(card=card, sort_order=i) for i, card in enumerate(cards)]
    card_set.save()
    assert line_titles(client.get(site_pages["info"].url)) == ["Charity page 0", "Charity page 1", "Charity page 2"]


def test_no_setting_no_cards(client, site_pages):
    response = client.get(site_pages["info"].url)
    assert response.status_code == 200
    assert line_titles(response) == []


def test_cards_on_the_home_page_in_the_editors_order_with_their_own_heading(client, site_pages):
    pages = site_pages["pages"]
    help_set = PromoCardSetFactory(
        name="I want to help",
        cards=[
            PromoCardFactory(title="Take part in an event", link_url="/events/"),
            PromoCardFactory(title="Give", link_page=pages[0]),
        ],
        heading="I want to help",
    )
    place_on_home(site_pages["home"], help_set)
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    section = soup.select_one(".promo-cards")
    assert section.h2.get_text(strip=True) == "I want to help"
    assert [a["href"] for a in section.select(".card__link")] == ["/events/", pages[0].url]
    place_on_home(site_pages["home"], help_set, heading="How you can help")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".promo-cards h2").get_text(strip=True) == "How you can help"


def test_a_card_to_an_unpublished_page_drops_out(client, site_pages):
    pages = site_pages["pages"]
    card_set = PromoCardSetFactory(
        name="Read more",
        cards=[PromoCardFactory(title="One", link_page=pages[0]), PromoCardFactory(title="Two", link_page=pages[1])],
    )
    set_end_of_page_cards(site_pages["home"].get_site(), card_set)
    assert line_titles(client.get(site_pages["info"].url)) == ["One", "Two"]
    pages[0].unpublish()
    assert line_titles(client.get(site_pages["info"].url)) == ["Two"]


@pytest.mark.parametrize("count", [2, 8])
def test_cards_cost_no_queries_however_many(client, site_pages, count):
    """The information page and the home page cost the same with 0, 2 or 8 cards (warm cache)."""
    info_url = site_pages["info"].url
    client.get(info_url)
    without_cards, _ = count_queries(client, info_url)
    home = site_pages["home"]
    image = ImageFactory()
    cards = [PromoCardFactory(title=page.title, link_page=page, image=image) for page in site_pages["pages"][:count]]
    card_set = PromoCardSetFactory(name="Read more", cards=cards)
    set_end_of_page_cards(home.get_site(), card_set)
    place_on_home(home, card_set)
    for url in (info_url, "/"):
        client.get(url)  # builds and caches the cards
    with_cards, response = count_queries(client, info_url)
    assert len(line_titles(response)) == count
    assert with_cards == without_cards
    home_queries, response = count_queries(client, "/")
    assert len(card_titles(response)[0]) == count
    assert home_queries <= PAGE_QUERY_BUDGET
    # Same queries for the home page whether it shows 2 or 8 cards: compare with a 1-card set.
    small = PromoCardSetFactory(name="Small", cards=cards[:1])
    place_on_home(home, small)
    client.get("/")
    one_card_queries, response = count_queries(client, "/")
    assert len(card_titles(response)[0]) == 1
    assert one_card_queries == home_queries


@pytest.mark.parametrize("address", ["/events/", "/donate/gifts-in-wills/", "https://example.org/shop"])
def test_card_addresses_may_be_a_site_path_or_another_site(address):
    PromoCardFactory(title=f"Card {address}", link_url=address)


@pytest.mark.parametrize("address", ["javascript:alert(1)", "//evil.example/", "/two words/", "events"])
def test_unsafe_or_broken_addresses_are_refused(address):
    with pytest.raises(ValidationError):
        PromoCardFactory(title="Bad", link_url=address)


def test_a_card_needs_exactly_one_link(site_pages):
    with pytest.raises(ValidationError):
        PromoCardFactory(title="Neither")
    with pytest.raises(ValidationError):
        PromoCardFactory(title="Both", link_page=site_pages["pages"][0], link_url="/events/")
