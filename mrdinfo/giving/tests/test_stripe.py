"""Stripe, with no internet: a local fake of Stripe's API answers the Checkout call, and webhooks
are signed with the stripe library's own signature code. Only a signed event marks a gift paid."""

import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import stripe

from django.core import mail
from django.urls import reverse

from mrdinfo.giving.models import Donation, DonationPayment, WebhookEvent

from .factories import DonatePageFactory, details_data, details_url

pytestmark = pytest.mark.django_db
WEBHOOK_SECRET = "whsec_test_secret"


class FakeStripe(BaseHTTPRequestHandler):
    """Answers POST /v1/checkout/sessions as Stripe does, and remembers what it was sent."""

    requests = []
    down = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        FakeStripe.requests.append(
            {"path": self.path, "params": parse_qs(body), "auth": self.headers.get("Authorization")}
        )
        if FakeStripe.down:
            payload, status = {"error": {"type": "api_error", "message": "Stripe is having a bad day"}}, 500
        else:
            number = len(FakeStripe.requests)
            payload = {
                "id": f"cs_test_{number}",
                "object": "checkout.session",
                "url": f"https://checkout.example/{number}",
            }
            status = 200
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Stripe-Should-Retry", "false")  # no retries with back-off in tests
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_stripe(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeStripe.requests, FakeStripe.down = [], False
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    yield FakeStripe
    server.shutdown()
    server.server_close()


@pytest.fixture
def donate(page_tree):
    return DonatePageFactory(parent=page_tree["home"])


def send_webhook(client, event, secret=WEBHOOK_SECRET, signature=None):
    payload = json.dumps(event)
    header = signature or stripe.WebhookSignature.generate_signature_header(payload, secret)
    return client.post(
        reverse("giving:stripe_webhook"), payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def session_completed(donation, event_id="evt_1", payment_intent="pi_1"):
    return {
        "id": event_id,
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": "cs_test_1",
                "object": "checkout.session",
                "mode": "payment",
                "payment_status": "paid",
                "payment_intent": payment_intent,
                "amount_total": int(donation.amount * 100),
                "client_reference_id": str(donation.reference),
                "metadata": {"donation_reference": str(donation.reference)},
            }
        },
    }


def test_a_one_off_gift_goes_to_stripe_checkout_as_a_donation(client, donate, fake_stripe):
    response = client.post(details_url(donate), details_data(amount="25"))
    donation = Donation.objects.get()
    assert response.status_code == 302 and response["Location"] == "https://checkout.example/1"
    assert donation.status == Donation.PENDING and donation.provider == "stripe"
    assert donation.provider_session_id == "cs_test_1"
    sent = fake_stripe.requests[0]
    assert sent["path"] == "/v1/checkout/sessions" and sent["auth"] == "Bearer sk_test_fake"
    params = {key: values[0] for key, values in sent["params"].items()}
    assert params["mode"] == "payment" and params["submit_type"] == "donate"
    assert params["line_items[0][price_data][unit_amount]"] == "2500"
    assert params["line_items[0][price_data][currency]"] == "gbp"
    assert params["client_reference_id"] == str(donation.reference)
    assert params["success_url"] == f"http://testserver/donate/thank-you/{donation.reference}/"
    # No test-mode label once Stripe is configured.
    assert "Test mode" not in client.get(donate.url).content.decode()


def test_a_monthly_gift_becomes_a_stripe_subscription(client, donate, fake_stripe):
    client.post(details_url(donate), details_data(amount="5", frequency="monthly"))
    params = {key: values[0] for key, values in fake_stripe.requests[0]["params"].items()}
    assert params["mode"] == "subscription"
    assert params["line_items[0][price_data][recurring][interval]"] == "month"
    assert params["subscription_data[metadata][donation_reference]"] == str(Donation.objects.get().reference)
    assert "submit_type" not in params


def test_stripe_being_down_loses_nothing_and_can_be_retried(client, donate, fake_stripe):
    fake_stripe.down = True
    response = client.post(details_url(donate), details_data())
    assert response.status_code == 503
    assert "No money has been taken" in response.content.decode()
    donation = Donation.objects.get()
    assert donation.status == Donation.PENDING and hasattr(donation, "declaration")
    fake_stripe.down = False
    response = client.post(donate.url + f"pay/{donation.reference}/")
    assert response.status_code == 302 and response["Location"].startswith("https://checkout.example/")


def test_a_webhook_with_a_bad_signature_is_refused(client, donate, fake_stripe):
    client.post(details_url(donate), details_data())
    donation = Donation.objects.get()
    assert send_webhook(client, session_completed(donation), secret="whsec_someone_else").status_code == 400
    assert send_webhook(client, session_completed(donation), signature="t=1,v1=forged").status_code == 400
    response = client.post(reverse("giving:stripe_webhook"), "{}", content_type="application/json")
    assert response.status_code == 400
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING and not DonationPayment.objects.exists()


def test_the_same_event_twice_marks_one_payment(client, donate, fake_stripe, django_capture_on_commit_callbacks):
    client.post(details_url(donate), details_data(amount="25"))
    donation = Donation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_webhook(client, session_completed(donation))
        second = send_webhook(client, session_completed(donation))
    assert first.status_code == 200 and first.content == b"paid"
    assert second.status_code == 200 and second.content == b"duplicate"
    donation.refresh_from_db()
    assert donation.status == Donation.PAID and donation.paid_at is not None
    assert DonationPayment.objects.get().amount == Decimal("25.00")
    assert WebhookEvent.objects.count() == 1
    assert len(mail.outbox) == 1  # one receipt
    # A different event about the same payment (Stripe may send both) is not a second payment.
    send_webhook(client, session_completed(donation, event_id="evt_2"))
    assert DonationPayment.objects.count() == 1


def test_the_return_from_stripe_alone_marks_nothing_paid(client, donate, fake_stripe):
    client.post(details_url(donate), details_data())
    donation = Donation.objects.get()
    response = client.get(donate.url + f"thank-you/{donation.reference}/", {"session_id": "cs_test_1"})
    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING


def test_monthly_payments_failures_and_refunds(client, donate, fake_stripe):
    client.post(details_url(donate), details_data(amount="5", frequency="monthly"))
    donation = Donation.objects.get()
    reference = str(donation.reference)
    send_webhook(
        client,
        {
            "id": "evt_s",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": "cs_test_1",
                    "mode": "subscription",
                    "subscription": "sub_1",
                    "client_reference_id": reference,
                }
            },
        },
    )
    donation.refresh_from_db()
    assert donation.provider_subscription_id == "sub_1" and donation.status == Donation.PENDING
    for number in (1, 2):
        send_webhook(
            client,
            {
                "id": f"evt_inv_{number}",
                "type": "invoice.paid",
                "data": {
                    "object": {
                        "id": f"in_{number}",
                        "subscription": "sub_1",
                        "payment_intent": f"pi_m{number}",
                        "amount_paid": 500,
                    }
                },
            },
        )
    donation.refresh_from_db()
    assert donation.status == Donation.PAID and donation.payments.filter(status="paid").count() == 2
    send_webhook(
        client,
        {
            "id": "evt_fail",
            "type": "invoice.payment_failed",
            "data": {"object": {"id": "in_3", "subscription": "sub_1", "amount_due": 500}},
        },
    )
    donation.refresh_from_db()
    assert donation.status == Donation.FAILED
    assert donation.payments.get(provider_payment_id="failed:in_3").status == DonationPayment.FAILED
    send_webhook(
        client,
        {
            "id": "evt_refund",
            "type": "charge.refunded",
            "data": {"object": {"id": "ch_1", "payment_intent": "pi_m1", "amount": 500, "amount_refunded": 500}},
        },
    )
    assert DonationPayment.objects.get(provider_payment_id="pi_m1").status == DonationPayment.REFUNDED
    send_webhook(
        client, {"id": "evt_del", "type": "customer.subscription.deleted", "data": {"object": {"id": "sub_1"}}}
    )
    donation.refresh_from_db()
    assert donation.status == Donation.CANCELLED


def test_a_refunded_one_off_gift_is_marked_refunded(client, donate, fake_stripe):
    client.post(details_url(donate), details_data(amount="25"))
    donation = Donation.objects.get()
    send_webhook(client, session_completed(donation))
    send_webhook(
        client,
        {
            "id": "evt_r",
            "type": "charge.refunded",
            "data": {"object": {"id": "ch_1", "payment_intent": "pi_1", "amount": 2500, "amount_refunded": 2500}},
        },
    )
    donation.refresh_from_db()
    assert donation.status == Donation.REFUNDED


def test_the_webhook_is_off_in_test_mode(client, donate):
    response = client.post(reverse("giving:stripe_webhook"), "{}", content_type="application/json")
    assert response.status_code == 404


def test_a_provider_that_never_answers_gives_the_honest_page_within_15_seconds(client, donate, settings):
    import time

    from mrdinfo.testing.outages import TcpSwitch

    black_hole = TcpSwitch(mode="hang")  # accepts the connection and never says a word
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{black_hole.port}"
    try:
        started_at = time.monotonic()
        response = client.post(details_url(donate), details_data(first_name="Robin"))
        elapsed = time.monotonic() - started_at
    finally:
        black_hole.close()
    assert response.status_code == 503 and elapsed < 15
    assert "No money has been taken" in response.content.decode()
    assert Donation.objects.get().first_name == "Robin"  # kept: "try again" pays this same gift
