"""Giving: appeal pages, donations, Gift Aid declarations, the "Every Step" newsletter, and the
emails about them.

Storage first, everywhere: a donation (pending) and its declaration are saved before the donor
is sent to pay; a sign-up and its consent are saved before any email; every email is a row here
before it is a message, so a mail server that is down loses nothing (see OutgoingEmail)."""

import logging
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from mrdinfo.core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from mrdinfo.core.headings import collect_headings
from mrdinfo.core.models import BasePage

from .blocks import NewsletterSignupBlock
from .validation import format_pounds

logger = logging.getLogger(__name__)

ONE_OFF, MONTHLY = "one_off", "monthly"
FREQUENCY_CHOICES = [(ONE_OFF, "One-off"), (MONTHLY, "Monthly")]


class GivingStreamBlock(BaseStreamBlock):
    newsletter = NewsletterSignupBlock()


class DonatePage(RoutablePageMixin, BasePage):
    """An appeal: /donate/ is the main one. The donation journey's steps are this page's own
    sub-routes (views.py): details/, pay/<reference>/, test-payment/<reference>/, thank-you/<reference>/."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="Why give now, in a few sentences.")
    body = StreamField(GivingStreamBlock(), blank=True, help_text="Shown below the donation form.")
    allow_monthly = models.BooleanField(default=True, help_text="Offer monthly gifts as well as one-off gifts.")
    default_frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=ONE_OFF)
    minimum_amount = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal("2"), validators=[MinValueValidator(Decimal("1"))]
    )
    maximum_amount = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("10000"),
        validators=[MaxValueValidator(Decimal("100000"))],
        help_text="Larger gifts are asked to get in touch instead.",
    )
    thank_you_heading = models.CharField(max_length=120, default="Thank you for your gift")
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="Shown after giving: what the gift will do."
    )
    share_text = models.CharField(
        max_length=200,
        blank=True,
        default="I have just given to help children with leukaemia. Will you join me?",
        help_text="Suggested words when a donor shares this appeal.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("allow_monthly"), FieldPanel("default_frequency")]),
                FieldRowPanel([FieldPanel("minimum_amount"), FieldPanel("maximum_amount")]),
                InlinePanel("amounts", label="Suggested amount"),
            ],
            heading="Amounts",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_text"), FieldPanel("share_text")],
            heading="Thank-you page",
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "giving.DonatePage", "general.GeneralPage"]
    subpage_types = ["giving.DonatePage", "giving.GivingPage"]

    class Meta:
        verbose_name = "donate page"

    def clean(self):
        super().clean()
        if self.minimum_amount and self.maximum_amount and self.minimum_amount >= self.maximum_amount:
            raise ValidationError({"maximum_amount": "The largest amount must be more than the smallest."})

    # The journey's steps (views.py). Amounts are read once per request, not once per use.
    def _with_amounts(self):
        self._amounts_cache = list(self.amounts.all())
        return self

    @path("")
    def donate(self, request):
        from .views import amount_step

        return amount_step(self._with_amounts(), request)

    @path("details/")
    def details(self, request):
        from .views import details_step

        return details_step(self._with_amounts(), request)

    @path("pay/<uuid:reference>/", name="pay")
    def pay(self, request, reference):
        from .views import retry_payment

        return retry_payment(self, request, reference)

    @path("test-payment/<uuid:reference>/", name="test_payment")
    def test_payment(self, request, reference):
        from .views import test_payment

        return test_payment(self, request, reference)

    @path("thank-you/<uuid:reference>/", name="thank_you")
    def thank_you(self, request, reference):
        from .views import thank_you

        return thank_you(self, request, reference)

    def frequencies(self):
        return FREQUENCY_CHOICES if self.allow_monthly else FREQUENCY_CHOICES[:1]

    def suggested_amounts(self, frequency):
        amounts = getattr(self, "_amounts_cache", None)
        if amounts is None:
            amounts = list(self.amounts.all())
        return [amount for amount in amounts if amount.frequency == frequency]


class GivingPage(BasePage):
    """A plain page about giving under an appeal: why donate, gifts in wills, and the like.
    Like a general page, but its body can also carry the newsletter sign-up."""

    body = StreamField(GivingStreamBlock())

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["giving.DonatePage", "giving.GivingPage"]
    subpage_types = ["giving.GivingPage"]

    class Meta:
        verbose_name = "giving information page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["headings"] = [h for h in collect_headings(self.body) if h["level"] == 2]
        return context


class DonationAmount(Orderable):
    """A suggested amount with what it could do ("£10 could pay for…")."""

    page = ParentalKey(DonatePage, on_delete=models.CASCADE, related_name="amounts")
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=ONE_OFF)
    amount = models.DecimalField(max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("1"))])
    impact = models.CharField(
        max_length=160,
        blank=True,
        help_text="What it could pay for, e.g. “could pay for a family's parking for a week”.",
    )

    panels = [FieldRowPanel([FieldPanel("frequency"), FieldPanel("amount")]), FieldPanel("impact")]

    def __str__(self):
        return f"{format_pounds(self.amount)} ({self.get_frequency_display()})"

    @property
    def display(self):
        return format_pounds(self.amount)

    @property
    def value(self):
        """The amount as it goes into the form: 25, or 25.50."""
        return format_pounds(self.amount).removeprefix("£").replace(",", "")


class NoDeleteQuerySet(models.QuerySet):
    def delete(self):
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

    def __str__(self):
        return f"{format_pounds(self.amount)} {self.get_frequency_display().lower()} from {self.full_name}"

    @property
    def full_name(self):
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def is_monthly(self):
        return self.frequency == MONTHLY

    def delete(self, *args, **kwargs):
        raise ValidationError("Donations are kept for HMRC and cannot be deleted.")

    # For the CSV export: the declaration that came with this gift, if any.
    def _declaration(self):
        try:
            return self.declaration
        except GiftAidDeclaration.DoesNotExist:
            return None

    def gift_aid_scope(self):
        declaration = self._declaration()
        return declaration.get_scope_display() if declaration else ""

    def gift_aid_declared_at(self):
        declaration = self._declaration()
        return declaration.declared_at if declaration else ""

    def gift_aid_wording_version(self):
        declaration = self._declaration()
        return declaration.wording_version if declaration else ""

    def set_status(self, status):
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

    def __str__(self):
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

    def __str__(self):
        return f"{self.first_name} {self.last_name}, {self.postcode} ({self.declared_at:%d/%m/%Y})"

    def delete(self, *args, **kwargs):
        raise ValidationError("Gift Aid declarations are kept for HMRC and cannot be deleted.")

    def donation_reference(self):
        return str(self.donation.reference)


class WebhookEvent(models.Model):
    """Every provider event we acted on, by its id: the same event sent twice is acted on once."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="giving_webhook_event_once")]

    def __str__(self):
        return f"{self.provider} {self.event_type} {self.event_id}"


class Subscriber(models.Model):
    """Someone who asked for the "Every Step" newsletter. Confirmed only through the emailed link."""

    PENDING, CONFIRMED, UNSUBSCRIBED = "pending", "confirmed", "unsubscribed"
    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=60, blank=True)
    status = models.CharField(
        max_length=12,
        choices=[(PENDING, "Waiting for confirmation"), (CONFIRMED, "Subscribed"), (UNSUBSCRIBED, "Unsubscribed")],
        default=PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("export_subscriber", "Can export newsletter subscribers")]

    def __str__(self):
        return self.email


class NewsletterConsent(models.Model):
    """One sign-up: the words the person agreed to, where, and when it was confirmed or withdrawn."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    wording_version = models.CharField(max_length=20)
    wording = models.TextField()
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    page_url = models.CharField(max_length=500, blank=True)
    signed_up_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-signed_up_at"]

    def __str__(self):
        return f"{self.subscriber} signed up {self.signed_up_at:%d/%m/%Y}"


class OutgoingEmail(models.Model):
    """An email to a donor or subscriber, stored before it is sent. A background task sends it;
    if that fails, `manage.py send_giving_emails` (cron) tries again."""

    RECEIPT, NEWSLETTER_CONFIRM, NEWSLETTER_WELCOME = "receipt", "newsletter_confirm", "newsletter_welcome"
    kind = models.CharField(max_length=30)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    donation = models.ForeignKey(Donation, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    subscriber = models.ForeignKey(Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    MAX_ATTEMPTS = 12

    class Meta:
        indexes = [models.Index(fields=["sent_at", "attempts"])]

    def __str__(self):
        return f"{self.kind} to {self.to}"

    def deliver(self):
        from django.core.mail import EmailMessage

        try:
            EmailMessage(subject=self.subject, body=self.body, to=[self.to], headers=self.headers or None).send()
        except Exception as error:  # SMTP, DNS, timeouts: all mean "try again later"
            self.attempts += 1
            self.last_error = f"{type(error).__name__}: {error}"[:2000]
            self.save(update_fields=["attempts", "last_error"])
            logger.warning("Giving email %s failed (attempt %s): %s", self.pk, self.attempts, self.last_error)
            return False
        self.attempts += 1
        self.sent_at = timezone.now()
        self.last_error = ""
        self.save(update_fields=["attempts", "sent_at", "last_error"])
        return True
