"""The first screen of a 320x568 phone, in Chromium, on the real content (issue 18): a header of
at most about 100 px with the charity's name on one line and search and menu as labelled icon
buttons; every page type's H1 and summary on that first screen; the "Who this is for" note as
one line that opens; and a medical page that ends with what a parent needs next, asks "Was this
page helpful?" once and keeps "Link to this section" out of sight until it has focus.
tools/measure_screens.py prints the same figures for a person to read."""

import pytest

from mrdinfo.testing import browser as browser_helpers
from mrdinfo.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 568
# One page of each type in content/ (the search page has no summary).
FIRST_SCREEN_PAGES = [
    "/",
    "/understanding-mrd/",
    "/understanding-mrd/what-is-mrd/",
    "/understanding-mrd/remission/",
    "/understanding-mrd/questions-to-ask/",
    "/understanding-mrd/glossary/",
    "/events/",
    "/events/riverside-10k/",
    "/news/",
    "/news/new-mrd-website/",
    "/donate/",
    "/donate/why-donate/",
    "/about/",
    "/about/our-ambassadors/",
    "/contact/",
]
BOTTOMS = """() => {
  const bottom = (selector) => {
    const element = document.querySelector(selector);
    return element ? element.getBoundingClientRect().bottom : null;
  };
  return {
    h1: bottom('main h1'), summary: bottom('main .page-summary, main .hero__text'), header: bottom('.site-header'),
  };
}"""


@pytest.fixture
def phone(chromium, live_server, site_content):
    browser_helpers.require_chromium()
    context = chromium.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=2, is_mobile=True, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


def test_on_a_phone_first_screens_hold_h1_and_summary_and_medical_pages_end_with_next_steps(phone):
    page = phone
    for path in FIRST_SCREEN_PAGES:
        page.goto(page.base + path)
        bottoms = page.evaluate(BOTTOMS)
        assert bottoms["header"] <= 100, (path, bottoms)
        assert bottoms["summary"] is not None, path
        assert bottoms["h1"] < bottoms["summary"] <= HEIGHT, (path, bottoms)

    # The header: the name on one line, the two buttons on the row under it, inside the screen,
    # big enough to tap, and named for screen readers though they show only icons.
    name = page.locator(".site-header__home")
    line_height = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.site-header__home')).fontSize)")
    assert name.bounding_box()["height"] < 2 * line_height
    search, menu = page.locator(".header-search__toggle"), page.get_by_role("button", name="Menu")
    for button in (search, menu):
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= WIDTH, box
        assert box["y"] >= name.bounding_box()["y"] + name.bounding_box()["height"] - 1
    label_width = page.locator(".header-search__toggle .header-icon__label").bounding_box()["width"]
    assert label_width <= 1  # the word is for screen readers; the icon is what shows
    # Opened, the search box is a strip under the header; the buttons stay where they were.
    before = search.bounding_box()
    search.click()
    field = page.get_by_label("Search this site")
    field_box = field.bounding_box()
    assert field_box["y"] >= page.evaluate(BOTTOMS)["header"] - 1 and field_box["x"] + field_box["width"] <= WIDTH
    assert search.bounding_box() == before

    # A medical page (one test with the above: one set-up of the content and the browser).
    page.goto(page.base + "/understanding-mrd/remission/")
    # "Who this is for" is one line on the first screen; its details open in place.
    summary = page.locator(".scope-note__summary")
    box = summary.bounding_box()
    assert box["height"] <= 32 and box["y"] + box["height"] <= HEIGHT, box
    details_text = page.locator(".scope-note__text")
    assert not details_text.is_visible()
    summary.click()
    assert details_text.is_visible() and "Philadelphia-positive" in details_text.inner_text()

    # The end: related topics, then the 24-hour line, then the review dates, the feedback
    # question and one line about the charity; no card grid of fundraising.
    order = page.evaluate(
        """() => ['.related-topics', '.safety-line', '.about-information', '.page-feedback', '.promo-line']
             .map((s) => document.querySelector(s)).map((e) => e && e.getBoundingClientRect().top + scrollY)"""
    )
    assert None not in order and order == sorted(order), order
    assert page.locator(".promo-cards").count() == 0
    charity_line = page.locator(".promo-line__summary")
    assert charity_line.bounding_box()["height"] <= 32  # one line, where there were 8 cards
    assert not page.locator(".promo-line__link").first.is_visible()
    charity_line.click()
    assert page.locator(".promo-line__link").first.is_visible()
    visible_text = page.evaluate("document.body.innerText")
    assert visible_text.count("Was this page helpful?") == 1

    # "Link to this section" takes no line and shows only when keyboard focus reaches it.
    link = page.locator("[data-section-link]").first
    heading = page.locator(".information-body .section-heading").first
    gap_under = """document.querySelector('.information-body .section-heading')
        .nextElementSibling.nextElementSibling.getBoundingClientRect().top"""
    heading_box = heading.bounding_box()
    assert page.evaluate(gap_under) - heading_box["y"] - heading_box["height"] < 24
    line = page.locator(".information-body .section-link").first
    assert line.bounding_box()["width"] <= 1
    assert_no_axe_violations(page)
    link.focus()
    assert line.bounding_box()["width"] > 100 and line.bounding_box()["y"] >= heading_box["y"] + heading_box["height"]
    assert_no_axe_violations(page)
