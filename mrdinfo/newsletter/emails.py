"""Queue stored emails (NewsletterEmail rows) as background tasks."""

import logging

logger = logging.getLogger(__name__)


def queue_email(email_id):
    from .tasks import send_newsletter_email

    try:
        send_newsletter_email.enqueue(email_id)
    except Exception:
        # The queue itself is down: the row is still there for `send_newsletter_emails` (cron).
        logger.exception("Could not queue newsletter email %s", email_id)


def emails_waiting() -> int:
    """Emails to subscribers that failed and will be tried again (not yet given up on)."""
    from .models import NewsletterEmail

    return NewsletterEmail.objects.filter(
        sent_at__isnull=True, attempts__gt=0, attempts__lt=NewsletterEmail.MAX_ATTEMPTS
    ).count()
