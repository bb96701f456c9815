"""Rate limits per IP and per email, counted in the shared cache so they hold across processes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.test import RequestFactory

from mrdinfo.giving.models import Donation
from mrdinfo.giving.ratelimits import over_limit

from .factories import DonatePageFactory, details_data, details_url

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_too_many_tries_from_one_address_are_refused(client, settings, page_tree):
    settings.GIVING_RATE_LIMITS = {"donation-ip": "2/h", "donation-email": "100/h"}
    donate = DonatePageFactory(parent=page_tree["home"])
    for number in range(2):
        response = client.post(
            details_url(donate), details_data(email=f"d{number}@example.org"), REMOTE_ADDR="10.1.1.1"
        )
        assert response.status_code == 302
    response = client.post(details_url(donate), details_data(email="d9@example.org"), REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert Donation.objects.count() == 2
    other = client.post(details_url(donate), details_data(email="d9@example.org"), REMOTE_ADDR="10.1.1.2")
    assert other.status_code == 302


COUNTING_SCRIPT = """
import sys
import django
django.setup()
from django.test import RequestFactory, override_settings
from mrdinfo.giving.ratelimits import over_limit
with override_settings(GIVING_RATE_LIMITS={"donation-email": "5/h"}):
    request = RequestFactory().post("/")
    allowed = sum(not over_limit(request, "donation-email", "shared@example.org") for _ in range(4))
print(allowed)
"""


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL: the limit is shared through Redis")
def test_the_limit_holds_across_two_processes_sharing_redis(settings):
    """Two separate Python processes (as two gunicorn workers would be) each try four times
    against a limit of five: five tries in all get through, not eight."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "mrdinfo.settings.test"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTING_SCRIPT], cwd=ROOT, env=environment, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    allowed = [int(process.communicate(timeout=120)[0].strip().splitlines()[-1]) for process in processes]
    assert all(process.returncode == 0 for process in processes)
    assert sum(allowed) == 5, allowed
    # This process sees the same count: the next try is refused here too.
    settings.GIVING_RATE_LIMITS = {"donation-email": "5/h"}
    assert over_limit(RequestFactory().post("/"), "donation-email", "shared@example.org") is True


def test_a_cache_that_cannot_count_lets_the_gift_through(settings, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("mrdinfo.core.operations.ratelimits.get_usage", broken)
    assert over_limit(RequestFactory().post("/"), "donation-ip", "10.0.0.1") is False
