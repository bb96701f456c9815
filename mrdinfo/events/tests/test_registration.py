"""Registration on the site reuses the forms app: answers stored first, mistakes explained with
everything kept, spam turned away, a broken mail server loses nothing, and staff list and export
the entries in the admin."""

import csv
import io
import time

import pytest
from bs4 import BeautifulSoup

from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS, EventIndexPageFactory, EventPageFactory
from mrdinfo.forms.models import FormNotification
from mrdinfo.forms.spam import SALT

pytestmark = pytest.mark.django_db

ANSWERS = {"your_name": "Sam Runner", "your_email_address": "sam@example.org", "t_shirt_size": "Medium"}


def post(client, event, **overrides):
    data = {**ANSWERS, "form_started": signing.dumps(time.time() - 30, salt=SALT), "website": "", **overrides}
    return client.post(event.url + "register/", data)


@pytest.fixture
def event(page_tree):
    index = EventIndexPageFactory(parent=page_tree["home"])
    return EventPageFactory(
        parent=index,
        title="Riverside 10K",
        days_from_now=20,
        form_fields=REGISTRATION_QUESTIONS,
        thank_you_text="<p>We will email your race pack.</p>",
        to_address="events@example.org",
        from_address="website@example.org",
    )


def test_the_event_page_links_to_its_registration_form(client, event):
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    link = soup.find("a", class_="button")
    assert link["href"] == event.url + "register/" and link.get_text(" ", strip=True).startswith("Register")
    form = BeautifulSoup(client.get(event.url + "register/").content, "html.parser").find("form", class_="form")
    assert form["method"] == "post" and form["action"] == event.url + "register/"
    assert form.find("label", attrs={"for": "id_t_shirt_size"}).get_text(strip=True) == "T-shirt size"
    assert form.find(class_="form-honeypot") is not None and form.find(attrs={"name": "form_started"}) is not None


def test_a_registration_is_stored_emailed_and_thanked(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event)
    assert response.status_code == 302 and response["Location"] == event.url + "register/?sent=1"
    submission = FormSubmission.objects.get(page=event)
    assert submission.get_data()["your_name"] == "Sam Runner"
    assert set(submission.form_data) == {"your_name", "your_email_address", "t_shirt_size"}
    assert len(mail.outbox) == 1 and "T-shirt size: Medium" in mail.outbox[0].body
    html = client.get(response["Location"]).content.decode()
    assert "Thank you, we have your registration" in html and "We will email your race pack." in html


def test_mistakes_are_shown_beside_each_field_and_nothing_typed_is_lost(client, event):
    response = post(client, event, your_email_address="not an email", t_shirt_size="")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Error:")
    summary_links = [a.get_text() for a in soup.select(".error-summary a")]
    assert "Your email address: Enter a valid email address." in summary_links
    assert "T-shirt size: This field is required." in summary_links
    for field_id in ("id_your_email_address", "id_t_shirt_size"):
        field = soup.find(id=field_id)
        group = field.find_parent(class_="form-group")
        assert "form-group--error" in group["class"]
        assert group.find(class_="error-message") is not None
        assert field["aria-invalid"] == "true"
    assert soup.find(id="id_your_name")["value"] == "Sam Runner"
    assert soup.find(id="id_your_email_address")["value"] == "not an email"
    assert not FormSubmission.objects.exists()


def test_spam_is_turned_away_quietly(client, event):
    assert post(client, event, website="http://spam.example").status_code == 302
    assert (
        "That was sent very quickly"
        in post(client, event, form_started=signing.dumps(time.time(), salt=SALT)).content.decode()
    )
    assert not FormSubmission.objects.exists()


def test_nothing_is_lost_when_the_email_server_is_down(client, event, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "mrdinfo.forms.tests.failing_email_backend.FailingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event)
    assert response.status_code == 302
    assert FormSubmission.objects.filter(page=event).count() == 1
    notification = FormNotification.objects.get()
    assert notification.sent_at is None and "SMTPConnectError" in notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_form_notifications", stdout=io.StringIO())
    notification.refresh_from_db()
    assert notification.sent_at is not None and "Sam Runner" in mail.outbox[0].body


@pytest.mark.parametrize("status", ["sold_out", "cancelled"])
def test_a_closed_event_stores_nothing(client, event, status):
    event.status = status
    event.save_revision().publish()
    response = post(client, event)
    assert response.status_code == 200 and "Registration for this event is closed" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert event.url + "register/" not in client.get(event.url).content.decode()


def test_an_external_registration_link(client, page_tree):
    index = EventIndexPageFactory(parent=page_tree["home"])
    event = EventPageFactory(
        parent=index, title="Cycle", days_from_now=9, registration_url="https://www.example.org/ballot"
    )
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert soup.find("a", class_="button")["href"] == "https://www.example.org/ballot"
    assert client.get(event.url + "register/")["Location"] == event.url  # no form here


def test_staff_list_the_entries_and_read_them_back_as_csv(client, admin_client, event):
    post(client, event)
    post(client, event, your_name="Alex Walker", your_email_address="alex@example.org", t_shirt_size="Large")

    forms = admin_client.get(reverse("wagtailforms:index"))
    assert forms.status_code == 200 and "Riverside 10K" in forms.content.decode()

    listing = admin_client.get(reverse("wagtailforms:list_submissions", args=[event.pk]))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Sam Runner" in html and "Alex Walker" in html

    export = admin_client.get(reverse("wagtailforms:list_submissions", args=[event.pk]), {"export": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    content = b"".join(export.streaming_content) if export.streaming else export.content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row["Your name"] for row in rows) == ["Alex Walker", "Sam Runner"]
    assert {row["T-shirt size"] for row in rows} == {"Medium", "Large"}
    assert all(row["Submission date"] for row in rows)


def test_the_registrations_export_neutralises_formula_cells(client, admin_client, event):
    post(client, event, your_name='=HYPERLINK("http://evil.example","x")', your_email_address="-2+3@example.org")
    export = admin_client.get(reverse("wagtailforms:list_submissions", args=[event.pk]), {"export": "csv"})
    content = b"".join(export.streaming_content) if export.streaming else export.content
    cells = [cell for row in list(csv.reader(io.StringIO(content.decode())))[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'-2+3@example.org" in cells
