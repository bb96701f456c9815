"""The dashboards as each group sees them: a fundraiser's figures checked against records made
here (gifts in two months, a cancelled monthly gift, failed payments, a full event), the donations
list in pounds and pence with Yes/No, and nothing about money for Editors or Clinical reviewers."""

import datetime
from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils import timezone

from mrdinfo.editorial.tests.factories import StaffFactory
from mrdinfo.events.models import Place
from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS, EventIndexPageFactory, EventPageFactory
from mrdinfo.giving.models import Donation, DonationPayment, OutgoingEmail
from mrdinfo.testing.html import select, select_one, text

pytestmark = pytest.mark.django_db


def gift(amount, frequency="one_off", when=None, gift_aid=False, status=Donation.PAID, payment_status="paid"):
    when = when or timezone.now()
    donation = Donation.objects.create(
        amount=Decimal(amount),
        frequency=frequency,
        status=status,
        gift_aid=gift_aid,
        provider="test",
        first_name="Sam",
        last_name="Giver",
        email="sam@example.org",
        created_at=when,
        paid_at=when if status != Donation.FAILED else None,
        status_changed_at=when,
    )
    if status != Donation.FAILED:
        DonationPayment.objects.create(
            donation=donation,
            provider_payment_id=f"pay-{donation.pk}",
            amount=Decimal(amount),
            status=payment_status,
            received_at=when,
        )
    return donation


def figures(client):
    panel = select_one(client.get(reverse("wagtailadmin_home")), "[data-giving-figures]")
    columns = [" ".join(th.get_text().split()) for th in panel.select("thead th")][1:]
    table = {}
    for row in panel.select("tbody tr"):
        name = " ".join(row.th.get_text().split())
        table[name] = dict(zip(columns, (" ".join(td.get_text().split()) for td in row.select("td")), strict=True))
    return table


@pytest.fixture
def records(page_tree):
    now = timezone.localtime()
    this_month = now.replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=10)
    gift("25", gift_aid=True, when=this_month)
    gift("10.50", when=this_month)
    gift("15", frequency="monthly", gift_aid=True, when=this_month)
    cancelled = gift("8", frequency="monthly", when=this_month)
    cancelled.status, cancelled.status_changed_at = Donation.CANCELLED, this_month
    cancelled.save()
    gift("100", when=last_month)
    gift("40", status=Donation.FAILED, when=this_month)
    gift("30", when=this_month, payment_status="refunded")  # money not kept: not counted
    OutgoingEmail.objects.create(kind="receipt", to="sam@example.org", subject="Thank you", body="…", attempts=2)
    index = EventIndexPageFactory(parent=page_tree["home"])
    full = EventPageFactory(
        parent=index, title="Riverside 10K", days_from_now=20, form_fields=REGISTRATION_QUESTIONS, places=1
    )
    return {"this_month": this_month, "last_month": last_month, "full": full, **StaffFactory.create_team()}


def test_the_fundraisers_dashboard_adds_up_the_records(records, client):
    client.force_login(records["fundraiser"])
    table = figures(client)
    month, year = f"{records['this_month']:%B %Y}", f"{records['this_month'].year} so far"
    assert table["One-off gifts"][month] == "£35.50"
    assert table["Monthly gifts"][month] == "£23.00"
    assert table["Total"][month] == "£58.50"
    same_year = records["last_month"].year == records["this_month"].year
    assert table["Total"][year] == ("£158.50" if same_year else "£58.50")
    assert table["Gift Aid claimable"][month] == "£10.00 (on £40.00)"  # 25% of the £25 and £15 gifts
    assert table["New monthly donors"][month] == "2"
    assert table["Monthly gifts cancelled"][month] == "1"
    assert table["Failed payments"][month] == "1"
    assert table["Newsletter sign-ups (confirmed)"][month] == "0"  # the newsletter's rows: its own tests
    home = client.get(reverse("wagtailadmin_home"))
    assert "1 donor email failed and will be tried again" in text(home, "[data-emails-waiting]")
    failed_link = select_one(home, "[data-giving-figures] a[href*='status=failed']")
    listing = client.get(failed_link["href"])
    assert listing.status_code == 200 and "£40.00" in text(listing) and "£25.00" not in text(listing)
    assert len(select(home, "#giving-figures-section svg rect")) == 12


def test_the_full_event_shows_on_the_dashboard_with_no_places_left(records, client):
    from wagtail.contrib.forms.models import FormSubmission

    submission = FormSubmission.objects.create(page=records["full"], form_data={"your_name": "Sam"})
    Place.objects.create(submission=submission, event=records["full"], status=Place.CONFIRMED)
    client.force_login(records["fundraiser"])
    row = select_one(client.get(reverse("wagtailadmin_home")), "[data-upcoming-registrations] tbody tr")
    cells = [" ".join(td.get_text().split()) for td in row.select("td")]
    assert cells[0] == "Riverside 10K" and cells[2] == "1" and cells[3] == "Full (1 place)"
    assert client.get(row.a["href"]).status_code == 200


def test_the_donations_list_reads_pounds_and_pence_and_yes_no(records, client):
    client.force_login(records["fundraiser"])
    rows = select(client.get("/admin/donations/"), "table tbody tr")
    cells = [[" ".join(td.get_text().split()) for td in row.select("td")] for row in rows]
    gift_aided = next(row for row in cells if "£25.00" in row)
    assert "Yes" in gift_aided and "True" not in gift_aided and "One-off" in gift_aided
    assert any("£10.50" in row and "No" in row for row in cells)


@pytest.mark.parametrize("member", ["editor", "reviewer"])
def test_editors_and_reviewers_see_no_money(records, client, member):
    client.force_login(records[member])
    home = client.get(reverse("wagtailadmin_home"))
    assert not select(home, "[data-giving-figures]") and not select(home, "[data-upcoming-registrations]")
