"""The Wagtail admin works under its own Content-Security-Policy: editing a page, the block
picker's previews and the live preview raise no CSP violations or script errors."""

import time

import pytest

from django.contrib.auth import get_user_model

from wagtail.admin.models import EditingSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_page(page_tree, live_server, browser_page):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    browser_page.goto(live_server.url + "/admin/login/")
    browser_page.get_by_label("Username").fill("editor")
    browser_page.get_by_label("Password").fill("a-long-test-password")
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.wait_for_url("**/admin/")
    yield browser_page
    if "/edit/" in browser_page.url:
        # Leaving the page editor releases its editing session with a beacon (on pagehide). Wait until
        # the server has handled it: arriving later, it would hit the live server while the test
        # database is being flushed ("database table is locked" on SQLite).
        browser_page.goto("about:blank")
        deadline = time.monotonic() + 10
        while EditingSession.objects.exists():
            assert time.monotonic() < deadline, "the editor did not release its editing session"
            time.sleep(0.05)


def test_page_editor_and_preview_run_without_csp_violations(editor_page, live_server, page_tree):
    editor_page.goto(f"{live_server.url}/admin/pages/{page_tree['about'].pk}/edit/")
    editor_page.wait_for_selector("[data-contentpath='body']")
    # Open the live preview side panel: it frames the public page from the same origin.
    editor_page.get_by_role("button", name="Toggle preview").click()
    frame = editor_page.frame_locator("iframe#w-preview-iframe")
    frame.get_by_role("heading", name="About us").wait_for()
    assert not editor_page.problems, editor_page.problems


def test_settings_and_menus_screens_load(editor_page, live_server, page_tree):
    for path in ("/admin/settings/core/sitesettings/", "/admin/snippets/core/menu/"):
        response = editor_page.goto(live_server.url + path)
        assert response.status == 200
        editor_page.wait_for_load_state("networkidle")
    assert not editor_page.problems, editor_page.problems
