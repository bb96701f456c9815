"""The foundation in a real browser: accessibility (axe-core), keyboard, and a CSP that the
pages themselves never trip (the browser_page fixture fails on any console error)."""

import pytest

from mrdinfo.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(page_tree, live_server):
    return live_server.url, page_tree


@pytest.mark.parametrize("path", ["/", "/about-us/", "/about-us/our-team/", "/no-such-page/"])
def test_no_axe_violations(site, browser_page, path):
    base, _ = site
    response = browser_page.goto(base + path)
    assert response.status == (404 if "no-such" in path else 200)
    assert_no_axe_violations(browser_page)


def test_skip_link_is_first_and_moves_focus_to_main(site, browser_page):
    base, _ = site
    browser_page.goto(base + "/about-us/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert browser_page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_body_text_is_at_least_18px_on_a_phone(site, chromium):
    base, _ = site
    context = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base + "/about-us/")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.rich-text p')).fontSize)")
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    context.close()
    assert size >= 18
    assert not overflow, "the page scrolls sideways at 320px"


def test_focus_is_visible(site, browser_page):
    base, _ = site
    browser_page.goto(base + "/")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Tab")  # the site name link
    background = browser_page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)"  # the yellow focus style
