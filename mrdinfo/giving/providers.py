"""Payment providers. The site never sees card details: it sends the donor to the provider's
own page (Stripe Checkout) and learns the outcome from the provider's signed webhook.

- StripeProvider: when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set.
- TestModeProvider: otherwise (the default on a fresh machine). A page on this site, clearly
  labelled as a test, stands in for the provider so the whole journey can be tried and tested
  with no account and no internet. It takes no money."""

import json
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest

from wagtail.models import Page

if TYPE_CHECKING:
    import stripe
    from stripe.params.checkout import SessionCreateParams, SessionCreateParamsLineItemPriceData

    from .models import Donation

logger = logging.getLogger(__name__)


class CheckoutError(Exception):
    """The provider could not start a payment (down, refused, misconfigured)."""


class BadWebhook(Exception):
    """A webhook whose signature does not match: not from the provider, or changed on the way."""


class TestModeProvider:
    name = "test"
    is_test_mode = True

    def start_checkout(self, donation: "Donation", page: Page, request: HttpRequest) -> str:
        return page.url + page.reverse_subpage("test_payment", args=[str(donation.reference)])


def cancel_url(page: Page, donation: "Donation") -> str:
    """ "Cancel and go back" from payment: step 2 again, with this gift's amount and frequency (the
    donor's details are filled in from the session that stored them: views.details_step)."""
    amount = f"{donation.amount:.2f}".removesuffix(".00")
    query = f"amount=other&other_amount={amount}&frequency={donation.frequency}&cancelled=1"
    return page.url + page.reverse_subpage("details") + "?" + query


class StripeProvider:
    name = "stripe"
    is_test_mode = False

    def __init__(self, secret_key: str, webhook_secret: str, api_base: str = "", http_client: Any = None) -> None:
        self.secret_key = secret_key
        self.webhook_secret = webhook_secret
        self.api_base = api_base
        self.http_client = http_client

    def client(self) -> "stripe.StripeClient":
        import stripe

        # Bounded: STRIPE_TIMEOUT per attempt, STRIPE_MAX_NETWORK_RETRIES more (settings/base.py),
        # so a hung provider costs seconds and the donor gets the honest "no money taken" page.
        options: dict[str, Any] = {"max_network_retries": settings.STRIPE_MAX_NETWORK_RETRIES}
        if self.api_base:
            options["base_addresses"] = {"api": self.api_base}
        options["http_client"] = self.http_client or stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT)
        return stripe.StripeClient(self.secret_key, **options)

    def checkout_params(
        self, donation: "Donation", page: Page, request: HttpRequest, charity: str
    ) -> "SessionCreateParams":
        base = request.build_absolute_uri(page.url)
        reference = str(donation.reference)
        pence = int((donation.amount * 100).quantize(Decimal("1")))
        name = f"Donation to {charity}" if charity else "Donation"
        price_data: SessionCreateParamsLineItemPriceData = {
            "currency": "gbp",
            "unit_amount": pence,
            "product_data": {"name": name},
        }
        params: SessionCreateParams = {
            "client_reference_id": reference,
            "customer_email": donation.email,
            "metadata": {"donation_reference": reference},
            "success_url": base + page.reverse_subpage("thank_you", args=[reference]).lstrip("/"),
            "cancel_url": request.build_absolute_uri(cancel_url(page, donation)),
            "line_items": [{"quantity": 1, "price_data": price_data}],
        }
        if donation.is_monthly:
            price_data["recurring"] = {"interval": "month"}
            params["mode"] = "subscription"
            params["subscription_data"] = {"metadata": {"donation_reference": reference}}
        else:
            params["mode"] = "payment"
            params["submit_type"] = "donate"  # Stripe labels the button "Donate"
            params["payment_intent_data"] = {"metadata": {"donation_reference": reference}}
        return params

    def start_checkout(self, donation: "Donation", page: Page, request: HttpRequest) -> str:
        import stripe

        from mrdinfo.core.models import SiteSettings

        charity = SiteSettings.for_request(request).charity_name
        try:
            session = self.client().v1.checkout.sessions.create(
                params=self.checkout_params(donation, page, request, charity)
            )
        except stripe.StripeError as error:
            raise CheckoutError(str(error)) from error
        donation.provider_session_id = session["id"]
        donation.save(update_fields=["provider_session_id"])
        return session["url"]

    def read_webhook(self, payload: bytes | str, signature_header: str) -> dict[str, Any]:
        """The event as a plain dict, or BadWebhook if Stripe did not sign this exact payload."""
        import stripe

        try:
            stripe.WebhookSignature.verify_header(payload, signature_header, self.webhook_secret, tolerance=300)
        except stripe.SignatureVerificationError as error:
            raise BadWebhook(str(error)) from error
        try:
            event = json.loads(payload)
        except ValueError as error:  # signed but not JSON: cannot happen with Stripe
            raise BadWebhook("The body is not JSON") from error
        if not isinstance(event, dict):
            raise BadWebhook("The body is not an event")
        return event


def get_provider() -> StripeProvider | TestModeProvider:
    secret_key = getattr(settings, "STRIPE_SECRET_KEY", "")
    webhook_secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if secret_key and webhook_secret:
        return StripeProvider(secret_key, webhook_secret, api_base=getattr(settings, "STRIPE_API_BASE", ""))
    return TestModeProvider()
