"""The "Every Step" newsletter's subscribers, their consent, and the emails about a sign-up:
stored as a row before it is a message, so a mail server that is down loses nothing.

The subscriber and consent tables began in giving (giving_subscriber, giving_newsletterconsent);
newsletter/migrations/0001-0002 took them over with their rows, and their permissions with them."""

from django.db import models
from django.utils import timezone

from mrdinfo.core.operations.outbox import StoredMessage


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

    def __str__(self) -> str:
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

    def __str__(self) -> str:
        return f"{self.subscriber} signed up {self.signed_up_at:%d/%m/%Y}"


class NewsletterEmail(StoredMessage):
    """An email to a subscriber (the confirmation link, the welcome), stored before it is sent. A
    background task sends it; if that fails, `manage.py send_newsletter_emails` (cron) tries again."""

    CONFIRM, WELCOME = "newsletter_confirm", "newsletter_welcome"
    DESCRIPTION = "Newsletter email"
    subscriber = models.ForeignKey(Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
