"""Publishing while visitors read (core/caching/page_cache.py): after a content change, concurrent
requests for a page cause one render while the others get the previous copy; a page that was
unpublished or restricted is never served from an older copy."""

import queue
import threading

import pytest

from django.test import Client

from wagtail.models import PageViewRestriction

from mrdinfo.core.caching.page_cache import PageCacheMiddleware
from mrdinfo.general.models import GeneralPage

pytestmark = pytest.mark.django_db(transaction=True)

VISITORS_PER_PAGE = 6
PAGES = ("/about-us/", "/privacy-notice/")


@pytest.fixture
def counted_renders(monkeypatch):
    """Count renders of general pages; each render waits until `release` is set, so requests
    that arrive while it renders really do arrive during it."""
    renders = []
    release = threading.Event()
    serve = GeneralPage.serve

    def counting_serve(self, request, *args, **kwargs):
        renders.append(request.path)
        release.wait(timeout=20)
        return serve(self, request, *args, **kwargs)

    monkeypatch.setattr(GeneralPage, "serve", counting_serve)
    return renders, release


def warm(*paths):
    for path in paths:
        Client().get(path)
        assert Client().get(path)["X-Cache"] == "hit"


def test_concurrent_requests_after_a_publish_cause_one_render_per_page(page_tree, counted_renders):
    renders, release = counted_renders
    release.set()
    warm(*PAGES)
    renders.clear()
    release.clear()
    about = page_tree["about"]
    about.title = "About the charity"
    about.save_revision().publish()  # moves the content generation on: every page is out of date

    answers = queue.Queue()

    def visit(path):
        response = Client().get(path)
        answers.put((path, response.status_code, response["X-Cache"], response.content))

    threads = [threading.Thread(target=visit, args=(path,)) for path in PAGES for _ in range(VISITORS_PER_PAGE)]
    for thread in threads:
        thread.start()
    served = []
    try:
        # Everyone but the one renderer per page is answered while the renders are held.
        for _ in range(len(threads) - len(PAGES)):
            served.append(answers.get(timeout=20))
    except queue.Empty:
        pass
    finally:
        release.set()
        for thread in threads:
            thread.join(timeout=30)
    while not answers.empty():
        served.append(answers.get())

    assert sorted(renders) == sorted(PAGES), "one render per page"
    assert len(served) == len(threads)
    for path in PAGES:
        labels = sorted(x_cache for answered, _, x_cache, _ in served if answered == path)
        assert labels == ["miss"] + ["stale"] * (VISITORS_PER_PAGE - 1)
    assert all(status == 200 for _, status, _, _ in served)
    for path, _, x_cache, content in served:
        if path == "/about-us/":  # the renderer shows the new title, the others the previous copy
            assert ("About the charity" in content.decode()) == (x_cache == "miss")
    after = Client().get("/about-us/")
    assert after["X-Cache"] == "hit" and "About the charity" in after.content.decode()


@pytest.fixture
def someone_else_is_rendering(monkeypatch):
    """As if another request held the render lock for every page: a stale copy may be served."""
    monkeypatch.setattr(PageCacheMiddleware, "take_lock", lambda self, key: None)


def test_a_publish_serves_the_older_copy_while_another_request_renders(page_tree, someone_else_is_rendering):
    warm("/about-us/")
    about = page_tree["about"]
    about.title = "About the charity"
    about.save_revision().publish()
    stale = Client().get("/about-us/")
    assert stale["X-Cache"] == "stale" and "About us" in stale.content.decode()


def test_an_unpublished_page_is_never_served_stale(page_tree, someone_else_is_rendering):
    warm("/about-us/")
    page_tree["about"].unpublish()
    response = Client().get("/about-us/")
    assert (response.status_code, response["X-Cache"]) == (404, "miss")


def test_a_page_given_a_view_restriction_is_never_served_stale(page_tree, someone_else_is_rendering):
    warm("/about-us/", "/about-us/our-team/")
    PageViewRestriction.objects.create(
        page=page_tree["about"], restriction_type=PageViewRestriction.PASSWORD, password="family only"
    )
    for path in ("/about-us/", "/about-us/our-team/"):
        response = Client().get(path)
        assert response["X-Cache"] == "bypass", path  # the password form: never stored
        assert "password" in response.content.decode().lower()
    assert Client().get("/privacy-notice/")["X-Cache"] == "miss"  # nothing older is served at all


def test_a_page_moved_under_a_restricted_one_is_never_served_stale(page_tree, someone_else_is_rendering):
    PageViewRestriction.objects.create(page=page_tree["privacy"], restriction_type=PageViewRestriction.LOGIN)
    warm("/accessibility-statement/")
    page_tree["accessibility"].move(page_tree["privacy"], pos="last-child")
    old = Client().get("/accessibility-statement/")
    assert old.status_code == 301 and old["X-Cache"] == "miss"  # Wagtail's redirect, not the old copy
    moved = Client().get(old["Location"])
    assert moved.status_code == 302 and "/login" in moved["Location"]  # now for signed-in visitors only


def test_a_page_whose_restriction_is_removed_is_public_at_once(page_tree):
    restriction = PageViewRestriction.objects.create(
        page=page_tree["about"], restriction_type=PageViewRestriction.PASSWORD, password="family only"
    )
    assert "password" in Client().get("/about-us/").content.decode().lower()
    restriction.delete()
    response = Client().get("/about-us/")
    assert response.status_code == 200 and response["X-Cache"] == "miss"
    assert 'type="password"' not in response.content.decode()


def test_a_story_whose_restriction_is_removed_appears_in_the_cached_news_list_at_once(page_tree):
    from mrdinfo.news.tests.factories import NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=page_tree["home"])
    story = NewsPageFactory(parent=index, title="Families' day at the hospital")
    restriction = PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    warm("/news/")  # the list leaves out a story only signed-in visitors may read
    assert "Families&#x27; day" not in Client().get("/news/").content.decode()
    restriction.delete()
    response = Client().get("/news/")
    assert response["X-Cache"] == "miss"
    assert "Families&#x27; day" in response.content.decode()
