"""Donations, their payments, Gift Aid declarations and the payment provider's webhook events.
Donations and declarations are kept for HMRC: they cannot be deleted, one at a time or in bulk."""

import uuid
from datetime import datetime
from typing import Any, Never

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ..validation import format_pounds

ONE_OFF, MONTHLY = "one_off", "monthly"
FREQUENCY_CHOICES = [(ONE_OFF, "One-off"), (MONTHLY, "Monthly")]


class NoDeleteQuerySet(models.QuerySet):
    def delete(self) -> Never:
        raise ValidationError(
            f"{self.model._meta.verbose_name_plural} are kept for HMRC and cannot be deleted. "
            "To act on a request to erase personal data, use `manage.py erase_personal_data`."
        )


class Donation(models.Model):
    """One gift: a one-off payment, or a monthly gift (a subscription with many payments)."""

    PENDING, PAID, FAILED, REFUNDED, CANCELLED = "pending", "paid", "failed", "refunded", "cancelled"
    STATUS_CHOICES = [
        (PENDING, "Pending (not paid yet)"),
        (PAID, "Paid"),
        (FAILED, "Payment failed"),
        (REFUNDED, "Refunded"),
        (CANCELLED, "Monthly gift cancelled"),
    ]
    TRIBUTE_CHOICES = [("", "No"), ("in_memory", "In memory of someone"), ("in_honour", "In honour of someone")]

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey("giving.DonatePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    gift_aid = models.BooleanField("Gift Aid", default=False)
    provider = models.CharField(max_length=20)
    provider_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    provider_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=35)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True)
    address_line_1 = models.CharField("house name or number and street", max_length=100, blank=True)
    address_line_2 = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    tribute_type = models.CharField(max_length=10, choices=TRIBUTE_CHOICES, blank=True)
    tribute_name = models.CharField(max_length=100, blank=True)

    contact_by_email = models.BooleanField(default=False)
    contact_by_post = models.BooleanField(default=False)
    contact_by_phone = models.BooleanField(default=False)
    updates_about_this_gift = models.BooleanField(
        "soft opt-in: emails about how gifts help", default=False, help_text="Ticked by the donor; never pre-ticked."
    )
    contact_wording_version = models.CharField(max_length=20, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("export_donation", "Can export donations")]

    def __str__(self) -> str:
        return f"{format_pounds(self.amount)} {self.get_frequency_display().lower()} from {self.full_name}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def is_monthly(self) -> bool:
        return self.frequency == MONTHLY

    def delete(self, *args: Any, **kwargs: Any) -> Never:
        raise ValidationError("Donations are kept for HMRC and cannot be deleted.")

    # For the CSV export: the declaration that came with this gift, if any.
    def _declaration(self) -> "GiftAidDeclaration | None":
        try:
            return self.declaration
        except GiftAidDeclaration.DoesNotExist:
            return None

    def gift_aid_scope(self) -> str:
        declaration = self._declaration()
        return declaration.get_scope_display() if declaration else ""

    def gift_aid_declared_at(self) -> datetime | str:
        declaration = self._declaration()
        return declaration.declared_at if declaration else ""

    def gift_aid_wording_version(self) -> str:
        declaration = self._declaration()
        return declaration.wording_version if declaration else ""

    def set_status(self, status: str) -> None:
        self.status = status
        self.status_changed_at = timezone.now()
        if status == self.PAID and self.paid_at is None:
            self.paid_at = self.status_changed_at
        self.save(update_fields=["status", "status_changed_at", "paid_at"])


class DonationPayment(models.Model):
    """Money actually received, as the payment provider reported it (never the return redirect).
    A one-off gift has one; a monthly gift one a month. Gift Aid is claimed on these."""

    PAID, REFUNDED, FAILED = "paid", "refunded", "failed"
    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="payments")
    provider_payment_id = models.CharField(max_length=255, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=[(PAID, "Paid"), (REFUNDED, "Refunded"), (FAILED, "Failed")], default=PAID
    )
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{format_pounds(self.amount)} on {self.received_at:%d/%m/%Y} ({self.status})"


class GiftAidDeclaration(models.Model):
    """A Gift Aid declaration as HMRC needs it kept: who, where, which gifts, the exact words
    agreed to and when. Kept for at least six years after the last claim; never deleted by staff
    (see `manage.py erase_personal_data`, which keeps what HMRC requires)."""

    donation = models.OneToOneField(Donation, on_delete=models.PROTECT, related_name="declaration")
    declared_at = models.DateTimeField(default=timezone.now, db_index=True)
    charity_name = models.CharField(max_length=120)
    scope = models.CharField(
        max_length=30,
        choices=[
            ("this_gift", "This gift only"),
            ("this_future_and_past", "This gift, future gifts and the past 4 years"),
        ],
    )
    wording_version = models.CharField(max_length=20)
    wording = models.TextField(help_text="The exact words the donor agreed to.")
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=35)
    house_name_or_number = models.CharField(max_length=100)
    address = models.TextField(help_text="The full home address as the donor gave it.")
    postcode = models.CharField(max_length=10)
    cancelled_at = models.DateTimeField(
        null=True, blank=True, help_text="When the donor asked us to stop claiming Gift Aid (keep the declaration)."
    )

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = "Gift Aid declaration"
        permissions = [("export_giftaiddeclaration", "Can export Gift Aid claims")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.postcode} ({self.declared_at:%d/%m/%Y})"

    def delete(self, *args: Any, **kwargs: Any) -> Never:
        raise ValidationError("Gift Aid declarations are kept for HMRC and cannot be deleted.")

    def donation_reference(self) -> str:
        return str(self.donation.reference)


class WebhookEvent(models.Model):
    """Every provider event we acted on, by its id: the same event sent twice is acted on once."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="giving_webhook_event_once")]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_type} {self.event_id}"
