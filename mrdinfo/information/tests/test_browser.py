"""The section in a real browser (Chromium): axe-core finds nothing, glossary definitions work by
keyboard with JavaScript switched off, the questions page prints on one A4 sheet, and nothing
scrolls sideways on a small phone. The browser_page fixture fails on any console error or CSP
violation."""

import re

import pytest

from mrdinfo.testing import browser as browser_helpers
from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot

from .section import SECTION_URLS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def base(live_server, site_content):
    return live_server.url


@pytest.fixture
def no_js_page(chromium):
    browser_helpers.require_chromium()
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 800}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.mark.parametrize("path", SECTION_URLS)
def test_no_axe_violations(base, browser_page, path):
    response = browser_page.goto(base + path)
    assert response.status == 200
    assert_no_axe_violations(browser_page)


@pytest.fixture
def small_phone(chromium):
    browser_helpers.require_chromium()
    context = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/", *SECTION_URLS])
def test_no_page_scrolls_sideways_on_a_320px_phone(base, small_phone, path):
    response = small_phone.goto(base + path)
    assert response.status == 200
    width = small_phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if width[0] > width[1]:
        save_screenshot(small_phone, "information-320-overflow-" + (path.strip("/").replace("/", "-") or "home"))
    assert width[0] <= width[1], f"{path} scrolls sideways at 320px: {width[0]}px of content in {width[1]}px"
    # The scope note and the safety line are there, and fit.
    expect(small_phone.locator("main .scope-note")).to_be_visible()
    if path != "/":
        expect(small_phone.locator("main .safety-line")).to_be_visible()


def test_no_axe_violations_with_a_definition_open(base, browser_page):
    browser_page.goto(base + "/understanding-mrd/what-is-mrd/")
    toggle = browser_page.locator(".glossary-term__toggle").first
    toggle.click()
    expect(browser_page.locator(".glossary-popover").first).to_be_visible()
    save_screenshot(browser_page, "information-glossary-definition-open")
    assert_no_axe_violations(browser_page)


def test_glossary_definitions_work_by_keyboard_without_javascript(base, no_js_page):
    page = no_js_page
    page.goto(base + "/understanding-mrd/what-is-mrd/")
    link = page.locator("a.glossary-term__link").first
    toggle = page.locator(".glossary-term__toggle").first
    popover = page.locator(".glossary-popover").first
    close = popover.locator(".glossary-popover__close")

    # Reach the first glossary word with the Tab key, as a keyboard user would.
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    assert link.inner_text() == "MRD"
    # Screen readers hear the definition as the link's description.
    description_id = link.get_attribute("aria-describedby")
    description = page.locator(f"#{description_id}").text_content()
    assert "Minimal residual disease" in description and "does not mean none at all" in description
    expect(popover).to_be_hidden()

    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("too few to see with a microscope")
    save_screenshot(page, "information-glossary-definition-no-js")

    page.keyboard.press("Tab")
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(popover).to_be_hidden()

    # The word itself is a plain link to its glossary entry.
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/understanding-mrd/glossary/#minimal-residual-disease$"))
    expect(page.locator("#minimal-residual-disease")).to_be_in_viewport()
    expect(page.locator("#minimal-residual-disease")).to_contain_text("Also called: MRD")


def test_escape_closes_a_definition(base, browser_page):
    browser_page.goto(base + "/understanding-mrd/remission/")
    toggle = browser_page.locator(".glossary-term__toggle").first
    popover = browser_page.locator(".glossary-popover").first
    toggle.focus()
    browser_page.keyboard.press("Enter")
    expect(popover).to_be_visible()
    browser_page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(toggle).to_be_focused()


def test_definition_opens_beside_its_word_and_fits_a_small_phone(base, chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base + "/understanding-mrd/the-mrd-test/")
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    toggle = page.locator(".glossary-term__toggle").nth(1)
    toggle.scroll_into_view_if_needed()
    toggle.click()
    popover = page.locator(".glossary-popover:popover-open")
    expect(popover).to_be_visible()
    box, anchor = popover.bounding_box(), toggle.bounding_box()
    context.close()
    assert not overflow, "the page scrolls sideways at 320px"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    # Just below (or, near the bottom of the screen, just above) the word, not in a corner.
    assert abs(box["y"] - (anchor["y"] + anchor["height"])) < 40 or abs(box["y"] + box["height"] - anchor["y"]) < 40


def test_print_button_appears_only_with_javascript(base, browser_page, no_js_page):
    browser_page.goto(base + "/understanding-mrd/questions-to-ask/")
    expect(browser_page.get_by_role("button", name="Print this page")).to_be_visible()
    no_js_page.goto(base + "/understanding-mrd/questions-to-ask/")
    expect(no_js_page.get_by_role("button", name="Print this page")).to_be_hidden()


def test_questions_page_prints_on_one_a4_sheet(base, browser_page):
    browser_page.goto(base + "/understanding-mrd/questions-to-ask/")
    browser_page.emulate_media(media="print")
    save_screenshot(browser_page, "information-questions-print")
    pdf = browser_page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the questions page prints on {pages} A4 pages"
    # What prints: every question, and none of the screen-only parts.
    text = browser_page.locator("main").inner_text()
    assert "Who do we call if we are worried" in text
    for hidden in (".related-topics", ".contents-list", ".print-action", ".glossary-term__toggle"):
        expect(browser_page.locator(hidden).first).to_be_hidden()


def test_screenshots_of_the_section(base, browser_page):
    for name, path in [
        ("hub", "/understanding-mrd/"),
        ("page", "/understanding-mrd/uk-all-2003/"),
        ("glossary", "/understanding-mrd/glossary/"),
    ]:
        browser_page.goto(base + path)
        assert save_screenshot(browser_page, f"information-{name}").exists()
