"""Every email about a gift (the donor's receipt): stored as a row before it is a message, so a
mail server that is down loses nothing. (The newsletter's emails are the newsletter app's own.)"""

from django.db import models

from mrdinfo.core.operations.outbox import StoredMessage

from .donations import Donation


class OutgoingEmail(StoredMessage):
    """An email to a donor, stored before it is sent. A background task sends it; if that fails,
    `manage.py send_giving_emails` (cron) tries again."""

    RECEIPT = "receipt"
    DESCRIPTION = "Giving email"
    donation = models.ForeignKey(Donation, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
