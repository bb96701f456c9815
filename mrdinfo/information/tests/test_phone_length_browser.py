"""How long "What is MRD?" is on a 320x568 phone, in Chromium, on the real content (issue 18): at
most 20 screens (36.6 at the review of 2026-12-01) with nothing a parent needs taken out, because
the long secondary parts are folded: the review box is one calm line near the end whose details
open on a tap, a link to a source opens them, and the explainer's table is one line beside the
drawn scale (and open without script). tools/measure_screens.py prints the same figure."""

import re

import pytest

from mrdinfo.testing import browser as browser_helpers
from mrdinfo.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 568
MAX_SCREENS = 20
PATH = "/understanding-mrd/what-is-mrd/"
DETAILS = ".about-information__details"
SOURCE = "#source-moppett-2003"  # the key figure's source: Moppett and others, 2003


def new_phone(chromium, live_server, **options):
    browser_helpers.require_chromium()
    context = chromium.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        **options,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.problems = problems
    page.base = live_server.url
    return context, page


def in_viewport(page, locator):
    box = locator.bounding_box()
    return box is not None and box["height"] > 0 and box["y"] >= -1 and box["y"] + box["height"] <= HEIGHT + 1


def test_what_is_mrd_is_at_most_20_screens_with_the_review_as_one_line_that_opens(chromium, live_server, site_content):
    context, page = new_phone(chromium, live_server)
    page.goto(page.base + PATH)
    page.wait_for_selector(".explainer.is-enhanced")
    screens = page.evaluate("document.documentElement.scrollHeight") / HEIGHT
    assert screens <= MAX_SCREENS, f"What is MRD? is {screens:.2f} screens tall at {WIDTH}x{HEIGHT}"

    # Nothing a parent needs is gone: every section of the text, the explainer's stages and
    # table, the 24-hour line and the sources are all still in the page.
    for heading in ("MRD in a few words", "Why the microscope is not enough", "What MRD does not mean"):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.locator(".explainer__table tbody tr").count() == 8
    assert page.locator(".safety-line").is_visible()
    assert page.locator(f"li.reference{SOURCE}").count() == 1

    # The explainer: the scale is drawn, and its table is folded to one line beside it.
    assert page.locator("[data-explainer-scale] svg").bounding_box()["height"] > 200
    assert page.locator(".explainer__table-wrap").get_attribute("open") is None
    assert not page.locator(".explainer__table tbody tr").first.is_visible()

    # The review: one calm line near the end (after the 24-hour line, before the feedback),
    # saying in words that no clinician has checked the page yet and when it is next reviewed.
    line = page.locator(".review-line")
    line.scroll_into_view_if_needed()
    assert in_viewport(page, line)
    assert re.fullmatch(r"Clinical review: pending\. Next review due: \d{1,2} [A-Z][a-z]+ \d{4}\.", line.inner_text())
    box = line.bounding_box()
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.review-line')).lineHeight)")
    assert box["height"] <= 2 * font + 1, box  # one sentence pair: two lines at most at 320 px
    page_height = page.evaluate("document.documentElement.scrollHeight")
    top = page.evaluate("document.querySelector('.review-line').getBoundingClientRect().top + scrollY")
    safety = page.evaluate("document.querySelector('.safety-line').getBoundingClientRect().bottom + scrollY")
    feedback = page.evaluate("document.querySelector('.page-feedback').getBoundingClientRect().top + scrollY")
    assert safety <= top < feedback and page_height - top < 3 * HEIGHT
    # The details are folded: the dates, what "pending" means and the sources are one tap away.
    details_text = page.locator(".about-information__more")
    assert not details_text.is_visible() and not page.locator(f"li.reference{SOURCE}").is_visible()
    page.locator(".about-information__summary").tap()
    assert details_text.is_visible()
    shown = details_text.inner_text()
    assert "No doctor has checked this page yet." in shown
    for label in ("First published", "Last updated", "Next review due"):
        assert page.locator(".review-details dt", has_text=label).is_visible(), label
    assert page.locator(f"li.reference{SOURCE}").is_visible()
    assert_no_axe_violations(page)
    context.close()
    assert not page.problems


def test_a_link_to_the_sources_opens_the_folded_details(chromium, live_server, site_content):
    context, page = new_phone(chromium, live_server)
    page.goto(page.base + PATH)
    reference = page.locator(f"li.reference{SOURCE}")
    assert page.locator(DETAILS).get_attribute("open") is None

    # The key figure's "Source" link lands on its reference, shown.
    page.locator(f".key-figure__source a[href='{SOURCE}']").tap()
    page.wait_for_function(f"() => document.querySelector('{DETAILS}').open")
    assert reference.is_visible() and in_viewport(page, reference)

    # The contents list's "Sources and review dates" (the section around the details, not a
    # part inside it, which Chromium would open by itself) opens them too: open-details-for-hash.js.
    page.goto(page.base + PATH)
    assert page.locator(DETAILS).get_attribute("open") is None
    page.locator(".contents-list a", has_text="Sources and review dates").tap()
    page.wait_for_function(f"() => document.querySelector('{DETAILS}').open")
    assert in_viewport(page, page.locator(".review-line"))

    # A shared link to a source, opened afresh, shows that source.
    page.goto(page.base + PATH + "#about-this-information")
    page.wait_for_function(f"() => document.querySelector('{DETAILS}').open")
    page.goto("about:blank")
    page.goto(page.base + PATH + SOURCE)
    page.wait_for_function(f"() => document.querySelector('{DETAILS}').open")
    assert in_viewport(page, reference)
    context.close()
    assert not page.problems


def test_without_javascript_the_table_is_open_and_the_review_details_open_on_a_tap(chromium, live_server, site_content):
    context, page = new_phone(chromium, live_server, java_script_enabled=False)
    page.goto(page.base + PATH)
    rows = page.locator(".explainer__table tbody tr")
    assert rows.count() == 8
    for row in range(8):
        box = rows.nth(row).bounding_box()
        assert rows.nth(row).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
    assert page.locator(".review-line").is_visible()
    assert not page.locator(".about-information__more").is_visible()
    page.locator(".about-information__summary").tap()
    assert page.locator(".about-information__more").is_visible()
    assert page.locator(f"li.reference{SOURCE}").is_visible()
    context.close()
    assert not page.problems
