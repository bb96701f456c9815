"""The fundraiser's dashboard panel: money received this month and this year (one-off, monthly,
total), Gift Aid claimable on it, monthly donors gained and lost, failed payments and donor
emails waiting to be retried, and a twelve-month chart; and other apps' figures for the same
periods (the newsletter's sign-ups and unsubscribes).

Money counts only what the payment provider reported as received (DonationPayment, paid), in UK
time; a pending or failed gift is not money. Each figure links to the list behind it.

Other apps add their figures without giving importing them: a function registered with the
Wagtail hook "register_fundraising_figures" returns {"rows": [(label, link, count), ...],
"emails_waiting": n}, where count(start, end) is the row's figure for a period and n the app's
emails to supporters that failed and will be tried again."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import MONTHLY, ONE_OFF, Donation, DonationPayment, OutgoingEmail

GIFT_AID_RATE = Decimal("0.25")  # HMRC adds 25p for every £1 given with a valid declaration
CHART_MONTHS = 12
CHART_WIDTH, CHART_HEIGHT, CHART_TOP = 480, 160, 20
FIGURES_HOOK = "register_fundraising_figures"


def pounds_and_pence(amount: Decimal | None) -> str:
    """£25.00, £1,250.50: money in staff lists and totals, always with pence."""
    return f"£{Decimal(amount or 0):,.2f}"


def month_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, 1))


def next_month(start: datetime.datetime) -> datetime.datetime:
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return timezone.make_aware(datetime.datetime(year, month, 1))


@dataclass
class Period:
    label: str
    start: datetime.datetime
    end: datetime.datetime

    def payments(self) -> QuerySet[DonationPayment]:
        return DonationPayment.objects.filter(
            status=DonationPayment.PAID, received_at__gte=self.start, received_at__lt=self.end
        )

    def figures(self) -> dict[str, Any]:
        payments = self.payments()
        one_off = payments.filter(donation__frequency=ONE_OFF).aggregate(total=Sum("amount"))["total"] or Decimal(0)
        monthly = payments.filter(donation__frequency=MONTHLY).aggregate(total=Sum("amount"))["total"] or Decimal(0)
        with_gift_aid = payments.filter(donation__gift_aid=True).filter(
            Q(donation__declaration__cancelled_at__isnull=True) | Q(donation__declaration__cancelled_at__gt=self.end)
        )
        gift_aided = with_gift_aid.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        in_period = {"status_changed_at__gte": self.start, "status_changed_at__lt": self.end}
        return {
            "label": self.label,
            "one_off": pounds_and_pence(one_off),
            "monthly": pounds_and_pence(monthly),
            "total": pounds_and_pence(one_off + monthly),
            "gift_aid": pounds_and_pence((gift_aided * GIFT_AID_RATE).quantize(Decimal("0.01"))),
            "gift_aided": pounds_and_pence(gift_aided),
            "new_monthly": Donation.objects.filter(
                frequency=MONTHLY, paid_at__gte=self.start, paid_at__lt=self.end
            ).count(),
            "cancelled_monthly": Donation.objects.filter(
                frequency=MONTHLY, status=Donation.CANCELLED, **in_period
            ).count(),
            "failed": Donation.objects.filter(status=Donation.FAILED, **in_period).count(),
        }


def periods(today: datetime.date) -> list[Period]:
    this_month = month_start(today)
    this_year = timezone.make_aware(datetime.datetime(today.year, 1, 1))
    return [
        Period(f"{today:%B %Y}", this_month, next_month(this_month)),
        Period(f"{today.year} so far", this_year, next_month(this_month)),
    ]


def emails_waiting() -> int:
    """Donor emails that failed and will be tried again (not yet given up on)."""
    return OutgoingEmail.objects.filter(
        sent_at__isnull=True, attempts__gt=0, attempts__lt=OutgoingEmail.MAX_ATTEMPTS
    ).count()


def other_figures(periods: list[Period]) -> tuple[list[dict[str, Any]], int]:
    """Other apps' rows (their figure for each period) and their emails waiting to be retried."""
    rows, waiting = [], 0
    for figures in hooks.get_hooks(FIGURES_HOOK):
        contribution = figures()
        waiting += contribution.get("emails_waiting", 0)
        for label, link, count in contribution.get("rows", []):
            values = [count(period.start, period.end) for period in periods]
            rows.append({"label": label, "link": link, "values": values})
    return rows, waiting


def chart(today: datetime.date) -> dict[str, Any]:
    """Money received in each of the last twelve months, as bars for an inline SVG."""
    start = month_start(today)
    months = []
    for _ in range(CHART_MONTHS):
        months.append(start)
        start = month_start((start - datetime.timedelta(days=1)).date())
    months.reverse()
    totals = [
        Period("", month, next_month(month)).payments().aggregate(total=Sum("amount"))["total"] or Decimal(0)
        for month in months
    ]
    highest = max(totals) or Decimal(1)
    slot = CHART_WIDTH / CHART_MONTHS
    bars = []
    for index, (month, total) in enumerate(zip(months, totals, strict=True)):
        height = float(total / highest) * (CHART_HEIGHT - CHART_TOP)
        bars.append(
            {
                "x": round(index * slot + 4, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "width": round(slot - 8, 1),
                "height": round(height, 1),
                "label": f"{month:%b}",
                "label_x": round(index * slot + slot / 2, 1),
                "title": f"{month:%B %Y}: {pounds_and_pence(total)}",
            }
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT, "label_y": CHART_HEIGHT + 16}


class GivingPanel(Component):
    """Dashboard: the fundraiser's figures (users who may see donations)."""

    name = "giving_figures"
    template_name = "giving/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        donations = reverse("donations:index")
        shown = periods(today)
        rows, waiting_elsewhere = other_figures(shown)
        context.update(
            periods=[period.figures() for period in shown],
            other_rows=rows,
            emails_waiting=emails_waiting() + waiting_elsewhere,
            chart=chart(today),
            links={
                "donations": donations,
                "one_off": f"{donations}?frequency={ONE_OFF}&status={Donation.PAID}",
                "monthly": f"{donations}?frequency={MONTHLY}&status={Donation.PAID}",
                "cancelled": f"{donations}?status={Donation.CANCELLED}",
                "failed": f"{donations}?status={Donation.FAILED}",
                "gift_aid": reverse("giving_gift_aid_claim"),
            },
        )
        return context
