"""Shared and found, in a real browser (Chromium): the search page, the header search without
JavaScript, the share control, section links, the feedback form, structured data under the CSP,
and the printed page (URL and a QR code that decodes to it). The browser_page fixture fails on
any console error, which is how Chromium reports a CSP violation."""

import io
import re
import time

import pytest

from mrdinfo.forms import spam
from mrdinfo.testing import browser as browser_helpers
from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INFO_PATH = "/understanding-mrd/what-is-mrd/"


@pytest.fixture
def base(live_server, site_content):
    return live_server.url


@pytest.fixture
def no_js_page(chromium):
    browser_helpers.require_chromium()
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 320, "height": 700}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def watch_csp(page):
    """Collect CSP violations the page reports (in addition to the fixture's console check)."""
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective));"
    )


def test_search_page_with_results_and_with_none(base, browser_page):
    watch_csp(browser_page)
    browser_page.goto(base + "/search/?q=leukemia")
    expect(browser_page.locator(".search-glossary dt").first).to_have_text("Leukaemia")
    expect(browser_page.locator(".search-result mark").first).to_be_visible()
    save_screenshot(browser_page, "search-results")
    assert_no_axe_violations(browser_page)
    browser_page.goto(base + "/search/?q=zebra+crossing")
    expect(browser_page.locator("#search-none-title")).to_contain_text("No pages found")
    save_screenshot(browser_page, "search-no-results")
    assert_no_axe_violations(browser_page)
    assert browser_page.evaluate("window.__cspViolations") == []


def test_header_search_works_without_javascript_at_320px(base, no_js_page):
    page = no_js_page
    page.goto(base + INFO_PATH)
    # The closed search toggle is an icon button beside the menu's, under the charity's name.
    name_box = page.locator(".site-header__home").bounding_box()
    toggle = page.locator(".header-search__toggle")
    toggle_box = toggle.bounding_box()
    assert toggle_box["y"] >= name_box["y"] + name_box["height"] - 1 and toggle_box["x"] + toggle_box["width"] <= 320
    toggle.click()
    field = page.get_by_label("Search this site")
    field.fill("remission")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=remission"))
    assert page.locator(".search-result__title a").first.get_attribute("href") == "/understanding-mrd/remission/"
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow, "the search page scrolls sideways at 320px"


def test_share_control_open_and_section_links(base, browser_page):
    watch_csp(browser_page)
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    browser_page.goto(base + INFO_PATH + "?utm_source=whatsapp&fbclid=abc")
    browser_page.get_by_text("Share this page", exact=True).click()
    link_field = browser_page.get_by_label("Link to this page")
    expect(link_field).to_be_visible()
    canonical = browser_page.locator("link[rel=canonical]").get_attribute("href")
    assert "utm_" not in canonical and "fbclid" not in canonical
    whatsapp = browser_page.get_by_role("link", name="WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/?text=") and "utm_" not in whatsapp
    for name in ("Email", "Facebook", "X (Twitter)"):
        expect(browser_page.get_by_role("link", name=name)).to_be_visible()
    save_screenshot(browser_page, "share-control-open")
    assert_no_axe_violations(browser_page)

    # A section link: the address shows the section, the copy holds the full link to it.
    section_link = browser_page.locator("[data-section-link]").nth(1)
    anchor = section_link.get_attribute("href")
    # It shows when keyboard focus reaches it (it takes no line under its heading otherwise).
    section_link.focus()
    section_link.press("Enter")
    expect(browser_page.locator("[data-share-status]")).to_have_text("Link to this section copied")
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    assert copied == canonical + anchor
    # The share control now offers the section too.
    browser_page.get_by_role("button", name="Copy link").click()
    assert browser_page.evaluate("navigator.clipboard.readText()") == canonical + anchor
    assert link_field.input_value() == canonical + anchor

    # JSON-LD is allowed by the CSP and is valid JSON.
    data = browser_page.evaluate(
        "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent))"
    )
    types = {node["@type"] for node in data[0]["@graph"]}
    assert {"NGO", "MedicalWebPage", "BreadcrumbList"} <= types
    assert browser_page.evaluate("window.__cspViolations") == []


def test_explainer_stage_links_are_offered_by_the_share_control(base, browser_page):
    browser_page.goto(base + INFO_PATH)
    # The explainer puts the stage in the address (#cells-in-the-body-remission) as the reader moves.
    stage_anchor = "cells-in-the-body-remission"
    assert browser_page.locator("#" + stage_anchor).count() == 1
    browser_page.evaluate("anchor => history.replaceState(null, '', '#' + anchor)", stage_anchor)
    browser_page.get_by_text("Share this page", exact=True).click()
    # The control fills in the address when it opens (its "toggle" event comes a moment later).
    expect(browser_page.get_by_label("Link to this page")).to_have_value(
        re.compile(re.escape(INFO_PATH + "#" + stage_anchor) + "$")
    )
    assert ("%23" + stage_anchor) in browser_page.get_by_role("link", name="Facebook").get_attribute("href")


def test_feedback_sent_in_place_and_no_choice_message(base, browser_page, monkeypatch):
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    browser_page.goto(base + INFO_PATH)
    section = browser_page.locator("#page-feedback")
    section.get_by_role("button", name="Send feedback").click()
    expect(browser_page.locator("#page-feedback .error-summary")).to_contain_text("Please choose yes or no")
    assert browser_page.url.endswith(INFO_PATH), "the error is shown on the same page"
    browser_page.get_by_label("How could we make this page better?").fill("More about the test, please")
    browser_page.locator("#page-feedback").get_by_text("No", exact=True).click()
    time.sleep(0.2)
    browser_page.locator("#page-feedback").get_by_role("button", name="Send feedback").click()
    expect(browser_page.locator("#page-feedback-title")).to_have_text("Thank you for your feedback")
    assert browser_page.url.endswith(INFO_PATH)
    save_screenshot(browser_page, "feedback-sent")
    assert_no_axe_violations(browser_page)
    from mrdinfo.feedback.models import PageFeedback

    assert PageFeedback.objects.get().comment == "More about the test, please"


def test_feedback_works_without_javascript(base, no_js_page, monkeypatch):
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    page = no_js_page
    page.goto(base + INFO_PATH)
    page.get_by_text("Yes", exact=True).click()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#page-feedback-title")).to_have_text("Thank you for your feedback")
    assert page.url.endswith("/feedback/")


def decode_qr(png_bytes):
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(png_bytes)).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def sharp_page(chromium):
    """A tab drawn at four device pixels to the CSS pixel, so a small printed QR code can be read."""
    context = chromium.new_context(viewport={"width": 1024, "height": 900}, device_scale_factor=4, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", [INFO_PATH, "/about/", "/understanding-mrd/questions-to-ask/"])
def test_printed_page_shows_its_address_and_a_qr_code_back_to_it(base, sharp_page, path):
    browser_page = sharp_page
    browser_page.goto(base + path)
    canonical = browser_page.locator("link[rel=canonical]").get_attribute("href")
    details = browser_page.locator(".print-details")
    expect(details).to_be_hidden()  # not on screen
    browser_page.emulate_media(media="print")
    expect(details).to_be_visible()
    expect(details).to_contain_text(canonical)
    for hidden in (".main-nav", ".share-control", ".header-search", ".section-link"):
        if browser_page.locator(hidden).count():
            expect(browser_page.locator(hidden).first).to_be_hidden()
    if path != "/about/":
        # The review dates print with the page itself (not repeated in the print details).
        expect(browser_page.locator("main")).to_contain_text("Clinical review: pending.")
        expect(browser_page.locator("main")).to_contain_text("Last updated")
        expect(browser_page.locator(".page-feedback")).to_be_hidden()
    qr = browser_page.locator(".print-details__qr svg")
    expect(qr).to_be_visible()
    assert qr.get_attribute("style") is None and "style=" not in qr.evaluate("el => el.outerHTML")
    qr.scroll_into_view_if_needed()
    shot = qr.screenshot(scale="device")
    assert decode_qr(shot) == [canonical]
    if path.endswith("questions-to-ask/"):
        pdf = browser_page.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"the questions page prints on {pages} A4 pages"
