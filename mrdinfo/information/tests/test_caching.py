"""The glossary and the page cache: a term edited in Wagtail is on every page at the next
request (core/caching/ clears the page cache and the glossary's own cache)."""

import re

import pytest
from bs4 import BeautifulSoup

from django.test import Client

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.information import glossary
from mrdinfo.information.models import GlossaryTerm
from mrdinfo.information.tests.factories import InformationPageFactory
from mrdinfo.testing.html import select, text


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (on_commit callbacks run)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def without_time_stamps(content):
    return re.sub(rb'name="form_started" value="[^"]*"', b"", content)


def test_editing_a_term_shows_on_the_next_request(hub, glossary_page, terms, django_capture_on_commit_callbacks):
    page = InformationPageFactory(parent=hub, title="Cached", body=[("text", "<p>Remission is a step.</p>")])
    visitor = Client()
    visitor.get(page.url)
    assert visitor.get(page.url)["X-Cache"] == "hit"

    term = GlossaryTerm.objects.get(term="Remission")
    term.definition = "A newly worded definition of remission."
    with django_capture_on_commit_callbacks(execute=True):
        term.save()
    response = visitor.get(page.url)
    assert response["X-Cache"] == "miss"
    assert "A newly worded definition of remission." in response.content.decode()


def test_linking_runs_once_per_page_version_not_once_per_visitor(
    client, hub, glossary_page, terms, monkeypatch, django_capture_on_commit_callbacks
):
    """Glossary linking (a pure function of the HTML and the glossary) is cached under both, so
    pages the page cache does not hold still skip the costly parse."""
    calls = []
    real = glossary.link_terms_in
    monkeypatch.setattr(glossary, "link_terms_in", lambda *args: calls.append(1) or real(*args))
    page = InformationPageFactory(parent=hub, title="Linked", body=[("text", "<p>Remission is a step.</p>")])
    first = client.get(page.url, headers=page_cache_bypass())
    second = client.get(page.url, headers=page_cache_bypass())
    # The feedback form's spam-check time stamp is made per render; everything else is the same.
    assert len(calls) == 1 and without_time_stamps(first.content) == without_time_stamps(second.content)

    term = GlossaryTerm.objects.get(term="Remission")
    term.definition = "Another wording."
    with django_capture_on_commit_callbacks(execute=True):
        term.save()
    third = client.get(page.url, headers=page_cache_bypass())
    assert len(calls) == 2 and "Another wording." in third.content.decode()


def test_the_cached_body_follows_the_query_string(client, hub):
    """The result reader answers ?result= inside the body, so each query has its own copy."""
    from mrdinfo.explainer.tests.factories import ExplainerFactory

    page = InformationPageFactory(
        parent=hub, title="Reading results", body=[("result_reader", {"explainer": ExplainerFactory(), "heading": ""})]
    )

    def answer(value):
        html = client.get(page.url, {"result": value}, headers=page_cache_bypass()).content.decode()
        return BeautifulSoup(html, "html.parser").find(attrs={"data-result-reader-headline": True}).get_text()

    assert answer("1E-04") == "1 in 10,000 cells of the sample"
    assert answer("1E-02") != "1 in 10,000 cells of the sample"


# The glossary's term list (with its page's address) is cached apart from the page cache: each
# change that alters what a linked term shows or where it leads must clear it.


@pytest.fixture
def linked_page(hub, glossary_page, terms):
    page = InformationPageFactory(parent=hub, title="Linked terms", body=[("text", "<p>Remission is a step.</p>")])
    assert term_links(page) == [glossary_page.url + "#remission"]  # fills the glossary's cache
    return page


def term_links(page):
    response = Client().get(page.url, headers=page_cache_bypass())
    return [link["href"] for link in select(response, ".glossary-term__link")]


def definitions(page):
    response = Client().get(page.url, headers=page_cache_bypass())
    return [text(element) for element in select(response, ".glossary-popover__text")]


def test_a_renamed_glossary_page(linked_page, glossary_page, commit):
    glossary_page.slug = "words"
    with commit():
        glossary_page.save()  # a slug change without publishing (the loader, the shell)
    assert term_links(linked_page) == ["/understanding-mrd/words/#remission"]


def test_a_renamed_glossary_page_published(linked_page, glossary_page, commit):
    glossary_page.slug = "word-list"
    with commit():
        glossary_page.save_revision().publish()
    assert term_links(linked_page) == ["/understanding-mrd/word-list/#remission"]


def test_a_moved_glossary_page(linked_page, glossary_page, home_page, commit):
    with commit():
        glossary_page.move(home_page, pos="last-child")
    assert term_links(linked_page) == ["/glossary/#remission"]


def test_an_unpublished_glossary_page(linked_page, glossary_page, commit):
    with commit():
        glossary_page.unpublish()
    assert term_links(linked_page) == []  # the word is still explained, but links nowhere
    assert definitions(linked_page) == ["Remission: When a microscope can no longer find leukaemia."]


def test_a_deleted_glossary_page(linked_page, glossary_page, commit):
    with commit():
        glossary_page.delete()
    assert term_links(linked_page) == []


def test_a_new_term(linked_page, commit):
    with commit():
        GlossaryTerm.objects.create(term="Step", slug="step", definition="One stage of many.")
    assert "Step: One stage of many." in definitions(linked_page)


def test_a_deleted_term(linked_page, commit):
    with commit():
        GlossaryTerm.objects.get(term="Remission").delete()
    assert term_links(linked_page) == [] and definitions(linked_page) == []


def test_a_page_linked_from_the_body_renamed(hub, commit):
    """The rendered body is cached under its stored form, which holds a link as the page's id:
    the content generation in its key is what shows the linked page's new address."""
    target = InformationPageFactory(parent=hub, title="Target")
    page = InformationPageFactory(
        parent=hub, title="Linking", body=[("text", f'<p>Read <a linktype="page" id="{target.pk}">the target</a>.</p>')]
    )

    def body_links():
        response = Client().get(page.url, headers=page_cache_bypass())
        return [a["href"] for a in select(response, ".rich-text a") if a.get_text() == "the target"]

    assert body_links() == ["/understanding-mrd/target/"]
    target.slug = "moved-target"
    with commit():
        target.save()
    assert body_links() == ["/understanding-mrd/moved-target/"]
