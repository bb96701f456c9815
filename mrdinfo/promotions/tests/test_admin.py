"""Editors can reach everything this issue adds: card and set snippets, people, the promotional
cards setting and the news page types, and a set saved in the admin keeps the chosen order."""

import pytest

from django.urls import reverse

from mrdinfo.news.tests.factories import NewsIndexPageFactory
from mrdinfo.promotions.models import PromoCardSet
from mrdinfo.promotions.tests.factories import PromoCardFactory
from mrdinfo.testing.site import configure_site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("wagtailsnippets_promotions_promocard:add", []),
        ("wagtailsnippets_promotions_promocardset:add", []),
        ("wagtailsnippets_people_person:add", []),
        ("wagtailsnippets_promotions_promocard:list", []),
    ],
)
def test_editor_screens_open(admin_client, url_name, args):
    assert admin_client.get(reverse(url_name, args=args)).status_code == 200


def test_the_settings_and_news_page_forms_open(admin_client, home_page):
    configure_site(home_page)
    index = NewsIndexPageFactory(parent=home_page)
    site = home_page.get_site()
    assert (
        admin_client.get(reverse("wagtailsettings:edit", args=["promotions", "promosettings", site.pk])).status_code
        == 200
    )
    assert admin_client.get(reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])).status_code == 200
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[index.pk])).status_code == 200


def test_a_set_saved_in_the_admin_keeps_the_editors_order(admin_client):
    first, second = (
        PromoCardFactory(title="First", link_url="/events/"),
        PromoCardFactory(title="Second", link_url="/donate/"),
    )
    data = {
        "name": "Help",
        "heading": "I want to help",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "1",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-card": str(second.pk),
        "items-0-ORDER": "1",
        "items-0-id": "",
        "items-0-DELETE": "",
        "items-1-card": str(first.pk),
        "items-1-ORDER": "2",
        "items-1-id": "",
        "items-1-DELETE": "",
    }
    response = admin_client.post(reverse("wagtailsnippets_promotions_promocardset:add"), data)
    assert response.status_code == 302, response.content[:2000]
    card_set = PromoCardSet.objects.get(name="Help")
    assert [item.card.title for item in card_set.items.order_by("sort_order")] == ["Second", "First"]
    assert card_set.edited_since_loaded()  # so load_content will not undo the editor's work
