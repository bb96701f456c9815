"""Sign-ups are limited per email address and per IP address, in the shared cache."""

import pytest

from django.test import RequestFactory

from mrdinfo.newsletter.models import Subscriber
from mrdinfo.newsletter.ratelimits import over_limit

from .factories import sign_up_data

pytestmark = pytest.mark.django_db


def sign_up(client, email, ip):
    return client.post("/newsletter/sign-up/", sign_up_data(email=email, first_name=None), REMOTE_ADDR=ip)


def test_too_many_sign_ups_for_one_email_are_refused_and_not_stored(client, settings):
    settings.NEWSLETTER_RATE_LIMITS = {"newsletter-email": "2/h", "newsletter-ip": "100/h"}
    assert sign_up(client, "a@example.org", "10.0.0.1").status_code == 302
    assert sign_up(client, "A@example.org", "10.0.0.2").status_code == 302
    third = sign_up(client, "a@example.org", "10.0.0.3")
    assert third.status_code == 429 and "Please wait a while" in third.content.decode()
    assert Subscriber.objects.get().consents.count() == 2
    assert sign_up(client, "b@example.org", "10.0.0.3").status_code == 302  # others are not affected


def test_too_many_sign_ups_from_one_address_are_refused(client, settings):
    settings.NEWSLETTER_RATE_LIMITS = {"newsletter-email": "100/h", "newsletter-ip": "2/h"}
    assert sign_up(client, "a@example.org", "10.0.0.9").status_code == 302
    assert sign_up(client, "b@example.org", "10.0.0.9").status_code == 302
    assert sign_up(client, "c@example.org", "10.0.0.9").status_code == 429
    assert Subscriber.objects.count() == 2


def test_a_cache_that_cannot_count_lets_the_sign_up_through(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("mrdinfo.core.operations.ratelimits.get_usage", broken)
    assert over_limit(RequestFactory().post("/"), "newsletter-ip", "10.0.0.1") is False
