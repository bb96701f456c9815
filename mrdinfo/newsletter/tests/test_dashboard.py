"""The newsletter's figures on the fundraiser's dashboard panel (giving's, through the
"register_fundraising_figures" hook): confirmed sign-ups and unsubscribes this month and this
year, each linking to the subscribers behind it, and its failed emails among those waiting."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from mrdinfo.editorial.tests.factories import StaffFactory
from mrdinfo.giving.tests.test_dashboard import figures
from mrdinfo.newsletter.models import Subscriber
from mrdinfo.testing.html import select_one, text

from .factories import NewsletterEmailFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_sign_ups_unsubscribes_and_failed_emails_show_on_the_fundraisers_panel(client):
    this_month = timezone.localtime().replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    last_year = this_month - datetime.timedelta(days=400)
    SubscriberFactory(status=Subscriber.CONFIRMED, confirmed_at=this_month)
    SubscriberFactory(status=Subscriber.CONFIRMED, confirmed_at=this_month)
    SubscriberFactory(status=Subscriber.CONFIRMED, confirmed_at=last_year)  # counted in neither column
    SubscriberFactory(status=Subscriber.UNSUBSCRIBED, unsubscribed_at=this_month)
    NewsletterEmailFactory(attempts=2)  # failed twice: will be tried again
    NewsletterEmailFactory(attempts=12)  # given up on: not waiting
    client.force_login(StaffFactory.create_team()["fundraiser"])
    table = figures(client)
    month, year = f"{this_month:%B %Y}", f"{this_month.year} so far"
    assert table["Newsletter sign-ups (confirmed)"] == {month: "2", year: "2"}
    assert table["Newsletter unsubscribes"] == {month: "1", year: "1"}
    home = client.get(reverse("wagtailadmin_home"))
    assert "1 donor email failed and will be tried again" in text(home, "[data-emails-waiting]")
    link = select_one(home, "[data-giving-figures] a[href*='status=unsubscribed']")
    listing = client.get(link["href"])
    assert listing.status_code == 200 and "Unsubscribed" in text(listing)
