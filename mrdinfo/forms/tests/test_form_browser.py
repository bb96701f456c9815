import pytest
from playwright.sync_api import expect

from mrdinfo.testing.browser import assert_no_axe_violations, double_click, posts_to, submissions_received

from .factories import FormPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contact_form_accessible_empty_and_with_errors(home_page, live_server, browser_page):
    page = FormPageFactory(parent=home_page)
    browser_page.goto(live_server.url + page.url)
    assert_no_axe_violations(browser_page)
    browser_page.get_by_label("Your name").fill("Sam")
    browser_page.get_by_role("button", name="Send").click()
    browser_page.wait_for_selector(".error-summary")
    assert browser_page.get_by_label("Your name").input_value() == "Sam"
    assert_no_axe_violations(browser_page)
    # The error summary's links take a keyboard user to the question.
    browser_page.get_by_role("link", name="Your email address: This field is required.").click()
    assert browser_page.evaluate("document.activeElement.id") == "id_your_email_address"


def test_a_double_click_on_send_stores_the_message_once_and_thanks(home_page, live_server, browser_page, monkeypatch):
    """Issue 19: the second click's answer is the same thank-you page, not "already sent"."""
    from wagtail.contrib.forms.models import FormSubmission

    monkeypatch.setattr("mrdinfo.forms.spam.MIN_SECONDS", 0)  # a person takes longer than a test
    page = FormPageFactory(parent=home_page)
    browser_page.goto(live_server.url + page.url)
    browser_page.get_by_label("Your name").fill("Sam Parent")
    browser_page.get_by_label("Your email address").fill("sam@example.org")
    browser_page.get_by_label("Your message").fill("What does MRD negative mean for my son?")
    sent, received = posts_to(browser_page, page.url), submissions_received(monkeypatch)
    double_click(browser_page, browser_page.get_by_role("button", name="Send"))
    expect(browser_page.locator("h1")).to_have_text("Thank you, we have your message")
    assert len(sent) == len(received) == 2, "the double-click should have sent the form twice"
    assert FormSubmission.objects.count() == 1
