"""Stands in for an SMTP server that is down: every send raises, as smtplib would."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail.example.org: service not available")
