"""The site's own accessibility checks run in Wagtail's content checker (the userbar on a page
viewed by a logged-in editor, and the editor's Checks panel): each flags its case, and a clean
page passes them all."""

import time

import pytest
from playwright.sync_api import expect

from django.contrib.auth import get_user_model
from django.db import OperationalError

from wagtail.admin.models import EditingSession

from mrdinfo.editorial.content_checks import CUSTOM_MESSAGES
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OURS = {message["error_name"]: rule for rule, message in CUSTOM_MESSAGES.items()}

CLEAN = (
    "<h2>What the test finds</h2><p>The test can find 1 in 10,000 cells (10⁻⁴).</p>"
    "<h3>How it works</h3><p><a href='/about-us/'>Read about the charity</a>.</p>"
)
CASES = [
    ("mrd-heading-levels", "<h2>About the test</h2><h4>A skipped level</h4><p>Plain words.</p>"),
    ("mrd-image-alt", "<h2>A picture</h2><p><img src='/static/img/favicon.svg' width='20' height='20'></p>"),
    ("mrd-vague-link-text", "<h2>More</h2><p>To learn about the test, <a href='/about-us/'>click here</a>.</p>"),
    ("mrd-vague-link-text", "<h2>More</h2><p>The test has a limit. <a href='/about-us/'>Read more…</a></p>"),
    ("mrd-power-of-ten", "<h2>Numbers</h2><p>The test finds 10^-4 of the cells.</p>"),
    ("mrd-power-of-ten", "<h2>Numbers</h2><p>The test finds 10⁻⁴ of the cells.</p>"),
    ("mrd-power-of-ten", "<h2>Numbers</h2><p>The result was 1e-4.</p>"),
]


def sign_in_as_checker(live_server, browser_page):
    """A superuser signed in to the admin in this tab."""
    get_user_model().objects.create_superuser("checker", "checker@example.org", "a-long-test-password")
    browser_page.goto(live_server.url + "/admin/login/")
    browser_page.get_by_label("Username").fill("checker")
    browser_page.get_by_label("Password").fill("a-long-test-password")
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.wait_for_url("**/admin/")
    return browser_page


@pytest.fixture
def logged_in(page_tree, live_server, browser_page):
    return sign_in_as_checker(live_server, browser_page)


def our_findings(browser_page, url):
    browser_page.goto(url)
    count = browser_page.locator("wagtail-userbar [data-content-checker-count]").first
    # The checker has run when it has written its count (0 included).
    browser_page.wait_for_function(
        "() => { const u = document.querySelector('wagtail-userbar');"
        " const c = u && u.shadowRoot && u.shadowRoot.querySelector('[data-content-checker-count]');"
        " return c && c.textContent.trim() !== ''; }",
        timeout=20000,
    )
    assert count.count() == 1
    names = browser_page.eval_on_selector_all(
        "wagtail-inline-userbar", "els => els.map(e => e.getAttribute('data-error-name'))"
    )
    # Wagtail logs what it found to the console as an error; that is the checker working.
    browser_page.problems[:] = [p for p in browser_page.problems if "axe.run results" not in p]
    return sorted({OURS[name] for name in names if name in OURS}), names


def test_each_custom_check_flags_its_case_and_a_clean_page_passes(logged_in, live_server, page_tree):
    clean = GeneralPageFactory(parent=page_tree["home"], title="Clean page", body=[("text", CLEAN)])
    found, everything = our_findings(logged_in, live_server.url + clean.url)
    assert found == [], everything
    for number, (rule, html) in enumerate(CASES):
        page = GeneralPageFactory(parent=page_tree["home"], title=f"Case {number} {rule}", body=[("text", html)])
        found, everything = our_findings(logged_in, live_server.url + page.url)
        assert found == [rule], (rule, everything)


def test_the_key_figure_block_raises_no_finding_editors_cannot_fix(site_content, live_server, browser_page):
    # Wagtail's "paragraphs as headings" rule flagged the site's own key figure (a big, bold
    # number before its explanation) on "The MRD test", which no editor can change.
    sign_in_as_checker(live_server, browser_page)
    page = live_server.url + "/understanding-mrd/the-mrd-test/"
    assert browser_page.goto(page).status == 200
    assert browser_page.locator(".key-figure").count() > 0
    _found, everything = our_findings(browser_page, page)
    assert "Misusing paragraphs as headings" not in everything, everything


def test_the_editors_checks_panel_shows_our_findings(logged_in, live_server, page_tree):
    page = GeneralPageFactory(parent=page_tree["home"], title="Vague links", body=[("text", CASES[2][1])])
    logged_in.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    logged_in.get_by_role("button", name="Toggle checks").click()
    expect(logged_in.get_by_text(CUSTOM_MESSAGES["mrd-vague-link-text"]["error_name"]).first).to_be_visible(
        timeout=20000
    )
    logged_in.problems[:] = [p for p in logged_in.problems if "axe.run results" not in p]
    # Leave the editor and let it release its editing session before the database is flushed.
    logged_in.goto("about:blank")
    deadline = time.monotonic() + 10
    while editing_session_open():
        assert time.monotonic() < deadline, "the editor did not release its editing session"
        time.sleep(0.05)


def editing_session_open():
    try:
        return EditingSession.objects.exists()
    except OperationalError:  # SQLite: the server is deleting it this moment ("table is locked")
        return True
