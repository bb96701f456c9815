"""The WSGI entrance (core/caching/early_hits.py, wrapped round Django in mrdinfo/wsgi.py):
a current cached copy is answered before Django handles the request, with the headers and page
the middleware would give, and every other request still goes through Django and the page cache
middleware: stale copies, form pages with a CSRF token, revalidations, sessions, bad hosts."""

import io

import pytest

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from mrdinfo.core import caching
from mrdinfo.core.caching.tests.test_page_cache import inputs_of

# site_content asks for the database only when it runs: say so here, so pytest-django makes one
# even when these are the only tests collected.
pytestmark = pytest.mark.django_db
WHAT_IS_MRD = "/understanding-mrd/what-is-mrd/"


class Answer:
    """What a WSGI server got back, and whether Django handled the request."""

    def __init__(self, status, headers, body, through_django):
        self.status, self.headers, self.content, self.through_django = status, dict(headers), body, through_django
        self.status_code = int(status.split()[0])

    def __getitem__(self, name):
        return self.headers[name]


def call(path, **extra):
    """Call the site's WSGI application as gunicorn does, counting Django's request_started."""
    from mrdinfo.wsgi import application  # imported once the test database exists, as a server would

    environ = RequestFactory().get(path, **extra).environ
    environ.setdefault("wsgi.input", io.BytesIO())
    started = []

    def count(**kwargs):
        started.append(True)

    request_started.connect(count)
    # As Django's test client does: the test's transaction holds the connection, which closing
    # it at the end of each request would throw away.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    got = {}

    def start_response(status, headers, exc_info=None):
        got.update(status=status, headers=headers)

    try:
        result = application(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.disconnect(count)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(got["status"], got["headers"], body, through_django=bool(started))


@pytest.fixture
def cached_page(site_content):
    """What is MRD? rendered and stored by a first visit (it carries the feedback form's spam time stamp)."""
    first = call(WHAT_IS_MRD)
    assert (first.status_code, first["X-Cache"], first.through_django) == (200, "miss", True)
    return first


def test_a_current_copy_is_answered_before_django_as_the_middleware_would(cached_page, client):
    hit = call(WHAT_IS_MRD)
    assert (hit.status_code, hit["X-Cache"], hit.through_django) == (200, "hit", False)
    middleware_hit = client.get(WHAT_IS_MRD)  # the test client goes through Django's handler
    assert middleware_hit["X-Cache"] == "hit"
    same_headers = {"Content-Type", "Cache-Control", "ETag", "Content-Security-Policy", "X-Frame-Options", "Vary"}
    for name in same_headers & set(middleware_hit.headers):
        assert hit[name] == middleware_hit[name], name
    assert int(hit["Content-Length"]) == len(hit.content)
    assert "csrftoken" not in hit.headers.get("Set-Cookie", "")
    # The page is the stored one, with a fresh spam time stamp of this visitor's own.
    stamps = {inputs_of(answer)["form_started"] for answer in (cached_page, hit, call(WHAT_IS_MRD))}
    assert len(stamps) == 3
    strip = [answer.content.decode().replace(inputs_of(answer)["form_started"], "") for answer in (cached_page, hit)]
    assert strip[0] == strip[1]


def test_a_stale_copy_goes_to_django_which_renders_it_once_and_stores_it(cached_page):
    caching.bump_generation()
    after_change = call(WHAT_IS_MRD)
    assert after_change.through_django and after_change["X-Cache"] == "miss"
    again = call(WHAT_IS_MRD)
    assert (again["X-Cache"], again.through_django) == ("hit", False)


def test_a_page_whose_copy_needs_a_csrf_token_goes_through_django(site_content):
    call("/contact/")
    visit = call("/contact/")
    assert (visit["X-Cache"], visit.through_django) == ("hit", True)  # served by the middleware
    assert "csrftoken=" in visit.headers.get("Set-Cookie", "")
    assert inputs_of(visit)["csrfmiddlewaretoken"]


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_AUTHORIZATION": "Basic eDp5"},
        {"HTTP_X_PAGE_CACHE_BYPASS": "test-page-cache-bypass"},
        {"REQUEST_METHOD": "HEAD"},
    ],
    ids=["session", "authorization", "bypass", "head"],
)
def test_requests_the_cache_must_not_answer_plainly_go_through_django(cached_page, extra):
    answer = call(WHAT_IS_MRD, **extra)
    assert answer.through_django
    assert answer["X-Cache"] == ("hit" if extra.get("REQUEST_METHOD") == "HEAD" else "bypass")


def test_a_revalidation_gets_djangos_not_modified(cached_page):
    answer = call(WHAT_IS_MRD, HTTP_IF_NONE_MATCH=cached_page["ETag"])
    assert (answer.status_code, answer.through_django, answer.content) == (304, True, b"")


def test_a_host_that_is_not_allowed_gets_djangos_bad_request(cached_page):
    answer = call(WHAT_IS_MRD, HTTP_HOST="evil.example")
    assert (answer.status_code, answer.through_django) == (400, True)


def test_junk_parameters_are_answered_from_the_plain_copy_before_django(cached_page):
    answer = call(WHAT_IS_MRD + "?junk=12345&utm_source=group")
    assert (answer["X-Cache"], answer.through_django) == ("hit", False)


def test_an_unpublished_page_is_never_answered_from_its_copy(cached_page, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    page = Page.objects.get(url_path__endswith="/what-is-mrd/")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    answer = call(WHAT_IS_MRD)
    assert (answer.status_code, answer.through_django) == (404, True)
