"""Direct routing (core/pages/routing.py): same answers as Wagtail's own routing, fewer queries."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = pytest.mark.django_db


def route_queries(client, url):
    client.get(url)  # warm the site chrome cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=page_cache_bypass())  # a render, not the page cache
    return response, len(ctx.captured_queries)


def test_deep_pages_cost_no_more_queries_than_shallow_ones(client, page_tree):
    level3 = GeneralPageFactory(parent=page_tree["team"], title="Our nurses")
    level4 = GeneralPageFactory(parent=level3, title="Night shifts")
    _, shallow = route_queries(client, page_tree["about"].url)
    response, deep = route_queries(client, level4.url)
    assert response.status_code == 200 and b"Night shifts" in response.content
    # Only the breadcrumb trail grows with depth in the page itself; routing does not add a
    # query per level (Wagtail's default routing would add two per level).
    assert deep == shallow


def test_unpublished_page_is_not_found(client, page_tree):
    page_tree["team"].unpublish()
    assert client.get("/about-us/our-team/").status_code == 404


def test_live_child_of_a_draft_page_is_served_as_wagtail_does(client, page_tree):
    page_tree["about"].unpublish()
    assert Page.objects.get(pk=page_tree["team"].pk).live
    assert client.get("/about-us/our-team/").status_code == 200


def test_unknown_paths_are_not_found(client, page_tree):
    for url in ("/about-us/nobody/", "/nowhere/", "/about-us/our-team/extra/"):
        assert client.get(url).status_code == 404, url


def test_same_slug_under_different_parents(client, page_tree):
    GeneralPageFactory(parent=page_tree["about"], title="History", summary="About history.")
    GeneralPageFactory(parent=page_tree["privacy"], title="History", summary="Privacy history.")
    assert b"About history." in client.get("/about-us/history/").content
    assert b"Privacy history." in client.get("/privacy-notice/history/").content
