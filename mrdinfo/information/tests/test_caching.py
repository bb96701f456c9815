"""The glossary and the page cache: a term edited in Wagtail is on every page at the next
request (core/caching.py clears the page cache and the glossary's own cache)."""

from django.test import Client

from mrdinfo.information.factories import make_information_page
from mrdinfo.information.models import GlossaryTerm


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
