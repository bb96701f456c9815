"""The "Every Step" newsletter: stored before any email, double opt-in through a signed link that
expires, one-click unsubscribe (RFC 8058), and a block editors can place on a page."""

import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse

from mrdinfo.giving.tests.factories import DonatePageFactory
from mrdinfo.newsletter import subscriptions as newsletter
from mrdinfo.newsletter.models import NewsletterConsent, NewsletterEmail, Subscriber

from .factories import NewsletterConsentFactory, SubscriberFactory, sign_up_data, started

pytestmark = pytest.mark.django_db
SIGN_UP = "/newsletter/sign-up/"


def sign_up(client, **overrides):
    return client.post(SIGN_UP, sign_up_data(**overrides))


def link_in(message, path):
    return re.search(rf"https?://[^\s]+{path}[^\s]+/", message.body).group(0)


def test_the_block_on_a_page_offers_an_unticked_consent_naming_what_and_how_often(client, page_tree):
    donate = DonatePageFactory(parent=page_tree["home"])
    donate.body = [("newsletter", {"heading": "Get “Every Step”", "text": "Once a month."})]
    donate.save_revision().publish()
    page = BeautifulSoup(client.get(donate.url).content.decode(), "html.parser")
    form = page.select_one(".newsletter form")
    assert form["action"] == SIGN_UP and form["method"] == "post"
    consent = form.select_one('input[name="consent"]')
    assert not consent.has_attr("checked")
    label = form.select_one(f'label[for="{consent["id"]}"]').get_text()
    assert "“Every Step”" in label and "once a month" in label and "unsubscribe" in label
    assert form.select_one('input[name="page"]')["value"] == str(donate.pk)
    assert form.select_one(f'a[href="{page_tree["privacy"].url}"]') is not None
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is not None
    assert form.select_one('.form-honeypot input[name="website"]') is not None


def test_a_sign_up_is_stored_with_its_consent_before_the_email(client, page_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, page=str(page_tree["about"].pk))
    assert response.status_code == 302 and response["Location"] == "/newsletter/check-your-email/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "parent@example.org" and subscriber.status == Subscriber.PENDING
    consent = NewsletterConsent.objects.get()
    assert consent.wording == newsletter.CONSENT_WORDING and consent.wording_version == newsletter.CONSENT_VERSION
    assert consent.page == page_tree["about"].page_ptr and consent.page_url == page_tree["about"].url
    assert consent.signed_up_at and consent.confirmed_at is None
    assert len(mail.outbox) == 1 and "within 7 days" in mail.outbox[0].body


def test_mistakes_are_explained_and_kept(client, page_tree):
    response = sign_up(client, email="nope", consent="")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert response.status_code == 200 and page.title.get_text().startswith("Error:")
    errors = [a.get_text() for a in page.select(".error-summary a")]
    assert "Enter a valid email address." in errors and "Tick the box to say you want the newsletter" in errors
    # Each entry takes the reader to its own question (GOV.UK's error summary).
    targets = [page.select_one(a["href"]) for a in page.select(".error-summary a")]
    assert [target.get("name") for target in targets] == ["email", "consent"]
    assert page.select_one('input[name="email"]')["value"] == "nope"
    assert not Subscriber.objects.exists()


def test_confirming_double_opt_in(client, page_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    confirm_url = link_in(mail.outbox[0], "/newsletter/confirm/")
    # Opening the link (as a mail scanner might) changes nothing; pressing the button confirms.
    assert client.get(confirm_url).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    assert "You are signed up" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.CONFIRMED and subscriber.confirmed_at
    assert NewsletterConsent.objects.get().confirmed_at is not None
    welcome = mail.outbox[1]
    assert welcome.subject == "Welcome to “Every Step”"
    unsubscribe_url = link_in(welcome, "/newsletter/unsubscribe/")
    assert welcome.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in welcome.message().as_string()


def test_the_confirmation_link_expires(client, page_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    consent = NewsletterConsent.objects.get()
    eight_days_ago = signing.time.time() - 8 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        old_token = newsletter.confirmation_token(consent)
    response = client.post(reverse("newsletter:confirm", args=[old_token]))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.PENDING


def test_the_confirmation_link_cannot_be_forged(client, page_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    consent = NewsletterConsent.objects.get()
    token = newsletter.confirmation_token(consent)
    value, timestamp, signature = token.split(":")
    for forged in (
        f"{consent.subscriber_id + 1}.{consent.pk}:{timestamp}:{signature}",  # someone else's id, same signature
        f"{value}:{timestamp}:{'A' * len(signature)}",
        signing.TimestampSigner(key="not-our-secret", salt=newsletter.CONFIRM_SALT).sign(value),
        signing.TimestampSigner(salt="another-purpose").sign(value),
        "garbage",
    ):
        response = client.post(reverse("newsletter:confirm", args=[forged]))
        assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.PENDING


def test_one_click_unsubscribe_needs_no_cookie_or_csrf_token(db, django_capture_on_commit_callbacks):
    from django.test import Client

    subscriber = SubscriberFactory(status=Subscriber.CONFIRMED)
    NewsletterConsentFactory(subscriber=subscriber)
    mail_client = Client(enforce_csrf_checks=True)
    url = reverse("newsletter:unsubscribe", args=[newsletter.unsubscribe_token(subscriber)])
    response = mail_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.UNSUBSCRIBED and subscriber.unsubscribed_at
    assert NewsletterConsent.objects.get().withdrawn_at is not None
    bad = reverse("newsletter:unsubscribe", args=[f"{subscriber.pk}:forged"])
    assert mail_client.post(bad).status_code == 400


def test_a_sign_up_survives_a_mail_server_that_is_down(client, page_tree, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "mrdinfo.forms.tests.failing_email_backend.FailingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="parent@example.org").exists()
    email = NewsletterEmail.objects.get(kind=NewsletterEmail.CONFIRM)
    assert email.sent_at is None and email.attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_newsletter_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email.refresh_from_db()
    assert email.sent_at is not None and len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_bots_get_a_normal_answer_and_nothing_is_stored_or_sent(client, page_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        honeypot = sign_up(client, website="http://spam.example")
        too_fast = sign_up(client, form_started=started(seconds_ago=0))
        no_stamp = sign_up(client, form_started="")
    assert honeypot.status_code == 302 and honeypot["Location"] == "/newsletter/check-your-email/"
    assert "sent very quickly" in too_fast.content.decode()
    assert "check your answers" in no_stamp.content.decode()
    assert not Subscriber.objects.exists() and not NewsletterEmail.objects.exists() and not mail.outbox


def test_signing_up_again_when_confirmed_sends_nothing(client, page_tree, django_capture_on_commit_callbacks):
    SubscriberFactory(email="parent@example.org", status=Subscriber.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    assert not mail.outbox
    assert NewsletterConsent.objects.get().confirmed_at is not None  # the new consent is recorded


def test_an_old_confirmation_link_never_signs_up_someone_who_unsubscribed(
    client, page_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    confirm_url = link_in(mail.outbox[0], "/newsletter/confirm/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url)
    client.post(link_in(mail.outbox[1], "/newsletter/unsubscribe/"))
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(confirm_url)  # the old email's link, pressed again
    assert again.status_code == 400 and "You are signed up" not in again.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.UNSUBSCRIBED and len(mail.outbox) == 2
