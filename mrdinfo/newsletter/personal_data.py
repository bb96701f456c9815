"""What the newsletter keeps about a person, for the register (core/records/personal_data.py):
subscribers with their consents, and the emails sent about a sign-up. A sign-up is never deleted
on erasure or pruning: it is emptied and marked withdrawn, so the record of consent stays."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from mrdinfo.core.records.personal_data import Period, PersonalData, fields_of, register

SUBSCRIBER_FIELDS = ("email", "first_name")
CONSENT_FIELDS = ("wording_version", "wording", "page_url", "signed_up_at", "confirmed_at", "withdrawn_at")
EMAIL_FIELDS = ("to", "subject", "body", "headers")


def erase_subscribers(subscribers: list[Any]) -> int:
    from .models import NewsletterConsent, NewsletterEmail, Subscriber

    now = timezone.now()
    with transaction.atomic():
        for subscriber in subscribers:
            NewsletterConsent.objects.filter(subscriber=subscriber, withdrawn_at__isnull=True).update(withdrawn_at=now)
            NewsletterEmail.objects.filter(subscriber=subscriber).delete()
            subscriber.email = f"erased-{subscriber.pk}@invalid"
            subscriber.first_name = ""
            subscriber.status = Subscriber.UNSUBSCRIBED
            subscriber.unsubscribed_at = subscriber.unsubscribed_at or now
            subscriber.save()
    return len(subscribers)


def export_subscriber(subscriber: Any) -> dict[str, Any]:
    data = fields_of(subscriber, SUBSCRIBER_FIELDS + ("status", "created_at", "confirmed_at", "unsubscribed_at"))
    data["consents"] = [fields_of(consent, CONSENT_FIELDS) for consent in subscriber.consents.all()]
    return data


def register_personal_data() -> None:
    from .models import NewsletterEmail, Subscriber

    def prune_subscribers(cutoff: datetime) -> int:
        left = Q(status=Subscriber.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
        never_confirmed = Q(status=Subscriber.PENDING, created_at__lt=cutoff)
        return erase_subscribers(
            list(Subscriber.objects.filter(left | never_confirmed).exclude(email__endswith="@invalid"))
        )

    def prune_emails(cutoff: datetime) -> int:
        due = NewsletterEmail.objects.annotate(since=Coalesce("sent_at", "created_at")).filter(since__lt=cutoff)
        return due.delete()[0]

    register(
        PersonalData(
            key="newsletter",
            what="“Every Step” newsletter sign-ups",
            holds="Your email address and first name, the words you agreed to, the page you used, and "
            "when you signed up, confirmed or left",
            lawful_basis="Consent",
            kept_while="While you stay subscribed",
            period=Period(12, "months", "you unsubscribe, or after a sign-up you never confirmed"),
            on_erasure="Email address and name removed; the sign-up is marked withdrawn",
            fields={"newsletter.Subscriber": SUBSCRIBER_FIELDS, "newsletter.NewsletterConsent": CONSENT_FIELDS},
            find=lambda email: list(Subscriber.objects.filter(email__iexact=email.strip())),
            erase=erase_subscribers,
            export=export_subscriber,
            prune=prune_subscribers,
            order=60,
        )
    )
    register(
        PersonalData(
            key="newsletter-emails",
            what="Emails we send you about the newsletter (confirming your sign-up, welcome)",
            holds="Your email address and the email's text, which can include your first name",
            lawful_basis="The same as the sign-up the email is about",
            period=Period(3, "months", "it was sent"),
            on_erasure="Deleted",
            fields={"newsletter.NewsletterEmail": EMAIL_FIELDS},
            find=lambda email: list(
                NewsletterEmail.objects.filter(Q(to__iexact=email.strip()) | Q(subscriber__email__iexact=email.strip()))
            ),
            erase=lambda emails: NewsletterEmail.objects.filter(pk__in=[e.pk for e in emails]).delete()[0],
            export=lambda email: fields_of(email, ("kind", *EMAIL_FIELDS, "created_at", "sent_at")),
            prune=prune_emails,
            order=65,
        )
    )
