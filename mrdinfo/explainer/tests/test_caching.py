"""Explainers are snippets: publishing a new version clears the page cache (core/caching/),
so the next visitor to a page that shows the explainer sees the new words."""

import pytest

from django.test import Client

from mrdinfo.explainer.models import Explainer
from mrdinfo.explainer.tests.factories import ExplainerFactory, place_explainers

pytestmark = pytest.mark.django_db


def test_publishing_an_explainer_shows_at_once(home_page, django_capture_on_commit_callbacks):
    explainer = ExplainerFactory()
    place_explainers(home_page, {"explainer": explainer})
    visitor = Client()
    visitor.get("/")
    assert visitor.get("/")["X-Cache"] == "hit"

    explainer = Explainer.objects.get(pk=explainer.pk)
    explainer.title = "Where are the leukaemia cells now?"
    with django_capture_on_commit_callbacks(execute=True):
        explainer.save_revision().publish()
    response = visitor.get("/")
    assert response["X-Cache"] == "miss"
    assert "Where are the leukaemia cells now?" in response.content.decode()


def test_publishing_an_explainer_refreshes_the_search_entry_of_pages_showing_it(
    home_page, django_capture_on_commit_callbacks
):
    """Not a cache but an index: the words of a published explainer are found on its pages."""
    from wagtail.models import Page

    explainer = ExplainerFactory()
    place_explainers(home_page, {"explainer": explainer})
    assert home_page.pk not in [p.pk for p in Page.objects.live().search("kangaroo")]
    explainer = Explainer.objects.get(pk=explainer.pk)
    explainer.intro = "A kangaroo word to search for."
    with django_capture_on_commit_callbacks(execute=True):
        explainer.save_revision().publish()
    assert home_page.pk in [p.pk for p in Page.objects.live().search("kangaroo")]


def test_unpublishing_an_explainer_shows_at_once(home_page, django_capture_on_commit_callbacks):
    explainer = ExplainerFactory()
    place_explainers(home_page, {"explainer": explainer})
    visitor = Client()
    shown = visitor.get("/").content.decode()
    assert explainer.title in shown and visitor.get("/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Explainer.objects.get(pk=explainer.pk).unpublish()
    response = visitor.get("/")
    assert response["X-Cache"] == "miss"
    assert explainer.title not in response.content.decode()


def test_unpublishing_an_explainer_takes_its_words_out_of_the_search_entry_of_pages_showing_it(
    home_page, django_capture_on_commit_callbacks
):
    """A page no longer shows an unpublished explainer, so it is no longer found by its words."""
    from wagtail.models import Page

    explainer = ExplainerFactory()
    explainer.intro = "A wombat word to search for."
    explainer.save_revision().publish()
    place_explainers(home_page, {"explainer": explainer})
    assert home_page.pk in [p.pk for p in Page.objects.live().search("wombat")]
    with django_capture_on_commit_callbacks(execute=True):
        Explainer.objects.get(pk=explainer.pk).unpublish()
    assert home_page.pk not in [p.pk for p in Page.objects.live().search("wombat")]
