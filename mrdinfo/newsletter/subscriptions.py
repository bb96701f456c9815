"""The "Every Step" newsletter: double opt-in sign-up, signed links, one-click unsubscribe.

A sign-up and its consent are stored first; only then is the confirmation email queued. The
confirmation link is signed and expires (TimestampSigner); the unsubscribe link is signed and
does not expire, and every newsletter email carries RFC 8058 one-click unsubscribe headers."""

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

CONSENT_VERSION = "2026-11"
CONSENT_WORDING = (
    "Yes, please email me “Every Step”, the charity's newsletter, about once a month. It has stories "
    "from families, news about research and ways to help. I can unsubscribe at any time."
)
# The salts keep the names they had when the newsletter lived in giving: links already emailed
# (to confirm, and every unsubscribe link, which never expires) must go on working.
CONFIRM_SALT = "mrdinfo.giving.newsletter.confirm"
UNSUBSCRIBE_SALT = "mrdinfo.giving.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7  # a week: long enough for a busy parent, short enough to go stale


def confirmation_token(consent):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{consent.subscriber_id}.{consent.pk}")


def read_confirmation_token(token):
    """(subscriber id, consent id), or raise signing.BadSignature (forged) / SignatureExpired."""
    value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    subscriber_id, consent_id = (int(part) for part in value.split("."))
    return subscriber_id, consent_id


def unsubscribe_token(subscriber):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))


def read_unsubscribe_token(token):
    return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))


def unsubscribe_headers(unsubscribe_url):
    # RFC 2369 List-Unsubscribe, and RFC 8058: the mail client may POST to it in one click.
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def sign_up(email, first_name, page, page_url, base_url):
    """Store the sign-up, then queue the confirmation email. Returns the consent record."""
    from .emails import queue_email
    from .models import NewsletterConsent, NewsletterEmail, Subscriber

    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"first_name": first_name}
        )
        if not created and first_name and not subscriber.first_name:
            subscriber.first_name = first_name
            subscriber.save(update_fields=["first_name"])
        consent = NewsletterConsent.objects.create(
            subscriber=subscriber,
            wording_version=CONSENT_VERSION,
            wording=CONSENT_WORDING,
            page=page,
            page_url=page_url[:500],
        )
        if subscriber.status == Subscriber.CONFIRMED:
            # Already subscribed: no second confirmation needed, and no email that could be used
            # to pester someone who is already on the list.
            consent.confirmed_at = timezone.now()
            consent.save(update_fields=["confirmed_at"])
            return consent
        confirm_url = base_url + reverse("newsletter:confirm", args=[confirmation_token(consent)])
        unsubscribe_url = base_url + reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
        greeting = f"Hello {subscriber.first_name}," if subscriber.first_name else "Hello,"
        email_row = NewsletterEmail.objects.create(
            kind=NewsletterEmail.CONFIRM,
            to=subscriber.email,
            subscriber=subscriber,
            subject="Please confirm: “Every Step” newsletter",
            body=(
                f"{greeting}\n\n"
                "Someone, we hope you, asked for “Every Step”, our newsletter, to be sent to this address.\n\n"
                f"To say yes, open this link within 7 days:\n{confirm_url}\n\n"
                "If it was not you, ignore this email. We will not send you anything else.\n"
            ),
            headers=unsubscribe_headers(unsubscribe_url),
        )
    transaction.on_commit(lambda: queue_email(email_row.pk))
    return consent


def confirm(subscriber_id, consent_id, base_url):
    """Mark the sign-up confirmed and queue a welcome email. Returns the subscriber, or None."""
    from .emails import queue_email
    from .models import NewsletterConsent, NewsletterEmail, Subscriber

    with transaction.atomic():
        # Locked: a double-click's two presses confirm once (one welcome email), one after the other.
        consent = (
            NewsletterConsent.objects.select_for_update()
            .select_related("subscriber")
            .filter(pk=consent_id, subscriber_id=subscriber_id)
            .first()
        )
        if consent is None or consent.withdrawn_at is not None:
            # Withdrawn (the person unsubscribed after this sign-up): an old confirmation link must
            # never sign them up again. A new sign-up makes a new consent and a new link.
            return None
        subscriber = consent.subscriber
        now = timezone.now()
        if consent.confirmed_at is None:
            consent.confirmed_at = now
            consent.save(update_fields=["confirmed_at"])
        if subscriber.status == Subscriber.CONFIRMED:
            return subscriber
        subscriber.status = Subscriber.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        unsubscribe_url = base_url + reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])
        email_row = NewsletterEmail.objects.create(
            kind=NewsletterEmail.WELCOME,
            to=subscriber.email,
            subscriber=subscriber,
            subject="Welcome to “Every Step”",
            body=(
                "Thank you for signing up. “Every Step” will arrive about once a month.\n\n"
                f"To stop it at any time, open this link:\n{unsubscribe_url}\n"
            ),
            headers=unsubscribe_headers(unsubscribe_url),
        )
    transaction.on_commit(lambda: queue_email(email_row.pk))
    return subscriber


def unsubscribe(subscriber_id):
    from .models import Subscriber

    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:
            return None
        if subscriber.status != Subscriber.UNSUBSCRIBED:
            now = timezone.now()
            subscriber.status = Subscriber.UNSUBSCRIBED
            subscriber.unsubscribed_at = now
            subscriber.save(update_fields=["status", "unsubscribed_at"])
            subscriber.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        return subscriber
