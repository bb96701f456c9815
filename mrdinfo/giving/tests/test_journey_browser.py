"""Issue 19, in Chromium: a donor who gets something wrong on step 2 corrects it and reaches
payment (never "already sent"); "Cancel and go back" from payment brings back every choice; and
a double-click on each giving button (details, test payment) stores one record and shows the
page a single click shows (the newsletter's buttons: newsletter/tests/test_browser.py)."""

import re

import pytest
from playwright.sync_api import expect

from mrdinfo.giving.models import Donation, OutgoingEmail
from mrdinfo.testing.browser import double_click, posts_to, submissions_received

from .test_browser import fill_details, site  # noqa: F401 - the giving browser tests' site fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAY_BUTTON = "Continue to the test payment"


def open_details(page, base, donate, amount="£25"):
    page.goto(base + donate.url)
    page.get_by_label(amount).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Your details")


def test_a_donor_who_corrects_a_bad_postcode_reaches_payment(site, browser_page):  # noqa: F811
    base, donate = site
    page = browser_page
    open_details(page, base, donate)
    fill_details(page, gift_aid=True, email="typo@example.org")
    page.get_by_label("Postcode").fill("LS1 4A")  # a character short
    page.get_by_role("button", name=PAY_BUTTON).click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a real UK postcode")
    assert page.get_by_label("First name").input_value() == "Siân"  # what was typed is kept
    assert Donation.objects.count() == 0

    page.get_by_label("Postcode").fill("LS1 4AP")
    page.get_by_role("button", name=PAY_BUTTON).click()
    expect(page.locator("h1")).to_have_text("Test payment")
    assert "already sent" not in page.locator("main").inner_text()
    donation = Donation.objects.get()
    assert donation.postcode == "LS1 4AP" and donation.status == Donation.PENDING


def test_cancel_from_payment_brings_back_every_choice(site, browser_page):  # noqa: F811
    base, donate = site
    page = browser_page
    page.goto(base + donate.url + "?frequency=monthly")
    page.get_by_label("Other amount in pounds").fill("17.50")
    page.get_by_role("button", name="Continue").click()
    typed = {
        "Title": "Dr",
        "First name": "Ifeoma",
        "Last name": "Okafor-Smith",
        "Email address": "ifeoma@example.org",
        "Phone number": "0113 496 0000",
        "House name or number and street": "Flat 2, 9 Park Row",
        "Address line 2": "Headingley",
        "Town or city": "Leeds",
        "Postcode": "LS6 3AA",
        "Their name": "Grandad Joe",
    }
    page.get_by_label("In memory of someone").check()
    for label, value in typed.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Yes, I am a UK taxpayer and want to Gift Aid my gift").check()
    page.get_by_label("This gift only").check()
    page.get_by_label("By email").check()
    page.get_by_label("By post").check()
    page.get_by_label("Yes, email me now and then about how gifts like mine help, and other ways to help").check()
    page.get_by_role("button", name=PAY_BUTTON).click()
    expect(page.locator("h1")).to_have_text("Test payment")

    page.get_by_role("button", name="Cancel and go back").click()
    expect(page.locator("h1")).to_have_text("Your details")
    assert "no money was taken" in page.locator("main").inner_text()
    assert "£17.50 each month" in page.locator(".gift-summary").inner_text()
    assert {label: page.get_by_label(label).input_value() for label in typed} == typed
    for checked in (
        "In memory of someone",
        "Yes, I am a UK taxpayer and want to Gift Aid my gift",
        "This gift only",
        "By email",
        "By post",
        "Yes, email me now and then about how gifts like mine help, and other ways to help",
    ):
        assert page.get_by_label(checked).is_checked(), checked
    assert not page.get_by_label("By phone").is_checked()
    assert Donation.objects.get().status == Donation.PENDING  # nothing taken, nothing lost

    # Continuing again goes straight to payment with those same choices.
    page.get_by_role("button", name=PAY_BUTTON).click()
    expect(page.locator("h1")).to_have_text("Test payment")


def test_double_clicks_on_the_donation_buttons_make_one_gift_and_one_payment(site, browser_page, monkeypatch):  # noqa: F811
    base, donate = site
    page = browser_page
    open_details(page, base, donate)
    fill_details(page, gift_aid=True, email="double@example.org")
    details_posts, received = posts_to(page, "/details/"), submissions_received(monkeypatch)
    double_click(page, page.get_by_role("button", name=PAY_BUTTON))
    expect(page.locator("h1")).to_have_text("Test payment")
    assert len(details_posts) == len(received) == 2, "the double-click should have sent the form twice"
    assert Donation.objects.count() == 1
    assert "already sent" not in page.locator("main").inner_text()

    payment_posts = posts_to(page, "/test-payment/")
    double_click(page, page.get_by_role("button", name="Complete test payment"))
    # The second press aborts the first navigation: wait for where the page ends, not for a load.
    expect(page).to_have_url(re.compile(r"/thank-you/"))
    assert len(payment_posts) == 2
    expect(page.locator("main")).to_contain_text("We have received your gift of £25")
    donation = Donation.objects.get()
    assert donation.status == Donation.PAID and donation.payments.count() == 1
    assert OutgoingEmail.objects.filter(kind=OutgoingEmail.RECEIPT).count() == 1
