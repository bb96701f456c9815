"""Every event that changes what a page shows clears every cache (core/caching/): the page
cache (the next request is a miss with the new content), the site chrome, and the CDN.

Removing any one line of caching.connect_signals(), is_content_model() or a registration in
apps.py fails a test here: tools/mutate_cache_clearing.py checks it."""

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect

from mrdinfo.core import caching
from mrdinfo.core.caching import clearing, content_generation
from mrdinfo.core.models import MenuItem
from mrdinfo.core.pages import chrome
from mrdinfo.testing.factories import GeneralPageFactory

from .purge_recorder import RecordingBackend


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def commit(page_tree, django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (on_commit callbacks run). The changes that
    built the test's site never commit (the test's transaction is rolled back), so what they left
    pending (old addresses to purge) is dropped first: a test sees only what its own change does."""
    clearing._state.__dict__.clear()
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    clearing._state.__dict__.clear()


@pytest.fixture
def purges(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "mrdinfo.core.caching.tests.purge_recorder.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    return RecordingBackend.purged


def warm(visitor, *urls):
    """Fill the page cache and the chrome cache, as earlier visitors would."""
    for url in urls:
        visitor.get(url)
        assert visitor.get(url)["X-Cache"] == "hit"


def assert_everything_cleared(page_tree, generation_before):
    assert caching.generation() != generation_before
    assert cache.get(chrome.cache_key(page_tree["home"].get_site().pk)) is None


def test_publishing_a_page(visitor, page_tree, commit, purges):
    warm(visitor, "/about-us/")
    before = caching.generation()
    about = page_tree["about"]
    about.title = "About the charity"
    with commit():
        about.save_revision().publish()
    assert_everything_cleared(page_tree, before)
    response = visitor.get("/about-us/")
    assert response["X-Cache"] == "miss" and "About the charity" in response.content.decode()
    assert "http://localhost/about-us/" in purges  # every live page is purged from the CDN
    assert "http://localhost/privacy-notice/" in purges


def test_scheduled_publishing(visitor, page_tree, commit):
    warm(visitor, "/about-us/")
    about = page_tree["about"]
    about.title = "About us, on time"
    about.go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    about.save_revision(approved_go_live_at=about.go_live_at)
    with commit():
        call_command("publish_scheduled")
    assert "About us, on time" in visitor.get("/about-us/").content.decode()


def test_unpublishing_a_page(visitor, page_tree, commit, purges):
    warm(visitor, "/privacy-notice/", "/")
    before = caching.generation()
    with commit():
        page_tree["privacy"].unpublish()
    assert_everything_cleared(page_tree, before)
    assert visitor.get("/privacy-notice/").status_code == 404
    assert "/privacy-notice/" not in visitor.get("/").content.decode()  # gone from the menu too
    assert "http://localhost/privacy-notice/" in purges  # its old address, no longer live


def test_changing_a_slug(visitor, page_tree, commit, purges):
    warm(visitor, "/about-us/our-team/", "/about-us/")
    before = caching.generation()
    team = page_tree["team"]
    team.slug = "the-team"
    with commit():
        team.save()  # a slug change without publishing (the loader, the shell)
    assert_everything_cleared(page_tree, before)
    moved = visitor.get("/about-us/our-team/")  # Wagtail redirects the old address
    assert (moved.status_code, moved["Location"], moved["X-Cache"]) == (301, "/about-us/the-team/", "miss")
    assert visitor.get("/about-us/the-team/").status_code == 200
    assert "http://localhost/about-us/our-team/" in purges


def test_moving_a_page(visitor, page_tree, commit, purges):
    warm(visitor, "/about-us/our-team/")
    before = caching.generation()
    with commit():
        page_tree["team"].move(page_tree["home"], pos="last-child")
    assert_everything_cleared(page_tree, before)
    moved = visitor.get("/about-us/our-team/")
    assert (moved.status_code, moved["Location"], moved["X-Cache"]) == (301, "/our-team/", "miss")
    assert visitor.get("/our-team/").status_code == 200
    assert "http://localhost/about-us/our-team/" in purges


def test_deleting_a_page(visitor, page_tree, commit, purges):
    warm(visitor, "/accessibility-statement/", "/")
    before = caching.generation()
    with commit():
        page_tree["accessibility"].delete()
    assert_everything_cleared(page_tree, before)
    assert visitor.get("/accessibility-statement/").status_code == 404
    assert "/accessibility-statement/" not in visitor.get("/").content.decode()
    assert "http://localhost/accessibility-statement/" in purges


def test_deleting_a_page_no_menu_links_to(visitor, page_tree, commit, purges):
    """No menu link is deleted with it (unlike the test above), so only the page's own deletion
    can clear the caches: Wagtail unpublishes a live page before deleting it."""
    warm(visitor, "/about-us/our-team/")
    before = caching.generation()
    with commit():
        page_tree["team"].delete()
    assert_everything_cleared(page_tree, before)
    assert visitor.get("/about-us/our-team/").status_code == 404
    assert "http://localhost/about-us/our-team/" in purges


def test_saving_a_snippet(visitor, page_tree, commit):
    warm(visitor, "/")
    before = caching.generation()
    menu = page_tree["main_menu"]
    menu.name = "Top menu"  # only the snippet's own row is saved
    with commit():
        menu.save()
    assert_everything_cleared(page_tree, before)
    assert visitor.get("/")["X-Cache"] == "miss"


def test_saving_and_deleting_a_menu_link_on_its_own(visitor, page_tree, commit):
    warm(visitor, "/")
    item = MenuItem.objects.get(menu=page_tree["main_menu"], label="About us link")
    item.label = "Who we are"
    with commit():
        item.save()
    assert "Who we are" in visitor.get("/").content.decode()
    before = caching.generation()
    with commit():
        item.delete()
    assert_everything_cleared(page_tree, before)
    assert "Who we are" not in visitor.get("/").content.decode()


def test_saving_the_site_settings(visitor, page_tree, commit, purges):
    warm(visitor, "/about-us/")
    before = caching.generation()
    settings = page_tree["settings"]
    settings.charity_name = "Renamed Charity"
    with commit():
        settings.save()
    assert_everything_cleared(page_tree, before)
    response = visitor.get("/about-us/")
    assert response["X-Cache"] == "miss" and "Renamed Charity" in response.content.decode()
    # Every live page shows the name, so every one is purged from the CDN (no page was
    # published, so Wagtail's own purge on publishing sends nothing).
    live = {f"http://localhost{url}" for url in ("/", "/about-us/", "/about-us/our-team/", "/privacy-notice/")}
    assert live <= set(purges)


def test_saving_the_site(visitor, page_tree, commit):
    warm(visitor, "/about-us/")
    page_tree["settings"].delete()  # without a charity name, the site's name is shown
    before = caching.generation()
    site = page_tree["home"].get_site()
    site.site_name = "Site Name Shown"
    with commit():
        site.save()
    assert_everything_cleared(page_tree, before)
    response = visitor.get("/about-us/")
    assert response["X-Cache"] == "miss" and "Site Name Shown" in response.content.decode()


def test_adding_a_redirect(visitor, page_tree, commit):
    assert visitor.get("/old-about/").status_code == 404
    assert visitor.get("/old-about/")["X-Cache"] == "hit"
    with commit():
        Redirect.objects.create(old_path="/old-about", redirect_page=page_tree["about"])
    response = visitor.get("/old-about/")
    assert response.status_code == 301 and response["Location"].endswith("/about-us/")


def test_a_model_registered_with_clear_on_save(visitor, page_tree, commit):
    """What an app does for a model that is neither a page, a snippet nor a setting."""
    from django.contrib.auth.models import Group

    warm(visitor, "/")
    with commit():
        Group.objects.create(name="Not content")
    assert visitor.get("/")["X-Cache"] == "hit"  # unregistered models change nothing
    caching.clear_on_save(Group)
    try:
        with commit():
            Group.objects.create(name="Content now")
        assert visitor.get("/")["X-Cache"] == "miss"
    finally:
        clearing._clear_on_save_models.discard(Group)


def test_a_failing_cache_does_not_stop_the_others_or_the_save(visitor, page_tree, commit):
    def broken():
        raise RuntimeError("broken")

    caching.register_cache("broken", broken)
    try:
        warm(visitor, "/")
        GeneralPageFactory(parent=page_tree["home"], title="Brand new")
        with commit():
            page_tree["about"].save_revision().publish()
        assert cache.get(chrome.cache_key(page_tree["home"].get_site().pk)) is None
    finally:
        clearing._registered_caches.pop("broken")


def test_a_new_release_starts_a_new_generation(monkeypatch, db):
    """A deploy (new code, templates or static files) must not serve pages or fragments rendered
    by the old templates: the generation is stored under a key named by the release."""
    before = caching.generation()
    assert caching.generation() == before
    monkeypatch.setattr(content_generation, "release", lambda: "a-later-release")
    assert caching.generation() > before
    first = caching.cached_fragment("test", ("same input",), lambda: "built by the new release")
    assert first == "built by the new release"


# What a visitor sees in the menus (the site chrome's cache) after each change to a page.


def menu_links(visitor, url="/"):
    from mrdinfo.testing.html import select

    html = visitor.get(url).content.decode()
    return [link["href"] for link in select(html, ".main-nav a[href], .site-footer a[href]")]


def test_menus_follow_a_renamed_page(visitor, page_tree, commit):
    assert "/privacy-notice/" in menu_links(visitor)
    privacy = page_tree["privacy"]
    privacy.slug = "privacy"
    with commit():
        privacy.save()
    links = menu_links(visitor, "/about-us/")
    assert "/privacy/" in links and "/privacy-notice/" not in links


def test_menus_follow_a_moved_page(visitor, page_tree, commit):
    assert "/privacy-notice/" in menu_links(visitor)
    with commit():
        page_tree["privacy"].move(page_tree["about"], pos="last-child")
    links = menu_links(visitor, "/about-us/")
    assert "/about-us/privacy-notice/" in links and "/privacy-notice/" not in links


def test_deleting_a_menu_snippet(visitor, page_tree, commit):
    assert "/accessibility-statement/" in menu_links(visitor)  # in the footer menu and settings
    settings = page_tree["settings"]
    settings.accessibility_page = None
    with commit():
        settings.save()
    assert "/accessibility-statement/" in menu_links(visitor)  # still in the footer menu
    before = caching.generation()
    with commit():
        page_tree["footer_menu"].delete()
    assert_everything_cleared(page_tree, before)
    assert "/accessibility-statement/" not in menu_links(visitor)


def test_scheduled_expiry(visitor, page_tree, commit):
    warm(visitor, "/privacy-notice/", "/")
    privacy = page_tree["privacy"]
    privacy.expire_at = timezone.now() - timezone.timedelta(minutes=1)
    privacy.save()
    before = caching.generation()
    with commit():
        call_command("publish_scheduled")
    assert_everything_cleared(page_tree, before)
    assert visitor.get("/privacy-notice/").status_code == 404
    assert "/privacy-notice/" not in menu_links(visitor)


def test_saving_an_image(visitor, page_tree, commit):
    from mrdinfo.testing.factories import ImageFactory

    image = ImageFactory()
    warm(visitor, "/about-us/")
    before = caching.generation()
    image.title = "A new description"
    with commit():
        image.save()
    assert_everything_cleared(page_tree, before)
    assert visitor.get("/about-us/")["X-Cache"] == "miss"


def test_the_page_cache_misses_inside_the_transaction_that_changed_content(
    visitor, page_tree, django_capture_on_commit_callbacks
):
    """Before the commit (a request on the same connection, a template rendered by the save
    itself) the page cache already misses: the generation moves on at once."""
    warm(visitor, "/about-us/")
    about = page_tree["about"]
    about.title = "About, not yet committed"
    with django_capture_on_commit_callbacks(execute=False):
        about.save_revision().publish()
        response = visitor.get("/about-us/")
    assert response["X-Cache"] == "miss" and "About, not yet committed" in response.content.decode()


def test_a_page_cached_between_the_change_and_its_commit_is_not_served_after(visitor, page_tree, commit):
    """A request between the change and the commit may render the old content (it cannot see
    the uncommitted change) and store it: the commit moves the generation on again, so that copy
    is never served."""
    warm(visitor, "/about-us/")
    about = page_tree["about"]
    about.title = "About, committed"
    with commit():
        about.save_revision().publish()
        visitor.get("/about-us/")  # stored under the generation moved on by the change
        assert visitor.get("/about-us/")["X-Cache"] == "hit"
    assert visitor.get("/about-us/")["X-Cache"] == "miss"


def test_registering_a_cache_again_replaces_it(page_tree, commit):
    calls = []
    caching.register_cache("twice", lambda: calls.append("first"))
    caching.register_cache("twice", lambda: calls.append("second"))
    try:
        with commit():
            page_tree["about"].save_revision().publish()
        assert calls == ["second"]
    finally:
        clearing._registered_caches.pop("twice")


def test_moving_the_generation_on_for_something_built_from_content(visitor, page_tree):
    """bump_generation_from (the booklet's figures): pages are rendered again, and the new
    number is given only if nothing else moved the generation since the build began."""
    warm(visitor, "/about-us/")
    built_from = caching.generation()
    moved_to = caching.bump_generation_from(built_from)
    assert moved_to == built_from + 1 == caching.generation()
    assert visitor.get("/about-us/")["X-Cache"] in ("miss", "stale")
    caching.bump_generation()  # content changed while something was being built from it
    assert caching.bump_generation_from(built_from) is None
