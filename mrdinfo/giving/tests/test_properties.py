"""Property-based tests: arbitrary input at every giving form and link never gives a server error
(the newsletter's are in newsletter/tests/test_properties.py)."""

import json

import pytest
import stripe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.urls import reverse

from .factories import DonatePageFactory, details_url, started

pytestmark = pytest.mark.django_db
PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
anything = st.text(max_size=80)
amountish = st.one_of(anything, st.from_regex(r"£?-?[0-9,]{0,8}(\.[0-9]{0,3})?(e[0-9]{1,3})?", fullmatch=True))
stamp = st.one_of(st.just("fresh"), anything)


@pytest.fixture
def donate(page_tree, settings):
    settings.GIVING_RATE_LIMITS = dict.fromkeys(("donation-ip", "donation-email"), "100000/h")
    return DonatePageFactory(parent=page_tree["home"])


def assert_not_a_server_error(response):
    assert response.status_code < 500 or response.status_code == 503, response.status_code


@PROPERTY_SETTINGS
@given(query=st.dictionaries(st.sampled_from(["amount", "frequency", "other_amount", "cancelled", "x"]), amountish))
def test_the_amount_step_takes_any_query_string(client, donate, query):
    assert_not_a_server_error(client.get(donate.url, query))
    assert_not_a_server_error(client.get(details_url(donate), query))


FIELDS = [
    "title", "first_name", "last_name", "email", "phone", "address_line_1",
    "address_line_2", "town", "postcode", "tribute_type", "tribute_name", "gift_aid", "gift_aid_scope",
    "contact_by_email", "contact_by_post", "contact_by_phone", "updates_about_this_gift", "website",
]  # fmt: skip


@PROPERTY_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {
            "frequency": st.sampled_from(["one_off", "monthly", ""]),
            "amount": st.just("other"),
            "other_amount": amountish,
        },
        optional=dict.fromkeys(FIELDS, anything)
        | {"gift_aid": st.sampled_from(["yes", "no", "maybe"]), "postcode": st.sampled_from(["LS1 4AP", "X", ""])},
    ),
    form_started=stamp,
)
def test_the_details_step_takes_any_answers(client, donate, data, form_started):
    data["form_started"] = started() if form_started == "fresh" else form_started
    data.setdefault("website", "")
    assert_not_a_server_error(client.post(details_url(donate), data))


@PROPERTY_SETTINGS
@given(outcome=anything, reference=st.uuids())
def test_payment_pages_take_any_input(client, donate, outcome, reference):
    for step in ("test-payment", "pay", "thank-you"):
        assert_not_a_server_error(client.post(f"{donate.url}{step}/{reference}/", {"outcome": outcome}))
        assert_not_a_server_error(client.get(f"{donate.url}{step}/{reference}/"))


@PROPERTY_SETTINGS
@given(body=st.one_of(anything, st.dictionaries(anything, anything).map(json.dumps)), signed=st.booleans())
def test_the_webhook_takes_any_body(client, donate, settings, body, signed):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_x", "whsec_x"
    header = stripe.WebhookSignature.generate_signature_header(body, "whsec_x") if signed else "t=1,v1=00"
    response = client.post(
        reverse("giving:stripe_webhook"), body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
    assert response.status_code in {200, 400}
