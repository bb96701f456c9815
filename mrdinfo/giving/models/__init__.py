"""Giving: appeal pages, donations, Gift Aid declarations and the emails about them (the "Every
Step" newsletter is the newsletter app's).

Storage first, everywhere: a donation (pending) and its declaration are saved before the donor
is sent to pay; every email is a row here before it is a message, so a mail server that is down
loses nothing (see OutgoingEmail)."""

from .donations import (
    FREQUENCY_CHOICES,
    MONTHLY,
    ONE_OFF,
    Donation,
    DonationPayment,
    GiftAidDeclaration,
    NoDeleteQuerySet,
    WebhookEvent,
)
from .mailing import OutgoingEmail
from .pages import DonatePage, DonationAmount, GivingPage, GivingStreamBlock

__all__ = [
    "FREQUENCY_CHOICES",
    "MONTHLY",
    "ONE_OFF",
    "DonatePage",
    "Donation",
    "DonationAmount",
    "DonationPayment",
    "GiftAidDeclaration",
    "GivingPage",
    "GivingStreamBlock",
    "NoDeleteQuerySet",
    "OutgoingEmail",
    "WebhookEvent",
]
