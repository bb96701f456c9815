"""“Was this page helpful?” on a page served from the page cache, in a real browser: two visitors
of one cached copy each get their own spam time stamp (core/caching/visitor_parts.py), so both are thanked
and both answers are stored (before, the second was told the form was already sent)."""

import pytest

from mrdinfo.feedback.models import PageFeedback
from mrdinfo.forms import spam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INFO_PATH = "/understanding-mrd/what-is-mrd/"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture
def base(live_server, site_content):
    return live_server.url


@pytest.fixture
def second_page(chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 568}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def test_two_visitors_each_leave_feedback_on_one_cached_page(base, browser_page, second_page, monkeypatch):
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    browser_page.goto(base + INFO_PATH)  # the copy is stored
    visits = [page.goto(base + INFO_PATH) for page in (browser_page, second_page)]
    assert [visit.headers["x-cache"] for visit in visits] == ["hit", "hit"]  # one cached copy for both
    stamps = [
        page.locator("#page-feedback input[name=form_started]").get_attribute("value")
        for page in (browser_page, second_page)
    ]
    assert stamps[0] != stamps[1]

    for page, choice, comment in ((browser_page, "Yes", "Clear, thank you"), (second_page, "No", "More on results")):
        section = page.locator("#page-feedback")
        section.get_by_text(choice, exact=True).click()
        page.get_by_label("How could we make this page better?").fill(comment)
        button = section.get_by_role("button", name="Send feedback")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
        button.click()
        expect(page.locator("#page-feedback-title")).to_have_text("Thank you for your feedback")
        expect(page.locator("#page-feedback")).not_to_contain_text("already sent")

    stored = sorted((feedback.helpful, feedback.comment) for feedback in PageFeedback.objects.all())
    assert stored == [(False, "More on results"), (True, "Clear, thank you")]
