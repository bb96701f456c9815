"""The page cache (core/caching/page_cache.py): who gets a stored copy, what is stored, how it is keyed,
and the Cache-Control headers a CDN sees."""

from html.parser import HTMLParser

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils.cache import cc_delim_re

from mrdinfo.core.measuring.queries import count_queries, page_cache_bypass


class FormInputs(HTMLParser):
    """The names and values of every <input> in a page."""

    def __init__(self):
        super().__init__()
        self.inputs = {}

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attributes = dict(attrs)
            self.inputs[attributes.get("name")] = attributes.get("value")


def inputs_of(response):
    parser = FormInputs()
    parser.feed(response.content.decode())
    return parser.inputs


def directives(response):
    """Cache-Control as {directive: value or True}."""
    result = {}
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        if part.strip():
            name, _, value = part.strip().partition("=")
            result[name.lower()] = value or True
    return result


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a long password 123")


def test_second_anonymous_request_is_a_hit_without_database_queries(client, page_tree):
    first = client.get("/about-us/")
    queries, second = count_queries(client, "/about-us/", page_cache=True)
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert queries == 0
    assert second.content == first.content


def test_a_render_with_the_operators_bypass_header_is_fresh_and_not_stored(client, page_tree, settings):
    client.get("/about-us/")
    bypassed = client.get("/about-us/", headers=page_cache_bypass())
    assert bypassed["X-Cache"] == "bypass"
    assert client.get("/about-us/", headers={"X-Page-Cache-Bypass": "a guess"})["X-Cache"] == "hit"
    settings.PAGE_CACHE_BYPASS_TOKEN = ""  # no token set: the header does nothing
    assert client.get("/about-us/", headers={"X-Page-Cache-Bypass": ""})["X-Cache"] == "hit"


def test_an_editors_request_is_never_served_from_or_stored_in_the_cache(client, page_tree, editor):
    client.get("/about-us/")  # an anonymous copy is stored
    client.force_login(editor)
    response = client.get("/about-us/")
    assert response["X-Cache"] == "bypass"
    assert directives(response).keys() >= {"private", "no-store"} and "public" not in directives(response)
    assert "wagtail-userbar" in response.content.decode()
    client.logout()
    other_page = Client().get("/privacy-notice/")  # the editor's visit stored nothing either
    assert other_page["X-Cache"] == "miss"
    assert "wagtail-userbar" not in Client().get("/about-us/").content.decode()


def test_a_preview_is_never_cached(client, page_tree, editor):
    client.force_login(editor)
    about = page_tree["about"]
    response = client.get(f"/admin/pages/{about.pk}/edit/preview/?mode=")
    assert response.status_code == 200
    assert response["X-Cache"] == "bypass"
    assert "private" in directives(response) and "no-store" in directives(response)
    assert Client().get("/about-us/")["X-Cache"] == "miss"


def test_a_post_is_never_cached(client, page_tree):
    client.get("/about-us/")
    response = client.post("/about-us/", {"anything": "1"})
    assert response["X-Cache"] == "bypass"
    assert directives(response).keys() >= {"private", "no-store"}


def stored_page_count():
    """How many page copies the cache holds (Redis or this process's memory)."""
    if hasattr(cache, "keys"):  # django-redis
        return len(cache.keys("page:*"))
    return sum(1 for key in cache._cache if ":page:" in key)


def test_tracking_and_unread_parameters_share_the_cached_copy(client, page_tree):
    """A general page reads no query parameter, so none of these renders it again or stores
    another copy (mrdinfo/news/tests/test_page_cache_keys.py: parameters a page reads do vary)."""

    def x_cache(url):
        return client.get(url)["X-Cache"]

    assert x_cache("/about-us/") == "miss"
    copies = stored_page_count()
    assert x_cache("/about-us/?utm_source=whatsapp&utm_medium=social") == "hit"
    assert x_cache("/about-us/?fbclid=abc123") == "hit"
    assert x_cache("/about-us/?gclid=1&mc_cid=2&mc_eid=3") == "hit"
    for junk in ("page=2", "q=mrd&type=talk", "junk=1", "junk=2&junk=3", "x=" + "y" * 300):
        response = client.get("/about-us/?" + junk)
        assert response["X-Cache"] == "hit", junk
        assert junk not in response.content.decode()  # the canonical address is the plain page's
    assert stored_page_count() == copies
    assert client.get("/about-us/", HTTP_HOST="localhost")["X-Cache"] == "miss"  # another host


def test_public_pages_let_a_cdn_keep_them_and_browsers_revalidate(client, page_tree, settings):
    miss = client.get("/about-us/")
    hit = client.get("/about-us/")
    for response in (miss, hit):
        cache_control = directives(response)
        assert cache_control["public"] is True
        assert cache_control["max-age"] == "0"
        assert cache_control["s-maxage"] == str(settings.PAGE_CACHE_SHARED_SECONDS)
        assert int(cache_control["stale-while-revalidate"]) > 0
        assert int(cache_control["stale-if-error"]) > 0
        assert "private" not in cache_control and "no-store" not in cache_control
    not_modified = client.get("/about-us/", headers={"If-None-Match": hit["ETag"]})
    assert not_modified.status_code == 304


def test_admin_responses_are_private(client, page_tree):
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert login["X-Cache"] == "bypass"
    assert directives(login).keys() >= {"private", "no-store"}


def test_not_found_is_cached_and_head_requests_use_the_stored_copy(client, page_tree):
    assert client.get("/no-such-page/").status_code == 404
    again = client.get("/no-such-page/")
    assert (again.status_code, again["X-Cache"]) == (404, "hit")
    client.get("/about-us/")
    head = client.head("/about-us/")
    assert (head.status_code, head["X-Cache"]) == (200, "hit")


def test_turned_off_by_setting(client, page_tree, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/about-us/")
    assert client.get("/about-us/")["X-Cache"] == "bypass"
