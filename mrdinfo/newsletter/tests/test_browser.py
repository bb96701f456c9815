"""The newsletter in Chromium: axe-core on the sign-up page (empty and with errors) and on a page
carrying the block; a double-click on each of its buttons (sign-up, confirmation, unsubscribe)
stores one record, sends one email and shows the page a single click shows."""

import pytest
from playwright.sync_api import expect

from mrdinfo.giving.tests.factories import DonatePageFactory
from mrdinfo.newsletter import subscriptions
from mrdinfo.newsletter.models import NewsletterConsent, NewsletterEmail, Subscriber
from mrdinfo.testing.browser import assert_no_axe_violations, double_click, posts_to, submissions_received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(page_tree, live_server, monkeypatch):
    # A person takes more than two seconds; a test does not. The time stamp itself is still checked.
    monkeypatch.setattr("mrdinfo.forms.spam.MIN_SECONDS", 0)
    donate = DonatePageFactory(parent=page_tree["home"])
    donate.body = [("newsletter", {"heading": "Get “Every Step”", "text": "Once a month, by email."})]
    donate.save_revision().publish()
    return live_server.url, donate


def test_the_newsletter_form_is_accessible_empty_and_with_errors(site, browser_page):
    base, donate = site
    page = browser_page
    page.goto(base + "/newsletter/sign-up/")
    assert_no_axe_violations(page)
    page.get_by_label("Email address").fill("nope")
    page.get_by_role("button", name="Sign up").click()
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Email address").input_value() == "nope"
    assert_no_axe_violations(page)
    page.goto(base + donate.url)
    assert_no_axe_violations(page, selector=".newsletter")


def test_double_clicks_on_the_newsletter_buttons_sign_up_confirm_and_unsubscribe_once(site, browser_page, monkeypatch):
    base, _donate = site
    page = browser_page
    page.goto(base + "/newsletter/sign-up/")
    page.get_by_label("Email address").fill("twice@example.org")
    page.locator("input[name=consent]").check()
    sign_up_posts, received = posts_to(page, "/newsletter/sign-up/"), submissions_received(monkeypatch)
    double_click(page, page.get_by_role("button", name="Sign up"))
    expect(page.locator("h1")).to_have_text("Check your email")
    assert len(sign_up_posts) == len(received) == 2
    subscriber = Subscriber.objects.get()
    assert NewsletterConsent.objects.count() == 1
    assert NewsletterEmail.objects.filter(kind=NewsletterEmail.CONFIRM).count() == 1

    page.goto(base + f"/newsletter/confirm/{subscriptions.confirmation_token(NewsletterConsent.objects.get())}/")
    confirm_posts = posts_to(page, "/newsletter/confirm/")
    double_click(page, page.get_by_role("button", name="Yes, send me “Every Step”"))
    expect(page.locator("h1")).to_have_text("You are signed up")
    assert len(confirm_posts) == 2
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.CONFIRMED
    assert NewsletterEmail.objects.filter(kind=NewsletterEmail.WELCOME).count() == 1

    page.goto(base + f"/newsletter/unsubscribe/{subscriptions.unsubscribe_token(subscriber)}/")
    unsubscribe_posts = posts_to(page, "/newsletter/unsubscribe/")
    double_click(page, page.get_by_role("button", name="Unsubscribe"))
    expect(page.locator("h1")).to_have_text("You are unsubscribed")
    assert len(unsubscribe_posts) == 2
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.UNSUBSCRIBED
