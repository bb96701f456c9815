"""Queue stored emails (OutgoingEmail rows) as background tasks, and write the donor's receipt."""

import logging

from django.db import transaction

from .validation import format_pounds

logger = logging.getLogger(__name__)


def queue_email(email_id):
    from .tasks import send_giving_email

    try:
        send_giving_email.enqueue(email_id)
    except Exception:
        # The queue itself is down: the row is still there for `send_giving_emails` (cron).
        logger.exception("Could not queue giving email %s", email_id)


def queue_receipt(donation):
    """Thank the donor by email once the provider says the money arrived (once per donation)."""
    from .models import OutgoingEmail

    if donation.erased_at or donation.emails.filter(kind=OutgoingEmail.RECEIPT).exists():
        return None
    charity = _charity_name(donation)
    how = "each month" if donation.is_monthly else "today"
    gift_aid = (
        "You asked us to claim Gift Aid, which adds 25p to every £1 you give at no cost to you.\n\n"
        if donation.gift_aid
        else ""
    )
    email_row = OutgoingEmail.objects.create(
        kind=OutgoingEmail.RECEIPT,
        to=donation.email,
        donation=donation,
        subject=f"Thank you for your gift to {charity}",
        body=(
            f"Dear {donation.first_name},\n\n"
            f"Thank you for giving {format_pounds(donation.amount)} {how} to {charity}.\n\n"
            f"{gift_aid}"
            f"Your reference is {donation.reference}.\n"
        ),
    )
    transaction.on_commit(lambda: queue_email(email_row.pk))
    return email_row


def _charity_name(donation):
    from mrdinfo.core.models import SiteSettings

    site = donation.page.get_site() if donation.page_id else None
    if site is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
    name = SiteSettings.for_site(site).charity_name if site else ""
    return name or "the charity"
