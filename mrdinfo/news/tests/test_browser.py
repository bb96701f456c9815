"""The charity's pages in Chromium with the real content: axe-core finds no violation on the news
index, a news page, the ambassadors page, a general page and the home page (help path and cards),
and none of them scrolls sideways on a 320px phone. The browser_page fixture also fails on any
console error or CSP violation."""

import pytest

from mrdinfo.testing.browser import axe_violations, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URLS = [
    "/",
    "/news/",
    "/news/?page=2",
    "/news/new-mrd-website/",
    "/about/our-ambassadors/",
    "/about/trekking-training/",
    "/understanding-mrd/remission/",
]


def test_charity_pages_pass_axe_and_fit_a_320px_screen(site_content, live_server, browser_page, chromium):
    problems = []
    for url in URLS:
        response = browser_page.goto(live_server.url + url)
        assert response.status == 200, url
        violations = axe_violations(browser_page)
        if violations:
            problems.append(f"{url}:\n{format_violations(violations)}")

    phone = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = phone.new_page()
    try:
        for url in URLS:
            page.goto(live_server.url + url)
            page.wait_for_load_state("load")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{url} scrolls sideways by {overflow}px at 320px")
    finally:
        phone.close()
    assert not problems, "\n".join(problems)


def test_the_home_page_help_path_is_reachable_by_keyboard(site_content, live_server, browser_page):
    browser_page.goto(live_server.url + "/")
    link = browser_page.get_by_role("link", name="Make a donation")
    link.focus()
    assert browser_page.evaluate("document.activeElement.textContent.trim()") == "Make a donation"
    # The focused card shows the site's focus outline (not colour alone: an outline around the card).
    outline = browser_page.evaluate("getComputedStyle(document.activeElement.closest('.card')).outlineStyle")
    assert outline == "solid"
