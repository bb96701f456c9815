"""Search result cards (title, address, summary) are cached under core's content generation
(views.result_cards): a page published with a new title or summary, renamed or moved shows
its new card in the next search."""

import pytest

from django.test import Client

from mrdinfo.testing.factories import GeneralPageFactory
from mrdinfo.testing.html import select, select_one, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def okapi(page_tree):
    parent = GeneralPageFactory(parent=page_tree["home"], title="Zoo notes")
    page = GeneralPageFactory(parent=parent, title="Okapi facts", summary="Striped legs.")
    assert cards("okapi") == [("Okapi facts", "/zoo-notes/okapi-facts/", "Striped legs.")]  # fills the cache
    return page


def cards(query):
    response = Client().get("/search/", {"q": query})
    return [
        (
            text(result, ".search-result__title a"),
            select_one(result, ".search-result__title a")["href"],
            text(result, ".search-result__summary"),
        )
        for result in select(response, ".search-results .search-result")
    ]


def test_a_new_title_and_summary(okapi, commit):
    okapi.title = "Okapi figures"
    okapi.summary = "Striped legs, long tongue."
    with commit():
        okapi.save_revision().publish()
    assert cards("okapi") == [("Okapi figures", "/zoo-notes/okapi-facts/", "Striped legs, long tongue.")]


def test_a_renamed_page(okapi, commit):
    okapi.slug = "okapi"
    with commit():
        okapi.save()
    assert cards("okapi") == [("Okapi facts", "/zoo-notes/okapi/", "Striped legs.")]


def test_a_moved_parent_moves_its_childrens_cards(okapi, page_tree, commit):
    with commit():
        okapi.get_parent().move(page_tree["about"], pos="last-child")
    assert cards("okapi") == [("Okapi facts", "/about-us/zoo-notes/okapi-facts/", "Striped legs.")]
