"""Giving in Chromium: two gifts through the test-mode provider found in the admin's exports,
axe-core on every step (and with errors shown), 320 px wide, and the whole journey without
JavaScript."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mrdinfo.giving.exports import CLAIM_COLUMNS
from mrdinfo.giving.models import Donation
from mrdinfo.testing.browser import assert_no_axe_violations

from .factories import DonatePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(page_tree, live_server, monkeypatch):
    # A person takes more than two seconds; a test does not. The time stamp itself is still checked.
    monkeypatch.setattr("mrdinfo.forms.spam.MIN_SECONDS", 0)
    donate = DonatePageFactory(parent=page_tree["home"])
    donate.body = [("newsletter", {"heading": "Get “Every Step”", "text": "Once a month, by email."})]
    donate.save_revision().publish()
    return live_server.url, donate


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def fill_details(page, gift_aid, email, first_name="Siân"):
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Last name").fill("O’Brien")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("House name or number and street").fill("12 High Street")
    page.get_by_label("Town or city").fill("Leeds")
    page.get_by_label("Postcode").fill("LS1 4AP")
    if gift_aid:
        page.get_by_label("Yes, I am a UK taxpayer and want to Gift Aid my gift").check()
        page.get_by_label("This gift, any gifts I make in the future and gifts I have made in the past 4 years").check()
    else:
        page.get_by_label("No, do not claim Gift Aid").check()


def complete_test_payment(page):
    assert page.locator("h1").inner_text() == "Test payment"
    assert "no money will be taken" in page.locator(".test-mode-banner").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Complete test payment").click()
    page.wait_for_url("**/thank-you/**")


def test_two_gifts_through_test_mode_are_in_the_admin_exports(site, browser_page, django_user_model):
    base, donate = site
    page = browser_page
    # A one-off gift with Gift Aid, choosing a suggested amount.
    page.goto(base + donate.url)
    assert_no_axe_violations(page)
    page.get_by_label("£25").check()
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Your details"
    assert_no_axe_violations(page)
    fill_details(page, gift_aid=True, email="sian@example.org")
    page.get_by_role("button", name="Continue to the test payment").click()
    complete_test_payment(page)
    assert "We have received your gift of £25" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # A monthly gift without Gift Aid, pre-filled from a link, typing another amount.
    page.goto(base + donate.url + "?frequency=monthly")
    page.get_by_label("Other amount in pounds").fill("12.50")
    assert page.get_by_label("Other amount", exact=True).is_checked()  # the small enhancement
    page.get_by_role("button", name="Continue").click()
    fill_details(page, gift_aid=False, email="sam@example.org", first_name="Sam")
    page.get_by_role("button", name="Continue to the test payment").click()
    complete_test_payment(page)
    assert "£12.50 each month" in page.locator("main").inner_text()

    # Staff find both, and the declaration, in the admin's exports.
    django_user_model.objects.create_superuser("fundraiser", "f@example.org", "a-long-test-password")
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("fundraiser")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/admin/")
    page.goto(base + "/admin/donations/")
    assert "Siân O’Brien" in page.locator("main").inner_text()
    export = page.context.request.get(base + "/admin/donations/?export=csv")
    table = list(csv.DictReader(io.StringIO(export.text())))
    by_email = {row["Email"]: row for row in table}
    assert by_email["sian@example.org"]["Status"] == "Paid" and by_email["sian@example.org"]["Gift Aid"] == "True"
    assert by_email["sian@example.org"]["Gift Aid covers"].startswith("This gift, future gifts")
    assert by_email["sam@example.org"]["Frequency"] == "Monthly" and by_email["sam@example.org"]["Gift Aid"] == "False"
    assert by_email["sam@example.org"]["Amount"] == "12.50"

    page.goto(base + "/admin/giving/gift-aid-claim/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    claim = list(csv.reader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8"))))
    assert claim[0] == CLAIM_COLUMNS
    assert [row[:5] + row[8:] for row in claim[1:]] == [["", "Siân", "O’Brien", "12", "LS1 4AP", "25.00"]]
    declarations = page.context.request.get(base + "/admin/gift_aid/?export=csv").text()
    assert "I want to Gift Aid my donation of £25" in declarations


def test_every_step_with_errors_is_accessible(site, browser_page):
    base, donate = site
    page = browser_page
    page.goto(base + donate.url + "?amount=abc")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer to the Continue
    assert page.locator("#id_other_amount").input_value() == "abc"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Enter an amount in pounds, like 25 or 25.50").click()
    assert page.evaluate("document.activeElement.id") == "id_other_amount"
    page.get_by_label("Other amount in pounds").fill("30")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Continue to the test payment").click()
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer to the Continue
    assert page.get_by_label("Email address").input_value() == "not an email"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Choose yes or no for Gift Aid").click()
    assert page.evaluate("document.activeElement.name") == "gift_aid"


@pytest.mark.parametrize("step", ["appeal", "details", "payment", "thank-you"])
def test_each_step_fits_320px(site, chromium, step):
    base, donate = site
    context = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base + donate.url)
    if step != "appeal":
        page.get_by_label("£10").check()
        page.get_by_role("button", name="Continue").click()
        expect(page.locator("h1")).to_have_text("Your details")
    if step in {"payment", "thank-you"}:
        fill_details(page, gift_aid=True, email="narrow@example.org")
        page.get_by_role("button", name="Continue to the test payment").click()
        expect(page.locator("h1")).to_have_text("Test payment")
    if step == "thank-you":
        page.get_by_role("button", name="Complete test payment").click()
        page.wait_for_url("**/thank-you/**")
    fits = no_sideways_scroll(page)
    context.close()
    assert fits, f"the {step} step scrolls sideways at 320px"


def test_the_whole_journey_works_without_javascript(site, chromium):
    base, donate = site
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1024, "height": 800}, locale="en-GB")
    page = context.new_page()
    page.goto(base + donate.url)
    page.get_by_role("link", name="Monthly").click()
    page.get_by_label("£20").check()
    page.get_by_role("button", name="Continue").click()
    fill_details(page, gift_aid=True, email="nojs@example.org")
    page.get_by_role("button", name="Continue to the test payment").click()
    page.get_by_role("button", name="Complete test payment").click()
    page.wait_for_url("**/thank-you/**")
    text = page.locator("main").inner_text()
    page.get_by_label("Email address").fill("nojs@example.org")
    page.locator(".newsletter input[name=consent]").check()
    page.get_by_role("button", name="Sign up").click()
    heading = page.locator("h1").inner_text()
    context.close()
    assert "We have received your gift of £20 each month" in text
    donation = Donation.objects.get(email="nojs@example.org")
    assert donation.status == Donation.PAID and donation.frequency == "monthly" and donation.gift_aid
    assert heading == "Check your email"
