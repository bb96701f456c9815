"""Pages with a form and the page cache: a form page carries each visitor's own CSRF token, so
it is never stored; plain pages stored beside it never carry a token, cookie or session."""

from django.test import Client

from mrdinfo.core.tests.test_page_cache import directives, inputs_of

from .factories import make_contact_page


def test_a_page_with_a_form_is_not_cached_and_each_visitor_gets_their_own_token(page_tree):
    make_contact_page(page_tree["home"])
    first, second = Client(), Client()
    one = first.get("/contact/")
    again = first.get("/contact/")
    other = second.get("/contact/")
    assert [r["X-Cache"] for r in (one, again, other)] == ["bypass", "bypass", "bypass"]
    assert directives(one).keys() >= {"private", "no-store"} and "public" not in directives(one)
    tokens = {inputs_of(r)["csrfmiddlewaretoken"] for r in (one, other)}
    assert len(tokens) == 2  # each visitor's own
    assert one.cookies.get("csrftoken") and other.cookies.get("csrftoken")


def test_a_cached_page_holds_no_token_cookie_or_session_of_another_visitor(page_tree):
    make_contact_page(page_tree["home"])
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
