"""What an uncached render reuses (core/caching/'s fragments, under the content generation):
the page at an address, the request's Site, breadcrumb ancestors, related-topic cards, the
information body and the empty feedback form. Each test changes what one of them holds and
checks that the very next render (the page cache bypassed) shows the change: they fail if the
cache is not cleared by that change."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Page, Site

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.information.models import InformationPage
from mrdinfo.information.tests.factories import InformationPageFactory, TopicIndexPageFactory

pytestmark = pytest.mark.django_db


def render(client, url):
    return client.get(url, headers=page_cache_bypass())


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def retitle(page, title):
    page = page.specific_class.objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()
    return page


def test_related_topic_cards_follow_a_retitled_page(client, hub):
    other = InformationPageFactory(parent=hub, title="Other topic")
    page = InformationPageFactory(parent=hub, title="Main topic", related=[other])
    cards = lambda: [a.get_text() for a in soup_of(render(client, page.url)).select(".related-topics .card__link")]  # noqa: E731
    assert cards() == ["Other topic"]
    assert cards() == ["Other topic"]  # now from the cache
    retitle(other, "Renamed topic")
    assert cards() == ["Renamed topic"]


def test_related_topic_cards_follow_an_unpublished_sibling(client, hub):
    page = InformationPageFactory(parent=hub, title="Main topic")
    sibling = InformationPageFactory(parent=hub, title="Sibling topic")
    cards = lambda: [a.get_text() for a in soup_of(render(client, page.url)).select(".related-topics .card__link")]  # noqa: E731
    assert cards() == ["Sibling topic"]
    sibling.unpublish()
    assert cards() == []


def test_breadcrumbs_follow_a_retitled_section(client, hub):
    page = InformationPageFactory(parent=hub, title="A topic")
    trail = lambda: [a.get_text() for a in soup_of(render(client, page.url)).select(".breadcrumbs a")]  # noqa: E731
    assert trail() == ["Home", "Understanding MRD"]
    retitle(hub, "About MRD")
    assert trail() == ["Home", "About MRD"]


def test_the_address_of_a_page_follows_a_slug_change_and_a_move(client, hub, home_page):
    page = InformationPageFactory(parent=hub, title="A topic")
    old_url = page.url
    assert render(client, old_url).status_code == 200
    page = InformationPage.objects.get(pk=page.pk)
    page.slug = "new-name"
    page.save_revision().publish()
    assert render(client, old_url).status_code == 404
    assert soup_of(render(client, "/understanding-mrd/new-name/")).h1.get_text() == "A topic"

    other_hub = TopicIndexPageFactory(parent=home_page, title="Second hub")
    Page.objects.get(pk=page.pk).move(other_hub, pos="last-child")
    assert soup_of(render(client, "/second-hub/new-name/")).h1.get_text() == "A topic"
    moved_from = render(client, "/understanding-mrd/new-name/")  # Wagtail redirects a moved page
    assert moved_from.status_code == 301 and moved_from["Location"] == "/second-hub/new-name/"


def test_the_site_follows_a_new_root_page(client, hub, home_page):
    assert soup_of(render(client, "/understanding-mrd/")).h1.get_text() == "Understanding MRD"
    site = Site.objects.get(is_default_site=True)
    site.root_page = hub
    site.save()
    # The hub is now the site's root: its address is "/", and its old one is no page at all.
    assert render(client, "/understanding-mrd/").status_code == 404
    assert soup_of(render(client, "/")).h1.get_text() == "Understanding MRD"


def test_the_information_body_follows_an_edit(client, hub):
    page = InformationPageFactory(parent=hub, title="A topic", body=[("text", "<p>First wording.</p>")])
    body = lambda: soup_of(render(client, page.url)).select_one(".information-body").get_text(" ", strip=True)  # noqa: E731
    assert body() == "First wording."
    page = InformationPage.objects.get(pk=page.pk)
    page.body = [("text", "<p>Second wording.</p>")]
    page.save_revision().publish()
    assert body() == "Second wording."


def test_the_feedback_form_is_the_pages_own_with_a_fresh_time_stamp(client, hub):
    first = InformationPageFactory(parent=hub, title="First topic")
    second = InformationPageFactory(parent=hub, title="Second topic")

    def form_values(page):
        form = soup_of(render(client, page.url)).select_one("form[data-page-feedback-form]")
        return form.select_one('[name="page_id"]')["value"], form.select_one('[name="form_started"]')["value"]

    page_id, stamp = form_values(first)
    assert page_id == str(first.pk)
    again_id, again_stamp = form_values(first)
    assert again_id == str(first.pk) and again_stamp != stamp  # cached markup, a new time stamp
    assert form_values(second)[0] == str(second.pk)


def test_a_new_view_restriction_applies_at_the_next_render(client, hub):
    """Whether a page is private is cached; adding or removing a restriction must show at once."""
    from wagtail.models import PageViewRestriction

    page = InformationPageFactory(parent=hub, title="Private topic", body=[("text", "<p>Only for the team.</p>")])
    assert "Only for the team." in render(client, page.url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = render(client, page.url)
    assert "Only for the team." not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    restriction.delete()
    assert "Only for the team." in render(client, page.url).content.decode()
