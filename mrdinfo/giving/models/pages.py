"""The giving pages: the donate page (its steps are views.py's, routed here) and appeal pages,
with the suggested amounts editors set."""

from decimal import Decimal
from typing import Any
from uuid import UUID

from modelcluster.fields import ParentalKey

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from mrdinfo.core.pages.headings import collect_headings
from mrdinfo.newsletter.blocks import NewsletterSignupBlock

from ..validation import format_pounds
from .donations import FREQUENCY_CHOICES, ONE_OFF


class GivingStreamBlock(BaseStreamBlock):
    newsletter = NewsletterSignupBlock()  # the newsletter's block (an allowed import: pyproject.toml)


# The thank-you page's newsletter sign-up, in words for someone who has just given.
THANK_YOU_SIGN_UP = {
    "heading": "Follow what your gift does",
    "text": "“Every Step”, our newsletter, has stories from families and news about research. "
    "It comes once a month by email.",
}


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

    def clean(self) -> None:
        super().clean()
        if self.minimum_amount and self.maximum_amount and self.minimum_amount >= self.maximum_amount:
            raise ValidationError({"maximum_amount": "The largest amount must be more than the smallest."})

    # The journey's steps (views.py). Amounts are read once per request, not once per use.
    def _with_amounts(self) -> "DonatePage":
        self._amounts_cache = list(self.amounts.all())
        return self

    @path("")
    def donate(self, request: HttpRequest) -> HttpResponse:
        from ..views import amount_step

        return amount_step(self._with_amounts(), request)

    @path("details/")
    def details(self, request: HttpRequest) -> HttpResponse:
        from ..views import details_step

        return details_step(self._with_amounts(), request)

    @path("pay/<uuid:reference>/", name="pay")
    def pay(self, request: HttpRequest, reference: UUID) -> HttpResponse:
        from ..views import retry_payment

        return retry_payment(self, request, reference)

    @path("test-payment/<uuid:reference>/", name="test_payment")
    def test_payment(self, request: HttpRequest, reference: UUID) -> HttpResponse:
        from ..views import test_payment

        return test_payment(self, request, reference)

    @path("thank-you/<uuid:reference>/", name="thank_you")
    def thank_you(self, request: HttpRequest, reference: UUID) -> HttpResponse:
        from ..views import thank_you

        return thank_you(self, request, reference)

    def thank_you_sign_up(self) -> Any:
        """The newsletter sign-up this page's body offers (GivingStreamBlock), for the thank-you page
        ({% include_block %} renders it with the page's request, so with its own CSRF token)."""
        block = GivingStreamBlock.base_blocks["newsletter"]
        return block.bind(block.to_python(THANK_YOU_SIGN_UP))

    def frequencies(self) -> list[tuple[str, str]]:
        return FREQUENCY_CHOICES if self.allow_monthly else FREQUENCY_CHOICES[:1]

    def suggested_amounts(self, frequency: str) -> list["DonationAmount"]:
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

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
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

    def __str__(self) -> str:
        return f"{format_pounds(self.amount)} ({self.get_frequency_display()})"

    @property
    def display(self) -> str:
        return format_pounds(self.amount)

    @property
    def value(self) -> str:
        """The amount as it goes into the form: 25, or 25.50."""
        return format_pounds(self.amount).removeprefix("£").replace(",", "")
