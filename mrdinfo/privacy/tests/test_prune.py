"""prune_personal_data: with the clock just past each kind of record's retention period, exactly
the records past it are deleted or anonymised and the ones a day short of it are left alone;
running it again changes nothing. Periods come from the register, so the test follows them."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from mrdinfo.core.records.personal_data import entries, entry
from mrdinfo.events.tests.factories import EventIndexPageFactory, EventPageFactory
from mrdinfo.feedback.models import PageFeedback
from mrdinfo.forms.tests.factories import FormPageFactory
from mrdinfo.giving.models import Donation, DonationPayment, GiftAidDeclaration, OutgoingEmail
from mrdinfo.newsletter.models import NewsletterEmail, Subscriber
from mrdinfo.privacy.service import prune
from mrdinfo.search.models import NoResultSearch

pytestmark = pytest.mark.django_db
NOW = timezone.now() + timedelta(days=3650)  # the clock, moved on ten years
DAY = timedelta(days=1)


def due(key):
    """A moment a day before the period's start that is just past it at NOW."""
    return entry(key).period.cutoff(NOW) - DAY


def not_due(key):
    return entry(key).period.cutoff(NOW) + DAY


def donation(name, when):
    gift = Donation.objects.create(
        amount=Decimal("10"), frequency="one_off", provider="test", first_name=name, last_name="Giver",
        email=f"{name}@example.org", address_line_1="1 Long Road", postcode="LS1 4AP", gift_aid=True, created_at=when,
    )  # fmt: skip
    DonationPayment.objects.create(
        donation=gift, provider_payment_id=f"pi_{name}", amount=gift.amount, received_at=when
    )
    GiftAidDeclaration.objects.create(
        donation=gift, charity_name="Charity", scope="this_gift", wording_version="1", wording="I am a UK taxpayer",
        first_name=name, last_name="Giver", house_name_or_number="1", address="1 Long Road, Leeds", postcode="LS1 4AP",
    )  # fmt: skip
    return gift


@pytest.fixture
def records(page_tree):
    home = page_tree["home"]
    contact = FormPageFactory(parent=home)
    old_message = FormSubmission.objects.create(page=contact, form_data={"your_message": "old"})
    new_message = FormSubmission.objects.create(page=contact, form_data={"your_message": "new"})
    FormSubmission.objects.filter(pk=old_message.pk).update(submit_time=due("messages"))
    FormSubmission.objects.filter(pk=new_message.pk).update(submit_time=not_due("messages"))

    index = EventIndexPageFactory(parent=home)
    long_ago = EventPageFactory(parent=index, title="Old run", start=due("event-registrations") - timedelta(hours=3))
    recent = EventPageFactory(parent=index, title="Recent run", start=not_due("event-registrations"))
    old_entry = FormSubmission.objects.create(page=long_ago, form_data={"your_name": "old runner"})
    new_entry = FormSubmission.objects.create(page=recent, form_data={"your_name": "new runner"})
    FormSubmission.objects.filter(pk__in=[old_entry.pk, new_entry.pk]).update(submit_time=due("event-registrations"))

    old_gift, new_gift = donation("oldgift", due("donations")), donation("newgift", not_due("donations"))

    def subscriber(name, status, when):
        return Subscriber.objects.create(
            email=f"{name}@example.org", first_name=name, status=status, created_at=when, unsubscribed_at=when
        )

    left_long_ago = subscriber("leftlongago", Subscriber.UNSUBSCRIBED, due("newsletter"))
    left_lately = subscriber("leftlately", Subscriber.UNSUBSCRIBED, not_due("newsletter"))
    never_confirmed = subscriber("neverconfirmed", Subscriber.PENDING, due("newsletter"))
    still_subscribed = subscriber("stillsubscribed", Subscriber.CONFIRMED, due("newsletter"))

    def email(subject, when):
        return OutgoingEmail.objects.create(kind="receipt", to="a@example.org", subject=subject, body="b", sent_at=when)

    old_email, new_email = email("old", due("donor-emails")), email("new", not_due("donor-emails"))
    for subject, when in (("old", due("newsletter-emails")), ("new", not_due("newsletter-emails"))):
        NewsletterEmail.objects.create(kind="newsletter_confirm", to="b@example.org", subject=subject, sent_at=when)

    old_feedback = PageFeedback.objects.create(page=home, helpful=True, comment="old")
    new_feedback = PageFeedback.objects.create(page=home, helpful=True, comment="new")
    PageFeedback.objects.filter(pk=old_feedback.pk).update(created_at=due("page-feedback"))
    PageFeedback.objects.filter(pk=new_feedback.pk).update(created_at=not_due("page-feedback"))

    NoResultSearch.objects.create(query_string="old words", last_searched=due("search-terms"))
    NoResultSearch.objects.create(query_string="new words", last_searched=not_due("search-terms"))
    for words, when in (("old query", due("search-terms")), ("new query", not_due("search-terms"))):
        QueryDailyHits.objects.create(query=Query.objects.create(query_string=words), date=when.date(), hits=1)

    for name, when in (("old", due("sign-in-records")), ("new", not_due("sign-in-records"))):
        attempt = AccessAttempt.objects.create(
            username=name, ip_address="127.0.0.1", user_agent="b", http_accept="*", path_info="/admin/login/",
            get_data="", post_data="", failures_since_start=1,
        )  # fmt: skip
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)

    # A session expires SESSION_COOKIE_AGE after its last use: one last used just over the period
    # ago has expired, one used a day later has not.
    for key, last_used in (("oldsession", due("sessions")), ("newsession", not_due("sessions"))):
        Session.objects.create(
            session_key=key, session_data="", expire_date=last_used + timedelta(seconds=settings.SESSION_COOKIE_AGE)
        )

    for name, when in (("old", due("background-tasks")), ("new", not_due("background-tasks"))):
        DBTaskResult.objects.create(
            task_path=f"tasks.{name}", args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
            run_after=when, status="SUCCESSFUL", finished_at=when,
        )  # fmt: skip

    return {
        "messages": (old_message, new_message),
        "events": (old_entry, new_entry),
        "gifts": (old_gift, new_gift),
        "subscribers": (left_long_ago, left_lately, never_confirmed, still_subscribed),
        "emails": (old_email, new_email),
    }


def test_prune_removes_exactly_what_is_past_its_period(records):
    counts = prune(NOW)
    assert counts == {
        "messages": 1,
        "event-registrations": 1,
        "donations": 1,
        "gift-aid": 1,
        "newsletter": 2,
        "newsletter-emails": 1,
        "donor-emails": 1,
        "page-feedback": 1,
        "search-terms": 3,
        "sign-in-records": 1,
        "sessions": 1,
        "background-tasks": 1,
    }  # fmt: skip  (search terms: a term with no results, a day's count, the term it was for)
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {
        records["messages"][1].pk,
        records["events"][1].pk,
    }

    old_gift, new_gift = (Donation.objects.get(pk=gift.pk) for gift in records["gifts"])
    assert old_gift.first_name == "Erased" and old_gift.email == "erased@invalid" and old_gift.amount == Decimal("10")
    assert new_gift.first_name == "newgift" and new_gift.address_line_1 == "1 Long Road"
    old_declaration, new_declaration = (GiftAidDeclaration.objects.get(donation=gift) for gift in records["gifts"])
    assert (old_declaration.first_name, old_declaration.postcode, old_declaration.address) == ("Erased", "", "")
    assert new_declaration.first_name == "newgift" and new_declaration.address == "1 Long Road, Leeds"

    emails = dict(Subscriber.objects.values_list("first_name", "email"))
    assert set(emails) == {"", "leftlately", "stillsubscribed"}  # the two erased have no name left
    assert emails["leftlately"] == "leftlately@example.org"
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["new"]
    assert list(NewsletterEmail.objects.values_list("subject", flat=True)) == ["new"]
    assert list(PageFeedback.objects.values_list("comment", flat=True)) == ["new"]
    assert list(NoResultSearch.objects.values_list("query_string", flat=True)) == ["new words"]
    assert list(Query.objects.values_list("query_string", flat=True)) == ["new query"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["new"]
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["tasks.new"]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["newsession"]

    assert all(count == 0 for count in prune(NOW).values())  # safe to run twice


def test_every_period_in_the_register_is_pruned_or_kept_by_the_servers_logs():
    for item in entries():
        assert item.period is not None or item.kept_while, item.key
        assert item.prune is not None or item.key == "server-records", item.key


def test_the_command_logs_counts_and_is_safe_to_run_twice(records):
    out = io.StringIO()
    call_command("prune_personal_data", stdout=out)
    assert "messages: 0" in out.getvalue()  # nothing is due today
    assert FormSubmission.objects.count() == 4


def test_prune_personal_data_is_on_the_deploy_timers_and_in_the_readme():
    systemd = settings.BASE_DIR / "deploy" / "systemd"
    service = (systemd / "mrdinfo-prune-personal-data.service").read_text()
    assert "ExecStart=/srv/mrdinfo/venv/bin/python manage.py prune_personal_data\n" in service
    timer = (systemd / "mrdinfo-prune-personal-data.timer").read_text()
    assert "OnCalendar=*-*-* 03:15" in timer and "WantedBy=timers.target" in timer  # daily, once enabled
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "| `mrdinfo-prune-personal-data.timer` | `prune_personal_data`" in readme  # the timers' table
    install = readme[readme.index("Install: copy them") :][:600]
    assert "mrdinfo-prune-personal-data.timer" in install  # and the line that enables them
