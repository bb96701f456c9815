"""Pages with a form and the page cache: a form page is stored once with its per-visitor parts
taken out (core/caching/visitor_parts.py), and every visitor of that copy gets their own CSRF token (matching
their own cookie) and their own spam time stamp, and the page is never kept by a shared cache.
Plain pages stored beside it never carry a token, cookie or session."""

import time

from django.core import signing
from django.test import Client

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.core.caching.tests.test_page_cache import directives, inputs_of
from mrdinfo.forms import spam

from .factories import FormPageFactory

ANSWERS = {"your_name": "Sam Parent", "your_email_address": "sam@example.org", "your_message": "Is there a leaflet?"}


def test_a_form_page_is_served_from_the_cache_with_each_visitors_own_tokens(page_tree, monkeypatch):
    contact = FormPageFactory(parent=page_tree["home"])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get("/contact/")
    again = first.get("/contact/")
    other = second.get("/contact/")
    assert [r["X-Cache"] for r in (one, again, other)] == ["miss", "hit", "hit"]
    for response in (one, again, other):
        assert directives(response).keys() >= {"private", "no-store"} and "public" not in directives(response)
        assert "ETag" not in response
    tokens = [inputs_of(r)["csrfmiddlewaretoken"] for r in (one, again, other)]
    stamps = [inputs_of(r)["form_started"] for r in (one, again, other)]
    assert len(set(tokens)) == 3 and len(set(stamps)) == 3  # nobody shares one
    assert "@@" not in other.content.decode()  # no marker left behind
    assert one.cookies.get("csrftoken") and other.cookies.get("csrftoken")
    assert again.cookies["csrftoken"].value == one.cookies["csrftoken"].value  # they keep their own secret
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value

    # Both visitors' forms, from the cached copy, are accepted (CSRF enforced).
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    for visitor, response in ((first, again), (second, other)):
        fields = inputs_of(response)
        data = {**ANSWERS, "website": "", "form_started": fields["form_started"]}
        data["csrfmiddlewaretoken"] = fields["csrfmiddlewaretoken"]
        sent = visitor.post("/contact/", data)
        assert sent.status_code == 302, sent.content.decode()[:500]
    assert FormSubmission.objects.filter(page=contact).count() == 2
    assert signing.loads(stamps[2], salt=spam.SALT) <= time.time()


def test_a_cached_page_holds_no_token_cookie_or_session_of_another_visitor(page_tree):
    FormPageFactory(parent=page_tree["home"])
    visitor = Client()
    visitor.get("/contact/")  # this visitor now has a CSRF cookie
    session = visitor.session
    session["secret"] = "visitor-one-secret"
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    with_session = visitor.get("/about-us/")
    assert with_session["X-Cache"] == "bypass"  # rendered for a session: not stored
    assert "private" in directives(with_session)

    stored = Client().get("/about-us/")
    hit = Client().get("/about-us/")
    assert (stored["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    for response in (stored, hit):
        assert "csrfmiddlewaretoken" not in inputs_of(response)
        assert not response.cookies and "Set-Cookie" not in response.headers
        assert "visitor-one-secret" not in response.content.decode()
        assert visitor.cookies["csrftoken"].value not in response.content.decode()
