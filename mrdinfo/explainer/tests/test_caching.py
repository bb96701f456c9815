"""Explainers are snippets: publishing a new version clears the page cache (core/caching.py),
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
