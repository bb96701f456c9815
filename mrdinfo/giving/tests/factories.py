"""A donate page and donations (factory_boy, see mrdinfo/testing/factories.py)
and the answers a real donor gives, for the giving tests."""

import time
from decimal import Decimal

import factory

from django.core import signing

from mrdinfo.forms.spam import SALT
from mrdinfo.giving.models import DonatePage, Donation, DonationAmount
from mrdinfo.testing.factories import PageFactory


class DonatePageFactory(PageFactory):
    class Meta:
        model = DonatePage

    title = "Donate"
    slug = "donate"
    summary = "Give once or every month."
    intro = "<p>Your gift pays for research.</p>"
    amounts = factory.LazyFunction(
        lambda: [
            DonationAmount(frequency="one_off", amount=Decimal("10"), impact="could pay for a guide", sort_order=0),
            DonationAmount(frequency="one_off", amount=Decimal("25"), impact="could pay for a lab hour", sort_order=1),
            DonationAmount(frequency="monthly", amount=Decimal("5"), impact="each month could help", sort_order=2),
            DonationAmount(frequency="monthly", amount=Decimal("20"), impact="each month could fund", sort_order=3),
        ]
    )


class DonationFactory(factory.django.DjangoModelFactory):
    """A donation as the database holds it (not through the donate journey): pending, £25."""

    class Meta:
        model = Donation

    amount = 25
    first_name = "Dora"
    last_name = "Donorson"
    email = factory.LazyAttribute(lambda donation: f"{donation.first_name.lower()}@example.org")
    postcode = "AB1 2CD"


def started(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=SALT)


DONOR = {
    "title": "Ms",
    "first_name": "Siân",
    "last_name": "O’Brien-Nguyễn",
    "email": "sian@example.org",
    "phone": "",
    "address_line_1": "12 High Street",
    "address_line_2": "",
    "town": "Leeds",
    "postcode": "ls1 4ap",
    "tribute_type": "",
    "tribute_name": "",
    "gift_aid": "yes",
    "gift_aid_scope": "this_future_and_past",
    "website": "",
}


def details_data(amount="25", frequency="one_off", **overrides):
    data = {"frequency": frequency, "amount": "other", "other_amount": amount, **DONOR, "form_started": started()}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def details_url(page):
    return page.url + page.reverse_subpage("details")
