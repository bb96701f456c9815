"""Cached cards (cards.py) follow core's content generation: every change an editor makes to a
card, a set, the settings or a linked page shows at the next render. Each test reads a fresh
render (past the page cache), so only the cards' own cache is tested."""

import pytest

from django.test import Client

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.information.tests.factories import InformationPageFactory, TopicIndexPageFactory
from mrdinfo.promotions.models import PromoCardSetItem
from mrdinfo.promotions.tests.factories import PromoCardFactory, PromoCardSetFactory, set_end_of_page_cards
from mrdinfo.testing.factories import GeneralPageFactory
from mrdinfo.testing.html import select
from mrdinfo.testing.site import configure_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def site(home_page):
    configure_site(home_page)
    info = InformationPageFactory(parent=TopicIndexPageFactory(parent=home_page), title="What is MRD?")
    donate = GeneralPageFactory(parent=home_page, title="Donate")
    run = GeneralPageFactory(parent=home_page, title="Run for us")
    cards = {
        "give_card": PromoCardFactory(title="Give", link_page=donate),
        "run_card": PromoCardFactory(title="Run", link_page=run),
    }
    card_set = PromoCardSetFactory(name="Read more", cards=[cards["give_card"], cards["run_card"]])
    set_end_of_page_cards(home_page.get_site(), card_set)
    home_page.body = [("promo_cards", {"card_set": card_set, "heading": ""})]
    home_page.save_revision().publish()
    site = {"home": home_page, "info": info, "donate": donate, "run": run, "set": card_set, **cards}
    assert links(site) == {"/": [("Give", "/donate/"), ("Run", "/run-for-us/")]} | {
        info.url: [("Give", "/donate/"), ("Run", "/run-for-us/")]
    }  # fills the cards' cache
    return site


# The home page shows the set as cards; an information page ends with the same set as one quiet
# "More from the charity" line of links (issue 18). Both read the same cached set.
LINKS_ON = {"/": ".promo-cards .card__link", "information": ".promo-line .promo-line__link"}


def links(site):
    """The cards on the home page and the links at the end of the information page: (title, address)."""
    found = {}
    for url, selector in (("/", LINKS_ON["/"]), (site["info"].url, LINKS_ON["information"])):
        response = Client().get(url, headers=page_cache_bypass())
        found[url] = [(a.get_text(strip=True), a["href"]) for a in select(response, selector)]
    return found


def on_both(site, cards):
    return {"/": cards, site["info"].url: cards}


def test_a_card_edited(site, commit):
    site["give_card"].title = "Donate today"
    with commit():
        site["give_card"].save()
    assert links(site) == on_both(site, [("Donate today", "/donate/"), ("Run", "/run-for-us/")])


def test_a_card_deleted(site, commit):
    with commit():
        site["run_card"].delete()
    assert links(site) == on_both(site, [("Give", "/donate/")])


def test_a_set_reordered_item_by_item(site, commit):
    """The items of a set saved on their own (not through the set's form)."""
    with commit():
        for item in PromoCardSetItem.objects.filter(card_set=site["set"]):
            item.sort_order = 1 - item.sort_order
            item.save()
    assert links(site) == on_both(site, [("Run", "/run-for-us/"), ("Give", "/donate/")])


def test_the_settings_changed(site, commit):
    other = PromoCardSetFactory(name="Other", cards=[site["run_card"]])
    with commit():
        set_end_of_page_cards(site["home"].get_site(), other)
    assert links(site)[site["info"].url] == [("Run", "/run-for-us/")]


def test_a_linked_page_renamed(site, commit):
    site["run"].slug = "run"
    with commit():
        site["run"].save()
    assert links(site) == on_both(site, [("Give", "/donate/"), ("Run", "/run/")])


def test_a_linked_page_moved(site, commit):
    with commit():
        site["run"].move(site["donate"], pos="last-child")
    assert links(site) == on_both(site, [("Give", "/donate/"), ("Run", "/donate/run-for-us/")])


def test_a_linked_page_unpublished(site, commit):
    with commit():
        site["donate"].unpublish()
    assert links(site) == on_both(site, [("Run", "/run-for-us/")])


def test_a_linked_page_deleted(site, commit):
    with commit():
        site["donate"].delete()
    assert ("Give", "/donate/") not in links(site)["/"]
