"""Form pages: what a visitor sends is kept, mistakes are explained without losing their words,
spam is turned away without a CAPTCHA, and a broken mail server loses nothing."""

import time

import pytest

from django.core import mail, signing
from django.core.management import call_command

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.forms.models import FormNotification
from mrdinfo.forms.spam import SALT

from .factories import FormPageFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"your_name": "Sam Parent", "your_email_address": "sam@example.org", "your_message": "Is there a leaflet?"}


def started(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=SALT)


def post(client, page, **overrides):
    data = {**ANSWERS, "form_started": started(), "website": "", **overrides}
    return client.post(page.url, data)


@pytest.fixture
def contact(home_page):
    return FormPageFactory(parent=home_page)


def test_form_shows_labelled_questions_with_hints(client, contact):
    html = client.get(contact.url).content.decode()
    assert '<label class="label" for="id_your_name">Your name</label>' in html
    assert 'id="id_your_email_address_helptext">So we can reply.</p>' in html
    assert 'aria-describedby="id_your_email_address_helptext"' in html
    assert '<div class="form-honeypot" hidden>' in html


def test_a_sent_form_is_stored_and_thanked(client, contact):
    response = post(client, contact)
    assert response.status_code == 302 and response["Location"] == "/contact/?sent=1"
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["your_message"] == "Is there a leaflet?"
    assert "website" not in submission.form_data and "form_started" not in submission.form_data
    html = client.get(response["Location"]).content.decode()
    assert "Thank you, we have your message" in html and "We will reply by email." in html


def test_mistakes_are_explained_and_nothing_typed_is_lost(client, contact):
    response = post(client, contact, your_email_address="not an email", your_name="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Contact us" in html
    assert "There is a problem" in html
    assert '<a href="#id_your_name">Your name: This field is required.</a>' in html
    assert 'aria-invalid="true"' in html
    assert 'value="not an email"' in html and "Is there a leaflet?" in html
    assert not FormSubmission.objects.exists()


def test_too_fast_is_asked_again_with_answers_kept(client, contact):
    response = post(client, contact, form_started=started(seconds_ago=0))
    html = response.content.decode()
    assert "That was sent very quickly" in html and 'value="Sam Parent"' in html
    assert not FormSubmission.objects.exists()


def test_an_old_page_is_asked_again_with_answers_kept(client, contact):
    response = post(client, contact, form_started=started(seconds_ago=60 * 60 * 25))
    assert "open for a long time" in response.content.decode()
    assert not FormSubmission.objects.exists()
    # The re-shown form carries a fresh time stamp, so sending it again after a moment works.
    fresh = response.context["form"].data["form_started"]
    assert signing.loads(fresh, salt=SALT) > time.time() - 5


def test_the_honeypot_turns_scripts_away_quietly(client, contact):
    response = post(client, contact, website="http://spam.example")
    assert response.status_code == 302  # the script sees "success"…
    assert not FormSubmission.objects.exists()  # …and nothing is stored


def test_staff_are_emailed_after_the_answers_are_stored(client, home_page, django_capture_on_commit_callbacks):
    page = FormPageFactory(parent=home_page, to_address="team@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, page)
    notification = FormNotification.objects.get()
    assert notification.sent_at is not None and notification.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["team@example.org"]
    assert "Your message: Is there a leaflet?" in mail.outbox[0].body


def test_a_failed_email_loses_nothing_and_is_retried(client, home_page, settings, django_capture_on_commit_callbacks):
    page = FormPageFactory(parent=home_page, to_address="team@example.org")
    settings.EMAIL_BACKEND = "mrdinfo.forms.tests.failing_email_backend.FailingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page)
    assert response.status_code == 302  # the visitor is thanked all the same
    assert FormSubmission.objects.filter(page=page).count() == 1
    notification = FormNotification.objects.get()
    assert notification.sent_at is None and notification.attempts == 1
    assert "SMTPConnectError" in notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_form_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 2
    assert len(mail.outbox) == 1
