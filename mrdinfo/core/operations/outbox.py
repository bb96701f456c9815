"""Emails that are stored before they are sent (staff notifications of form answers, donors'
receipts, newsletter confirmations): one way to send one and record how it went.

A model that uses it has `sent_at`, `attempts` and `last_error` fields. Any failure (SMTP, DNS,
a timeout under EMAIL_TIMEOUT, a page deleted since) counts as an attempt and is kept with its
reason, so the retry command (cron) can try again later and staff can see why it has not gone."""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.mail import EmailMessage
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)


class StoredEmail(models.Model):
    """What an email stored before it is sent records about its sending (see send_and_record)."""

    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    MAX_ATTEMPTS = 12  # the retry command gives up after this many

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["sent_at", "attempts"])]

    @classmethod
    def waiting(cls) -> "models.QuerySet[Any]":
        """Not sent yet, and not given up on: what the retry command tries again."""
        return cls._default_manager.filter(sent_at__isnull=True, attempts__lt=cls.MAX_ATTEMPTS)


class StoredMessage(StoredEmail):
    """A plain email written when it is stored (a receipt, a newsletter confirmation): its kind,
    address, words and headers, sent as they are. `DESCRIPTION` names it in the log."""

    DESCRIPTION = "Email"
    kind = models.CharField(max_length=30)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(StoredEmail.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.kind} to {self.to}"

    def deliver(self) -> bool:
        return send_and_record(
            self,
            lambda: EmailMessage(subject=self.subject, body=self.body, to=[self.to], headers=self.headers or None),
            f"{self.DESCRIPTION} {self.pk}",
        )


def send_and_record(record: Any, build_message: Callable[[], EmailMessage], description: str) -> bool:
    """Send `build_message()` (an EmailMessage) and record the attempt on `record`.
    Returns True once sent, False after a failure (logged, and kept on the record)."""
    record.attempts += 1
    try:
        build_message().send()
    except Exception as error:  # noqa: BLE001  every failure means "try again later"
        record.last_error = f"{type(error).__name__}: {error}"[:2000]
        record.save(update_fields=["attempts", "last_error"])
        logger.warning("%s failed (attempt %s): %s", description, record.attempts, record.last_error)
        return False
    record.sent_at = timezone.now()
    record.last_error = ""
    record.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def retry(waiting: Iterable[Any]) -> str:
    """Try each stored email again (each app's retry command, run from cron): the line it logs."""
    sent = failed = 0
    for record in waiting:
        if record.deliver():
            sent += 1
        else:
            failed += 1
    return f"{sent} sent, {failed} failed and will be tried again."
