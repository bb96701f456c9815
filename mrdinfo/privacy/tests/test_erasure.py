"""One person, seeded across every model in the register through the site's own forms (contact,
event registration, a donation with Gift Aid paid through Stripe's signed webhook, the newsletter,
feedback, search, a failed sign-in, the session that remembers their gift) and a failed
background task that quotes them, is found by the data-protection screen, exported, and erased:
afterwards nothing of them is left in any row of any table (the search index's tables, stored
outgoing emails and task payloads included) except the Gift Aid declaration, reduced to what HMRC
requires."""

import json
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail, signing

from mrdinfo.core.records.personal_data import entries, registered_models
from mrdinfo.events.tests.factories import EventIndexPageFactory, EventPageFactory
from mrdinfo.feedback.models import PageFeedback
from mrdinfo.forms.spam import SALT
from mrdinfo.forms.tests.factories import FormPageFactory
from mrdinfo.giving.models import Donation, GiftAidDeclaration, OutgoingEmail
from mrdinfo.giving.tests.factories import DonatePageFactory, details_data, details_url
from mrdinfo.giving.tests.test_stripe import fake_stripe, send_webhook, session_completed  # noqa: F401 (a fixture)
from mrdinfo.newsletter.models import NewsletterEmail, Subscriber
from mrdinfo.privacy.models import DataProtectionAction
from mrdinfo.privacy.service import lookup

from .factories import DataProtectionLeadFactory

pytestmark = pytest.mark.django_db
EMAIL = "Erin.Parent@Example.org"
# Words only this person typed: none may be left anywhere after erasure.
TRACES = ["erin.parent@example.org", "my daughter lily", "wheelchair", "secret close", "07700 900456", "eraseme"]
# axes writes AccessLog only for a staff sign-in that succeeds (the parent has no account) and
# AccessFailureLog not at all (AXES_ENABLE_ACCESS_FAILURE_LOG is off); both are registered in case.
NOT_SEEDED = ["axes.AccessFailureLog", "axes.AccessLog"]
KEPT_FOR_HMRC = {("giving.GiftAidDeclaration", "eraseme")}  # the last name, on the minimised declaration
NEEDS = "Step-free access please: wheelchair"
MESSAGE = "My daughter Lily has ALL and her MRD result came back positive."


def started():
    return signing.dumps(time.time() - 30, salt=SALT)


def seed_one_person(client, page_tree, django_capture_on_commit_callbacks):
    """Through the real forms; the gift is paid as Stripe pays it (the `fake_stripe` fixture and a
    signed checkout.session.completed webhook), which stores and sends the receipt."""
    home = page_tree["home"]
    contact = FormPageFactory(parent=home, to_address="staff@example.org")
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home),
        title="Riverside 10K",
        days_from_now=20,
        form_fields=[
            {"label": "Your name", "field_type": "singleline", "required": True},
            {"label": "Your email address", "field_type": "email", "required": True},
            {"label": "Anything we should know", "field_type": "multiline", "required": False},
        ],
    )
    donate = DonatePageFactory(parent=home)
    with django_capture_on_commit_callbacks(execute=True):
        answers = {"your_name": "Erin Eraseme", "your_email_address": EMAIL, "form_started": started(), "website": ""}
        assert client.post(contact.url, {**answers, "your_message": MESSAGE}).status_code == 302
        registration = {**answers, "anything_we_should_know": NEEDS, "form_started": started()}
        assert client.post(event.url + "register/", registration).status_code == 302
        donor = details_data(
            email=EMAIL, first_name="Erin", last_name="Eraseme", address_line_1="7 Secret Close", phone="07700 900456"
        )
        to_stripe = client.post(details_url(donate), donor)
        assert to_stripe.status_code == 302 and to_stripe["Location"].startswith("https://checkout.example/")
        donation = Donation.objects.get(email__iexact=EMAIL)
        assert send_webhook(client, session_completed(donation)).status_code == 200
        assert Donation.objects.get(pk=donation.pk).status == Donation.PAID
        signup = {"email": EMAIL, "first_name": "Erin", "consent": "on", "website": "", "form_started": started()}
        assert client.post("/newsletter/sign-up/", signup).status_code in (200, 302)
        feedback = {"page_id": page_tree["about"].pk, "helpful": "no", "comment": f"Write to me: {EMAIL}"}
        client.post("/feedback/", {**feedback, "form_started": started(), "website": ""})
    client.get("/search/", {"q": EMAIL})
    client.post("/admin/login/", {"username": EMAIL, "password": "wrong"})
    # Tasks are queued with record ids only; a failed send's traceback quotes the address it was for.
    DBTaskResult.objects.create(
        task_path="mrdinfo.giving.tasks.send_giving_email", args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default", run_after=donation.created_at, status="FAILED",
        traceback=f"SMTPRecipientsRefused: {{'{EMAIL}': (550, b'mailbox full')}}",
    )  # fmt: skip
    return donation


def everything_stored():
    """Every row of every table, as lower-case text: what a database dump would show."""
    rows = []
    for model in apps.get_models():
        for row in model._base_manager.values():
            rows.append((model._meta.label, json.dumps(row, default=str, ensure_ascii=False).lower()))
    return rows


def traces_left():
    rows = everything_stored()
    read = {model._meta.label for model in apps.get_models()}
    # The search index, task payloads and stored emails are among the tables read.
    assert {"wagtailsearch.IndexEntry", "django_tasks_database.DBTaskResult", "giving.OutgoingEmail"} <= read
    assert "newsletter.NewsletterEmail" in read
    # A session's data is signed and encoded: read as the site reads it.
    rows += [("sessions.Session", json.dumps(s.get_decoded()).lower()) for s in Session.objects.all()]
    references = {str(reference) for reference in Donation.objects.values_list("reference", flat=True)}
    found = {(label, trace) for label, text in rows for trace in TRACES if trace in text}
    sessions = [text for label, text in rows if label == "sessions.Session"]
    found |= {("sessions.Session", "gift reference") for text in sessions for r in references if r in text}
    return sorted(found)


@pytest.mark.usefixtures("fake_stripe")
def test_the_screen_finds_exports_and_erases_one_person(client, page_tree, django_capture_on_commit_callbacks):
    donation = seed_one_person(client, page_tree, django_capture_on_commit_callbacks)
    empty = sorted(label for label in registered_models() if not apps.get_model(label)._base_manager.exists())
    assert empty == NOT_SEEDED, empty  # the person is in every other registered model
    found = {item.entry.key: len(item.records) for item in lookup(EMAIL)}
    assert found.keys() == {entry.key for entry in entries() if entry.find is not None}
    assert all(found.values()), found  # and every kind of record finds them
    assert OutgoingEmail.objects.filter(to__iexact=EMAIL).exists()
    assert NewsletterEmail.objects.filter(to__iexact=EMAIL).exists()
    before = {label for label, _ in traces_left()}
    stored_emails = {"giving.OutgoingEmail", "newsletter.NewsletterEmail"}
    assert stored_emails | {"django_tasks_database.DBTaskResult", "sessions.Session"} <= before, before
    # The emails sent (receipt, newsletter confirmation, the staff's notices) carried them too.
    assert any("erin" in message.body.lower() for message in mail.outbox if EMAIL.lower() in message.to[0].lower())
    stored_bodies = list(OutgoingEmail.objects.values_list("body", flat=True))
    stored_bodies += list(NewsletterEmail.objects.values_list("body", flat=True))
    client = type(client)()  # the data-protection lead's own browser, not the donor's
    client.force_login(DataProtectionLeadFactory())

    found = client.post("/admin/data-protection/", {"email": " erin.parent@EXAMPLE.org ", "operation": "find"})
    text = found.content.decode()
    assert found.status_code == 200 and "Registrations for our events" in text and "HMRC" in text
    # Each kind lists its fields: the donation's address lines, the task's traceback.
    assert "house name or number and street" in text and "traceback" in text

    exported = client.post("/admin/data-protection/", {"email": EMAIL, "operation": "export"})
    data = json.loads(exported.content)
    assert exported["Content-Disposition"].startswith("attachment")
    assert data["records"]["messages"]["items"][0]["answers"]["your_message"] == MESSAGE
    assert data["records"]["gift-aid"]["items"][0]["address"].startswith("7 Secret Close")

    refused = client.post("/admin/data-protection/", {"email": EMAIL, "operation": "erase"})
    assert (
        "Tick the box" in refused.content.decode()
        and Donation.objects.get(pk=donation.pk).email.lower() == EMAIL.lower()
    )

    erased = client.post("/admin/data-protection/", {"email": EMAIL, "operation": "erase", "confirm": "yes"})
    assert erased.status_code == 200 and "Nothing is held under this email address" in erased.content.decode()
    assert traces_left() == sorted(KEPT_FOR_HMRC)
    assert stored_bodies and not OutgoingEmail.objects.exists()  # the receipts' bodies went with them
    assert not NewsletterEmail.objects.exists()  # and the confirmation's

    declaration = GiftAidDeclaration.objects.get(donation=donation)
    kept = (declaration.first_name, declaration.last_name, declaration.house_name_or_number, declaration.postcode)
    assert kept == ("Erin", "Eraseme", "7", "LS1 4AP") and declaration.address == ""
    assert declaration.wording and declaration.declared_at
    assert Donation.objects.get(pk=donation.pk).amount == donation.amount  # the accounts keep the gift
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED
    assert not PageFeedback.objects.exists()

    action = DataProtectionAction.objects.get(action=DataProtectionAction.ERASED)
    assert action.done_by_name == "dpo" and action.via == "screen" and action.counts["messages"] == 1
    assert "erin" not in json.dumps(action.counts).lower()
    assert DataProtectionAction.objects.filter(action=DataProtectionAction.EXPORTED).count() == 1


def test_a_bad_address_is_explained_and_kept(client, db):
    client.force_login(DataProtectionLeadFactory())
    response = client.post(
        "/admin/data-protection/", {"email": "erin at example", "operation": "erase", "confirm": "yes"}
    )
    assert response.status_code == 400 and "Enter the person" in response.content.decode()
    assert 'value="erin at example"' in response.content.decode()
    assert not DataProtectionAction.objects.exists()
