"""The only code that changes whether a donation is paid. It is called with events the payment
provider sent (Stripe's signed webhook, or the test-mode provider's own page), never from the
donor's return to the site.

Each event is recorded by id (WebhookEvent) in the same transaction as its effect, so an event
delivered twice is acted on once; payments are also unique by the provider's payment id."""

import logging
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .emails import queue_receipt
from .models import Donation, DonationPayment, WebhookEvent

logger = logging.getLogger(__name__)


def record_payment(
    donation: Donation, provider_payment_id: str, amount: Decimal, received_at: datetime | None = None
) -> DonationPayment | None:
    """Money arrived for this donation. Returns the payment, or None if it was already known."""
    if DonationPayment.objects.filter(provider_payment_id=provider_payment_id).exists():
        return None
    payment = DonationPayment.objects.create(
        donation=donation,
        provider_payment_id=provider_payment_id,
        amount=amount,
        received_at=received_at or timezone.now(),
    )
    if donation.status != Donation.PAID:
        donation.set_status(Donation.PAID)
    queue_receipt(donation)
    return payment


def handle_event(provider_name: str, event: dict[str, Any]) -> str:
    """Act on one provider event (a dict shaped like Stripe's). Returns what was done, for logs."""
    event_id, event_type = str(event.get("id") or ""), str(event.get("type") or "")
    if not event_id:
        return "ignored: no id"
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(provider=provider_name, event_id=event_id, event_type=event_type)
            handler = HANDLERS.get(event_type)
            obj = (event.get("data") or {}).get("object") if isinstance(event.get("data"), dict) else None
            outcome = handler(obj) if handler and isinstance(obj, dict) else "ignored"
    except IntegrityError:
        return "duplicate"  # seen before: already acted on
    logger.info("Payment event %s %s: %s", event_type, event_id, outcome)
    return outcome


def _reference(obj: dict[str, Any]) -> Any:
    for metadata in (
        obj.get("metadata"),
        (obj.get("subscription_details") or {}).get("metadata"),
        ((obj.get("parent") or {}).get("subscription_details") or {}).get("metadata"),
    ):
        if metadata and metadata.get("donation_reference"):
            return metadata["donation_reference"]
    return obj.get("client_reference_id")


def _donation_for(obj: dict[str, Any]) -> Donation | None:
    reference = _reference(obj)
    if reference:
        donation = (
            Donation.objects.select_for_update().filter(reference=reference).first() if _is_uuid(reference) else None
        )
        if donation is not None:
            return donation
    subscription = _subscription_id(obj)
    if subscription:
        return Donation.objects.select_for_update().filter(provider_subscription_id=subscription).first()
    return None


def _subscription_id(obj: dict[str, Any]) -> Any:
    subscription = obj.get("subscription") or (
        ((obj.get("parent") or {}).get("subscription_details") or {}).get("subscription")
    )
    if isinstance(subscription, dict):
        subscription = subscription.get("id")
    return subscription or ""


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _pounds(pence: Any) -> Decimal:
    return (Decimal(int(pence or 0)) / 100).quantize(Decimal("0.01"))


def checkout_completed(session: dict[str, Any]) -> str:
    donation = _donation_for(session)
    if donation is None:
        return "no matching donation"
    if session.get("mode") == "subscription":
        donation.provider_subscription_id = _subscription_id(session)
        donation.save(update_fields=["provider_subscription_id"])
        return "subscription started"  # the money is recorded from invoice.paid
    if session.get("payment_status") != "paid":
        return "waiting for payment"  # e.g. a bank debit: async_payment_succeeded follows
    payment_id = session.get("payment_intent") or session.get("id")
    if not payment_id:
        return "no payment id"
    record_payment(donation, str(payment_id), _pounds(session.get("amount_total")))
    return "paid"


def async_payment_failed(session: dict[str, Any]) -> str:
    donation = _donation_for(session)
    if donation is None:
        return "no matching donation"
    donation.set_status(Donation.FAILED)
    return "failed"


def invoice_paid(invoice: dict[str, Any]) -> str:
    donation = _donation_for(invoice)
    if donation is None:
        return "no matching donation"
    if not donation.provider_subscription_id and _subscription_id(invoice):
        donation.provider_subscription_id = _subscription_id(invoice)
        donation.save(update_fields=["provider_subscription_id"])
    payment_id = invoice.get("payment_intent") or invoice.get("id")
    if not payment_id:
        return "no payment id"
    record_payment(donation, payment_id, _pounds(invoice.get("amount_paid")))
    return "paid"


def invoice_payment_failed(invoice: dict[str, Any]) -> str:
    donation = _donation_for(invoice)
    if donation is None:
        return "no matching donation"
    DonationPayment.objects.get_or_create(
        provider_payment_id=f"failed:{invoice.get('id') or uuid.uuid4()}",
        defaults={"donation": donation, "amount": _pounds(invoice.get("amount_due")), "status": DonationPayment.FAILED},
    )
    donation.set_status(Donation.FAILED)
    return "failed"


def charge_refunded(charge: dict[str, Any]) -> str:
    payment_intent = charge.get("payment_intent") or ""
    payment = DonationPayment.objects.select_related("donation").filter(provider_payment_id=payment_intent).first()
    if payment is None:
        return "no matching payment"
    if charge.get("amount_refunded", 0) >= charge.get("amount", 0):
        payment.status = DonationPayment.REFUNDED
        payment.save(update_fields=["status"])
        donation = payment.donation
        if not donation.payments.filter(status=DonationPayment.PAID).exists():
            donation.set_status(Donation.REFUNDED)
        return "refunded"
    return "partly refunded"  # staff see it in Stripe; the Gift Aid export still counts it as paid


def subscription_deleted(subscription: dict[str, Any]) -> str:
    donation = Donation.objects.select_for_update().filter(provider_subscription_id=subscription.get("id")).first()
    if donation is None:
        return "no matching donation"
    donation.set_status(Donation.CANCELLED)
    return "cancelled"


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": checkout_completed,
    "checkout.session.async_payment_failed": async_payment_failed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "charge.refunded": charge_refunded,
    "customer.subscription.deleted": subscription_deleted,
}
WEBHOOK_EVENTS = list(HANDLERS)  # the events to send, listed in README.md


def complete_test_payment(donation: Donation) -> str:
    """What the test-mode provider does when its "pay" button is pressed: the same path a real
    provider's event takes, with a made-up event id."""
    event = {
        "id": f"evt_test_{donation.reference}",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": f"cs_test_{donation.reference}",
                "mode": "payment",
                "payment_status": "paid",
                "payment_intent": f"pi_test_{donation.reference}",
                "amount_total": int(donation.amount * 100),
                "client_reference_id": str(donation.reference),
                "metadata": {"donation_reference": str(donation.reference)},
            }
        },
    }
    return handle_event("test", event)
