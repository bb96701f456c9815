"""Subscribers, their consents and the emails about them (factory_boy, see
mrdinfo/testing/factories.py), and the answers a real person sends, for the newsletter tests."""

import time

import factory

from django.core import signing

from mrdinfo.forms.spam import SALT
from mrdinfo.newsletter.models import NewsletterConsent, NewsletterEmail, Subscriber
from mrdinfo.newsletter.subscriptions import CONSENT_VERSION, CONSENT_WORDING


class SubscriberFactory(factory.django.DjangoModelFactory):
    """Someone who signed up and has not confirmed yet (pass status=Subscriber.CONFIRMED…)."""

    class Meta:
        model = Subscriber
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    first_name = "Ama"


class NewsletterConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterConsent

    subscriber = factory.SubFactory(SubscriberFactory)
    wording_version = CONSENT_VERSION
    wording = CONSENT_WORDING
    page_url = "/newsletter/sign-up/"


class NewsletterEmailFactory(factory.django.DjangoModelFactory):
    """A confirmation email as stored before it is sent (not sent yet)."""

    class Meta:
        model = NewsletterEmail

    subscriber = factory.SubFactory(SubscriberFactory)
    kind = NewsletterEmail.CONFIRM
    to = factory.LazyAttribute(lambda email: email.subscriber.email)
    subject = "Please confirm: “Every Step” newsletter"
    body = "To say yes, open this link within 7 days."


def started(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=SALT)


def sign_up_data(**overrides):
    """What a person sends from the sign-up form (None leaves a field out)."""
    data = {"email": "Parent@Example.org", "first_name": "Ama", "consent": "on", "website": ""}
    data["form_started"] = started()
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
