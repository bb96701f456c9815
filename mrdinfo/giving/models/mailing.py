"""Every email about a gift (the donor's receipt): stored as a row before it is a message, so a
mail server that is down loses nothing. (The newsletter's emails are the newsletter app's own.)"""

from django.db import models
from django.utils import timezone

from mrdinfo.core.operations.outbox import StoredEmail, send_and_record

from .donations import Donation


class OutgoingEmail(StoredEmail):
    """An email to a donor, stored before it is sent. A background task sends it; if that fails,
    `manage.py send_giving_emails` (cron) tries again."""

    RECEIPT = "receipt"
    kind = models.CharField(max_length=30)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    donation = models.ForeignKey(Donation, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.kind} to {self.to}"

    def deliver(self) -> bool:
        from django.core.mail import EmailMessage

        return send_and_record(
            self,
            lambda: EmailMessage(subject=self.subject, body=self.body, to=[self.to], headers=self.headers or None),
            f"Giving email {self.pk}",
        )
