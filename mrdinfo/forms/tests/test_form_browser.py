import pytest

from mrdinfo.testing.browser import assert_no_axe_violations

from .factories import make_contact_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contact_form_accessible_empty_and_with_errors(home_page, live_server, browser_page):
    page = make_contact_page(home_page)
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
