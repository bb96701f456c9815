"""pytest fixtures shared by every app's tests (loaded from the root conftest.py)."""

import os
import shutil

import pytest

from django.core.cache import cache

from . import browser as browser_helpers
from .content_snapshot import ContentSnapshot
from .factories import GeneralPageFactory, HomePageFactory, MenuFactory
from .flush import use_delete_flush
from .site import configure_site

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM
# calls made by the test itself. The live server runs in its own thread, so this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache: with Redis the cache outlives the test database."""
    cache.clear()
    yield
    cache.clear()


# Every test process empties its PostgreSQL database between live-server tests with DELETE, not
# TRUNCATE (testing/flush.py).
use_delete_flush()


def _on_sqlite() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """Each test database starts as a copy of one migrated once for all workers and runs
    (testing/prepared_site.py); Django's `migrate` then finds nothing to do. On PostgreSQL it is
    made from a template database; on SQLite it is a file copied into this process's own
    temporary folder (instead of the in-memory database each worker migrated for 40 s)."""
    from django.conf import settings

    from . import prepared_site

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        url = os.environ["DATABASE_URL"]
        database.setdefault("TEST", {})["TEMPLATE"] = prepared_site.postgres_migrated_template(url)
    elif _on_sqlite():
        copy = tmp_path_factory.mktemp("test-database") / "test.sqlite3"
        shutil.copyfile(prepared_site.sqlite_migrated(), copy)
        database.setdefault("TEST", {})["NAME"] = str(copy)
        # A test database nobody else opens, thrown away with its folder: nothing is worth a
        # disk write's wait (a live-server test commits after every request).
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY;"


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """On SQLite the copied, migrated file above is the test database: Django must use it, not
    delete it and migrate a new one (its folder goes when the run ends)."""
    return _on_sqlite() or request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and a note of its rows straight after `migrate`, so the
    content snapshot can start from them even after a live-server test emptied the database."""
    with django_db_blocker.unblock():
        return ContentSnapshot.of_current_database()


@pytest.fixture
def site_content(request, django_db_setup):
    """The site's real content/ as `load_content` leaves it (pages, glossary, menus, settings,
    images...), in a fraction of the time: rows copied from a snapshot taken once per test
    process (testing/content_snapshot.py). Works with `db` (the default) and with
    `live_server`/`transactional_db`. Tests of the loader itself still call ContentLoader."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        request.getfixturevalue("db")
    else:
        request.getfixturevalue("transactional_db")
    django_db_setup.restore()
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home_page(db):
    return HomePageFactory()


@pytest.fixture
def page_tree(home_page):
    """Home, three general pages (About with a child page, Privacy, Accessibility), a main menu
    and a footer menu, and the charity's settings: a small but complete site."""
    about = GeneralPageFactory(parent=home_page, title="About us")
    team = GeneralPageFactory(parent=about, title="Our team")
    privacy = GeneralPageFactory(parent=home_page, title="Privacy notice")
    accessibility = GeneralPageFactory(parent=home_page, title="Accessibility statement")
    main_menu = MenuFactory(name="Main menu", pages=[about, privacy])
    footer_menu = MenuFactory(name="Footer menu", pages=[about, accessibility])
    settings = configure_site(
        home_page,
        main_menu=main_menu,
        footer_menu=footer_menu,
        privacy_page=privacy,
        accessibility_page=accessibility,
        contact_email="hello@example.org",
    )
    return {
        "home": home_page,
        "about": about,
        "team": team,
        "privacy": privacy,
        "accessibility": accessibility,
        "main_menu": main_menu,
        "footer_menu": footer_menu,
        "settings": settings,
    }


@pytest.fixture(scope="session")
def chromium():
    browser_helpers.require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_helpers.CHROMIUM_PATH, args=browser_helpers.CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, request):
    """A fresh browser tab (own cookies and storage) that fails the test on any CSP violation
    or script error, and keeps a screenshot when the test fails."""
    # Service workers blocked: the offline-reading worker (core/offline) would answer the tab's
    # requests itself once it controls a page, and Playwright's page.route() does not see those.
    # Its own tests open a tab that allows it (core/offline/tests/test_offline_browser.py).
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", service_workers="block")
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def on_console(message):
        # A 404 page reports its own status as a failed load; that is the test's subject, not a fault.
        own_status = message.text.startswith("Failed to load resource") and message.location.get("url") == page.url
        if message.type == "error" and not own_status:
            problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.problems = problems
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        browser_helpers.save_screenshot(page, f"failed-{request.node.name}")
    context.close()
    if not failed:
        assert not problems, "The browser reported problems:\n" + "\n".join(problems)
