"""The glossary and the page cache: a term edited in Wagtail is on every page at the next
request (core/caching.py clears the page cache and the glossary's own cache)."""

import re

from bs4 import BeautifulSoup

from django.test import Client

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.information import glossary
from mrdinfo.information.models import GlossaryTerm
from mrdinfo.information.tests.factories import make_information_page


def without_time_stamps(content):
    return re.sub(rb'name="form_started" value="[^"]*"', b"", content)


def test_editing_a_term_shows_on_the_next_request(hub, glossary_page, terms, django_capture_on_commit_callbacks):
    page = make_information_page(hub, "Cached", body=[("text", "<p>Remission is a step.</p>")])
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
    page = make_information_page(hub, "Linked", body=[("text", "<p>Remission is a step.</p>")])
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

    page = make_information_page(
        hub, "Reading results", body=[("result_reader", {"explainer": ExplainerFactory(), "heading": ""})]
    )

    def answer(value):
        html = client.get(page.url, {"result": value}, headers=page_cache_bypass()).content.decode()
        return BeautifulSoup(html, "html.parser").find(attrs={"data-result-reader-headline": True}).get_text()

    assert answer("1E-04") == "1 in 10,000 cells of the sample"
    assert answer("1E-02") != "1 in 10,000 cells of the sample"
