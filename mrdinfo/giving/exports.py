"""The Gift Aid claim export: one row per paid gift covered by a declaration, in the columns of
HMRC's Gift Aid schedule spreadsheet (Charities Online), ready to paste into it."""

import csv
import re
from io import StringIO

from django.db.models import F, Q
from django.utils import timezone

from mrdinfo.core.records.spreadsheets import neutralise_formula

from .models import DonationPayment, GiftAidDeclaration

CLAIM_COLUMNS = [
    "Title",
    "First name",
    "Last name",
    "House name or number",
    "Postcode",
    "Aggregated donations",
    "Sponsored event",
    "Donation date",
    "Amount",
]
HOUSE_NUMBER = re.compile(
    r"^\s*((?:flat|apartment|unit)\s+[\w-]+)|^\s*(\d+[a-z]?(?:\s*-\s*\d+[a-z]?)?)\b", re.IGNORECASE
)


def house_name_or_number(address_line):
    """HMRC wants the house name or number only: "12" from "12 High Street", "Rose Cottage"
    from "Rose Cottage, Mill Lane". At most 40 characters."""
    match = HOUSE_NUMBER.match(address_line or "")
    if match:
        return (match.group(1) or match.group(2)).strip()[:40]
    return (address_line or "").split(",")[0].strip()[:40]


def claimable_payments(start=None, end=None):
    """Paid, unrefunded payments on gifts with a declaration that was in force when they were paid."""
    payments = (
        DonationPayment.objects.filter(status=DonationPayment.PAID, donation__gift_aid=True)
        .filter(
            Q(donation__declaration__cancelled_at__isnull=True)
            | Q(received_at__lt=F("donation__declaration__cancelled_at"))
        )
        .select_related("donation__declaration")
        .order_by("received_at", "pk")
    )
    if start:
        payments = payments.filter(received_at__date__gte=start)
    if end:
        payments = payments.filter(received_at__date__lte=end)
    return payments


def claim_rows(payments):
    for payment in payments:
        declaration: GiftAidDeclaration = payment.donation.declaration
        yield [
            declaration.title[:4],  # HMRC's column takes 4 characters: Mr, Mrs, Miss, Ms, Dr, Mx
            declaration.first_name[:35],
            declaration.last_name[:35],
            declaration.house_name_or_number[:40],
            declaration.postcode,
            "",  # aggregated donations: we claim each gift on its own line
            "",  # sponsored event: not from this form
            timezone.localtime(payment.received_at).strftime("%d/%m/%y"),
            f"{payment.amount:.2f}",
        ]


def claim_csv(start=None, end=None):
    output = StringIO()
    writer = csv.writer(output)
    writer.writerow(CLAIM_COLUMNS)
    for row in claim_rows(claimable_payments(start, end)):
        writer.writerow([neutralise_formula(str(cell)) for cell in row])
    return output.getvalue()
