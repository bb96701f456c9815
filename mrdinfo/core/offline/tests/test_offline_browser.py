"""Offline reading in Chromium, with the network cut (Playwright's offline mode): after a parent
has opened the Understanding MRD hub, the hub, every page under it, the glossary, the explainer
(its slider still moves the story on) and the result reader's page load from the saved copies,
each with the "Saved for offline reading" note; a page never opened shows the offline page,
listing what is saved; the admin and pages with a form are never in Cache Storage; and after a
content change, going online shows the new words and saves them for the next time offline.

One tab for the whole journey, as a parent would have: each step needs the ones before."""

from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from django.core.servers.basehttp import WSGIRequestHandler

from wagtail.models import Page

from mrdinfo.core import caching
from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = ".offline-note"
SLIDER = "#cells-in-the-body-slider"
CACHED_PATHS = """async () => {
    const paths = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            const url = new URL(request.url);
            paths.push(url.pathname + url.search);
        }
    }
    return paths;
}"""

GUIDE_SAVED_MS = 90_000


@contextmanager
def network_cut(page):
    """Offline, as on a ward with no signal, some time after the pages were saved. Playwright's
    offline mode cuts the tab's own requests but not the service worker's (Chromium), so the
    live server (a thread of this process) also closes every connection unanswered meanwhile:
    the worker's fetches fail as they would. The browser's own HTTP cache is emptied first: a
    page fetched under a minute ago may be answered from it (stale-while-revalidate)."""
    answer = WSGIRequestHandler.handle_one_request

    def hang_up(handler):
        handler.close_connection = True

    context = page.context
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    WSGIRequestHandler.handle_one_request = hang_up
    try:
        yield
    finally:
        WSGIRequestHandler.handle_one_request = answer
        context.set_offline(False)


def heading(page):
    return " ".join(page.locator("h1").first.inner_text().split())


@pytest.fixture
def offline_tab(chromium):
    """A tab with service workers allowed (the suite's browser_page blocks them), failing the test
    on any script error or CSP violation."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", service_workers="allow")
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    yield page, problems
    context.close()


def test_the_guide_reads_offline_once_the_hub_was_opened(site_content, live_server, offline_tab):
    (page, problems), base = offline_tab, live_server.url
    hub = Page.objects.get(slug="understanding-mrd")
    section = list(Page.objects.descendant_of(hub, inclusive=True).live().order_by("path"))
    assert len(section) >= 8  # the hub, its topics and the glossary

    # Online: first the pages that must never be kept (were they kept, Cache Storage would show
    # them below), then the hub, which saves the whole guide.
    event_booking = Page.objects.get(slug="snowdon-sunrise-trek").url + "register/"
    for path in ("/contact/", "/donate/", "/admin/login/", event_booking):
        assert page.goto(base + path).ok
    assert page.locator("main form[method=post]").count() == 1  # booking: "private", in no list
    page.goto(base + "/understanding-mrd/")
    # Saving the guide is a dozen pages and their files: on a loaded CI machine, more than 30 s.
    page.wait_for_selector("html[data-offline-guide=saved]", timeout=GUIDE_SAVED_MS)
    assert page.locator(NOTE).count() == 0  # online: the page itself, never a saved copy
    saved = page.evaluate(CACHED_PATHS)
    assert {p.url for p in section} <= set(saved)
    assert not [path for path in saved if path.startswith(("/admin", "/contact/", "/donate/", "/events/"))]

    with network_cut(page):
        check_the_guide_offline(page, base, section)

    # A content change, published as an editor does (it moves the generation on). Online again,
    # opening any page brings the new worker, which saves the guide again: offline, a changed
    # page not opened since shows the new words; online, it is the page itself.
    changed = Page.objects.get(slug="the-mrd-test").specific
    generation = caching.generation()
    changed.summary = "The MRD test looks for leukaemia cells too few to see. Updated today."
    changed.save_revision().publish()
    assert caching.generation() != generation
    page.goto(base + "/understanding-mrd/")
    page.wait_for_selector(
        f"html[data-offline-saved='{caching.generation()}'][data-offline-guide=saved]", timeout=GUIDE_SAVED_MS
    )
    with network_cut(page):
        page.goto(base + changed.url)
        assert "Updated today." in page.locator("main").inner_text()
        assert page.locator(NOTE).is_visible()
    page.goto(base + changed.url)
    assert "Updated today." in page.locator("main").inner_text()
    assert page.locator(NOTE).count() == 0
    assert not problems, problems


def check_the_guide_offline(page, base, section):
    for each in section:
        page.goto(base + each.url)
        assert heading(page) == each.title, each.url
        assert page.locator(NOTE).inner_text().startswith("Saved for offline reading on ")
    # The glossary, the explainer (its slider still tells the story) and the result reader.
    page.goto(base + "/understanding-mrd/glossary/")
    assert page.locator("main dl, main dt, main h2").count() > 3
    page.goto(base + "/understanding-mrd/what-is-mrd/")
    page.wait_for_selector("#cells-in-the-body.is-enhanced")
    slider = page.locator(SLIDER)
    before = slider.get_attribute("aria-valuetext")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(
        "([slider, before]) => document.querySelector(slider).getAttribute('aria-valuetext') !== before",
        arg=[SLIDER, before],
    )
    assert slider.get_attribute("aria-valuetext").startswith("End of the first month")
    assert_no_axe_violations(page)  # the note on a page with everything on it
    # At 320 px: the note is small, above the page's heading, which is still on the first screen.
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(base + "/understanding-mrd/reading-mrd-results/")
    page.wait_for_selector("#result-reader")
    assert page.get_by_label("The result, as it is written on the report").is_visible()
    note, title = page.locator(NOTE).bounding_box(), page.locator("h1").bounding_box()
    assert note["x"] >= 0 and note["x"] + note["width"] <= 320 and note["height"] < 200, note
    assert note["y"] + note["height"] <= title["y"] and title["y"] + title["height"] <= 568, (note, title)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    save_screenshot(page, "offline-saved-copy-note-320")
    # A reading works with no server: the page's script reads it (explainer/result-reader.js).
    field = page.get_by_label("The result, as it is written on the report")
    field.fill("1 x 10-4")
    field.press("Enter")
    answer = page.locator("[data-result-reader-answer]")
    expect(answer.locator(".result-reader__answer-title")).to_have_text("What “1 x 10-4” means")
    assert answer.get_attribute("data-reading-share") == "1/10000"
    assert "1 in 10,000" in answer.inner_text()
    assert page.locator(NOTE).count() == 1  # still the saved copy: nothing came from the server

    # A page never opened: the offline page, with links to what can be read.
    page.goto(base + "/events/")
    assert heading(page) == "This page is not saved on this device"
    assert page.locator("h1").bounding_box()["y"] < 568 and page.evaluate("document.documentElement.scrollWidth") <= 320
    links = page.locator("main .offline-page__saved a")
    assert "Understanding MRD" in links.all_inner_texts()
    assert page.locator("main .offline-page__saved a[href='/understanding-mrd/glossary/']").count() == 1
    assert_no_axe_violations(page)
    save_screenshot(page, "offline-page")
    saved = page.evaluate(CACHED_PATHS)
    assert not [path for path in saved if path.startswith(("/admin", "/contact/", "/donate/", "/documents/"))]
    assert not [path for path in saved if path.startswith("/events/")]
